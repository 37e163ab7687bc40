import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { setRouterParams } from './__mocks__/taro'
import NewTicketPage from '../packages/service/pages/new/index'
import TicketDetailPage from '../packages/service/pages/detail/index'
import TicketFiledPage from '../packages/service/pages/filed/index'
import ScenePage from '../packages/places/pages/scene/index'
import { ticketActions, type TicketStatus } from '@linli/domain'
import { useSession } from '../stores/session'
import { aResolvedScene, aUser, httpResponse } from './fixtures'
import { scanPoint } from '../features/service/hooks/scan-point'
import { trendBuckets, trendSummary } from '../features/service/components/BoardTrend'

// H5 scans with the browser's camera (qr-scanner, driven in scripts/browser/camera.test.js); jsdom has none.
jest.mock('../features/service/hooks/scan-point', () => ({
  scanPoint: jest.fn(() => Promise.reject(new Error('这台设备没有可用的摄像头，请输入二维码下方的编码'))),
}))

const requestMock = Taro.request as jest.Mock

/** The buttons the server sends: the domain table read for this viewer's standing (closed just now, so 重新打开 is open). */
const actionsFor = (status: TicketStatus, standing: string[]) => ticketActions(status, standing, { now: new Date(), closedAt: new Date() })

const categories = [
  { id: 1, code: 'sanitation', name: '环境卫生', icon: '🧹', hint: '垃圾堆放', slaHours: 24, attributes: [], active: true },
  { id: 3, code: 'charging', name: '充电设施', icon: '🔌', hint: '充电桩故障', slaHours: 24, attributes: [], active: true },
]

function aTicket(overrides: Record<string, unknown> = {}) {
  return {
    id: 42,
    number: 'MSB-20261128-0042',
    status: 'resolved',
    statusLabel: '已办结',
    category: { id: 3, name: '充电设施', icon: '🔌' },
    description: '3 号充电桩坏了',
    followerCount: 2,
    overdue: false,
    createdAt: '2026-11-28T01:00:00Z',
    dueAt: null,
    access: 'full',
    isOwner: true,
    canFollow: false,
    point: { id: 11, name: '安置小区公共充电站', scene: 'p.x7k2m9', address: null, lat: null, lng: null },
    grid: { id: 5, name: '第三网格' },
    community: { id: 2, name: '漕湖花园二社区' },
    requesterName: '张阿姨',
    anonymous: false,
    contact: { name: '张阿姨', phone: '138****1234', canReveal: false },
    photos: [],
    assignee: { id: 7, name: '王芳' },
    resolutionNote: '已更换',
    rating: null,
    ratingComment: null,
    reopenCount: 0,
    mergedInto: null,
    actions: actionsFor('resolved', ['owner']),
    timeline: [
      { id: '1', action: 'submit', label: '提交', fromStatus: null, toStatus: 'submitted', actorRole: 'resident', note: null, photos: [], at: '2026-11-28T01:00:00Z' },
      { id: '2', action: 'resolve', label: '办结', fromStatus: 'on_site', toStatus: 'resolved', actorRole: 'grid_worker', note: '已更换充电模块', photos: [{ id: 9, url: 'https://api.test/uploads/a.jpg', thumbUrl: 'https://api.test/uploads/a_t.jpg' }], at: '2026-11-28T03:00:00Z' },
    ],
    ...overrides,
  }
}

function route(handlers: Record<string, (req: any) => unknown>) {
  requestMock.mockImplementation((req: any) => {
    const path = req.url.replace('https://api.test', '').split('?')[0]
    const key = `${req.method ?? 'GET'} ${path}`
    const h = handlers[key]
    if (!h) return httpResponse(404, { statusCode: 404, code: 'NOT_FOUND', message: `no stub for ${key}` })
    return httpResponse(200, h(req))
  })
}

beforeEach(() => {
  act(() => useSession.getState().signIn('tok', aUser()))
})

