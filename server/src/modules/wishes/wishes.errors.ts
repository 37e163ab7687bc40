import type { WishErrorCode } from '@linli/domain';

/** HTTP status of every wish error code; typed so a code added in domain without a status fails to compile. */
export const WISH_ERROR_STATUSES: Record<WishErrorCode, number> = {
  WISH_ILLEGAL_TRANSITION: 409,
  WISH_STATE_CHANGED: 409,
  WISH_ALREADY_CLAIMED: 409,
  WISH_CLAIM_LIMIT: 409,
  WISH_CLAIM_PAUSED: 403,
  WISH_VALUE_TOO_HIGH: 422,
  WISH_NOT_CLAIMER: 403,
  WISH_NOT_VOLUNTEER: 403,
  WISH_DATE_INVALID: 422,
  WISH_NOT_IN_SCOPE: 403,
};

