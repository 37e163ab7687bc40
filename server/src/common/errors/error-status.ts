import type { CommonErrorCode, ErrorCode, TicketErrorCode } from '@linli/domain';
import { EVENT_ERROR_STATUSES } from '../../modules/events/events.errors';
import { MODERATION_ERROR_STATUSES } from '../../modules/moderation/moderation.errors';
import { PEOPLE_ERROR_STATUSES } from '../../modules/people/people.errors';
import { TICKET_ERROR_STATUSES } from '../../modules/service-requests/service-requests.errors';
import { WISH_ERROR_STATUSES } from '../../modules/wishes/wishes.errors';

const COMMON_STATUSES: Record<CommonErrorCode, number> = {
  VALIDATION_FAILED: 422,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  ILLEGAL_TRANSITION: 409,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
  AUTH_BAD_CREDENTIALS: 401,
  AUTH_DEMO_DISABLED: 403,
  WECHAT_INVALID_CODE: 400,
  WECHAT_RATE_LIMITED: 429,
  WECHAT_USER_BLOCKED: 403,
  WECHAT_UNAVAILABLE: 502,
  CONTENT_RISKY: 422,
  PLACE_SCENE_INVALID: 404,
  PLACE_SCENE_TAKEN: 409,
  UPLOAD_TOO_LARGE: 413,
  UPLOAD_UNSUPPORTED_TYPE: 415,
  UPLOAD_MISSING_FILE: 400,
  IDEMPOTENT_RETRY: 409,
  REQUEST_TOO_DEEP: 400,
  REQUEST_TOO_LARGE: 413,
};

/**
 * Code → HTTP status, in one place, put together explicitly from each module's typed table (each module's
 * `*.errors.ts`). A code in `domain` without a status here does not compile.
 */
const STATUSES: Record<ErrorCode, number> = {
  ...COMMON_STATUSES,
  ...(TICKET_ERROR_STATUSES satisfies Record<TicketErrorCode, number>),
  ...WISH_ERROR_STATUSES,
  ...EVENT_ERROR_STATUSES,
  ...PEOPLE_ERROR_STATUSES,
  ...MODERATION_ERROR_STATUSES,
};

export function statusForCode(code: ErrorCode): number {
  return STATUSES[code] ?? 400;
}
