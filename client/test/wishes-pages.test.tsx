import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { firePullDownRefresh, fireReachBottom, setRouterParams } from './__mocks__/taro'
import WishesPage from '../pages/wishes/index'
import WishDetailPage from '../packages/wishes/pages/detail/index'
import MyClaimsPage from '../packages/wishes/pages/claims/index'
import ManageWishPage from '../packages/wishes/pages/manage-detail/index'
import RecordWishPage from '../packages/wishes/pages/record/index'
import { useSession } from '../stores/session'
import { aUser, httpResponse } from './fixtures'

const requestMock = Taro.request as jest.Mock

const card = (id: number, over: Record<string, unknown> = {}) => ({
  id,
  title: `心愿 ${id}`,
  story: '奶奶一个人住，喜欢听评弹。',
  type: 'goods',
  typeLabel: '物资',
  estimatedValue: 120,
  photos: [],
  wishBy: '2030-01-10',
  daysLeft: 5,
  displayName: '王奶奶 · 漕湖花园二社区',
  communityId: 2,
  communityName: '漕湖花园二社区',
  status: 'published',
  statusLabel: '待认领',
  partyPriority: false,
  claimedByMe: false,
  publishedAt: '2029-12-01T00:00:00Z',
  actions: [],
  ...over,
})

/** The buttons as the server sends them (labels, reasons, tones and confirmations come from the domain table). */
const CLAIM = { action: 'claim', label: '认领这个心愿', needsReason: false, tone: 'primary', confirm: '认领后请在有效期内完成，并通过网格员交接。确定认领吗？' }
const RELEASE = { action: 'release', label: '放弃认领', needsReason: false, tone: 'danger', confirm: '放弃后心愿会回到心愿墙，由其他志愿者认领。确定放弃吗？' }
const FULFIL = { action: 'fulfil', label: '上传圆梦凭证', needsReason: false, tone: 'primary' }
const HANDOFF = { gridWorker: { name: '王芳', phone: '13700001111' }, meetingPoint: '漕湖花园二社区（六区）邻里空间服务站' }
const claimInfo = (over: Record<string, unknown> = {}) => ({ claimedAt: '2030-01-01T00:00:00Z', expiresAt: '2099-01-08T00:00:00Z', proofPhotos: [], proofNote: null, lastReason: null, handoff: HANDOFF, ...over })
const claimedCard = (id: number, over: Record<string, unknown> = {}) =>
  card(id, { status: 'claimed', statusLabel: '已认领', claimedByMe: true, claim: claimInfo(), actions: [RELEASE, FULFIL], ...over })

function signInAsVolunteer() {
  act(() => {
    useSession.setState({ token: 'tok', user: aUser({ id: 9, name: '李建国', roles: ['resident', 'volunteer'], isPartyMember: true, communityId: 2 }), role: 'volunteer' })
  })
}

