import type { WishType } from '@linli/domain'
import { get } from '../../../lib/request'
import { withQuery } from '../../../lib/routes'
import type { WishWallPage } from '../types'

export interface WallFilter {
  communityId?: number | null
  type?: WishType | null
}

export const fetchWall = (filter: WallFilter, cursor: string | null) =>
  get<WishWallPage>(withQuery('/api/wishes', { communityId: filter.communityId, type: filter.type, cursor }))
