import { get } from '../../../lib/request'
import type { SessionUser } from '../../../stores/session'

export const fetchMe = () => get<SessionUser>('/api/me')
