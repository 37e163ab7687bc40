import type { TicketErrorCode } from '@linli/domain';

/** HTTP status of every 码上办 error code; typed so a code added in domain without a status fails to compile. */
export const TICKET_ERROR_STATUSES: Record<TicketErrorCode, number> = {
  TICKET_ILLEGAL_TRANSITION: 409,
  TICKET_NOT_YOURS: 403,
  TICKET_REOPEN_EXPIRED: 409,
  TICKET_ALREADY_FOLLOWING: 409,
  TICKET_CATEGORY_DISABLED: 422,
  TICKET_CHECKIN_TOO_FAR: 422,
  TICKET_CHECKIN_WRONG_CODE: 422,
  TICKET_MERGE_TARGET_INVALID: 422,
  TICKET_NO_WORKER: 422,
  TICKET_CONCURRENT_CHANGE: 409,
  OPEN311_BAD_KEY: 403,
};
