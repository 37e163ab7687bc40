import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { firePullDownRefresh, fireReachBottom, setRouterParams } from './__mocks__/taro'
import WishesPage from '../pages/wishes/index'
import WishDetailPage from '../packages/wishes/pages/detail/index'
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
  ...over,
})

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
  it('should claim and then show the grid worker and the meeting point', async () => {
    signInAsVolunteer()
    setRouterParams({ id: '5' })
    let claimed = false
    requestMock.mockImplementation((opts: { url: string; method: string }) => {
      if (opts.method === 'POST') {
        claimed = true
        return httpResponse(201, {})
      }
      return httpResponse(
        200,
        claimed
          ? card(5, { status: 'claimed', statusLabel: '已认领', claimedByMe: true, claim: { claimedAt: '2030-01-01T00:00:00Z', expiresAt: '2030-01-08T00:00:00Z', proofPhotos: [], proofNote: null, lastReason: null, handoff: { gridWorker: { name: '王芳', phone: '13700001111' }, meetingPoint: '漕湖花园二社区（六区）邻里空间服务站' } } })
          : card(5),
      )
    })
    render(<WishDetailPage />)
    fireEvent.click(await screen.findByText('认领这个心愿'))
    expect(await screen.findByText('漕湖花园二社区（六区）邻里空间服务站')).toBeTruthy()
    expect(screen.getByText('13700001111')).toBeTruthy()
    expect(screen.queryByText('认领这个心愿')).toBeNull()
    const post = requestMock.mock.calls.find((c) => c[0].method === 'POST')![0]
    expect(post.url).toBe('https://api.test/api/wishes/5/claim')
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
      return httpResponse(200, lost ? card(5, { status: 'claimed', statusLabel: '已认领' }) : card(5))
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
        : httpResponse(200, card(5)),
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
