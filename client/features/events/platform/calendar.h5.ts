/** In a browser the .ics download opens the system calendar. */
export function openCalendar(url: string): void {
  if (typeof window !== 'undefined') window.location.href = url
}
