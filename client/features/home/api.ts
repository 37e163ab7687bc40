import type { Role } from '@linli/domain'
import { get } from '../../lib/request'
import { withQuery } from '../../lib/routes'
import type { HomeSummary } from './types'

/** `GET /api/home`: what waits for me in the role I act in now. */
export const fetchHome = (role: Role | null) => get<HomeSummary>(withQuery('/api/home', { role }))
