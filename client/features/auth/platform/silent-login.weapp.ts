import Taro from '@tarojs/taro'
import { useSession } from '../../../stores/session'
import { wechatLogin } from '../api/wechat-login'

/** On weapp a page that needs a session signs in with wx.login on its own: no tap, no screen, nothing to type. */
export const supportsSilentLogin = true

let inFlight: Promise<boolean> | null = null

/** One wx.login for all the requests a page fires at once; resolves whether a session now exists. */
export function silentLogin(): Promise<boolean> {
  if (useSession.getState().token) return Promise.resolve(true)
  if (!inFlight) {
    inFlight = (async () => {
      try {
        const { code } = await Taro.login()
        const result = await wechatLogin(code)
        useSession.getState().signIn(result.accessToken, result.user, result.refreshToken)
        return true
      } catch {
        return false
      } finally {
        inFlight = null
      }
    })()
  }
  return inFlight
}
