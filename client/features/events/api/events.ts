import type { ActivityType, Answers } from '@linli/domain'
import { apiUrl, get, post, request } from '../../../lib/request'
import { withQuery } from '../../../lib/routes'
import type { ActivityCard, ActivityDetail, Attendee, CheckinResult, Counts, MySignup, Page } from '../types'

export interface ListFilter {
  type?: ActivityType | null
  open?: boolean
  manage?: boolean
}

export const fetchActivities = (filter: ListFilter, cursor: string | null) =>
  get<Page<ActivityCard>>(withQuery('/api/events', { type: filter.type, open: filter.open ? 1 : null, manage: filter.manage ? 1 : null, cursor }))

export const fetchActivity = (id: number | string) => get<ActivityDetail>(`/api/events/${id}`)

/** One key per tap on 报名, reused by the request layer's retry, so a flaky network never signs up twice. */
export const signUp = (id: number | string, answers: Answers) =>
  post<MySignup>(`/api/events/${id}/signups`, { answers }, { idempotent: true })

// Body-less actions still send `{}`: on H5 a POST with content-type application/json and no body is refused by the
// server's JSON parser (400), so the button would silently fail in the browser.
export const cancelSignup = (signupId: string) => post<MySignup>(`/api/events/signups/${signupId}/cancel`, {})
export const declineSignup = (signupId: string) => post<MySignup>(`/api/events/signups/${signupId}/decline`, {})
export const checkoutSelf = (signupId: string) => post<CheckinResult>(`/api/events/signups/${signupId}/checkout`, {})

export const fetchMine = (cursor: string | null) =>
  get<Page<{ signup: MySignup; activity: ActivityCard }>>(withQuery('/api/events/mine', { cursor }))

export const fetchMyCode = () => get<{ code: string; qr: string }>('/api/events/me/code')
export const fetchCalendarLinks = () => get<{ feedUrl: string }>('/api/events/me/calendar')
export const activityIcsUrl = (id: number | string) => apiUrl(`/api/events/${id}/calendar.ics`)

export const checkinByScene = (scene: string) => post<CheckinResult>('/api/events/checkin/scene', { scene })
export const checkinByCode = (id: number | string, code: string) => post<CheckinResult>(`/api/events/${id}/checkin/code`, { code })
export const checkoutByCode = (id: number | string, code: string) => post<CheckinResult>(`/api/events/${id}/checkout/code`, { code })

export const fetchCounts = (id: number | string) => get<Counts>(`/api/events/${id}/counts`)
export const fetchAttendees = (id: number | string, cursor: string | null) =>
  get<Page<Attendee> & { phonesMasked: boolean }>(withQuery(`/api/events/${id}/attendees`, { cursor }))
export const exportUrl = (id: number | string, token: string) => apiUrl(`/api/events/${id}/attendees.xlsx`, { token })
/** The printable check-in code (staff); an <Image> cannot send headers, so the token rides in the query. */
export const checkinQrcodeUrl = (id: number | string, token: string | null) => apiUrl(`/api/events/${id}/qrcode.png`, { token })

export const createActivity = (body: Record<string, unknown>) => post<ActivityDetail>('/api/events', body)
export const updateActivity = (id: number | string, body: Record<string, unknown>) =>
  request<ActivityDetail>(`/api/events/${id}`, { method: 'PATCH', data: body })
export const publishActivity = (id: number | string) => post<ActivityDetail>(`/api/events/${id}/publish`, {})
export const cancelActivity = (id: number | string, reason: string) => post<ActivityDetail>(`/api/events/${id}/cancel`, { reason })
