import { COMMON_ERROR_MESSAGES } from './errors';
import { EVENT_ERROR_MESSAGES } from './events';
import { MODERATION_ERROR_MESSAGES } from './moderation';
import { PEOPLE_ERROR_MESSAGES } from './people';
import { TICKET_ERRORS } from './service-requests';
import { WISH_ERROR_MESSAGES } from './wishes';

/**
 * Every error code the server can answer with, and the Chinese message the client shows when the server sends none.
 * Put together here, explicitly, from each module's own table: nothing is registered by importing a file for its
 * side effect, and `ErrorCode` is the exact union — a code that is not listed does not compile.
 * The server maps each code to an HTTP status in `server/src/common/errors/error-status.ts`.
 */
export const ERROR_MESSAGES = {
  ...COMMON_ERROR_MESSAGES,
  ...TICKET_ERRORS,
  ...WISH_ERROR_MESSAGES,
  ...EVENT_ERROR_MESSAGES,
  ...PEOPLE_ERROR_MESSAGES,
  ...MODERATION_ERROR_MESSAGES,
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export const ERROR_CODES = Object.fromEntries(Object.keys(ERROR_MESSAGES).map((k) => [k, k])) as { readonly [K in ErrorCode]: K };

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, value);
}

export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  /** field name → messages, for validation failures */
  fields?: Record<string, string[]>;
}
