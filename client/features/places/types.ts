import type { CommunityKind, PointKind } from '@linli/domain'

export interface TreePoint {
  id: number
  name: string
  kind: PointKind
  scene: string
  address: string | null
}

export interface TreeGrid {
  id: number
  name: string
  worker: { id: number; name: string } | null
  points: TreePoint[]
}

export interface TreeCommunity {
  id: number
  name: string
  kind: CommunityKind
  grids: TreeGrid[]
}

export interface TreeStreet {
  id: number
  name: string
  communities: TreeCommunity[]
}
