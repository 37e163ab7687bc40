import type { EventErrorCode } from '@linli/domain';
import { defineErrorStatuses } from '../../common/errors/error-status';

/** HTTP status of every events error code; typed so a code added in domain without a status fails to compile. */
export const EVENT_ERROR_STATUSES: Record<EventErrorCode, number> = {
  EVENT_ILLEGAL_TRANSITION: 409,
  EVENT_STATE_CHANGED: 409,
  EVENT_NOT_PUBLISHED: 409,
  EVENT_SIGNUP_NOT_OPEN: 409,
  EVENT_SIGNUP_CLOSED: 409,
  EVENT_CANCEL_DEADLINE_PASSED: 409,
  EVENT_AUDIENCE_MISMATCH: 403,
  EVENT_ALREADY_SIGNED_UP: 409,
  EVENT_NOT_SIGNED_UP: 409,
  EVENT_CHECKIN_NOT_OPEN: 409,
  EVENT_CODE_INVALID: 404,
  EVENT_CAPACITY_TOO_SMALL: 422,
  EVENT_NOT_PROMOTED: 409,
  EVENT_TIMES_INVALID: 422,
};

// Until the error-status map combines every module's table explicitly.
defineErrorStatuses({ ...EVENT_ERROR_STATUSES, IDEMPOTENT_RETRY: 409 });
