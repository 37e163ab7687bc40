/**
 * Arriving in the REAL WeChat output (same harness as weapp-smoke.test.js): a page that needs a session signs in with
 * wx.login before its first request, a page that works signed out does not; a scan while the app is running (hot
 * start) opens the point; the share hooks give WeChat a card. Build first: npm run build:weapp.
 */
const { ticketActions, activityActions } = require('../domain/dist')

// wx.login goes in before the simulator defines wx (it merges what is there), so Taro binds this one.
global.wx = { login: jest.fn((opts) => setTimeout(() => opts.success && opts.success({ code: 'weapp-code-1', errMsg: 'login:ok' }), 0)) }

const fs = require('fs')
const path = require('path')
const { useWeappSim, API_BASE, DIST } = require('./lib/weapp-sim')

const USER = { id: 9, name: '张秀英', roles: ['resident'], phone: '138****1234', isPartyMember: false, branch: null, communityId: 2, grids: [], communities: [] }
const DETAIL = {
  id: 42, number: 'MSB-20261128-0042', status: 'resolved', statusLabel: '已办结', category: { id: 1, name: '环境卫生', icon: '🧹' }, description: '楼道堆满纸箱',
  followerCount: 0, overdue: false, createdAt: '2026-11-28T01:00:00Z', dueAt: null, isMine: true, following: false, access: 'full', isOwner: true, canFollow: false,
  point: { id: 11, name: '六区12幢', scene: 'hy2-b12', address: null, lat: null, lng: null }, grid: { id: 5, name: '第三网格' }, community: { id: 2, name: '漕湖花园二社区' },
  requesterName: '张秀英', anonymous: false, contact: { name: '张秀英', phone: '138****1234', canReveal: false }, photos: [],
  assignee: { id: 7, name: '王芳' }, resolutionNote: '已清运', rating: null, ratingComment: null, reopenCount: 0, mergedInto: null,
  actions: ticketActions('resolved', ['resident', 'owner']),
  timeline: [{ id: '1', action: 'submit', label: '提交', fromStatus: null, toStatus: 'submitted', actorRole: 'resident', note: null, photos: [], at: '2026-11-28T01:00:00Z' }],
}
const STATS = { total: 12, byStatus: {}, responseRate: 91.7, resolutionRate: 80, satisfactionRate: 100, avgHandlingHours: 5.5 }
const BOARD = { overall: STATS, byCommunity: [], byCategory: [], trend: [], statusLabels: {}, communities: [], categories: [] }
const ACTIVITY = {
  id: 7, type: 'party_lesson', typeLabel: '党课', title: '红色电影党史课', cover: { id: 3, url: '/api/uploads/3', thumbUrl: '/api/uploads/3/thumb', width: 640, height: 360 },
  organiser: '第一党支部', communityId: 2, place: '党群服务中心二楼', startAt: '2031-05-01T06:00:00.000Z', endAt: '2031-05-01T08:00:00.000Z',
  signupStartAt: '2031-04-01T00:00:00.000Z', signupEndAt: '2031-05-01T06:00:00.000Z', cancelDeadline: '2031-05-01T06:00:00.000Z',
  capacity: 20, confirmedCount: 2, waitlistCount: 0, remaining: 18, audience: 'all', audienceLabel: '所有人', hours: 2, pointId: null, checkinOpensMinutes: 30,
  audienceCommunityId: null, needsCheckout: false, status: 'published', statusLabel: '已发布', cancelReason: null, signupOpen: true, ended: false, myStatus: null, myStatusLabel: null,
  description: '观看《建党伟业》并交流', canManage: false, canProxy: false, scene: null, mySignup: null, questions: [], actions: activityActions('published', []),
}
const WISH = {
  id: 5, title: '想要一台收音机', story: '奶奶一个人住，喜欢听评弹。', type: 'goods', typeLabel: '物资', estimatedValue: 120, photos: [{ id: 8, url: '/api/uploads/8', thumbUrl: '/api/uploads/8/thumb' }],
  wishBy: '2030-01-10', daysLeft: 5, displayName: '王奶奶 · 漕湖花园二社区', communityId: 2, communityName: '漕湖花园二社区',
  status: 'published', statusLabel: '待认领', partyPriority: false, claimedByMe: false, publishedAt: '2030-01-01T00:00:00Z', actions: [],
}

function respond(p, method) {
  if (method === 'POST' && p === '/api/auth/wechat-login') return { statusCode: 200, data: { accessToken: 'tok-silent', user: USER } }
  if (p.startsWith('/api/service/tickets/42')) return { statusCode: 200, data: DETAIL }
  if (p.startsWith('/api/service/board')) return { statusCode: 200, data: BOARD }
  if (p.startsWith('/api/events/7')) return { statusCode: 200, data: ACTIVITY }
  if (p.startsWith('/api/events')) return { statusCode: 200, data: { items: [ACTIVITY], nextCursor: null } }
  if (p.startsWith('/api/wishes/5')) return { statusCode: 200, data: WISH }
  if (p.startsWith('/api/wishes')) return { statusCode: 200, data: { items: [WISH], nextCursor: null } }
}

const { until, renderPage } = useWeappSim({ respond })

const calls = () => wx.request.mock.calls.map(([o]) => ({ path: o.url.replace(API_BASE, ''), method: o.method || 'GET', auth: (o.header || {}).Authorization }))

let board = null

