import { apiUrl, get } from '../../../lib/request'
import { withQuery } from '../../../lib/routes'
import type { ActivityCounts, AttendeePage } from '../types'

export const fetchCounts = (activityId: number | string) => get<ActivityCounts>(`/api/events/${activityId}/counts`)
export const fetchAttendees = (activityId: number | string, cursor: string | null) => get<AttendeePage>(withQuery(`/api/events/${activityId}/attendees`, { cursor }))
/** A download cannot send headers either: the token rides in the query. */
export const exportUrl = (activityId: number | string, token: string) => apiUrl(`/api/events/${activityId}/attendees.xlsx`, { token })
