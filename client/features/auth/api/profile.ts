import { patch } from '../../../lib/request'
import type { SessionUser } from '../../../stores/session'

export const updateProfile = (body: { name?: string; communityId?: number; building?: string }) => patch<SessionUser>('/api/me', body)
