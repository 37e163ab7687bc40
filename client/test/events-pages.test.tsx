import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { activityActions, signupActions } from '@linli/domain'
import { firePullDownRefresh, setRouterParams } from './__mocks__/taro'
import EventsPage from '../pages/events/index'
import EventDetailPage from '../packages/events/pages/detail/index'
import CheckinPage from '../packages/events/pages/checkin/index'
import { httpResponse, networkFailure } from './fixtures'
import { useSession } from '../stores/session'

const requestMock = Taro.request as jest.Mock

function anActivity(over: Record<string, unknown> = {}) {
  return {
    id: 7, type: 'party_lesson', typeLabel: '党课', title: '红色电影党史课', cover: null, organiser: '第一党支部', communityId: 2,
    place: '党群服务中心二楼', startAt: '2031-05-01T06:00:00.000Z', endAt: '2031-05-01T08:00:00.000Z',
    signupStartAt: '2031-04-01T00:00:00.000Z', signupEndAt: '2031-05-01T06:00:00.000Z', cancelDeadline: '2031-05-01T06:00:00.000Z',
    capacity: 2, confirmedCount: 1, waitlistCount: 0, remaining: 1, audience: 'all', audienceLabel: '所有人', hours: 2,
    pointId: null, checkinOpensMinutes: 30, audienceCommunityId: null,
    needsCheckout: false, status: 'published', statusLabel: '已发布', signupOpen: true, ended: false, myStatus: null, myStatusLabel: null,
    description: '观看影片并交流', questions: [], cancelReason: null, canManage: false, actions: [], mySignup: null,
    ...over,
  }
}

/** A sign-up as the server sends it, its buttons from the domain table for its owner. */
function aSignup(over: Record<string, any> = {}) {
  const status = over.status ?? 'confirmed'
  const promoted = over.promoted ?? false
  return {
    id: '11', activityId: 7, userId: 5, status, statusLabel: '已报名', waitlistPosition: null, promoted, answers: null,
    checkedInAt: null, checkedOutAt: null, hours: null, proxy: false, createdAt: '2031-04-02T00:00:00.000Z',
    actions: signupActions(status, ['owner'], { promoted, activityType: 'party_lesson' }),
    ...over,
  }
}

beforeEach(() => {
  useSession.setState({ token: 'tok', user: { id: 5, name: '张秀英', roles: ['resident'], phone: null, isPartyMember: false, branch: null, communityId: 2, communityName: null, grids: [], communities: [] } as any })
})

