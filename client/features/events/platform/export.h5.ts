/** The attendee XLSX: the browser downloads it in a new tab. */
export function openSpreadsheet(url: string): void {
  if (typeof window !== 'undefined') window.open(url, '_blank')
}
