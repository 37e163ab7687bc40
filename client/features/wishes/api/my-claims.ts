import { get } from '../../../lib/request'
import type { MyClaims } from '../types'

export const fetchMyClaims = () => get<MyClaims>('/api/wishes/mine/claims')
