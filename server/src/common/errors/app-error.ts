import { ErrorCode, ERROR_MESSAGES } from '@linli/domain';

/**
 * The one exception type services throw. It carries a code; `error-status.ts` decides the HTTP status.
 */
export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message?: string,
    public readonly fields?: Record<string, string[]>,
    public readonly details?: Record<string, unknown>,
  ) {
    super(message ?? ERROR_MESSAGES[code] ?? code);
  }

  static notFound(what = '记录') {
    return new AppError('NOT_FOUND', `${what}不存在或无权查看`);
  }
  static forbidden(message?: string) {
    return new AppError('FORBIDDEN', message);
  }
  static field(field: string, message: string) {
    return new AppError('VALIDATION_FAILED', message, { [field]: [message] });
  }
}
