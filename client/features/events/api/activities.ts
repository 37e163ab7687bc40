import type { ActivityAction, ActivityType } from '@linli/domain'
import type { ActionInput } from '../../../components/ActionBar'
import { apiUrl, get, post, request } from '../../../lib/request'
import { withQuery } from '../../../lib/routes'
import type { ActivityDetail, ActivityPage } from '../types'

export interface ListFilter {
  type?: ActivityType | null
  open?: boolean
  manage?: boolean
}

export const fetchActivities = (filter: ListFilter, cursor: string | null) =>
  get<ActivityPage>(withQuery('/api/events', { type: filter.type, open: filter.open ? 1 : null, manage: filter.manage ? 1 : null, cursor }))

export const fetchActivity = (id: number | string) => get<ActivityDetail>(`/api/events/${id}`)

export const createActivity = (body: Record<string, unknown>) => post<ActivityDetail>('/api/events', body)
export const updateActivity = (id: number | string, body: Record<string, unknown>) =>
  request<ActivityDetail>(`/api/events/${id}`, { method: 'PATCH', data: body })

/** 发布 / 取消活动 (with its reason as `note`); the answer is the activity as its staff now see it. */
export const actOnActivity = (id: number | string, action: ActivityAction, input: ActionInput = {}) =>
  post<ActivityDetail>(`/api/activities/${id}/actions/${action}`, input)

export const activityIcsUrl = (id: number | string) => apiUrl(`/api/events/${id}/calendar.ics`)

/**
 * The printable check-in code (staff). An <Image> cannot send the login header, and the login never goes in a URL:
 * the server hands out a signed address that works for minutes (a retry asks for a fresh one).
 */
export const checkinQrcodeUrl = async (id: number | string): Promise<string> =>
  apiUrl((await get<{ url: string; expiresAt: string }>(`/api/events/${id}/qrcode-url`)).url)