describe('心愿墙', () => {
  it('should show cards with type, display name, community, days left and the 党员优先 badge', async () => {
    requestMock.mockImplementation(() => httpResponse(200, { items: [card(1, { partyPriority: true }), card(2, { daysLeft: 0, type: 'companionship', typeLabel: '陪伴' })], nextCursor: null }))
    const { container } = render(<WishesPage />)
    expect(await screen.findByText('心愿 1')).toBeTruthy()
    expect(screen.getByText('党员优先')).toBeTruthy()
    expect(screen.getAllByText('王奶奶').length).toBe(2)
    expect(screen.getAllByText('漕湖花园二社区').length).toBe(2)
    expect(screen.getByText('还剩 5 天')).toBeTruthy()
    expect(screen.getByText('今天截止')).toBeTruthy()
    expect(container.querySelectorAll('.wish-card')).toHaveLength(2)
    expect(requestMock.mock.calls[0][0].url).toBe('https://api.test/api/wishes')
  })

  it('should filter by type, load the next page by cursor and reload on pull-down', async () => {
    requestMock.mockImplementation((opts: { url: string }) =>
      opts.url.includes('cursor=')
        ? httpResponse(200, { items: [card(3)], nextCursor: null })
        : httpResponse(200, { items: [card(1), card(2)], nextCursor: '2030-01-10_2' }),
    )
    render(<WishesPage />)
    await screen.findByText('心愿 2')
    await fireReachBottom()
    expect(await screen.findByText('心愿 3')).toBeTruthy()
    expect(requestMock.mock.calls[1][0].url).toBe('https://api.test/api/wishes?cursor=2030-01-10_2')
    expect(await screen.findByText('没有更多了')).toBeTruthy()
    fireEvent.click(screen.getByText('服务'))
    await waitFor(() => expect(requestMock.mock.calls.some((c) => c[0].url === 'https://api.test/api/wishes?type=service')).toBe(true))
    const before = requestMock.mock.calls.length
    await firePullDownRefresh()
    expect(requestMock.mock.calls.length).toBeGreaterThan(before)
    await waitFor(() => expect(Taro.stopPullDownRefresh).toHaveBeenCalled())
  })

  it('should say so when there are no wishes, and offer 重试 after an error', async () => {
    requestMock.mockImplementation(() => httpResponse(200, { items: [], nextCursor: null }))
    render(<WishesPage />)
    expect(await screen.findByText('暂时没有待认领的心愿')).toBeTruthy()
    requestMock.mockImplementation(() => httpResponse(500, {}))
    await firePullDownRefresh()
    expect(await screen.findByText('系统开小差了，请稍后再试')).toBeTruthy()
    expect(screen.getByText('重试')).toBeTruthy()
  })

  it('should open the detail page of a tapped card', async () => {
    requestMock.mockImplementation(() => httpResponse(200, { items: [card(7)], nextCursor: null }))
    render(<WishesPage />)
    fireEvent.click(await screen.findByText('心愿 7'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/wishes/pages/detail/index?id=7' })
  })
})

describe('wish detail and claim', () => {
  it('should claim after the confirmation and then show the grid worker and the meeting point, from the returned wish', async () => {
    signInAsVolunteer()
    setRouterParams({ id: '5' })
    requestMock.mockImplementation((opts: { url: string; method: string }) =>
      opts.method === 'POST' ? httpResponse(201, claimedCard(5, { claim: claimInfo({ expiresAt: '2030-01-08T00:00:00Z' }) })) : httpResponse(200, card(5, { actions: [CLAIM] })),
    )
    render(<WishDetailPage />)
    fireEvent.click(await screen.findByText('认领这个心愿'))
    expect(await screen.findByText('漕湖花园二社区（六区）邻里空间服务站')).toBeTruthy()
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '认领这个心愿', content: CLAIM.confirm }))
    expect(screen.getByText('13700001111')).toBeTruthy()
    expect(screen.queryByText('认领这个心愿')).toBeNull()
    const post = requestMock.mock.calls.find((c) => c[0].method === 'POST')![0]
    expect(post.url).toBe('https://api.test/api/wishes/5/actions/claim')
    // shown from the answer: the wish was fetched once
    expect(requestMock.mock.calls.filter((c) => c[0].method !== 'POST')).toHaveLength(1)
  })

  it('should not claim when the volunteer cancels the confirmation', async () => {
    signInAsVolunteer()
    setRouterParams({ id: '5' })
    ;(Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
    requestMock.mockImplementation(() => httpResponse(200, card(5, { actions: [CLAIM] })))
    render(<WishDetailPage />)
    fireEvent.click(await screen.findByText('认领这个心愿'))
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled())
    expect(requestMock.mock.calls.some((c) => c[0].method === 'POST')).toBe(false)
    expect(screen.getByText('认领这个心愿')).toBeTruthy()
  })

  it('should say 已被认领 clearly when someone else was faster', async () => {
    signInAsVolunteer()
    setRouterParams({ id: '5' })
    let lost = false
    requestMock.mockImplementation((opts: { method: string }) => {
      if (opts.method === 'POST') {
        lost = true
        return httpResponse(409, { statusCode: 409, code: 'WISH_ALREADY_CLAIMED', message: '这个心愿已被认领，看看其他心愿吧' })
      }
      return httpResponse(200, lost ? card(5, { status: 'claimed', statusLabel: '已认领' }) : card(5, { actions: [CLAIM] }))
    })
    const { container } = render(<WishDetailPage />)
    fireEvent.click(await screen.findByText('认领这个心愿'))
    expect(await screen.findByText('这个心愿已被认领，看看其他心愿吧')).toBeTruthy()
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '这个心愿已被认领，看看其他心愿吧', icon: 'none' })
    await waitFor(() => expect(container.querySelector('.wish-detail__status')!.textContent).toBe('已认领'))
    expect(screen.queryByText('认领这个心愿')).toBeNull()
  })

  it('should show the pause date when claiming is paused', async () => {
    signInAsVolunteer()
    setRouterParams({ id: '5' })
    requestMock.mockImplementation((opts: { method: string }) =>
      opts.method === 'POST'
        ? httpResponse(403, { statusCode: 403, code: 'WISH_CLAIM_PAUSED', message: '因两次认领超时未完成，认领功能暂停至 2030-02-01', pausedUntil: '2030-01-31T16:00:00Z' })
        : httpResponse(200, card(5, { actions: [CLAIM] })),
    )
    render(<WishDetailPage />)
    fireEvent.click(await screen.findByText('认领这个心愿'))
    expect(await screen.findByText('因两次认领超时未完成，认领功能暂停至 2030-02-01')).toBeTruthy()
  })

  it('should not offer 认领 to someone who is not a volunteer', async () => {
    act(() => {
      useSession.setState({ token: 'tok', user: aUser(), role: 'resident' })
    })
    setRouterParams({ id: '5' })
    requestMock.mockImplementation(() => httpResponse(200, card(5)))
    render(<WishDetailPage />)
    expect(await screen.findByText('登记为志愿者后可以认领心愿')).toBeTruthy()
    expect(screen.queryByText('认领这个心愿')).toBeNull()
  })
})

