import Taro from '@tarojs/taro'
import { apiUrl, toApiError } from '../../../lib/request'
import { useSession } from '../../../stores/session'

/**
 * A spreadsheet in WeChat: downloadFile with the Authorization header (never a token in the URL), then opened in
 * WeChat's document viewer, which can forward or save it. Rejects with the server's coded error.
 */
export async function openSpreadsheet(path: string, _filename: string): Promise<void> {
  const token = useSession.getState().token
  const r = await Taro.downloadFile({ url: apiUrl(path), header: token ? { Authorization: `Bearer ${token}` } : {} })
  if (r.statusCode < 200 || r.statusCode >= 300) throw toApiError(r.statusCode, null)
  await Taro.openDocument({ filePath: r.tempFilePath, fileType: 'xlsx', showMenu: true })
}
