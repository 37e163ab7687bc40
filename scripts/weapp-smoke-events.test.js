/**
 * 活动报名 pages in the REAL WeChat output (same harness as weapp-smoke.test.js / weapp-smoke-wishes.test.js):
 * dist/weapp (built by `npm run build:weapp`) loaded into miniprogram-simulate with the official wcc compiler,
 * wx.request answered with canned JSON, wx.navigateTo recorded.
 */
const fs = require('fs')
const path = require('path')

const { useWeappSim, DIST, API_BASE } = require('./lib/weapp-sim')
// The built shared package (npm test builds it first): fixtures use the same functions as the server.
const { activityActions, signupActions } = require('../domain/dist')

const STAFF = {
  id: 4, name: '陈主任', roles: ['staff', 'grid_worker'], phone: '136****2222', isPartyMember: false, branch: null, communityId: 2, communityName: '漕湖花园二社区', grids: [],
  communities: [{ id: 2, name: '漕湖花园二社区' }, { id: 3, name: '永昌泾社区' }],
}

const ACTIVITY = {
  id: 7, type: 'party_lesson', typeLabel: '党课', title: '红色电影党史课', cover: null, organiser: '第一党支部', communityId: 2,
  place: '党群服务中心二楼', startAt: '2031-05-01T06:00:00.000Z', endAt: '2031-05-01T08:00:00.000Z',
  signupStartAt: '2031-04-01T00:00:00.000Z', signupEndAt: '2031-05-01T06:00:00.000Z', cancelDeadline: '2031-05-01T06:00:00.000Z',
  capacity: 2, confirmedCount: 2, waitlistCount: 3, remaining: 0, audience: 'all', audienceLabel: '所有人', hours: 2,
  pointId: null, checkinOpensMinutes: 30, audienceCommunityId: null,
  needsCheckout: false, status: 'published', statusLabel: '已发布', cancelReason: null, signupOpen: true, ended: false, myStatus: null, myStatusLabel: null,
}
const OTHER = { ...ACTIVITY, id: 8, type: 'volunteer', typeLabel: '志愿服务', title: '敬老院送餐', place: '漕湖敬老院', confirmedCount: 3, capacity: 10, remaining: 7, waitlistCount: 0, needsCheckout: true }
const MY_SIGNUP = {
  id: '11', activityId: 7, userId: 4, status: 'waitlisted', statusLabel: '候补', waitlistPosition: 2, promoted: false, answers: null,
  checkedInAt: null, checkedOutAt: null, hours: null, autoCheckedOut: false, proxy: false, createdAt: '2031-04-02T00:00:00.000Z',
  // The buttons exactly as the server computes them for the person waiting.
  actions: signupActions('waitlisted', ['owner'], { promoted: false, activityType: 'party_lesson' }),
}
const DETAIL = {
  ...ACTIVITY, description: '观看《建党伟业》并交流', canManage: true, canProxy: true, scene: 'a.7.k3m9', mySignup: MY_SIGNUP,
  questions: [{ id: 'q1', kind: 'single', title: '是否需要接送', required: true, options: ['需要', '不需要'] }],
  actions: activityActions('published', ['staff']),
}
const CHECKED_IN = {
  result: 'checked_in', message: '已签到', name: '陈主任',
  signup: { ...MY_SIGNUP, status: 'checked_in', statusLabel: '已签到', waitlistPosition: null, checkedInAt: '2031-05-01T05:50:00.000Z', hours: 2, actions: [] },
}

/** Canned answers for wx.request by API path; anything else is a 404 so surprises are visible. */
const PROXIED = {
  ...MY_SIGNUP, id: '21', userId: 40, status: 'confirmed', statusLabel: '已报名', waitlistPosition: null, proxy: true,
  actions: signupActions('confirmed', ['grid_worker'], { promoted: false, activityType: 'party_lesson' }),
  resident: { id: 40, name: '周桂英', phone: '136****6666' },
}
const COUNTS = { capacity: 2, confirmedCount: 2, remaining: 0, signedUp: 2, waitlisted: 3, checkedIn: 1, checkedOut: 0, noShow: 0, cancelled: 0 }
const ATTENDEE = { id: '30', userId: 41, name: '李建国', phone: '13912345678', status: 'checked_out', statusLabel: '已签退', answers: null, proxy: false, promoted: false, checkedInAt: null, checkedOutAt: null, hours: 1.5, autoCheckedOut: true, createdAt: '2031-04-02T00:00:00.000Z' }

