import { get } from '../../../lib/request'
import { withQuery } from '../../../lib/routes'
import type { ActivityCounts, AttendeePage } from '../types'

export const fetchCounts = (activityId: number | string) => get<ActivityCounts>(`/api/events/${activityId}/counts`)
export const fetchAttendees = (activityId: number | string, cursor: string | null) => get<AttendeePage>(withQuery(`/api/events/${activityId}/attendees`, { cursor }))
/** The attendee XLSX's path; `platform/export` downloads it with the Authorization header (no token in the URL). */
export const exportPath = (activityId: number | string) => `/api/events/${activityId}/attendees.xlsx`
