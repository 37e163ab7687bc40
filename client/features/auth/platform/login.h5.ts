import type { LoginResult } from '../types'

/** A browser has no wx.login; people sign in with a demo persona or a staff account instead. */
export const supportsWechatLogin = false

export function loginWithWechat(): Promise<LoginResult> {
  return Promise.reject(new Error('微信登录仅在小程序中可用'))
}
