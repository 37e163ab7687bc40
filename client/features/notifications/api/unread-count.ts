import { get } from '../../../lib/request'

export const fetchUnreadCount = () => get<{ count: number }>('/api/notifications/unread-count')
