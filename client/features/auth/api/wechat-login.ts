import { post } from '../../../lib/request'
import type { LoginResult } from '../types'

export const wechatLogin = (code: string) => post<LoginResult>('/api/auth/wechat-login', { code }, { auth: false })