describe('活动 tab', () => {
  it('should list activities in 北京时间 with remaining places or the waiting list, and filter by type and 可报名', async () => {
    requestMock.mockImplementation(() =>
      httpResponse(200, { items: [anActivity(), anActivity({ id: 6, title: '送餐队', remaining: 0, waitlistCount: 3, myStatus: 'waitlisted', myStatusLabel: '候补' })], nextCursor: null }),
    )
    render(<EventsPage />)
    expect(await screen.findByText('红色电影党史课')).toBeTruthy()
    expect(screen.getByText('剩余 1 个名额')).toBeTruthy()
    expect(screen.getByText('名额已满 · 3 人候补')).toBeTruthy()
    expect(screen.getByText('候补')).toBeTruthy()
    expect(screen.getAllByText(/5月1日 14:00/).length).toBe(2)
    expect(requestMock.mock.calls[0][0].url).toBe('https://api.test/api/events')
    fireEvent.click(screen.getByText('志愿服务'))
    await waitFor(() => expect(requestMock.mock.calls.at(-1)[0].url).toBe('https://api.test/api/events?type=volunteer_service'))
    fireEvent.click(screen.getByText('可报名'))
    await waitFor(() => expect(requestMock.mock.calls.at(-1)[0].url).toBe('https://api.test/api/events?type=volunteer_service&open=1'))
    fireEvent.click(screen.getByText('红色电影党史课'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/events/pages/detail/index?id=7' })
  })

  it('should show an empty state, an error with 重试, and reload on pull-down', async () => {
    requestMock.mockImplementation(networkFailure)
    render(<EventsPage />)
    const retry = await screen.findByText('重试')
    requestMock.mockImplementation(() => httpResponse(200, { items: [], nextCursor: null }))
    fireEvent.click(retry)
    expect(await screen.findByText('暂时没有活动')).toBeTruthy()
    const before = requestMock.mock.calls.length
    await firePullDownRefresh()
    await waitFor(() => expect(requestMock.mock.calls.length).toBe(before + 1))
  })
})

describe('activity detail', () => {
  it('should sign up with answers to the questions, sending an Idempotency-Key, then show the waiting-list position', async () => {
    setRouterParams({ id: '7' })
    const questions = [{ id: 'meal', kind: 'single', title: '午餐', required: true, options: ['荤', '素'] }]
    let signedUp = false
    requestMock.mockImplementation((opts: any) => {
      if (opts.method === 'POST') {
        signedUp = true
        return httpResponse(201, { id: '11', status: 'waitlisted' })
      }
      return httpResponse(200, anActivity({ remaining: 0, questions, mySignup: signedUp ? aSignup({ status: 'waitlisted', statusLabel: '候补', waitlistPosition: 2, answers: { meal: '素' } }) : null }))
    })
    render(<EventDetailPage />)
    expect(await screen.findByText(/名额已满/)).toBeTruthy()
    fireEvent.click(screen.getByText('素'))
    fireEvent.click(screen.getByText('加入候补'))
    expect(await screen.findByText('候补第 2 位')).toBeTruthy()
    const post = requestMock.mock.calls.find((c) => c[0].method === 'POST')[0]
    expect(post.url).toBe('https://api.test/api/events/7/signups')
    expect(post.data).toEqual({ answers: { meal: '素' } })
    expect(post.header['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/)
    expect(screen.getByText('取消候补')).toBeTruthy()
  })

  it('should offer 放弃名额 to a promoted person and 取消报名 after confirming, then show the returned detail without a reload', async () => {
    setRouterParams({ id: '7' })
    requestMock.mockImplementation((opts: any) =>
      opts.method === 'POST'
        ? httpResponse(200, anActivity({ confirmedCount: 0, remaining: 2, mySignup: null }))
        : httpResponse(200, anActivity({ mySignup: aSignup({ promoted: true }) })),
    )
    ;(Taro.showModal as jest.Mock).mockResolvedValue({ confirm: true })
    render(<EventDetailPage />)
    expect(await screen.findByText('已报名（候补转正）')).toBeTruthy()
    expect(screen.getByText('放弃名额')).toBeTruthy()
    fireEvent.click(screen.getByText('取消报名'))
    // The confirmation is the table's, asked before the move.
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '取消报名', content: '确定取消报名吗？名额将让给候补的人。' })))
    const cancelUrl = 'https://api.test/api/signups/11/actions/cancel'
    await waitFor(() => expect(requestMock.mock.calls.some((c) => c[0].url === cancelUrl)).toBe(true))
    // A JSON POST needs a body: the server's parser refuses an empty one with 400.
    expect(requestMock.mock.calls.find((c) => c[0].url === cancelUrl)[0].data).toEqual({})
    expect(await screen.findByText('报名')).toBeTruthy()
    expect(screen.queryByText('放弃名额')).toBeNull()
    expect(screen.getByText('剩余 2 / 2 个名额')).toBeTruthy()
    expect(requestMock.mock.calls.filter((c) => c[0].method !== 'POST')).toHaveLength(1)
  })

  it('should let staff publish a draft with the server’s button, and show the published detail it returns', async () => {
    setRouterParams({ id: '7' })
    const draft = anActivity({ status: 'draft', statusLabel: '草稿', signupOpen: false, canManage: true, scene: 'a.7.abcd', actions: activityActions('draft', ['staff']) })
    const published = { ...draft, status: 'published', statusLabel: '已发布', signupOpen: true, actions: activityActions('published', ['staff']) }
    requestMock.mockImplementation((opts: any) => httpResponse(200, opts.method === 'POST' ? published : draft))
    ;(Taro.showModal as jest.Mock).mockResolvedValue({ confirm: true })
    render(<EventDetailPage />)
    fireEvent.click(await screen.findByText('发布'))
    await waitFor(() => expect(requestMock.mock.calls.some((c) => c[0].url === 'https://api.test/api/activities/7/actions/publish')).toBe(true))
    await waitFor(() => expect(screen.queryByText('发布')).toBeNull())
    expect(screen.getByText('取消活动')).toBeTruthy()
    expect(screen.getByText('报名')).toBeTruthy()
    // One read of the activity (the check-in code's signed image address aside).
    expect(requestMock.mock.calls.filter((c) => c[0].method !== 'POST' && !c[0].url.endsWith('/qrcode-url'))).toHaveLength(1)
  })

  it('should show staff the printable check-in code by a signed URL (no login in it), and fetch a fresh one on retry', async () => {
    setRouterParams({ id: '7' })
    let signed = 0
    requestMock.mockImplementation((opts: any) =>
      opts.url.endsWith('/api/events/7/qrcode-url')
        ? httpResponse(200, { url: `/api/events/7/qrcode.png?exp=${++signed}&uid=1&sig=abc`, expiresAt: '2026-12-03T10:00:00Z' })
        : httpResponse(200, anActivity({ canManage: true, scene: 'a.7.abcd' })),
    )
    const { container } = render(<EventDetailPage />)
    expect(await screen.findByText('现场签到码')).toBeTruthy()
    expect(screen.getByText(/打印后张贴在签到处/)).toBeTruthy()
    await waitFor(() => expect(container.querySelector('img.ev-detail__qr-image')).not.toBeNull())
    const img = container.querySelector('img.ev-detail__qr-image') as HTMLImageElement
    expect(img.getAttribute('src')).toBe('https://api.test/api/events/7/qrcode.png?exp=1&uid=1&sig=abc')
    expect(img.getAttribute('src')).not.toContain('tok')
    fireEvent.error(img)
    fireEvent.click(await screen.findByText('重试'))
    await waitFor(() => expect((container.querySelector('img.ev-detail__qr-image') as HTMLImageElement | null)?.getAttribute('src')).toBe('https://api.test/api/events/7/qrcode.png?exp=2&uid=1&sig=abc'))
  })

  it('should not show the check-in code to a resident', async () => {
    setRouterParams({ id: '7' })
    requestMock.mockImplementation(() => httpResponse(200, anActivity()))
    const { container } = render(<EventDetailPage />)
    expect(await screen.findByText('红色电影党史课')).toBeTruthy()
    expect(screen.queryByText('现场签到码')).toBeNull()
    expect(container.querySelector('img.ev-detail__qr-image')).toBeNull()
  })

  it('should explain a refusal from the server in Chinese', async () => {
    setRouterParams({ id: '7' })
    requestMock.mockImplementation((opts: any) =>
      opts.method === 'POST'
        ? httpResponse(403, { statusCode: 403, code: 'EVENT_AUDIENCE_MISMATCH', message: '该活动仅限党员报名' })
        : httpResponse(200, anActivity({ audience: 'party_members', audienceLabel: '党员' })),
    )
    render(<EventDetailPage />)
    fireEvent.click(await screen.findByText('报名'))
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '该活动仅限党员报名', icon: 'none' }))
  })
})

