import type { AgeGroup, Gender, WishStatus, WishType } from '@linli/domain'

export interface WishPhoto {
  id: number
  url: string
  thumbUrl: string
}

/** A wish as the public sees it: nothing from the private beneficiary record. */
export interface WishCard {
  id: number
  title: string
  story: string
  type: WishType
  typeLabel: string
  estimatedValue: number
  photos: WishPhoto[]
  wishBy: string
  daysLeft: number
  displayName: string
  communityId: number
  communityName: string
  status: WishStatus
  statusLabel: string
  partyPriority: boolean
  claimedByMe: boolean
  publishedAt: string | null
}

export interface Handoff {
  gridWorker: { name: string; phone: string | null } | null
  meetingPoint: string
}

export interface ClaimInfo {
  claimedAt: string | null
  expiresAt: string | null
  proofPhotos: WishPhoto[]
  proofNote: string | null
  lastReason: string | null
  handoff: Handoff
}

export interface WishDetail extends WishCard {
  claim?: ClaimInfo
}

export interface Page<T, C = string> {
  items: T[]
  nextCursor: C | null
}

export interface ClaimStatus {
  activeClaims: number
  limit: number
  claimHours: number
  pausedUntil: string | null
  pausedMessage: string | null
}

export interface MyClaims {
  items: Array<WishCard & { claim: ClaimInfo }>
  status: ClaimStatus
}

export interface ManageItem extends WishCard {
  beneficiaryName: string | null
  lastReason: string | null
  claimExpiresAt: string | null
}

export interface ManageList extends Page<ManageItem, number> {
  counts: Partial<Record<WishStatus, number>>
}

export interface ManageDetail extends WishCard {
  beneficiary: { id: number; name: string; gender: Gender; ageGroup: AgeGroup; building: string; phone: string | null; situation: string } | null
  claimer: { id: number; name: string; phone: string | null; isPartyMember: boolean; branch: string | null } | null
  claimedAt: string | null
  claimExpiresAt: string | null
  proofPhotos: WishPhoto[]
  proofNote: string | null
  fulfilledAt: string | null
  confirmedAt: string | null
  lastReason: string | null
  canReview: boolean
  timeline: Array<{ action: string; fromStatus: WishStatus | null; toStatus: WishStatus; label: string; actorName: string | null; reason: string | null; at: string }>
}

export interface NewWish {
  communityId: number
  beneficiary: { name: string; gender: Gender; ageGroup: AgeGroup; building: string; phone?: string; situation?: string }
  title: string
  story: string
  type: WishType
  estimatedValue: number
  photoIds: number[]
  wishBy: string
  partyPriority?: boolean
}

export interface LedgerEntryView {
  id: number
  source: string
  sourceLabel: string
  content: string
  hours: number
  points: number
  organisation: string
  confirmedByName: string | null
  correctsEntryId: number | null
  createdAt: string
}

export interface MyLedger extends Page<LedgerEntryView, number> {
  totals: { hours: number; points: number; entries: number }
}
