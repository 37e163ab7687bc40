import { post } from '../../../lib/request'

export const markNotificationRead = (id: number) => post<{ ok: true }>(`/api/notifications/${id}/read`, undefined, { idempotent: true })
