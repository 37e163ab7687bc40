import { post } from '../../../lib/request'
import type { LoginResult } from '../types'

/** Answers a new sign-in (the account may have been merged into an earlier phone-only one): the caller adopts it. */
export const bindPhone = (code: string) => post<LoginResult>('/api/auth/phone', { code })