describe('new ticket form', () => {
  it('should file from ?scene= with category, description and contact, sending an Idempotency-Key', async () => {
    setRouterParams({ scene: 'p.x7k2m9' })
    let sent: any = null
    route({
      'GET /api/service/categories': () => categories,
      'GET /api/places/scene/p.x7k2m9': () => aResolvedScene(),
      'GET /api/service/points/p.x7k2m9/open-tickets': () => [],
      'POST /api/service/tickets': (req) => {
        sent = req
        return aTicket({ status: 'dispatched', actions: [] })
      },
    })
    const { container } = render(<NewTicketPage />)
    expect(await screen.findByText('安置小区公共充电站')).toBeTruthy()
    fireEvent.click(await screen.findByText(/充电设施/, { selector: '.svc-chip' }))
    expect(screen.getByText(/充电桩故障/)).toBeTruthy()
    const textarea = container.querySelector('textarea') as HTMLTextAreaElement
    fireEvent.input(textarea, { target: { value: '3 号充电桩坏了' } })
    expect(screen.getByText('8/1000')).toBeTruthy()
    // The phone the resident bound is used as it is: shown masked, not asked for again.
    expect(screen.getByText('138****1234（已绑定）')).toBeTruthy()
    const before = container.querySelectorAll('input[type=text]').length
    fireEvent.click(screen.getByText('换一个号码'))
    const inputs = container.querySelectorAll('input[type=text]')
    expect(inputs.length).toBe(before + 1)
    fireEvent.input(inputs[inputs.length - 1], { target: { value: '13812341234' } })
    fireEvent.click(screen.getByText('提交'))
    await waitFor(() => expect(sent).not.toBeNull())
    expect(sent.data).toMatchObject({ scene: 'p.x7k2m9', categoryId: 3, description: '3 号充电桩坏了', contactName: '张阿姨', contactPhone: '13812341234', anonymous: false, photoIds: [] })
    expect(sent.header['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/)
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/service/pages/filed/index?id=42' }))
  })

  it('should refuse to submit without a category, a description or a valid phone, naming each field', async () => {
    // someone who has not bound a phone types one
    act(() => useSession.getState().signIn('tok', aUser({ phone: null })))
    setRouterParams({ scene: 'p.x7k2m9' })
    route({
      'GET /api/service/categories': () => categories,
      'GET /api/places/scene/p.x7k2m9': () => aResolvedScene(),
      'GET /api/service/points/p.x7k2m9/open-tickets': () => [],
    })
    render(<NewTicketPage />)
    await screen.findByText('安置小区公共充电站')
    fireEvent.click(screen.getByText('提交'))
    expect(await screen.findByText('请选择分类')).toBeTruthy()
    expect(screen.getByText('请描述遇到的问题')).toBeTruthy()
    expect(screen.getByText('请填写 11 位手机号')).toBeTruthy()
    expect(requestMock.mock.calls.some(([r]) => r.method === 'POST')).toBe(false)
  })

  it('should ask a category’s own questions, refuse a missing required answer, and send the answers with the ticket', async () => {
    setRouterParams({ scene: 'p.x7k2m9' })
    const repair = {
      id: 2, code: 'repair', name: '设施报修', icon: '🔧', hint: '公共设施损坏', slaHours: 48, active: true,
      attributes: [
        { code: 'facility', datatype: 'singlevaluelist', description: '设施类型', required: true, order: 1, values: [{ key: 'light', name: '路灯' }, { key: 'lift', name: '电梯' }] },
        { code: 'count', datatype: 'number', description: '损坏数量', required: false, order: 2 },
      ],
    }
    let sent: any = null
    route({
      'GET /api/service/categories': () => [...categories, repair],
      'GET /api/places/scene/p.x7k2m9': () => aResolvedScene(),
      'GET /api/service/points/p.x7k2m9/open-tickets': () => [],
      'POST /api/service/tickets': (req) => {
        sent = req
        return aTicket({ status: 'dispatched', actions: [] })
      },
    })
    const { container } = render(<NewTicketPage />)
    await screen.findByText('安置小区公共充电站')
    fireEvent.click(await screen.findByText(/设施报修/, { selector: '.svc-chip' }))
    expect(screen.getByText('设施类型')).toBeTruthy()
    expect(screen.getByText('损坏数量（选填）')).toBeTruthy()
    fireEvent.input(container.querySelector('textarea') as HTMLTextAreaElement, { target: { value: '电梯不动了' } })
    fireEvent.click(screen.getByText('提交'))
    expect(await screen.findByText('请填写设施类型')).toBeTruthy()
    expect(requestMock.mock.calls.some(([r]) => r.method === 'POST')).toBe(false)
    fireEvent.click(screen.getByText('电梯', { selector: '.svc-chip' }))
    fireEvent.click(screen.getByText('提交'))
    await waitFor(() => expect(sent).not.toBeNull())
    expect(sent.data).toMatchObject({ categoryId: 2, description: '电梯不动了', attributes: { facility: 'lift' } })
    // the bound phone: nothing typed, nothing sent; the server uses the account's number
    expect(sent.data.contactPhone).toBeUndefined()
  })

  it('should offer 同问 on open tickets at the point and follow instead of filing a duplicate', async () => {
    setRouterParams({ scene: 'p.x7k2m9' })
    let followed = false
    route({
      'GET /api/service/categories': () => categories,
      'GET /api/places/scene/p.x7k2m9': () => aResolvedScene(),
      'GET /api/service/points/p.x7k2m9/open-tickets': () => [{ id: 42, number: 'MSB-20261128-0042', status: 'signed', statusLabel: '已签收', category: categories[1], description: '3 号充电桩坏了', followerCount: 2, overdue: false, createdAt: '', dueAt: null, isMine: false, following: false }],
      'POST /api/service/tickets/42/follow': () => {
        followed = true
        return aTicket({ followerCount: 3 })
      },
    })
    render(<NewTicketPage />)
    expect(await screen.findByText('这里已有 1 件问题在处理')).toBeTruthy()
    expect(screen.getByText('已签收 · 同问 2')).toBeTruthy()
    fireEvent.click(screen.getByText('我也遇到'))
    await waitFor(() => expect(followed).toBe(true))
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/service/pages/detail/index?id=42' }))
  })
})

describe('ticket detail', () => {
  it('should show the timeline with the after-photos and the resident’s confirm/reopen buttons from the server’s actions', async () => {
    setRouterParams({ id: '42' })
    let confirmed = false
    route({
      'GET /api/service/tickets/42': () => aTicket(),
      'POST /api/service/tickets/42/actions/confirm': () => {
        confirmed = true
        return aTicket({ status: 'closed', statusLabel: '已确认', actions: actionsFor('closed', ['owner']) })
      },
    })
    const { container } = render(<TicketDetailPage />)
    expect(await screen.findByText('已更换充电模块')).toBeTruthy()
    expect(container.querySelector('img[src="https://api.test/uploads/a_t.jpg"]')).not.toBeNull()
    expect(screen.getByText('138****1234')).toBeTruthy()
    expect(screen.queryByText('评价')).toBeNull()
    fireEvent.click(screen.getByText('确认办结'))
    await waitFor(() => expect(confirmed).toBe(true))
    expect(await screen.findByText('评价')).toBeTruthy()
  })

  it('should ask for a reason and a confirmation before reopening, then send it', async () => {
    setRouterParams({ id: '42' })
    let body: any = null
    route({
      'GET /api/service/tickets/42': () => aTicket(),
      'POST /api/service/tickets/42/actions/reopen': (req) => {
        body = req.data
        return aTicket({ status: 'dispatched', actions: [] })
      },
    })
    const { container } = render(<TicketDetailPage />)
    fireEvent.click(await screen.findByText('重新打开'))
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请先填写理由' }))
    expect(body).toBeNull()
    fireEvent.input(container.querySelector('textarea')!, { target: { value: '还是坏的' } })
    ;(Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
    fireEvent.click(screen.getByText('重新打开'))
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '重新打开', content: expect.stringContaining('确定重新打开吗') })))
    expect(body).toBeNull()
    fireEvent.click(screen.getByText('重新打开'))
    await waitFor(() => expect(body).toEqual({ note: '还是坏的' }))
  })

  it('should rate with stars and a comment on a closed ticket', async () => {
    setRouterParams({ id: '42' })
    let body: any = null
    route({
      'GET /api/service/tickets/42': () => aTicket({ status: 'closed', actions: actionsFor('closed', ['owner']) }),
      'POST /api/service/tickets/42/actions/rate': (req) => {
        body = req.data
        return aTicket({ status: 'rated', rating: 4, actions: [] })
      },
    })
    const { container } = render(<TicketDetailPage />)
    fireEvent.click(await screen.findByLabelText('4 星'))
    fireEvent.input(container.querySelector('textarea')!, { target: { value: '挺快的' } })
    fireEvent.click(screen.getByText('评价'))
    await waitFor(() => expect(body).toEqual({ rating: 4, comment: '挺快的' }))
  })

  it('should show a public entry to an outsider: no contact, no buttons', async () => {
    setRouterParams({ id: '42' })
    route({ 'GET /api/service/tickets/42': () => aTicket({ access: 'public', isOwner: false, contact: null, requesterName: '张*姨', actions: [], canFollow: true }) })
    const { container } = render(<TicketDetailPage />)
    expect(await screen.findByText('反映人：张*姨')).toBeTruthy()
    expect(container.textContent).not.toContain('138')
    expect(screen.queryByText('确认办结')).toBeNull()
    expect(screen.getByText('我也遇到（同问）')).toBeTruthy()
  })

  it('should check a grid worker in by scanning the point’s code and show the returned ticket without reloading', async () => {
    setRouterParams({ id: '42' })
    let body: any = null
    route({
      'GET /api/service/tickets/42': () => aTicket({ status: 'signed', statusLabel: '已签收', isOwner: false, actions: actionsFor('signed', ['grid_worker']) }),
      'POST /api/service/tickets/42/actions/check_in': (req) => {
        body = req.data
        return aTicket({ status: 'on_site', statusLabel: '处置中', isOwner: false, actions: actionsFor('on_site', ['grid_worker']) })
      },
    })
    ;(scanPoint as jest.Mock).mockResolvedValueOnce({ result: 'https://linli.test/?scene=p.x7k2m9' })
    render(<TicketDetailPage />)
    fireEvent.click(await screen.findByText('扫码打卡'))
    await waitFor(() => expect(body).toEqual({ scene: 'p.x7k2m9' }))
    expect(await screen.findByText('办结', { selector: 'button' })).toBeTruthy()
    expect(screen.getByText('处置中')).toBeTruthy()
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已到场打卡', icon: 'success' })
    expect(requestMock.mock.calls.filter(([r]) => (r.method ?? 'GET') === 'GET')).toHaveLength(1)
  })

  it('should check in by the sticker code typed when the camera cannot scan', async () => {
    setRouterParams({ id: '42' })
    let body: any = null
    route({
      'GET /api/service/tickets/42': () => aTicket({ status: 'signed', isOwner: false, actions: actionsFor('signed', ['grid_worker']) }),
      'POST /api/service/tickets/42/actions/check_in': (req) => {
        body = req.data
        return aTicket({ status: 'on_site', isOwner: false, actions: [] })
      },
    })
    const { container } = render(<TicketDetailPage />)
    await screen.findByText('扫码打卡')
    const code = container.querySelector('.svc-checkin-code') as HTMLInputElement
    fireEvent.change(code, { target: { value: 'p.x7k2m9' } })
    fireEvent.keyDown(code, { key: 'Enter' })
    await waitFor(() => expect(body).toEqual({ scene: 'p.x7k2m9' }))
  })

  it('should ask for 办结情况 before resolving, then send it with the after-photos', async () => {
    setRouterParams({ id: '42' })
    let body: any = null
    route({
      'GET /api/service/tickets/42': () => aTicket({ status: 'on_site', isOwner: false, actions: actionsFor('on_site', ['grid_worker']) }),
      'POST /api/service/tickets/42/actions/resolve': (req) => {
        body = req.data
        return aTicket({ isOwner: false, actions: [] })
      },
    })
    const { container } = render(<TicketDetailPage />)
    fireEvent.click(await screen.findByText('办结', { selector: 'button' }))
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '请先填写办结情况', icon: 'none' })
    expect(body).toBeNull()
    fireEvent.input(container.querySelector('textarea')!, { target: { value: '已更换充电模块' } })
    fireEvent.click(screen.getByText('办结', { selector: 'button' }))
    await waitFor(() => expect(body).toEqual({ note: '已更换充电模块', photoIds: [] }))
  })

  it('should reassign through actions/reassign to the worker picked from the community’s grid workers, searched by name', async () => {
    setRouterParams({ id: '42' })
    let body: any = null
    const asked: string[] = []
    const workers = [
      { id: 7, name: '王芳', phone: '138****0001', grids: ['第三网格'], onTicketGrid: true },
      { id: 8, name: '李强', phone: '139****0002', grids: [], onTicketGrid: false },
    ]
    route({
      'GET /api/service/tickets/42': () => aTicket({ status: 'signed', isOwner: false, actions: actionsFor('signed', ['staff']) }),
      'GET /api/service/workers': (req) => {
        asked.push(req.url.split('?')[1])
        return { items: req.url.includes('q=') ? workers.filter((w) => w.name.includes('李')) : workers, nextCursor: null }
      },
      'POST /api/service/tickets/42/actions/reassign': (req) => {
        body = req.data
        return aTicket({ status: 'dispatched', isOwner: false, assignee: { id: 8, name: '李强' }, actions: actionsFor('dispatched', ['staff']) })
      },
    })
    const { container } = render(<TicketDetailPage />)
    expect(await screen.findByText('○ 王芳（本网格）')).toBeTruthy()
    expect(asked[0]).toBe('ticketId=42')
    fireEvent.click(screen.getByText('改派', { selector: 'button' }))
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '请先选择改派的网格员', icon: 'none' })
    expect(body).toBeNull()
    fireEvent.change(container.querySelector('.svc-pick__search') as HTMLElement, { target: { value: '李' } })
    fireEvent.click(screen.getByText('搜索', { selector: 'button' }))
    await waitFor(() => expect(screen.queryByText('○ 王芳（本网格）')).toBeNull())
    expect(asked.at(-1)).toBe(`ticketId=42&q=${encodeURIComponent('李')}`)
    fireEvent.click(screen.getByText('○ 李强'))
    fireEvent.click(await screen.findByText('改派给李强', { selector: 'button' }))
    await waitFor(() => expect(body).toEqual({ workerId: 8 }))
    expect(await screen.findByText('承办网格员：李强')).toBeTruthy()
  })

  it('should not reject a ticket until the reason is written and the staff member confirms', async () => {
    setRouterParams({ id: '42' })
    let body: any = null
    route({
      'GET /api/service/tickets/42': () => aTicket({ status: 'submitted', isOwner: false, assignee: null, actions: actionsFor('submitted', ['staff']) }),
      'POST /api/service/tickets/42/actions/reject': (req) => {
        body = req.data
        return aTicket({ status: 'rejected', statusLabel: '不予受理', isOwner: false, actions: [] })
      },
    })
    const modal = Taro.showModal as jest.Mock
    const { container } = render(<TicketDetailPage />)
    expect(await screen.findByText('受理')).toBeTruthy()
    expect(screen.getByText('合并')).toBeTruthy()
    fireEvent.click(screen.getByText('不予受理'))
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '请先填写理由', icon: 'none' })
    fireEvent.input(container.querySelector('textarea')!, { target: { value: '不属于本社区' } })
    modal.mockResolvedValueOnce({ confirm: false, cancel: true })
    fireEvent.click(screen.getByText('不予受理'))
    await waitFor(() => expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('确定吗') })))
    await act(async () => undefined)
    expect(body).toBeNull()
    modal.mockResolvedValueOnce({ confirm: true, cancel: false })
    fireEvent.click(screen.getByText('不予受理'))
    await waitFor(() => expect(body).toEqual({ note: '不属于本社区' }))
    await waitFor(() => expect(screen.queryByText('受理')).toBeNull())
  })

  it('should offer a large 反映问题 button on the scene page that opens the form with the scene', async () => {
    setRouterParams({ scene: 'p.x7k2m9' })
    route({ 'GET /api/places/scene/p.x7k2m9': () => aResolvedScene() })
    render(<ScenePage />)
    fireEvent.click(await screen.findByText('反映问题'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/service/pages/new/index?scene=p.x7k2m9' })
  })
})

