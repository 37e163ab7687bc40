/**
 * Response shapes of the wishes routes: the server's query/view code returns these types and the client imports them
 * from @linli/domain instead of re-typing them, so a drift fails the type-check of one side or the other.
 * Instants are ISO strings (UTC); dates without a time (`wishBy`) are YYYY-MM-DD in Asia/Shanghai.
 */
import type { ActionView } from '../state-machine';
import type { AgeGroup, Gender, WishAction, WishStatus, WishType } from '../wishes';

export interface WishPhoto {
  id: number;
  url: string;
  thumbUrl: string;
}

/** A wish as the public sees it: nothing from the private beneficiary record. */
export interface WishCard {
  id: number;
  title: string;
  story: string;
  type: WishType;
  typeLabel: string;
  estimatedValue: number;
  photos: WishPhoto[];
  wishBy: string;
  daysLeft: number;
  displayName: string;
  communityId: number;
  communityName: string;
  status: WishStatus;
  statusLabel: string;
  partyPriority: boolean;
  claimedByMe: boolean;
  publishedAt: string | null;
}

/** Who and where the volunteer hands over to: the grid worker (who calls the beneficiary) at the service station. */
export interface WishHandoff {
  gridWorker: { name: string; phone: string | null } | null;
  meetingPoint: string;
}

/** The claim as its volunteer sees it. */
export interface WishClaimInfo {
  claimedAt: string | null;
  /** while 已认领 only */
  expiresAt: string | null;
  proofPhotos: WishPhoto[];
  proofNote: string | null;
  lastReason: string | null;
  handoff: WishHandoff;
}

/**
 * `GET /api/wishes/:id`, and what claim / release / fulfil return. `claim` only for the volunteer who holds or held
 * it; `actions` are the moves this viewer may make now (claim for a volunteer, release / fulfil for the claimer).
 */
export interface WishDetail extends WishCard {
  claim?: WishClaimInfo;
  actions: ActionView<WishAction>[];
}

export interface WishWallPage {
  items: WishCard[];
  /** `wishBy_id` of the last card, or null at the end */
  nextCursor: string | null;
}

export interface WishClaimStatus {
  activeClaims: number;
  limit: number;
  claimHours: number;
  pausedUntil: string | null;
  pausedMessage: string | null;
}

/** One row of 我的认领: the card, the claim and the claimer's buttons. */
export interface MyClaimItem extends WishCard {
  claim: WishClaimInfo;
  actions: ActionView<WishAction>[];
}

export interface MyClaims {
  items: MyClaimItem[];
  status: WishClaimStatus;
}

export interface WishManageItem extends WishCard {
  beneficiaryName: string | null;
  lastReason: string | null;
  claimExpiresAt: string | null;
}

export interface WishManagePage {
  items: WishManageItem[];
  counts: Partial<Record<WishStatus, number>>;
  nextCursor: number | null;
}

export interface WishBeneficiaryView {
  id: number;
  communityId: number;
  name: string;
  gender: Gender;
  ageGroup: AgeGroup;
  building: string;
  phone: string | null;
  situation: string;
}

export interface WishTimelineEntry {
  action: string;
  fromStatus: WishStatus | null;
  toStatus: WishStatus;
  label: string;
  actorName: string | null;
  reason: string | null;
  at: string;
}

/**
 * `GET /api/wishes/manage/:id`, and what create / publish / reject / withdraw / confirm / send_back return: everything
 * about one wish for those who serve the beneficiary (full phone numbers, audited).
 */
export interface WishManageDetail extends WishCard {
  beneficiary: Omit<WishBeneficiaryView, 'communityId'> | null;
  claimer: { id: number; name: string; phone: string | null; isPartyMember: boolean; branch: string | null } | null;
  claimedAt: string | null;
  claimExpiresAt: string | null;
  proofPhotos: WishPhoto[];
  proofNote: string | null;
  fulfilledAt: string | null;
  confirmedAt: string | null;
  lastReason: string | null;
  /** staff of the community (or admin): may publish, reject and withdraw */
  canReview: boolean;
  timeline: WishTimelineEntry[];
  actions: ActionView<WishAction>[];
}

export interface WishCommunity {
  id: number;
  name: string;
  servicePoint: string | null;
  /**
   * The grids a wish may be recorded in: all of the community's for its staff (and the admin), a grid worker's own
   * there. The grid decides which grid worker sees the beneficiary and follows the wish.
   */
  grids: Array<{ id: number; name: string }>;
}
