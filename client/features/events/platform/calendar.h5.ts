/** What the phone's calendar needs of an activity (used by the weapp variant). */
export interface CalendarEvent {
  title: string
  startAt: string
  endAt: string
  place?: string | null
  description?: string | null
}

/** In a browser the .ics download opens the system calendar (it carries everything the event needs). */
export function openCalendar(url: string, _event?: CalendarEvent): void {
  if (typeof window !== 'undefined') window.location.href = url
}