describe('check-in at the venue', () => {
  it('should check the attendee in on opening the scanned code, then 签退 through the sign-up’s action and show the returned state', async () => {
    setRouterParams({ scene: 'a.7.abcd' })
    const timed = { promoted: false, activityType: 'volunteer_service' as const }
    const checkedIn = aSignup({ status: 'checked_in', statusLabel: '已签到', checkedInAt: '2031-05-01T05:50:00.000Z', actions: signupActions('checked_in', ['owner'], timed) })
    const checkedOut = aSignup({ status: 'checked_out', statusLabel: '已签退', hours: 1.5, actions: signupActions('checked_out', ['owner'], timed) })
    requestMock.mockImplementation((opts: any) =>
      opts.url.endsWith('/api/events/checkin/scene')
        ? httpResponse(200, { result: 'checked_in', message: '已签到', name: '张秀英', signup: checkedIn })
        : httpResponse(200, anActivity({ type: 'volunteer_service', needsCheckout: true, mySignup: checkedOut })),
    )
    render(<CheckinPage />)
    expect(await screen.findByText('签到成功')).toBeTruthy()
    expect(requestMock.mock.calls[0][0]).toMatchObject({ url: 'https://api.test/api/events/checkin/scene', data: { scene: 'a.7.abcd' } })
    fireEvent.click(screen.getByText('签退'))
    expect(await screen.findByText('签退成功')).toBeTruthy()
    expect(screen.getByText('已记志愿时长 1.5 小时')).toBeTruthy()
    expect(requestMock.mock.calls.map((c) => c[0].url)).toEqual(['https://api.test/api/events/checkin/scene', 'https://api.test/api/signups/11/actions/check_out'])
  })
})
