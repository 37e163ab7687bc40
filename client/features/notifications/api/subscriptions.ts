import { get, post } from '../../../lib/request'

export const fetchTemplates = () => get<Record<string, string>>('/api/notifications/templates')
export const saveSubscriptions = (accepted: string[]) =>
  post<{ ok: true }>('/api/notifications/subscriptions', { accepted }, { idempotent: true })

export interface GrantRow {
  purpose: string
  templateId: string
  /** subscribe messages this user may still receive for the purpose (one per accept) */
  remaining: number
}
export const fetchGrants = () => get<{ items: GrantRow[] }>('/api/notifications/subscriptions')