function respond(p, method) {
  if (method === 'POST' && p === '/api/events/checkin/scene') return { statusCode: 200, data: CHECKED_IN }
  if (p.startsWith('/api/events/7/proxy-signups')) return { statusCode: 200, data: { items: [PROXIED], nextCursor: null } }
  if (p.startsWith('/api/events/7/counts')) return { statusCode: 200, data: COUNTS }
  if (p.startsWith('/api/events/7/qrcode-url')) return { statusCode: 200, data: { url: '/api/events/7/qrcode.png?exp=1796300000&uid=4&sig=signed-for-staff', expiresAt: '2026-12-03T10:00:00.000Z' } }
  if (p.startsWith('/api/events/7/attendees')) return { statusCode: 200, data: { items: [ATTENDEE], nextCursor: null, phonesMasked: false } }
  if (p.startsWith('/api/events/7')) return { statusCode: 200, data: DETAIL }
  if (p === '/api/events' || p.startsWith('/api/events?')) return { statusCode: 200, data: { items: [ACTIVITY, OTHER], nextCursor: null } }
}

const { until, renderPage, byClass } = useWeappSim({ respond, session: { token: 'tok-staff', user: STAFF, role: 'staff', elderMode: false } })

/** The element among `cls` whose text is exactly `text` (buttons share classes). */
function byText(comp, cls, text) {
  const all = comp.querySelectorAll(`.${cls}`)
  const el = all.find((e) => e.dom.textContent.trim() === text)
  if (!el) throw new Error(`no .${cls} reading "${text}" among ${all.map((e) => JSON.stringify(e.dom.textContent)).join(', ')}`)
  return el
}

