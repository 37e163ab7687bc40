import { post } from '../../../lib/request'
import type { LoginResult } from '../types'

export const demoLogin = (persona: string) => post<LoginResult>('/api/auth/demo-login', { persona }, { auth: false })
