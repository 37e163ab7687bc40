import { get, post } from '../../../lib/request'

export const fetchTemplates = () => get<Record<string, string>>('/api/notifications/templates')
export const saveSubscriptions = (accepted: string[]) =>
  post<{ ok: true }>('/api/notifications/subscriptions', { accepted }, { idempotent: true })
