import { post } from '../../../lib/request'
import type { LoginResult } from '../types'

export const passwordLogin = (username: string, password: string) =>
  post<LoginResult>('/api/auth/password-login', { username, password }, { auth: false })
