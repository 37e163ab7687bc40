import { useSession } from '../stores/session'

/**
 * Mini-program pages share no root element, so each page root carries the large-text class itself.
 * CSS variables defined on `.page.elder` then scale every font below it.
 */
export function usePageClass(extra?: string): string {
  const elder = useSession((s) => s.elderMode)
  return ['page', elder ? 'elder' : '', extra ?? ''].filter(Boolean).join(' ')
}
