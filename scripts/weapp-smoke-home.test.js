/**
 * 首页 and 我的 per role in the REAL WeChat output (same harness as weapp-smoke.test.js; the signed-out home is
 * checked there). One signed-in session; the role is changed the way it changes in the app — the account the
 * server returns from /api/me — and each new 首页 asks /api/home for that role and draws its panel.
 */
const { useWeappSim } = require('./lib/weapp-sim')

const ISO = (days) => new Date(Date.now() + days * 24 * 3600_000).toISOString()

const USER = {
  id: 9, name: '周丽', phone: '139****0001', isPartyMember: false, branch: null, communityId: 2,
  grids: [{ id: 3, name: '第一网格', communityId: 2 }], communities: [{ id: 2, name: '漕湖花园二社区' }],
}

const HOMES = {
  resident: {
    role: 'resident',
    matters: {
      total: 2,
      items: [
        { id: 41, number: 'MSB-20300101-0002', status: 'resolved', statusLabel: '待您确认', category: { name: '环境卫生', icon: '🧹' }, description: '楼道堆满纸箱', awaitingMe: true, overdue: false, updatedAt: ISO(-0.1) },
        { id: 40, number: 'MSB-20300101-0001', status: 'dispatched', statusLabel: '已派单', category: { name: '设施报修', icon: '🔧' }, description: '路灯不亮', awaitingMe: false, overdue: false, updatedAt: ISO(-1) },
      ],
    },
    activities: { total: 1, items: [{ activityId: 7, title: '七一党课：红色家书', place: '党群服务中心二楼', startAt: ISO(2), endAt: ISO(2.1), status: 'waitlisted', statusLabel: '候补' }] },
  },
  volunteer: {
    role: 'volunteer',
    claims: { total: 1, limit: 3, items: [{ id: 5, title: '想要一台收音机', displayName: '王奶奶 · 漕湖花园二社区', status: 'claimed', statusLabel: '已认领', expiresAt: ISO(0.5) }] },
    hours: { hours: 12.5, points: 60, entries: 6 },
    activities: { total: 0, items: [] },
  },
  grid_worker: { role: 'grid_worker', grids: [{ id: 3, name: '第一网格', communityName: '漕湖花园二社区' }], tasks: { pending: 3, working: 2, overdue: 1 } },
  staff: {
    role: 'staff',
    communities: [{ id: 2, name: '漕湖花园二社区' }],
    queue: { counts: { submitted: 4, accepted: 1, returned: 0, reopened: 2 }, open: 9, overdue: 1 },
    wishesToReview: 2,
    activitiesSoon: { soonDays: 7, total: 1, items: [{ id: 7, title: '七一党课：红色家书', place: '党群服务中心二楼', startAt: ISO(2), capacity: 30, confirmedCount: 30, waitlistCount: 4 }] },
  },
}

let current = 'resident'
const asked = []

function respond(p) {
  if (p === '/api/me') return { statusCode: 200, data: { ...USER, roles: current === 'volunteer' ? ['resident', 'volunteer'] : [current] } }
  if (p.startsWith('/api/home')) {
    const role = new URLSearchParams(p.split('?')[1] || '').get('role')
    asked.push(role)
    if (!HOMES[role]) return { statusCode: 403, data: { statusCode: 403, code: 'FORBIDDEN', message: '您没有这个身份' } }
    return { statusCode: 200, data: HOMES[role] }
  }
  if (p.startsWith('/api/notifications/unread-count')) return { statusCode: 200, data: { count: 0 } }
}

const { until, renderPage, byClass } = useWeappSim({ respond, session: { token: 'tok-home', user: { ...USER, roles: ['resident'] }, role: 'resident', elderMode: false } })

let home = null

/**
 * The 首页 as `role` sees it. A built page can be loaded once per file, so later roles reach the same page the way
 * they do in the app: the account changes, the page shows again (useRemote's reload on show), /api/me moves the
 * session's role and the page asks /api/home for it.
 */
async function homeAs(role, expectText) {
  current = role
  if (!home) home = await renderPage('pages/index/index', {}, expectText)
  else {
    home.instance.onShow()
    await until(() => home.dom.textContent.includes(expectText), `"${expectText}" on the home page as ${role}`)
  }
  return home
}

function lastNavigation() {
  const calls = wx.navigateTo.mock.calls
  return calls.length ? calls[calls.length - 1][0].url : null
}