describe('after filing', () => {
  it('should show the number, what happens next and the way to the ticket', async () => {
    setRouterParams({ id: '42' })
    route({ 'GET /api/service/tickets/42': () => aTicket({ status: 'submitted', statusLabel: '待受理', dueAt: '2026-11-29T01:00:00Z', actions: [] }) })
    render(<TicketFiledPage />)
    expect(await screen.findByText('MSB-20261128-0042')).toBeTruthy()
    expect(screen.getByText('已提交')).toBeTruthy()
    expect(screen.getByText(/漕湖花园二社区的工作人员受理/)).toBeTruthy()
    expect(screen.getByText(/最晚 .* 前办好/)).toBeTruthy()
    fireEvent.click(screen.getByText('查看办理进度'))
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/service/pages/detail/index?id=42' })
  })

  it('should say so when the ticket cannot be loaded, with a retry', async () => {
    setRouterParams({ id: '42' })
    route({})
    render(<TicketFiledPage />)
    expect(await screen.findByText('重试')).toBeTruthy()
  })
})

describe('ticket header', () => {
  it('should show the number, the description and the place once each, on their own lines', async () => {
    setRouterParams({ id: '42' })
    route({ 'GET /api/service/tickets/42': () => aTicket({ point: { id: 11, name: '安置小区公共充电站', scene: 'p.x7k2m9', address: '安置小区公共充电站', lat: null, lng: null } }) })
    const { container } = render(<TicketDetailPage />)
    await screen.findByText('编号 MSB-20261128-0042')
    const head = container.querySelector('.svc-head')!
    expect(head.children).toHaveLength(3)
    expect(head.querySelector('.svc-head__desc')!.textContent).toBe('3 号充电桩坏了')
    // The address equal to the point's name is not said twice.
    expect(head.textContent!.split('安置小区公共充电站')).toHaveLength(2)
  })
})

describe('board trend', () => {
  const days = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ day: `2026-11-${String(i + 1).padStart(2, '0')}`, filed: i === 2 ? 5 : 1, resolved: 1 }))

  it('should show a week day by day, each row with its date and both numbers', () => {
    const rows = trendBuckets(days(7))
    expect(rows).toHaveLength(7)
    expect(rows[2]).toMatchObject({ label: '11-03', filed: 5, resolved: 1 })
  })

  it('should sum thirty days by week so a phone shows a few readable rows', () => {
    const rows = trendBuckets(days(30))
    expect(rows).toHaveLength(5)
    expect(rows[0]).toMatchObject({ label: '11-01 起', filed: 11, resolved: 7 })
    expect(rows[4]).toMatchObject({ filed: 2, resolved: 2 })
  })

  it('should say the chart in one sentence', () => {
    expect(trendSummary(days(7), '近 7 天')).toBe('近 7 天共受理 11 件，办结 7 件；受理最多的一天是11月3日，5 件。')
    expect(trendSummary([{ day: '2026-11-01', filed: 0, resolved: 0 }], '近 7 天')).toBe('近 7 天没有新受理或办结的事。')
  })
})
