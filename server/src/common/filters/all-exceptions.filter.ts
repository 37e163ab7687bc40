import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { ApiErrorBody, ERROR_MESSAGES } from '@linli/domain';
import { IllegalTransitionError } from '@linli/domain';
import { QueryFailedError } from 'typeorm';
import { AppError } from '../errors/app-error';
import { statusForCode } from '../errors/error-status';

const DB_DOWN = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  'POOL_CLOSED',
  'EPIPE',
  'ER_SERVER_SHUTDOWN',
  'ENOTFOUND',
]);

function isDatabaseDown(err: any): boolean {
  const code = err?.code ?? err?.driverError?.code;
  return DB_DOWN.has(code) || /Queue limit reached|connect ECONNREFUSED|Connection lost|Pool is closed|Can't add new command when connection is in closed state/i.test(String(err?.message));
}

/**
 * Every error leaves as `{ statusCode, code, message, fields? }`. Stack traces never reach the client.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost) {
    const reply = host.switchToHttp().getResponse();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error((exception as Error)?.stack ?? String(exception));
    }
    if (reply.sent) return;
    reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof AppError) {
      return {
        statusCode: statusForCode(exception.code),
        code: exception.code,
        message: exception.message,
        ...(exception.fields ? { fields: exception.fields } : {}),
        ...(exception.details ?? {}),
      };
    }
    if (exception instanceof IllegalTransitionError) {
      return { statusCode: 409, code: 'ILLEGAL_TRANSITION', message: ERROR_MESSAGES.ILLEGAL_TRANSITION };
    }
    if (exception instanceof ThrottlerException) {
      return { statusCode: 429, code: 'RATE_LIMITED', message: ERROR_MESSAGES.RATE_LIMITED };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Fastify's body limit reaches here as an HttpException (Nest maps fastify's errors): a JSON body, not a photo.
      if (status === 413 && /body is too large/i.test(exception.message)) return { statusCode: 413, code: 'REQUEST_TOO_LARGE', message: '请求内容过大：最多 1 MB' };
      const code =
        status === 404 ? 'NOT_FOUND' : status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : status === 413 ? 'UPLOAD_TOO_LARGE' : status === 415 ? 'UPLOAD_UNSUPPORTED_TYPE' : status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED';
      const message = status === 404 ? '接口不存在' : status >= 500 ? ERROR_MESSAGES.INTERNAL : ERROR_MESSAGES[code];
      return { statusCode: status, code, message };
    }
    if (isDatabaseDown(exception)) {
      return { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: ERROR_MESSAGES.SERVICE_UNAVAILABLE };
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception as any).driverError?.code ?? (exception as any).code;
      if (code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
        return { statusCode: 409, code: 'CONFLICT', message: ERROR_MESSAGES.CONFLICT };
      }
      if (code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || code === 'SQLITE_BUSY') {
        return { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: '系统繁忙，请稍后重试' };
      }
      if (code === 'ER_DATA_TOO_LONG' || code === 'ER_TRUNCATED_WRONG_VALUE' || code === 'ER_WARN_DATA_OUT_OF_RANGE') {
        return { statusCode: 422, code: 'VALIDATION_FAILED', message: ERROR_MESSAGES.VALIDATION_FAILED };
      }
    }
    // Fastify's own errors (bad JSON, body too large, unsupported media type) carry a 4xx statusCode.
    const fastifyStatus = (exception as any)?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      const code = fastifyStatus === 413 ? 'UPLOAD_TOO_LARGE' : fastifyStatus === 415 ? 'UPLOAD_UNSUPPORTED_TYPE' : fastifyStatus === 429 ? 'RATE_LIMITED' : 'VALIDATION_FAILED';
      const message = (exception as any)?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/i.test(String((exception as any)?.message))
        ? '请求内容不是有效的 JSON'
        : ERROR_MESSAGES[code];
      return { statusCode: fastifyStatus, code, message };
    }
    return { statusCode: 500, code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL };
  }
}
