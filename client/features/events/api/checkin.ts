import { get, post } from '../../../lib/request'
import type { CalendarLinks, CheckinResult, MyCheckinCode } from '../types'

/** The attendee scanned the activity's code at the venue. */
export const checkinByScene = (scene: string) => post<CheckinResult>('/api/events/checkin/scene', { scene })

/** Staff scanned an attendee's 我的签到码. */
export const checkinByCode = (activityId: number | string, code: string) => post<CheckinResult>(`/api/events/${activityId}/checkin/code`, { code })
export const checkoutByCode = (activityId: number | string, code: string) => post<CheckinResult>(`/api/events/${activityId}/checkout/code`, { code })

export const fetchMyCode = () => get<MyCheckinCode>('/api/events/me/code')
export const fetchCalendarLinks = () => get<CalendarLinks>('/api/events/me/calendar')
