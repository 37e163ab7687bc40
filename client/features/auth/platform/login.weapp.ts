import Taro from '@tarojs/taro'
import { wechatLogin } from '../api/wechat-login'
import type { LoginResult } from '../types'

export const supportsWechatLogin = true

/** wx.login's code lives 5 minutes and is single-use, so fetch a fresh one on every tap. */
export async function loginWithWechat(): Promise<LoginResult> {
  const { code } = await Taro.login()
  return wechatLogin(code)
}
