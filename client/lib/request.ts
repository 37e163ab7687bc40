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
  /**
   * Sends an Idempotency-Key so the server applies a submission once: the network retry, a second tap while the
   * first is on its way and a tap again after a failure all carry the same key (see `submissionKey`).
   */
  idempotent?: boolean
  /** A key the caller keeps for one form submission, instead of the one derived from the request. */
  idempotencyKey?: string
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

/** How long a submission keeps its key after an answer that may not have been applied (network failure, 5xx). */
const RETRY_KEY_MS = 10 * 60_000
/** …and after a success: a late second tap on 提交 is the same submission; a deliberate repeat comes later. */
const DONE_KEY_MS = 5_000

interface KeptKey {
  key: string
  inFlight: number
  until: number
}
const submissions = new Map<string, KeptKey>()

/** A short, stable digest of what is being submitted (FNV-1a, two lanes); not a secret, only a name. */
function fingerprint(text: string): string {
  let a = 0x811c9dc5
  let b = 0x01000193
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193) >>> 0
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0
  }
  return `${a.toString(16)}.${b.toString(16)}`
}

/**
 * One submission, one Idempotency-Key. The same request (method, path, body) while an earlier one is still on its
 * way, or soon after it failed without a clear answer, is the same submission: a double tap on 提交审核, or 重试 after
 * a lost answer. Either way the server makes one record and answers it again. A clear answer ends the submission, so
 * a later, deliberate repeat (报名 again after 取消报名) is new.
 */
function submissionKey(id: string): { key: string; settle: (outcome: 'done' | 'unclear' | 'refused') => void } {
  const now = Date.now()
  for (const [k, v] of submissions) if (!v.inFlight && v.until <= now) submissions.delete(k)
  let kept = submissions.get(id)
  if (!kept) {
    kept = { key: newIdempotencyKey(), inFlight: 0, until: 0 }
    submissions.set(id, kept)
  }
  kept.inFlight++
  const entry = kept
  return {
    key: entry.key,
    settle: (outcome) => {
      entry.inFlight--
      entry.until = outcome === 'unclear' ? Math.max(entry.until, Date.now() + RETRY_KEY_MS) : outcome === 'done' ? Date.now() + DONE_KEY_MS : 0
      if (!entry.inFlight && entry.until <= Date.now()) submissions.delete(id)
    },
  }
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
let renewing: Promise<boolean> | null = null

/**
 * Renews the hour-long access token with the refresh token, once for all the requests that met a 401 together
 * (single flight: a refresh token is used once, and a second use would end the sign-in). `failed` is the access token
 * that was refused: if another tab or request already renewed it, that newer pair is used instead. Resolves whether
 * a fresh token is now in the session; a refused renewal signs out. A network failure keeps the session (the
 * request fails with the network message, and the next one tries again).
 */
export function renewSession(failed: string | null = useSession.getState().token): Promise<boolean> {
  if (!renewing) {
    renewing = (async () => {
      // Another tab (H5 shares the storage) may have renewed already: its refresh token is the live one.
      await useSession.persist?.rehydrate?.()
      const { token, refreshToken } = useSession.getState()
      if (token && token !== failed) return true
      if (!refreshToken) return false
      let res: RawResponse
      try {
        res = await send(apiUrl('/api/auth/refresh'), 'POST', { refreshToken }, { 'Content-Type': 'application/json' })
      } catch {
        throw new ApiError(0, NETWORK_ERROR, NETWORK_MESSAGE)
      }
      const body = parseBody(res.data) as { accessToken?: string; refreshToken?: string }
      if (res.statusCode === 200 && body?.accessToken && body.refreshToken) {
        useSession.getState().renewTokens(body.accessToken, body.refreshToken)
        return !!useSession.getState().token
      }
      return false
    })().finally(() => {
      renewing = null
    })
  }
  return renewing
}

/** 退出登录: ends this sign-in on the server too (its refresh token stops working), then forgets it here. */
export async function logout(): Promise<void> {
  const { refreshToken } = useSession.getState()
  useSession.getState().signOut()
  if (!refreshToken) return
  try {
    await send(apiUrl('/api/auth/logout'), 'POST', { refreshToken }, { 'Content-Type': 'application/json' })
  } catch {
    // Offline: the refresh token is forgotten here and lapses on its own.
  }
}

/** A 401 on a request that carried `token`: renew once and say whether to ask again; otherwise sign out. */
async function recoverFrom401(token: string): Promise<boolean> {
  const renewed = await renewSession(token)
  if (!renewed) handleUnauthenticated()
  return renewed
}

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
  const method = options.method ?? 'GET'
  const url = apiUrl(path, options.query)
  // A JSON request must carry a JSON body: an empty one is refused by the server (and by some gateways).
  const data = method !== 'GET' && options.data === undefined ? {} : options.data
  if (method === 'GET' || !(options.idempotent || options.idempotencyKey)) return send1<T>(url, data, options, false)
  const submission = options.idempotencyKey ? null : submissionKey(`${method} ${url} ${fingerprint(JSON.stringify(data) ?? '')}`)
  const key = options.idempotencyKey ?? submission!.key
  try {
    const result = await send1<T>(url, data, options, false, key)
    submission?.settle('done')
    return result
  } catch (err) {
    const unclear = err instanceof ApiError && (err.statusCode === 0 || err.statusCode >= 500 || err.code === 'IDEMPOTENT_RETRY')
    submission?.settle(unclear ? 'unclear' : 'refused')
    throw err
  }
}

