import Taro from '@tarojs/taro'
import { useSession } from '../../stores/session'
import { ROUTES } from '../../lib/routes'
import { returnTo } from '../../lib/session-gate'
import type { LoginResult } from './types'

/**
 * Stores the session and returns the person to where they were when login was needed. Someone whose profile still
 * lacks a name (a first WeChat login is 微信用户) is taken to 完善资料 first, once; from there they go back.
 */
export function completeSignIn(result: LoginResult, redirect: string | null = null): void {
  useSession.getState().signIn(result.accessToken, result.user, result.refreshToken)
  void Taro.showToast({ title: '登录成功', icon: 'success' })
  if (result.user.profileMissing?.includes('name')) {
    void Taro.redirectTo({ url: ROUTES.profile })
    return
  }
  // Sent here by a page that needed a session (it was replaced by 登录): back to it, with its query.
  if (returnTo(redirect)) return
  const pages = Taro.getCurrentPages?.() ?? []
  if (pages.length > 1) void Taro.navigateBack()
  else void Taro.switchTab({ url: ROUTES.home })
}