describe('我的认领', () => {
  const claims = (items: unknown[], activeClaims = items.length) => ({ items, status: { activeClaims, limit: 3, claimHours: 168, pausedUntil: null, pausedMessage: null } })

  it('should release a claim after the confirmation and drop it from the list without reloading', async () => {
    signInAsVolunteer()
    requestMock.mockImplementation((opts: { method: string }) =>
      opts.method === 'POST' ? httpResponse(201, card(5, { actions: [CLAIM] })) : httpResponse(200, claims([claimedCard(5), claimedCard(6, { title: '心愿 6' })])),
    )
    render(<MyClaimsPage />)
    expect(await screen.findByText('正在认领 2 / 3 个')).toBeTruthy()
    expect(screen.getAllByText('漕湖花园二社区（六区）邻里空间服务站', { exact: false })).toHaveLength(2)
    fireEvent.click(screen.getAllByText('放弃认领')[0])
    await waitFor(() => expect(screen.queryByText('心愿 5')).toBeNull())
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: RELEASE.confirm }))
    expect(screen.getByText('心愿 6')).toBeTruthy()
    expect(screen.getByText('正在认领 1 / 3 个')).toBeTruthy()
    expect(requestMock.mock.calls.find((c) => c[0].method === 'POST')![0].url).toBe('https://api.test/api/wishes/5/actions/release')
    expect(requestMock.mock.calls.filter((c) => c[0].method !== 'POST')).toHaveLength(1)
  })

  it('should send the proof (photos and a note) from the 上传圆梦凭证 form and show the wish as 待确认', async () => {
    signInAsVolunteer()
    ;(Taro.chooseImage as jest.Mock).mockResolvedValueOnce({ tempFilePaths: ['/tmp/a.jpg'] })
    ;(Taro.uploadFile as jest.Mock).mockImplementation(({ success }: any) => {
      const res = { statusCode: 201, data: JSON.stringify({ id: 31, url: '/u/31.jpg', thumbUrl: '/u/31_t.jpg' }) }
      success?.(res)
      return Object.assign(Promise.resolve(res), { onProgressUpdate: () => undefined, progress: () => undefined })
    })
    requestMock.mockImplementation((opts: { method: string }) =>
      opts.method === 'POST'
        ? httpResponse(201, card(5, { status: 'fulfilled', statusLabel: '待确认', claimedByMe: true, claim: claimInfo({ expiresAt: null, proofNote: '已送到服务站' }), actions: [] }))
        : httpResponse(200, claims([claimedCard(5)])),
    )
    render(<MyClaimsPage />)
    fireEvent.click(await screen.findByText('上传圆梦凭证'))
    fireEvent.click(screen.getByText('提交'))
    expect(await screen.findByText('请至少上传一张圆梦凭证照片')).toBeTruthy()
    expect(requestMock.mock.calls.some((c) => c[0].method === 'POST')).toBe(false)
    fireEvent.click(screen.getByText('选择照片'))
    await waitFor(() => expect(document.querySelectorAll('.wish-proof .wish-block__photo')).toHaveLength(1))
    fireEvent.input(document.querySelector('.wish-proof__note')!, { target: { value: '已送到服务站' }, detail: { value: '已送到服务站' } })
    fireEvent.click(screen.getByText('提交'))
    expect(await screen.findByText('待确认')).toBeTruthy()
    const post = requestMock.mock.calls.find((c) => c[0].method === 'POST')![0]
    expect(post.url).toBe('https://api.test/api/wishes/5/actions/fulfil')
    expect(post.data).toEqual({ photoIds: [31], note: '已送到服务站' })
    expect(screen.queryByText('上传圆梦凭证')).toBeNull()
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已提交，等待网格员确认', icon: 'none' })
  })
})

