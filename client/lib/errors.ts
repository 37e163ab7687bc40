import { ERROR_MESSAGES } from '@linli/domain'

export const NETWORK_ERROR = 'NETWORK_ERROR'
export const NETWORK_MESSAGE = '网络不给力，请检查网络后重试'

/** A refusal from the server (or a dropped connection), with the code, the Chinese message and any field errors. */
export class ApiError extends Error {
  readonly statusCode: number
  readonly code: string
  readonly fields: Record<string, string[]>

  constructor(statusCode: number, code: string, message: string, fields: Record<string, string[]> = {}) {
    super(message)
    this.name = 'ApiError'
    this.statusCode = statusCode
    this.code = code
    this.fields = fields
  }

  get isNetwork(): boolean {
    return this.code === NETWORK_ERROR
  }

  /** First message for a field, for showing under an input. */
  fieldError(field: string): string | undefined {
    return this.fields[field]?.[0]
  }
}

/** Human text for any thrown value, for toasts and error states. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message
  return ERROR_MESSAGES.INTERNAL
}

/** Any thrown value as an ApiError, so an error state can always read `code` and `message`. */
export function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError(0, 'INTERNAL', errorMessage(err))
}
