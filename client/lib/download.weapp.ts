import Taro from '@tarojs/taro'
import { apiUrl, renewSession, toApiError } from './request'
import { useSession } from '../stores/session'

/**
 * The one way the app downloads a file that needs the login (ticket, attendee and volunteer-record XLSX): `downloadFile` with the Authorization header (never a token in the URL), then
 * opened in WeChat's document viewer, which can forward or save it. `filename` is the browser's; WeChat names it.
 */
export async function downloadFile(path: string, query: Record<string, string | number | undefined> = {}, _filename: string): Promise<void> {
  const once = () => {
    const token = useSession.getState().token
    return { token, res: Taro.downloadFile({ url: apiUrl(path, query), header: token ? { Authorization: `Bearer ${token}` } : {} }) }
  }
  const first = once()
  let res = await first.res
  // The hour-long access token ran out: renewed once, the download goes again.
  if (res.statusCode === 401 && first.token && (await renewSession(first.token))) res = await once().res
  if (res.statusCode !== 200) {
    // The error body was written to the temp file; read it back for the server's message.
    let body: unknown = null
    try {
      body = JSON.parse(String(Taro.getFileSystemManager().readFileSync(res.tempFilePath, 'utf8')))
    } catch {
      /* not JSON */
    }
    throw toApiError(res.statusCode, body)
  }
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true })
}
