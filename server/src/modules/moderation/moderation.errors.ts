import type { ModerationErrorCode } from '@linli/domain';

/** HTTP status of every moderation error code; typed so a code added in domain without a status fails to compile. */
export const MODERATION_ERROR_STATUSES: Record<ModerationErrorCode, number> = {
  HOLD_ILLEGAL_TRANSITION: 409,
  HOLD_STATE_CHANGED: 409,
  HOLD_FORBIDDEN: 403,
};