describe('weapp build: arriving signed out, hot start, share', () => {
  it('should not call wx.login for a page that works signed out (公开监督)', async () => {
    board = await renderPage('packages/service/pages/board/index', {}, '响应率')
    expect(wx.login).not.toHaveBeenCalled()
  })

  it('should sign in with wx.login before the first request of a page that needs a session (a shared ticket link)', async () => {
    await renderPage('packages/service/pages/detail/index', { id: '42' }, 'MSB-20261128-0042')
    expect(wx.login).toHaveBeenCalledTimes(1)
    const all = calls()
    const login = all.findIndex((c) => c.path === '/api/auth/wechat-login')
    const ticket = all.findIndex((c) => c.path.startsWith('/api/service/tickets/42'))
    expect(login).toBeGreaterThanOrEqual(0)
    expect(ticket).toBeGreaterThan(login)
    expect(JSON.parse(JSON.stringify(wx.request.mock.calls[login][0].data))).toEqual({ code: 'weapp-code-1' })
    // Every request of the page went with the new session: none was sent signed out and answered 请先登录.
    expect(all.filter((c) => c.path.startsWith('/api/service/tickets/42')).every((c) => c.auth === 'Bearer tok-silent')).toBe(true)
  })

  it('should open the point when a code is scanned while the app is running (hot start), full-width folded', async () => {
    wx.navigateTo.mockClear()
    getApp().onShow({ path: 'pages/index/index', query: { scene: 'hy2-b12' }, scene: 1047 })
    await until(() => wx.navigateTo.mock.calls.length > 0, 'navigateTo after a hot-start scan')
    expect(wx.navigateTo.mock.calls[0][0].url).toBe('/packages/places/pages/scene/index?scene=hy2-b12')
    wx.navigateTo.mockClear()
    getApp().onShow({ path: 'pages/index/index', query: { scene: encodeURIComponent('HY2－B13') }, scene: 1047 })
    await until(() => wx.navigateTo.mock.calls.length > 0, 'navigateTo after a second hot-start scan')
    expect(wx.navigateTo.mock.calls[0][0].url).toBe('/packages/places/pages/scene/index?scene=HY2-B13')
    // Coming back to the front without a scan opens nothing.
    wx.navigateTo.mockClear()
    getApp().onShow({ path: 'pages/index/index', query: {}, scene: 1001 })
    await new Promise((r) => setTimeout(r, 100))
    expect(wx.navigateTo).not.toHaveBeenCalled()
  })

  it('should give 转发 and 朋友圈 a title and a path on the board, activities, an activity, a wish and the 心愿墙', async () => {
    const boardCard = board.instance.onShareAppMessage({ from: 'menu' })
    expect(boardCard.title).toContain('响应率 91.7%')
    expect(boardCard.path).toBe('/packages/service/pages/board/index')
    const boardTimeline = board.instance.onShareTimeline()
    expect(boardTimeline.title).toContain('办结率 80%')

    const event = await renderPage('packages/events/pages/detail/index', { id: '7' }, '红色电影党史课')
    const eventCard = event.instance.onShareAppMessage({ from: 'menu' })
    expect(eventCard.title).toContain('红色电影党史课')
    expect(eventCard.path).toBe('/packages/events/pages/detail/index?id=7')
    expect(eventCard.imageUrl).toBe(`${API_BASE}/api/uploads/3`)

    const wish = await renderPage('packages/wishes/pages/detail/index', { id: '5' }, '想要一台收音机')
    const wishCard = wish.instance.onShareAppMessage({ from: 'menu' })
    expect(wishCard.title).toContain('想要一台收音机')
    expect(wishCard.path).toBe('/packages/wishes/pages/detail/index?id=5')
    expect(wishCard.imageUrl).toBe(`${API_BASE}/api/uploads/8`)

    const wall = await renderPage('pages/wishes/index', {}, '想要一台收音机')
    const wallCard = wall.instance.onShareAppMessage({ from: 'menu' })
    expect(wallCard.title).toContain('心愿墙')
    expect(wallCard.path).toBe('/pages/wishes/index')

    const events = await renderPage('pages/events/index', {}, '红色电影党史课')
    const eventsTimeline = events.instance.onShareTimeline()
    expect(eventsTimeline.title).toContain('活动')
    expect(eventsTimeline.query).toBe('')
  })

  it('should declare what WeChat reads from app.json, sitemap.json and project.config.json', () => {
    const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'))
    expect(app.requiredPrivateInfos).toEqual(expect.arrayContaining(['getLocation', 'chooseLocation']))
    expect(app.permission['scope.userLocation'].desc).toMatch(/打卡/)
    expect(app.pages).toContain('pages/not-found/index')
    expect(app.sitemapLocation).toBe('sitemap.json')
    const sitemap = JSON.parse(fs.readFileSync(path.join(DIST, app.sitemapLocation), 'utf8'))
    const disallowed = sitemap.rules.filter((r) => r.action === 'disallow').map((r) => r.page)
    for (const page of ['packages/service/pages/worker/index', 'packages/service/pages/queue/index', 'packages/console/pages/index/index', 'packages/wishes/pages/manage/index', 'packages/events/pages/manage/index']) {
      expect(disallowed).toContain(page)
    }
    // Every disallowed page is a real page of the build (a typo would disallow nothing).
    const all = [...app.pages, ...app.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]
    for (const page of disallowed) expect(all).toContain(page)
    expect(sitemap.rules[sitemap.rules.length - 1]).toEqual({ action: 'allow', page: '*' })
    const project = JSON.parse(fs.readFileSync(path.join(DIST, '..', '..', 'project.config.json'), 'utf8'))
    // The privacy APIs (__usePrivacyCheck__, getPrivacySetting) need base library 2.32.3 or later.
    const [major, minor] = project.libVersion.split('.').map(Number)
    expect(major > 2 || (major === 2 && minor >= 33)).toBe(true)
  })
})
