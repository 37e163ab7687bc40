/** The wishes and ledger responses, from the one contract in @linli/domain (the server returns these types). */
import type { AgeGroup, Gender, WishType } from '@linli/domain'

export type {
  BranchReport,
  Leaderboard,
  LedgerCorrection,
  LedgerEntryView,
  LedgerIdNumber,
  MyClaimItem,
  MyClaims,
  MyLedger,
  VolunteerLedger,
  VolunteerPage,
  VolunteerRow,
  WishCard,
  WishClaimInfo,
  WishClaimStatus,
  WishCommunity,
  WishDetail,
  WishHandoff,
  WishManageDetail,
  WishManageItem,
  WishManagePage,
  WishPhoto,
  WishWallPage,
} from '@linli/domain'

/** The body of POST /api/wishes (a request, so it lives on the side that sends it). */
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
