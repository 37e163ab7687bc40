import { apiUrl, toApiError } from '../../../lib/request'
import { useSession } from '../../../stores/session'

/**
 * A spreadsheet download in the browser: fetched with the Authorization header (never a token in the URL), then
 * saved from a blob URL under `filename`. Rejects with the server's coded error.
 */
export async function openSpreadsheet(path: string, filename: string): Promise<void> {
  const token = useSession.getState().token
  const res = await fetch(apiUrl(path), { headers: token ? { Authorization: `Bearer ${token}` } : {} })
  if (!res.ok) throw toApiError(res.status, await res.text())
  const url = URL.createObjectURL(await res.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 30_000)
}
