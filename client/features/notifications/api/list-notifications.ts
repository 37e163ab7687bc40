import { get } from '../../../lib/request'
import type { NotificationPage } from '../types'

export const listNotifications = (cursor?: string | null) => get<NotificationPage>('/api/notifications', { query: { cursor } })