async function send1<T>(url: string, data: unknown, options: RequestOptions, retried: boolean, idempotencyKey?: string, renewed = false): Promise<T> {
  const method = options.method ?? 'GET'
  const header: Record<string, string> = { 'Content-Type': 'application/json', ...options.header }
  const token = options.auth === false ? null : useSession.getState().token
  if (token) header.Authorization = `Bearer ${token}`
  if (idempotencyKey) header['Idempotency-Key'] = idempotencyKey

  const retryable = method === 'GET' || !!idempotencyKey
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
  // The access token ran out (an hour): renewed once, the same request goes again (a 401 means nothing was done).
  if (res.statusCode === 401 && token) {
    if (!renewed && (await recoverFrom401(token))) return send1<T>(url, data, options, retried, idempotencyKey, true)
    if (renewed) handleUnauthenticated()
  } else if (res.statusCode === 401 && options.auth !== false && currentPageNeedsSession()) {
    // Signed out on a page that shows nothing without a session: weapp signs in silently and asks again once (a 401
    // means the server did nothing); H5 goes to 登录 and comes back here.
    if (supportsSilentLogin && !retried && (await silentLogin())) return send1<T>(url, data, options, true, idempotencyKey)
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
/**
 * multipart upload over Taro.uploadFile, with the same token, renewal on 401, error mapping and Idempotency-Key as
 * request(): the same file sent again to the same place while the first is on its way is one upload.
 */
export async function upload<T>(path: string, { filePath, name = 'file', formData, onProgress }: UploadOptions): Promise<T> {
  const submission = submissionKey(`UPLOAD ${path} ${fingerprint(`${filePath} ${JSON.stringify(formData ?? {})}`)}`)
  try {
    let result = await uploadOnce<T>(path, { filePath, name, formData, onProgress }, submission.key)
    if (result.status === 401 && result.token && (await recoverFrom401(result.token))) result = await uploadOnce<T>(path, { filePath, name, formData, onProgress }, submission.key)
    else if (result.status === 401 && result.token) handleUnauthenticated()
    if (result.ok) {
      submission.settle('done')
      return result.body
    }
    throw result.error
  } catch (err) {
    const unclear = err instanceof ApiError && (err.statusCode === 0 || err.statusCode >= 500 || err.code === 'IDEMPOTENT_RETRY')
    submission.settle(unclear ? 'unclear' : 'refused')
    throw err
  }
}

type UploadOutcome<T> = { ok: true; body: T; status: number; token: string | null } | { ok: false; error: ApiError; status: number; token: string | null }

function uploadOnce<T>(path: string, { filePath, name = 'file', formData, onProgress }: UploadOptions, idempotencyKey: string): Promise<UploadOutcome<T>> {
  const token = useSession.getState().token
  const header: Record<string, string> = { 'Idempotency-Key': idempotencyKey }
  if (token) header.Authorization = `Bearer ${token}`
  return new Promise<UploadOutcome<T>>((resolve, reject) => {
    const task = Taro.uploadFile({
      url: apiUrl(path),
      filePath,
      name,
      formData,
      header,
      success: (res) => {
        if (res.statusCode >= 200 && res.statusCode < 300) resolve({ ok: true, body: parseBody(res.data) as T, status: res.statusCode, token })
        else resolve({ ok: false, error: toApiError(res.statusCode, res.data), status: res.statusCode, token })
      },
      fail: () => reject(new ApiError(0, NETWORK_ERROR, NETWORK_MESSAGE)),
    })
    if (!onProgress || !task) return
    const listen = (p: { progress: number }) => onProgress(p.progress)
    if (typeof task.onProgressUpdate === 'function') task.onProgressUpdate(listen)
    else if (typeof task.progress === 'function') task.progress(listen)
  })
}