describe('weapp build: 活动报名 pages', () => {
  it('should put 活动 in the tab bar (main package) and the rest in packages/events', () => {
    const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'))
    expect(app.pages).toContain('pages/events/index')
    const tab = app.tabBar.list.find((t) => t.text === '活动')
    expect(tab.pagePath).toBe('pages/events/index')
    expect(fs.readFileSync(path.join(DIST, tab.iconPath)).subarray(1, 4).toString()).toBe('PNG')
    const sub = app.subPackages.find((s) => s.root === 'packages/events')
    expect(sub.pages).toEqual(expect.arrayContaining(['pages/detail/index', 'pages/checkin/index', 'pages/manage/index', 'pages/edit/index', 'pages/mine/index', 'pages/code/index', 'pages/proxy/index']))
  })

  it('should list activities in 北京时间 with places left or the waiting list, and open one on tap', async () => {
    wx.request.mockClear()
    const tab = await renderPage('pages/events/index', {}, '红色电影党史课')
    expect(wx.request.mock.calls[0][0].url).toBe(`${API_BASE}/api/events`)
    expect(wx.request.mock.calls[0][0].header.Authorization || wx.request.mock.calls[0][0].header.authorization).toBe('Bearer tok-staff')
    const text = tab.dom.textContent
    expect(text).toContain('党课')
    expect(text).toContain('时间：5月1日 14:00 – 5月1日 16:00')
    expect(text).toContain('名额已满 · 3 人候补')
    expect(text).toContain('敬老院送餐')
    expect(text).toContain('剩余 7 个名额')
    expect(text).toContain('我的签到码')
    expect(text).toContain('发起活动') // staff only
    wx.navigateTo.mockClear()
    byClass(tab, 'events-tab__card').dispatchEvent('tap')
    await until(() => wx.navigateTo.mock.calls.length > 0, 'wx.navigateTo')
    expect(wx.navigateTo.mock.calls[0][0].url).toBe('/packages/events/pages/detail/index?id=7')
  })

  it('should show the waiting-list position and, for staff, the printable check-in code; 报名名单与统计 opens the manage page', async () => {
    const detail = await renderPage('packages/events/pages/detail/index', { id: '7' }, '候补第 2 位')
    const text = detail.dom.textContent
    expect(text).toContain('观看《建党伟业》并交流')
    expect(text).toContain('名额已满（2 人）· 3 人候补')
    expect(text).toContain('取消候补')
    expect(text).toContain('取消活动') // staff of its community: the activity's own action
    expect(text).toContain('现场签到码')
    expect(text).toContain('活动签到码：a.7.k3m9')
    expect(text).toContain('打印后张贴在签到处')
    // j-component does not reflect <image src> into its DOM; the page data Taro renders from carries it: the signed
    // address from qrcode-url, never the login token.
    await until(() => JSON.stringify(detail.instance.data).includes('sig=signed-for-staff'), 'the signed check-in QR')
    byClass(detail, 'ev-detail__qr-image')
    expect(JSON.stringify(detail.instance.data)).toContain(`"${API_BASE}/api/events/7/qrcode.png?exp=1796300000&uid=4&sig=signed-for-staff"`)
    expect(JSON.stringify(detail.instance.data)).not.toContain('token=')
    wx.navigateTo.mockClear()
    byText(detail, 'ev__btn', '报名名单与统计').dispatchEvent('tap')
    await until(() => wx.navigateTo.mock.calls.length > 0, 'wx.navigateTo')
    expect(wx.navigateTo.mock.calls[0][0].url).toBe('/packages/events/pages/manage/index?id=7')
    // a grid worker (or staff) may sign an elder up by name and phone
    wx.navigateTo.mockClear()
    byText(detail, 'ev__btn', '为老人代报名').dispatchEvent('tap')
    await until(() => wx.navigateTo.mock.calls.length > 0, 'wx.navigateTo')
    expect(wx.navigateTo.mock.calls[0][0].url).toBe('/packages/events/pages/proxy/index?id=7')
  })

  it('should check in by a scanned activity scene and show the hours credited', async () => {
    wx.request.mockClear()
    const page = await renderPage('packages/events/pages/checkin/index', { scene: encodeURIComponent('a.7.k3m9') }, '签到成功')
    const post = wx.request.mock.calls.map((c) => c[0]).find((o) => o.method === 'POST')
    expect(post.url).toBe(`${API_BASE}/api/events/checkin/scene`)
    expect(JSON.parse(typeof post.data === 'string' ? post.data : JSON.stringify(post.data))).toEqual({ scene: 'a.7.k3m9' })
    expect(page.dom.textContent).toContain('已记志愿时长 2 小时')
    expect(page.dom.textContent).toContain('查看活动')
  })

  it('should open the staff form with the community, native date and time pickers, the sign-up start and cancellation deadline, questions, cover and 取消活动', async () => {
    const edit = await renderPage('packages/events/pages/edit/index', { id: '7' }, '2031-04-01')
    const text = edit.dom.textContent
    for (const words of ['所属社区', '漕湖花园二社区（创建后不能更改）', '开始时间', '报名开始', '报名截止', '取消报名截止', '报名问题（选填）', '封面照片（选填）', '保存修改', '取消活动']) expect(text).toContain(words)
    // the stored times come back into the pickers, in 北京时间
    expect(text).toContain('2031-05-01')
    expect(text).toContain('14:00')
    expect(text).toContain('2031-04-01')
    expect(JSON.stringify(edit.instance.data)).toContain('是否需要接送')
  })

  it('should list the people signed up by proxy with 取消报名 (代报名)', async () => {
    const proxy = await renderPage('packages/events/pages/proxy/index', { id: '7' }, '周桂英 · 136****6666')
    const text = proxy.dom.textContent
    expect(text).toContain('为老人代报名')
    expect(text).toContain('是否需要接送')
    expect(text).toContain('代为加入候补') // full: the elder would wait
    expect(text).toContain('取消报名')
  })

  it('should download the attendee list with the Authorization header, never a token in the URL, and mark hours closed without 签退', async () => {
    const manage = await renderPage('packages/events/pages/manage/index', { id: '7' }, '李建国')
    expect(manage.dom.textContent).toContain('未签退 · 按计划结束时间自动结算')
    wx.downloadFile = jest.fn((opts) => {
      setTimeout(() => opts.success && opts.success({ statusCode: 200, tempFilePath: 'wxfile://tmp/list.xlsx', errMsg: 'downloadFile:ok' }), 0)
      return { abort() {}, onProgressUpdate() {} }
    })
    wx.openDocument = jest.fn((opts) => setTimeout(() => opts.success && opts.success({ errMsg: 'openDocument:ok' }), 0))
    byClass(manage, 'ev-manage__export').dispatchEvent('tap')
    await until(() => wx.openDocument.mock.calls.length > 0, 'wx.openDocument')
    const call = wx.downloadFile.mock.calls[0][0]
    expect(call.url).toBe(`${API_BASE}/api/events/7/attendees.xlsx`)
    expect(call.header.Authorization).toBe('Bearer tok-staff')
    expect(wx.openDocument.mock.calls[0][0]).toMatchObject({ filePath: 'wxfile://tmp/list.xlsx', fileType: 'xlsx' })
  })
})
