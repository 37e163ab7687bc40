import type { PeopleErrorCode } from '@linli/domain';

/** HTTP status of every people error code; typed so a code added in domain without a status fails to compile. */
export const PEOPLE_ERROR_STATUSES: Record<PeopleErrorCode, number> = {
  INVITE_NOT_FOUND: 404,
  INVITE_USED: 409,
  INVITE_REVOKED: 410,
  INVITE_EXPIRED: 410,
  INVITE_NEEDS_WECHAT: 403,
  INVITE_ALREADY_HELD: 409,
  APPLICATION_PENDING: 409,
  APPLICATION_ILLEGAL_TRANSITION: 409,
  APPLICATION_STATE_CHANGED: 409,
  APPLICATION_FORBIDDEN: 403,
  ROLE_NOT_REMOVABLE: 409,
};
