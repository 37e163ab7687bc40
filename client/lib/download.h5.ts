import { apiUrl, renewSession, toApiError } from './request'
import { useSession } from '../stores/session'

/**
 * The one way the app downloads a file that needs the login (ticket, attendee and volunteer-record XLSX): fetched with the Authorization header (never a token in the URL), then saved
 * from a blob under `filename`. Resolves once the browser has the file; rejects with the server's coded error.
 */
export async function downloadFile(path: string, query: Record<string, string | number | undefined> = {}, filename: string): Promise<void> {
  const fetchOnce = () => {
    const token = useSession.getState().token
    return { token, res: fetch(apiUrl(path, query), { headers: token ? { Authorization: `Bearer ${token}` } : {} }) }
  }
  const { token, res: pending } = fetchOnce()
  let res = await pending
  // The hour-long access token ran out: renewed once, the download goes again.
  if (res.status === 401 && token && (await renewSession(token))) res = await fetchOnce().res
  if (!res.ok) {
    const text = await res.text()
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {
      /* not JSON */
    }
    throw toApiError(res.status, body)
  }
  const blob = await res.blob()
  const href = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = href
  a.download = filename
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
}
