import { useEffect } from 'react'
import { useSession } from '../stores/session'
import { fontScaleClass, suggestsElderMode, systemFontScale } from '../lib/font-scale'
import { applyRootClasses } from '../lib/root-class'

/**
 * Mini-program pages share no root element, so each page root carries the large-text class itself.
 * The CSS variables of client/styles/tokens.scss, defined on `.page.elder` and `.page.font-scale-NN`, then scale every
 * font and tap target below it. WeChat's own font setting turns 大字模式 on until the person chooses themselves.
 */
export function usePageClass(extra?: string): string {
  const elder = useSession((s) => s.elderMode)
  const factor = systemFontScale()
  useEffect(() => {
    if (suggestsElderMode(factor)) useSession.getState().suggestElderMode(true)
  }, [factor])
  useEffect(() => {
    applyRootClasses(elder)
  }, [elder])
  return ['page', elder ? 'elder' : '', fontScaleClass(factor), extra ?? ''].filter(Boolean).join(' ')
}