describe('manage detail', () => {
  const manageDetail = (over: Record<string, unknown> = {}) => ({
    ...card(8, { status: 'pending_review', statusLabel: '待审核' }),
    beneficiary: { id: 3, name: '王秀英', gender: 'female', ageGroup: 'elder', building: '六区12幢301室', phone: '13800009999', situation: '独居' },
    claimer: null,
    claimedAt: null,
    claimExpiresAt: null,
    proofPhotos: [],
    proofNote: null,
    fulfilledAt: null,
    confirmedAt: null,
    lastReason: null,
    canReview: true,
    timeline: [{ action: 'create', fromStatus: null, toStatus: 'pending_review', label: '待审核', actorName: '王芳', reason: null, at: '2030-01-01T02:00:00Z' }],
    actions: [
      { action: 'publish', label: '审核通过', needsReason: false, tone: 'primary' },
      { action: 'reject', label: '驳回', needsReason: true, tone: 'danger', confirm: '驳回后心愿不会上墙。确定驳回吗？' },
    ],
    ...over,
  })

  it('should ask for the reason of 驳回, send it as the note and show the returned wish without reloading', async () => {
    act(() => {
      useSession.setState({ token: 'tok', user: aUser({ roles: ['staff'] }), role: 'staff' })
    })
    setRouterParams({ id: '8' })
    requestMock.mockImplementation((opts: { method: string }) =>
      opts.method === 'POST' ? httpResponse(201, manageDetail({ status: 'rejected', statusLabel: '已驳回', lastReason: '信息不完整', actions: [] })) : httpResponse(200, manageDetail()),
    )
    const { container } = render(<ManageWishPage />)
    expect(await screen.findByText('审核通过')).toBeTruthy()
    expect(screen.getByText('2030-01-01 10:00 王芳 → 待审核')).toBeTruthy() // Beijing time
    fireEvent.click(screen.getByText('驳回'))
    const box = container.querySelector('.action-bar__note')!
    expect(box).toBeTruthy()
    fireEvent.click(screen.getByText('驳回'))
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '请先填写理由', icon: 'none' })
    fireEvent.input(box, { target: { value: '信息不完整' }, detail: { value: '信息不完整' } })
    fireEvent.click(screen.getByText('驳回'))
    await waitFor(() => expect(container.querySelector('.wish-manage-detail__status')!.textContent).toBe('已驳回'))
    const post = requestMock.mock.calls.find((c) => c[0].method === 'POST')![0]
    expect(post.url).toBe('https://api.test/api/wishes/8/actions/reject')
    expect(post.data).toEqual({ note: '信息不完整' })
    expect(screen.getByText('原因：信息不完整')).toBeTruthy()
    expect(screen.queryByText('审核通过')).toBeNull()
    expect(requestMock.mock.calls.filter((c) => c[0].method !== 'POST')).toHaveLength(1)
  })
})

describe('录入心愿', () => {
  const communities = [{ id: 2, name: '漕湖花园二社区', servicePoint: null, grids: [{ id: 11, name: '六区网格' }, { id: 12, name: '七区网格' }] }]

  it('should let staff put the beneficiary in a grid, so that grid’s worker follows the wish, and send it', async () => {
    act(() => {
      useSession.setState({ token: 'tok', user: aUser({ roles: ['staff'] }), role: 'staff' })
    })
    const posted: any[] = []
    requestMock.mockImplementation((opts: { method: string; url: string; data: unknown }) => {
      if (opts.method === 'POST') {
        posted.push(opts.data)
        return httpResponse(201, { id: 31 })
      }
      return httpResponse(200, communities)
    })
    const { container } = render(<RecordWishPage />)
    expect(await screen.findByText('所在网格（该网格的网格员会看到并跟进）')).toBeTruthy()
    expect(screen.getByText('不选网格：只有社区工作人员能看到这位心愿对象。')).toBeTruthy()
    fireEvent.click(screen.getByText('七区网格'))
    expect(screen.queryByText('不选网格：只有社区工作人员能看到这位心愿对象。')).toBeNull()
    const input = (cls: string) => container.querySelector(`.${cls} input, .${cls} textarea, input.${cls}, textarea.${cls}`) as HTMLInputElement
    fireEvent.input(input('wish-record__name'), { target: { value: '王秀英' } })
    fireEvent.input(input('wish-record__building'), { target: { value: '七区3幢101室' } })
    fireEvent.input(input('wish-record__title'), { target: { value: '想要一台收音机' } })
    fireEvent.input(input('wish-record__story'), { target: { value: '奶奶一个人住，喜欢听评弹。' } })
    fireEvent.click(container.querySelector('.wish-record__submit')!)
    await waitFor(() => expect(posted).toHaveLength(1))
    const body = typeof posted[0] === 'string' ? JSON.parse(posted[0]) : posted[0]
    expect(body).toMatchObject({ communityId: 2, gridId: 12, title: '想要一台收音机' })
  })

  it('should record a grid worker’s wish in their one grid without asking', async () => {
    act(() => {
      useSession.setState({ token: 'tok', user: aUser({ roles: ['grid_worker'] }), role: 'grid_worker' })
    })
    requestMock.mockImplementation(() => httpResponse(200, [{ ...communities[0], grids: [{ id: 11, name: '六区网格' }] }]))
    render(<RecordWishPage />)
    expect(await screen.findByText('六区网格')).toBeTruthy()
    expect(screen.queryByText('所在网格（该网格的网格员会看到并跟进）')).toBeNull()
  })
})
