import { ERROR_MESSAGES } from '@linli/domain'

export const NETWORK_ERROR = 'NETWORK_ERROR'
export const NETWORK_MESSAGE = '网络不给力，请检查网络后重试'

/** What a form calls its fields, by the server's field path (`title`, `beneficiary.name`, `answers.q1`). */
export type FieldLabels = Readonly<Record<string, string>>

const HAS_CHINESE = /[\u4e00-\u9fff]/
/** A path a person should never read: `beneficiary.name`, `photoIds.0`. */
const RAW_PATH = /\b[a-zA-Z_]+(\.[a-zA-Z0-9_]+)+\b|\b[a-z]+[A-Z][a-zA-Z]*\b/

/** The label for a field path: the whole path, then its parent (`answers.q1` → `answers`), then none. */
function labelOf(path: string, labels: FieldLabels): string | undefined {
  if (labels[path]) return labels[path]
  const parts = path.split('.')
  for (let i = parts.length - 1; i > 0; i--) {
    const head = parts.slice(0, i).join('.')
    if (labels[head]) return labels[head]
  }
  return undefined
}

/**
 * One field's refusal in words: `标题：不能超过 40 字`. The server's message is Chinese and usually names the field
 * already (`心愿标题须为 2–40 个字`), so the label is put in front only when the message does not start with it. A
 * message that is not Chinese (a validator's English default) is replaced by `{label}填写有误`.
 */
export function fieldText(path: string, messages: readonly string[] | undefined, labels: FieldLabels = {}): string {
  const label = labelOf(path, labels)
  const message = (messages ?? []).find((m) => HAS_CHINESE.test(m) && !RAW_PATH.test(m))
  if (!message) return label ? `${label}填写有误` : '有一项填写有误，请检查后再提交'
  if (!label || message.startsWith(label)) return message
  return `${label}：${message}`
}

/** Every refused field in one line, for a toast or an error state: `标题：…；故事：…`. Never a raw field path. */
export function fieldsText(fields: Readonly<Record<string, readonly string[]>>, labels: FieldLabels = {}): string {
  const lines = Object.entries(fields).map(([path, messages]) => fieldText(path, messages, labels))
  return Array.from(new Set(lines)).join('；')
}

/** The first refusal per field, for showing under each input: `{ title: '标题：不能超过 40 字' }`. */
export function fieldErrors(fields: Readonly<Record<string, readonly string[]>>, labels: FieldLabels = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([path, messages]) => [path, fieldText(path, messages, labels)]))
}

/** A refusal from the server (or a dropped connection), with the code, the Chinese message and any field errors. */
export class ApiError extends Error {
  readonly statusCode: number
  readonly code: string
  readonly fields: Record<string, string[]>

  constructor(statusCode: number, code: string, message: string, fields: Record<string, string[]> = {}) {
    // The server's own summary of a 422 lists field paths (以下字段有误：beneficiary.name, title): say it in words.
    super(Object.keys(fields).length ? fieldsText(fields) : message)
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

  /** What went wrong, with the form's own labels for the fields. */
  describe(labels: FieldLabels = {}): string {
    return Object.keys(this.fields).length ? fieldsText(this.fields, labels) : this.message
  }
}

/** Human text for any thrown value, for toasts and error states; with a form's labels, its fields are named by them. */
export function errorMessage(err: unknown, labels?: FieldLabels): string {
  if (err instanceof ApiError) return err.describe(labels)
  return ERROR_MESSAGES.INTERNAL
}

/** Any thrown value as an ApiError, so an error state can always read `code` and `message`. */
export function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError(0, 'INTERNAL', errorMessage(err))
}
