import Taro from '@tarojs/taro'
import { ApiError, NETWORK_ERROR, get, logout, post, request, upload } from '../lib/request'
import { useSession } from '../stores/session'
import { aUser, httpResponse, networkFailure } from './fixtures'

const requestMock = Taro.request as jest.Mock
const lastCall = (n = requestMock.mock.calls.length - 1) => requestMock.mock.calls[n][0]

/** The rejection of a call that must fail; a call that succeeds fails the test. */
async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p
  } catch (e) {
    return e as ApiError
  }
  throw new Error('expected the request to fail')
}

async function waitForCalls(n: number) {
  for (let i = 0; i < 50 && requestMock.mock.calls.length < n; i++) await new Promise((r) => setTimeout(r, 1))
  expect(requestMock.mock.calls.length).toBe(n)
}

function signIn(token = 'tok-123') {
  useSession.getState().signIn(token, aUser())
}

describe('request layer', () => {
  it('should prefix the API base and send the session token as a Bearer header', async () => {
    signIn('tok-abc')
    requestMock.mockImplementation(() => httpResponse(200, { ok: true }))
    await expect(get('/api/me')).resolves.toEqual({ ok: true })
    expect(lastCall().url).toBe('https://api.test/api/me')
    expect(lastCall().header.Authorization).toBe('Bearer tok-abc')
  })

  it('should not send a token when the caller opts out (login endpoints)', async () => {
    signIn('stale')
    requestMock.mockImplementation(() => httpResponse(200, {}))
    await post('/api/auth/demo-login', { persona: 'resident' }, { auth: false })
    expect(lastCall().header.Authorization).toBeUndefined()
  })

  it('should send an empty JSON object for a POST without a body, since the server refuses an empty JSON body', async () => {
    requestMock.mockImplementation(() => httpResponse(200, {}))
    await post('/api/service/tickets/1/follow')
    expect(lastCall().data).toEqual({})
    await get('/api/me')
    expect(lastCall().data).toBeUndefined()
  })

  it('should encode query parameters and drop empty ones', async () => {
    requestMock.mockImplementation(() => httpResponse(200, { items: [] }))
    await get('/api/notifications', { query: { cursor: 'a b/c', empty: null } })
    expect(lastCall().url).toBe('https://api.test/api/notifications?cursor=a%20b%2Fc')
  })

  it('should map a 422 body to an ApiError carrying the code, message and field errors', async () => {
    requestMock.mockImplementation(() =>
      httpResponse(422, { statusCode: 422, code: 'VALIDATION_FAILED', message: '账号不能为空', fields: { username: ['账号不能为空'] } }),
    )
    const err: ApiError = await failure(post('/api/auth/password-login', {}))
    expect(err).toBeInstanceOf(ApiError)
    expect(err.statusCode).toBe(422)
    expect(err.code).toBe('VALIDATION_FAILED')
    expect(err.message).toBe('账号不能为空')
    expect(err.fields).toEqual({ username: ['账号不能为空'] })
    expect(err.fieldError('username')).toBe('账号不能为空')
  })

  it('should fall back to the shared Chinese message when the server sends none or English', async () => {
    requestMock.mockImplementationOnce(() => httpResponse(404, { statusCode: 404, code: 'PLACE_SCENE_INVALID', message: 'Scene not found' }))
    const err: ApiError = await failure(get('/api/places/scene/zzz'))
    expect(err.code).toBe('PLACE_SCENE_INVALID')
    expect(err.message).toBe('二维码无效或已停用')

    requestMock.mockImplementationOnce(() => httpResponse(500, '<html>Bad Gateway</html>'))
    const err2: ApiError = await failure(get('/api/health'))
    expect(err2.code).toBe('INTERNAL')
    expect(err2.message).toBe('系统开小差了，请稍后再试')
  })

  it('should clear the session and open the login page when a signed-in request gets 401', async () => {
    signIn()
    requestMock.mockImplementation(() => httpResponse(401, { statusCode: 401, code: 'UNAUTHENTICATED', message: 'Unauthorized' }))
    const err: ApiError = await failure(get('/api/me'))
    expect(err.statusCode).toBe(401)
    expect(err.message).toBe('请先登录')
    expect(useSession.getState().token).toBeNull()
    expect(useSession.getState().user).toBeNull()
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/account/pages/login/index' })
  })

  it('should leave the session alone on a 401 from a request that carried no token (wrong password)', async () => {
    requestMock.mockImplementation(() => httpResponse(401, { statusCode: 401, code: 'AUTH_BAD_CREDENTIALS', message: '' }))
    const err: ApiError = await failure(post('/api/auth/password-login', { username: 'a', password: 'b' }, { auth: false }))
    expect(err.code).toBe('AUTH_BAD_CREDENTIALS')
    expect(err.message).toBe('用户名或密码错误')
    expect(Taro.navigateTo).not.toHaveBeenCalled()
  })

  it('should retry a GET once after a network failure and return the second answer', async () => {
    requestMock.mockImplementationOnce(networkFailure).mockImplementationOnce(() => httpResponse(200, { count: 3 }))
    await expect(get('/api/notifications/unread-count')).resolves.toEqual({ count: 3 })
    expect(requestMock).toHaveBeenCalledTimes(2)
  })

  it('should give up with a NETWORK_ERROR after the retry also fails', async () => {
    requestMock.mockImplementation(networkFailure)
    const err: ApiError = await failure(get('/api/me'))
    expect(err.code).toBe(NETWORK_ERROR)
    expect(err.statusCode).toBe(0)
    expect(err.message).toContain('网络')
    expect(requestMock).toHaveBeenCalledTimes(2)
  })

  it('should not repeat a plain POST after a network failure, since the server may have applied it', async () => {
    requestMock.mockImplementation(networkFailure)
    await expect(post('/api/places/points', { name: 'x' })).rejects.toMatchObject({ code: NETWORK_ERROR })
    expect(requestMock).toHaveBeenCalledTimes(1)
    expect(lastCall().header['Idempotency-Key']).toBeUndefined()
  })

  it('should reuse the same Idempotency-Key when an idempotent POST is retried', async () => {
    requestMock.mockImplementationOnce(networkFailure).mockImplementationOnce(() => httpResponse(201, { ok: true }))
    await expect(post('/api/notifications/9/read', undefined, { idempotent: true })).resolves.toEqual({ ok: true })
    expect(requestMock).toHaveBeenCalledTimes(2)
    const first = lastCall(0).header['Idempotency-Key']
    const second = lastCall(1).header['Idempotency-Key']
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(second).toBe(first)
  })

  it('should send one Idempotency-Key for a double tap on the same submission, and a fresh one for another', async () => {
    const answers: Array<() => void> = []
    requestMock.mockImplementation(() => new Promise((resolve) => answers.push(() => resolve({ statusCode: 201, data: { id: 1 } }))))
    const first = post('/api/wishes', { title: '收音机' }, { idempotent: true })
    const second = post('/api/wishes', { title: '收音机' }, { idempotent: true })
    await waitForCalls(2)
    expect(lastCall(0).header['Idempotency-Key']).toBe(lastCall(1).header['Idempotency-Key'])
    requestMock.mockImplementation(() => httpResponse(201, { id: 2 }))
    answers.forEach((answer) => answer())
    await Promise.all([first, second])
    await post('/api/wishes', { title: '电饭煲' }, { idempotent: true })
    expect(lastCall(2).header['Idempotency-Key']).not.toBe(lastCall(0).header['Idempotency-Key'])
  })

  it('should keep the key after a failure without an answer, so 重试 is the same submission; and drop it after a clear refusal', async () => {
    requestMock.mockImplementation(() => httpResponse(502, {}))
    await expect(post('/api/invites', { role: 'volunteer' }, { idempotent: true })).rejects.toMatchObject({ statusCode: 502 })
    requestMock.mockImplementation(() => httpResponse(422, { code: 'VALIDATION_FAILED', message: '请选择社区', fields: { communityId: ['请选择社区'] } }))
    await expect(post('/api/invites', { role: 'volunteer' }, { idempotent: true })).rejects.toMatchObject({ statusCode: 422 })
    expect(lastCall(1).header['Idempotency-Key']).toBe(lastCall(0).header['Idempotency-Key'])
    requestMock.mockImplementation(() => httpResponse(201, { id: 3 }))
    await post('/api/invites', { role: 'volunteer' }, { idempotent: true })
    expect(lastCall(2).header['Idempotency-Key']).not.toBe(lastCall(0).header['Idempotency-Key'])
  })

  it('should honour a key the caller keeps for its form', async () => {
    requestMock.mockImplementation(() => httpResponse(201, { id: 1 }))
    await post('/api/service/tickets', { description: 'x' }, { idempotencyKey: 'form-key-12345' })
    expect(lastCall().header['Idempotency-Key']).toBe('form-key-12345')
  })

  describe('renewing the hour-long access token on 401', () => {
    const refused = () => httpResponse(401, { statusCode: 401, code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录' })

    it('should renew once with the refresh token and repeat the request with the new token, keeping the person signed in', async () => {
      useSession.getState().signIn('old-access', aUser(), 'refresh-1')
      requestMock.mockImplementation((opts: any) => {
        if (opts.url.endsWith('/api/auth/refresh')) return httpResponse(200, { accessToken: 'new-access', refreshToken: 'refresh-2', expiresAt: '', refreshExpiresAt: '' })
        return opts.header.Authorization === 'Bearer new-access' ? httpResponse(200, { ok: true }) : refused()
      })
      await expect(get('/api/me')).resolves.toEqual({ ok: true })
      const refresh = requestMock.mock.calls.filter((c) => c[0].url.endsWith('/api/auth/refresh'))
      expect(refresh).toHaveLength(1)
      expect(refresh[0][0].data).toEqual({ refreshToken: 'refresh-1' })
      expect(refresh[0][0].header.Authorization).toBeUndefined()
      expect(useSession.getState()).toMatchObject({ token: 'new-access', refreshToken: 'refresh-2' })
      expect(Taro.navigateTo).not.toHaveBeenCalled()
    })

    it('should renew once for several requests refused together (a refresh token is used once)', async () => {
      useSession.getState().signIn('old-access', aUser(), 'refresh-1')
      requestMock.mockImplementation((opts: any) => {
        if (opts.url.endsWith('/api/auth/refresh')) return new Promise((r) => setTimeout(() => r({ statusCode: 200, data: { accessToken: 'new-access', refreshToken: 'refresh-2' } }), 10))
        return opts.header.Authorization === 'Bearer new-access' ? httpResponse(200, { url: opts.url }) : refused()
      })
      const answers = await Promise.all([get('/api/me'), get('/api/notifications'), post('/api/wishes', { title: 'x' }, { idempotent: true })])
      expect(answers).toHaveLength(3)
      expect(requestMock.mock.calls.filter((c) => c[0].url.endsWith('/api/auth/refresh'))).toHaveLength(1)
      // The repeated submission carries the same Idempotency-Key as the refused one.
      const wishes = requestMock.mock.calls.filter((c) => c[0].url.endsWith('/api/wishes'))
      expect(wishes).toHaveLength(2)
      expect(wishes[1][0].header['Idempotency-Key']).toBe(wishes[0][0].header['Idempotency-Key'])
    })

    it('should sign out and open the login page when the renewal is refused', async () => {
      useSession.getState().signIn('old-access', aUser(), 'revoked-refresh')
      requestMock.mockImplementation(() => refused())
      const err = await failure(get('/api/me'))
      expect(err.statusCode).toBe(401)
      expect(requestMock.mock.calls.filter((c) => c[0].url.endsWith('/api/auth/refresh'))).toHaveLength(1)
      expect(useSession.getState()).toMatchObject({ token: null, refreshToken: null, user: null })
      expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/account/pages/login/index' })
    })

    it('should keep the session when the renewal cannot reach the server', async () => {
      useSession.getState().signIn('old-access', aUser(), 'refresh-1')
      requestMock.mockImplementation((opts: any) => (opts.url.endsWith('/api/auth/refresh') ? networkFailure() : refused()))
      const err = await failure(get('/api/me'))
      expect(err.code).toBe(NETWORK_ERROR)
      expect(useSession.getState()).toMatchObject({ token: 'old-access', refreshToken: 'refresh-1' })
    })

    it('should renew an upload refused for an expired token and send it again with the same key', async () => {
      useSession.getState().signIn('old-access', aUser(), 'refresh-1')
      requestMock.mockImplementation(() => httpResponse(200, { accessToken: 'new-access', refreshToken: 'refresh-2' }))
      const uploadMock = Taro.uploadFile as jest.Mock
      uploadMock.mockImplementation((opts: any) => {
        if (opts.header.Authorization === 'Bearer new-access') opts.success({ statusCode: 201, data: JSON.stringify({ id: 8 }) })
        else opts.success({ statusCode: 401, data: JSON.stringify({ code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录' }) })
        return {}
      })
      await expect(upload('/api/uploads?visibility=private', { filePath: 'wxfile://tmp/a.jpg' })).resolves.toEqual({ id: 8 })
      expect(uploadMock).toHaveBeenCalledTimes(2)
      expect(uploadMock.mock.calls[1][0].header['Idempotency-Key']).toBe(uploadMock.mock.calls[0][0].header['Idempotency-Key'])
    })

    it('should end the sign-in on the server at 退出登录', async () => {
      useSession.getState().signIn('access', aUser(), 'refresh-9')
      requestMock.mockImplementation(() => httpResponse(200, { ok: true }))
      await logout()
      expect(lastCall().url).toBe('https://api.test/api/auth/logout')
      expect(lastCall().data).toEqual({ refreshToken: 'refresh-9' })
      expect(useSession.getState().token).toBeNull()
    })
  })

  it('should parse a JSON string body (uploadFile and some H5 responses return text)', async () => {
    requestMock.mockImplementation(() => httpResponse(200, '{"a":1}'))
    await expect(request('/api/x')).resolves.toEqual({ a: 1 })
  })
})

describe('upload', () => {
  it('should send the file with the token, report progress and parse the JSON answer', async () => {
    signIn('tok-up')
    const progress: number[] = []
    ;(Taro.uploadFile as jest.Mock).mockImplementation((opts) => {
      const listeners: ((p: { progress: number }) => void)[] = []
      setTimeout(() => {
        listeners.forEach((l) => l({ progress: 50 }))
        listeners.forEach((l) => l({ progress: 100 }))
        opts.success({ statusCode: 201, data: JSON.stringify({ id: 3, url: '/uploads/a.jpg' }) })
      }, 0)
      return { onProgressUpdate: (l: (p: { progress: number }) => void) => listeners.push(l) }
    })
    const res = await upload<{ id: number }>('/api/uploads', { filePath: 'wxfile://tmp/a.jpg', onProgress: (p) => progress.push(p) })
    expect(res).toEqual({ id: 3, url: '/uploads/a.jpg' })
    expect(progress).toEqual([50, 100])
    const opts = (Taro.uploadFile as jest.Mock).mock.calls[0][0]
    expect(opts.url).toBe('https://api.test/api/uploads')
    expect(opts.name).toBe('file')
    expect(opts.header.Authorization).toBe('Bearer tok-up')
  })

  it('should turn a rejected upload into an ApiError with the shared message', async () => {
    ;(Taro.uploadFile as jest.Mock).mockImplementation((opts) => {
      opts.success({ statusCode: 413, data: JSON.stringify({ statusCode: 413, code: 'UPLOAD_TOO_LARGE', message: 'File too large' }) })
      return {}
    })
    await expect(upload('/api/uploads', { filePath: 'x' })).rejects.toMatchObject({ code: 'UPLOAD_TOO_LARGE', message: '图片太大，请压缩后再上传' })
  })
})
