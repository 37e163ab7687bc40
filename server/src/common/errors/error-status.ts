/**
 * Code → HTTP status, in one place. Feature modules add their codes with `defineErrorStatuses`
 * in their own `*.errors.ts`, imported by the module, so each module owns its codes.
 */
const statuses: Record<string, number> = {
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
};

export function defineErrorStatuses(more: Record<string, number>): void {
  Object.assign(statuses, more);
}

export function statusForCode(code: string): number {
  return statuses[code] ?? 400;
}
