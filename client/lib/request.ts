import Taro from '@tarojs/taro'
import { ERROR_MESSAGES, type ApiErrorBody } from '@linli/domain'
import { useSession } from '../stores/session'
import { ROUTES } from './routes'
import { ApiError, NETWORK_ERROR, NETWORK_MESSAGE } from './errors'
import { currentPageNeedsSession, goToLogin } from './session-gate'
import { silentLogin, supportsSilentLogin } from '../features/auth/platform/silent-login'

// They live in lib/errors (pages import nothing from here); re-exported for code that has not moved yet.
export { ApiError, errorMessage, NETWORK_ERROR } from './errors'

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RequestOptions {
  method?: Method
  data?: unknown
  query?: Record<string, string | number | boolean | null | undefined>
  /** Sends an Idempotency-Key so the server applies a retried POST once; the retry reuses the key. */
  idempotent?: boolean
  /** Login endpoints: never send a stale token. */
  auth?: boolean
  header?: Record<string, string>
  timeout?: number
}

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const qs = query
    ? Object.entries(query)
        .filter(([, v]) => v !== undefined && v !== null && v !== '')
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
        .join('&')
    : ''
  return `${API_BASE}${path}${qs ? `${path.includes('?') ? '&' : '?'}${qs}` : ''}`
}

/** RFC 4122 v4 shape; crypto-grade randomness is not needed, only uniqueness per attempt. */
export function newIdempotencyKey(): string {
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = (Math.random() * 16) | 0
    return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16)
  })
}

const HAS_CHINESE = /[\u4e00-\u9fff]/

function isErrorBody(data: unknown): data is Partial<ApiErrorBody> {
  return !!data && typeof data === 'object' && ('code' in data || 'message' in data)
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data
  try {
    return JSON.parse(data)
  } catch {
    return data
  }
}

export function toApiError(statusCode: number, rawBody: unknown): ApiError {
  const body = parseBody(rawBody)
  const fallbackCode = statusCode === 401 ? 'UNAUTHENTICATED' : statusCode === 403 ? 'FORBIDDEN' : statusCode === 404 ? 'NOT_FOUND' : statusCode === 422 ? 'VALIDATION_FAILED' : statusCode === 429 ? 'RATE_LIMITED' : 'INTERNAL'
  if (!isErrorBody(body)) {
    return new ApiError(statusCode, fallbackCode, ERROR_MESSAGES[fallbackCode])
  }
  const code = typeof body.code === 'string' && body.code ? body.code : fallbackCode
  const serverMessage = typeof body.message === 'string' ? body.message : ''
  // Framework defaults ("Unauthorized", "Bad Request") are English; residents should only ever read Chinese.
  const message = (HAS_CHINESE.test(serverMessage) ? serverMessage : '') || ERROR_MESSAGES[code] || serverMessage || ERROR_MESSAGES[fallbackCode]
  return new ApiError(statusCode, code, message, body.fields ?? {})
}

let redirectingToLogin = false

function handleUnauthenticated(): void {
  useSession.getState().signOut()
  if (redirectingToLogin) return
  const pages = Taro.getCurrentPages?.() ?? []
  const current = pages[pages.length - 1]?.route
  if (current && `/${current}`.startsWith(ROUTES.login)) return
  redirectingToLogin = true
  Taro.navigateTo({ url: ROUTES.login }).finally(() => {
    redirectingToLogin = false
  })
}

interface RawResponse {
  statusCode: number
  data: unknown
}

async function send(url: string, method: Method, data: unknown, header: Record<string, string>, timeout?: number): Promise<RawResponse> {
  const res = await Taro.request({ url, method, data: data as any, header, timeout, dataType: 'json' })
  return { statusCode: res.statusCode, data: res.data }
}

/**
 * The one way the client talks to the server (STYLE habit 7).
 * Retries once on a network failure — only where a repeat cannot do harm: GETs, and POSTs that carry an idempotency key.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  // weapp: a page that needs a session signs in silently before its first request.
  if (supportsSilentLogin && options.auth !== false && !useSession.getState().token && currentPageNeedsSession()) await silentLogin()
  return send1<T>(path, options, false)
}

async function send1<T>(path: string, options: RequestOptions, retried: boolean): Promise<T> {
  const method = options.method ?? 'GET'
  const header: Record<string, string> = { 'Content-Type': 'application/json', ...options.header }
  const token = options.auth === false ? null : useSession.getState().token
  if (token) header.Authorization = `Bearer ${token}`
  if (options.idempotent && method !== 'GET') header['Idempotency-Key'] = newIdempotencyKey()

  const url = apiUrl(path, options.query)
  // A JSON request must carry a JSON body: an empty one is refused by the server (and by some gateways).
  const data = method !== 'GET' && options.data === undefined ? {} : options.data
  const retryable = method === 'GET' || !!options.idempotent
  let res: RawResponse | undefined
  for (let attempt = 0; ; attempt++) {
    try {
      res = await send(url, method, data, header, options.timeout)
      break
    } catch {
      if (!retryable || attempt >= 1) throw new ApiError(0, NETWORK_ERROR, NETWORK_MESSAGE)
    }
  }

  if (res.statusCode >= 200 && res.statusCode < 300) return parseBody(res.data) as T
  if (res.statusCode === 401 && token) handleUnauthenticated()
  else if (res.statusCode === 401 && options.auth !== false && currentPageNeedsSession()) {
    // Signed out on a page that shows nothing without a session: weapp signs in silently and asks again once (a 401
    // means the server did nothing); H5 goes to 登录 and comes back here.
    if (supportsSilentLogin && !retried && (await silentLogin())) return send1<T>(path, options, true)
    if (!supportsSilentLogin) goToLogin()
  }
  throw toApiError(res.statusCode, res.data)
}

export const get = <T>(path: string, options: Omit<RequestOptions, 'method' | 'data'> = {}) => request<T>(path, { ...options, method: 'GET' })
export const post = <T>(path: string, data?: unknown, options: Omit<RequestOptions, 'method' | 'data'> = {}) =>
  request<T>(path, { ...options, method: 'POST', data })
export const patch = <T>(path: string, data?: unknown, options: Omit<RequestOptions, 'method' | 'data'> = {}) =>
  request<T>(path, { ...options, method: 'PATCH', data })

export interface UploadOptions {
  filePath: string
  name?: string
  formData?: Record<string, string>
  onProgress?: (percent: number) => void
}

/** multipart upload over Taro.uploadFile, with the same token, error mapping and 401 handling as request(). */
export function upload<T>(path: string, { filePath, name = 'file', formData, onProgress }: UploadOptions): Promise<T> {
  const token = useSession.getState().token
  const header: Record<string, string> = {}
  if (token) header.Authorization = `Bearer ${token}`
  return new Promise<T>((resolve, reject) => {
    const task = Taro.uploadFile({
      url: apiUrl(path),
      filePath,
      name,
      formData,
      header,
      success: (res) => {
        if (res.statusCode >= 200 && res.statusCode < 300) {
          resolve(parseBody(res.data) as T)
          return
        }
        if (res.statusCode === 401 && token) handleUnauthenticated()
        reject(toApiError(res.statusCode, res.data))
      },
      fail: () => reject(new ApiError(0, NETWORK_ERROR, NETWORK_MESSAGE)),
    })
    if (!onProgress || !task) return
    const listen = (p: { progress: number }) => onProgress(p.progress)
    if (typeof task.onProgressUpdate === 'function') task.onProgressUpdate(listen)
    else if (typeof task.progress === 'function') task.progress(listen)
  })
}