describe('weapp build: 首页 and 我的 per role', () => {
  it('should show a resident the scan entry, the matter waiting for their confirmation and their activity, and open the matter on tap', async () => {
    const home = await homeAs('resident', '待您确认')
    expect(asked).toContain('resident')
    const text = home.dom.textContent
    for (const t of ['扫一扫', '我的诉求', '楼道堆满纸箱', 'MSB-20300101-0002', '我的活动', '七一党课：红色家书', '候补', '大字模式']) expect(text).toContain(t)
    wx.navigateTo.mockClear()
    byClass(home, 'home-matter').dispatchEvent('tap')
    await until(() => wx.navigateTo.mock.calls.length > 0, 'wx.navigateTo')
    expect(lastNavigation()).toBe('/packages/service/pages/detail/index?id=41')
  })

  it('should turn 大字模式 on from the home page', async () => {
    const home = await homeAs('resident', '待您确认')
    const root = home.dom.firstElementChild
    expect(root.className).not.toMatch(/\belder\b/)
    expect(byClass(home, 'home-elder').dom.textContent).toContain('已关闭')
    byClass(home, 'home-elder').dispatchEvent('tap')
    await until(() => /\belder\b/.test(root.className), 'elder class on the page root')
    expect(byClass(home, 'home-elder').dom.textContent).toContain('已开启')
    byClass(home, 'home-elder').dispatchEvent('tap')
    await until(() => !/\belder\b/.test(root.className), 'elder class gone')
  })

  it('should show a grid worker the three counts and open the workbench on the tab a count counts', async () => {
    const home = await homeAs('grid_worker', '今日待办')
    await until(() => home.dom.textContent.includes('已超时'), 'the tiles')
    expect(byClass(home, 'home-tile--pending').dom.textContent).toBe('3待签收')
    expect(byClass(home, 'home-tile--working').dom.textContent).toBe('2处置中')
    expect(home.dom.textContent).not.toContain('扫一扫')
    wx.navigateTo.mockClear()
    byClass(home, 'home-tile--overdue').dispatchEvent('tap')
    await until(() => wx.navigateTo.mock.calls.length > 0, 'wx.navigateTo')
    expect(lastNavigation()).toBe('/packages/service/pages/worker/index?tab=overdue')
  })

  // From the grid worker's role, an account of resident + volunteer acts as the volunteer (its strongest role).
  it('should show a volunteer their hours and the claim with its countdown', async () => {
    const home = await homeAs('volunteer', '我的志愿时长')
    await until(() => home.dom.textContent.includes('想要一台收音机'), 'the claim')
    const text = home.dom.textContent
    expect(text).toContain('12.5')
    expect(text).toContain('我的认领（1/3）')
    expect(text).toMatch(/即将到期 · 还剩 1\d 小时/)
  })

  it('should show staff the queue, wishes to review and coming activities, and open the console and the review queue', async () => {
    const home = await homeAs('staff', '待处理诉求')
    await until(() => home.dom.textContent.includes('心愿待审核'), 'the tiles')
    const text = home.dom.textContent
    expect(text).toContain('在办 9 件')
    expect(byClass(home, 'home-tile--late').dom.textContent).toBe('1已超时')
    expect(byClass(home, 'home-tile--submitted').dom.textContent).toBe('4待受理')
    expect(text).toContain('30/30 人 · 候补 4')
    wx.navigateTo.mockClear()
    byClass(home, 'home-console').dispatchEvent('tap')
    await until(() => wx.navigateTo.mock.calls.length > 0, 'wx.navigateTo')
    expect(lastNavigation()).toBe('/packages/console/pages/index/index')
    byClass(home, 'home-tile--wishes').dispatchEvent('tap')
    await until(() => wx.navigateTo.mock.calls.length > 1, 'second wx.navigateTo')
    expect(lastNavigation()).toBe('/packages/wishes/pages/manage/index?status=pending_review')
    byClass(home, 'home-tile--late').dispatchEvent('tap')
    await until(() => wx.navigateTo.mock.calls.length > 2, 'third wx.navigateTo')
    expect(lastNavigation()).toBe('/packages/service/pages/queue/index?late=1')
  })

  it('should give 我的 the entries of the role: the staff console for staff, 申请成为志愿者 for a resident', async () => {
    current = 'staff'
    const staffMine = await renderPage('pages/mine/index', {}, '诉求队列')
    expect(staffMine.dom.textContent).toContain('工作台')
    expect(staffMine.dom.textContent).not.toContain('申请成为志愿者')
    wx.navigateTo.mockClear()
    byClass(staffMine, 'mine-entry--console').dispatchEvent('tap')
    await until(() => wx.navigateTo.mock.calls.length > 0, 'wx.navigateTo')
    expect(lastNavigation()).toBe('/packages/console/pages/index/index')

    current = 'resident'
    staffMine.instance.onShow()
    await until(() => staffMine.dom.textContent.includes('申请成为志愿者'), '申请成为志愿者 on 我的 as a resident')
    const residentMine = staffMine
    for (const t of ['我的诉求', '我的活动', '完善资料', '输入邀请码']) expect(residentMine.dom.textContent).toContain(t)
    wx.navigateTo.mockClear()
    byClass(residentMine, 'mine-entry--apply').dispatchEvent('tap')
    await until(() => wx.navigateTo.mock.calls.length > 0, 'wx.navigateTo')
    expect(lastNavigation()).toBe('/packages/account/pages/apply/index')
  })
})
