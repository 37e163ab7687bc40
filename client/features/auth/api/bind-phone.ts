import { post } from '../../../lib/request'
import type { SessionUser } from '../../../stores/session'

export const bindPhone = (code: string) => post<{ user: SessionUser }>('/api/auth/phone', { code })
