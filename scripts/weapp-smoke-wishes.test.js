/**
 * 微心愿 pages in the REAL WeChat output (same harness as weapp-smoke.test.js).
 * Smoke test of the REAL WeChat output: loads dist/weapp (built by `npm run build:weapp`) into
 * miniprogram-simulate with the official wcc compiler, so a broken template, a missing chunk or a
 * platform file resolved for the wrong target shows up here and not in WeChat DevTools.
 *
 * Taro pages are `Page(...)` configs; the simulator only knows Components, so each Page becomes a
 * Component whose `attached` plays onLoad and whose `ready` plays onReady/onShow.
 */
const fs = require('fs')
const path = require('path')

const { useWeappSim, DIST, API_BASE } = require('./lib/weapp-sim')

const RESOLVED_SCENE = {
  scene: 'p.x7k2m9',
  point: { id: 11, name: '安置小区公共充电站', kind: 'charger', address: '漕湖花园二社区 6 区北门' },
  grid: { id: 5, name: '第三网格' },
  community: { id: 2, name: '漕湖花园二社区', kind: 'community' },
  street: { id: 1, name: '漕湖街道' },
  gridWorker: { id: 7, name: '王芳', phone: '13912345678' },
}

const WISH = {
  id: 5, title: '想要一台收音机', story: '奶奶一个人住，喜欢听评弹。', type: 'goods', typeLabel: '物资', estimatedValue: 120, photos: [],
  wishBy: '2030-01-10', daysLeft: 5, displayName: '王奶奶 · 漕湖花园二社区', communityId: 2, communityName: '漕湖花园二社区',
  status: 'published', statusLabel: '待认领', partyPriority: true, claimedByMe: false, publishedAt: '2030-01-01T00:00:00Z',
  actions: [{ action: 'claim', label: '认领这个心愿', needsReason: false, tone: 'primary', confirm: '认领后请在有效期内完成，并通过网格员交接。确定认领吗？' }],
}
/** The claimer's buttons, as the server sends them for a running claim. */
const CLAIMER_ACTIONS = [
  { action: 'release', label: '放弃认领', needsReason: false, tone: 'danger', confirm: '放弃后心愿会回到心愿墙，由其他志愿者认领。确定放弃吗？' },
  { action: 'fulfil', label: '上传圆梦凭证', needsReason: false, tone: 'primary' },
]
const CLAIM = {
  claimedAt: '2030-01-01T00:00:00Z', expiresAt: '2099-01-08T00:00:00Z', proofPhotos: [], proofNote: null, lastReason: null,
  handoff: { gridWorker: { name: '王芳', phone: '13700001111' }, meetingPoint: '漕湖花园二社区（六区）邻里空间服务站' },
}

const PERSONAS = [
  { key: 'resident', name: '张阿姨', roles: ['resident'], title: '居民', description: '漕湖花园一社区居民' },
  { key: 'staff', name: '陈主任', roles: ['staff'], title: '社区工作人员', description: '漕湖花园二社区' },
]

const LEDGER = {
  totals: { hours: 2.5, points: 15, entries: 2 },
  items: [
    { id: 2, source: 'activity', sourceLabel: '志愿活动', content: '志愿服务：敬老院送餐', hours: 0.5, points: 0, organisation: '漕湖花园二社区', confirmedByName: null, correctsEntryId: null, remark: '未签退，按计划结束时间结算', createdAt: '2030-01-03T00:00:00Z' },
    { id: 1, source: 'wish', sourceLabel: '微心愿', content: '微心愿：想要一台收音机（王奶奶 · 漕湖花园二社区）', hours: 2, points: 10, organisation: '漕湖花园二社区', confirmedByName: '王芳', correctsEntryId: null, remark: null, createdAt: '2030-01-02T00:00:00Z' },
  ],
  nextCursor: null,
}
const VOLUNTEER = { userId: 3, name: '李建国', phone: '139****5678', communityName: '漕湖花园二社区', isPartyMember: true, branch: '漕湖花园二社区第一党支部', hours: 2.5, points: 15 }

/** Canned answers for wx.request by API path; anything else is a 404 so surprises are visible. */
function respond(p, method) {
  if (p.startsWith('/api/places/scene/')) return { statusCode: 200, data: RESOLVED_SCENE }
  if (p.startsWith('/api/auth/demo-personas')) return { statusCode: 200, data: PERSONAS }
  if (p.startsWith('/api/wishes/mine/claims')) return { statusCode: 200, data: { items: [{ ...WISH, status: 'claimed', statusLabel: '已认领', claimedByMe: true, claim: CLAIM, actions: CLAIMER_ACTIONS }], status: { activeClaims: 1, limit: 3, claimHours: 168, pausedUntil: null, pausedMessage: null } } }
  if (p.startsWith('/api/wishes/5')) return { statusCode: 200, data: WISH }
  if (p.startsWith('/api/wishes')) return { statusCode: 200, data: { items: [WISH, { ...WISH, id: 6, title: '想有人陪着聊聊天', type: 'companionship', typeLabel: '陪伴', partyPriority: false }], nextCursor: null } }
  if (p.startsWith('/api/ledger/me')) return { statusCode: 200, data: { ...LEDGER, idNumber: null, secretaryOf: ['漕湖花园二社区第一党支部'] } }
  if (p.startsWith('/api/ledger/leaderboard')) return { statusCode: 200, data: { communities: [{ communityId: 2, name: '漕湖花园二社区', hours: 12.5, volunteers: 3 }], volunteers: [{ rank: 1, name: '李*国', hours: 8, points: 40 }, { rank: 2, name: '王*', hours: 4.5, points: 20 }] } }
  if (p.startsWith('/api/ledger/branches')) return { statusCode: 200, data: { viewer: 'secretary', branches: [{ branch: '漕湖花园二社区第一党支部', wishCount: 1, hours: 6.5, members: [{ userId: 3, name: '李建国', hours: 6.5, wishes: [{ id: 5, title: '想要一台收音机', displayName: '王奶奶 · 漕湖花园二社区', confirmedAt: '2030-01-03T00:00:00Z' }] }, { userId: 9, name: '赵红', hours: 0, wishes: [] }] }] } }
  if (p.startsWith('/api/ledger/volunteers/3')) return { statusCode: 200, data: { ...LEDGER, volunteer: { ...VOLUNTEER, idNumber: '3205**********105X' }, canCorrect: true, canExport: true } }
  if (p.startsWith('/api/ledger/volunteers')) return { statusCode: 200, data: { items: [VOLUNTEER], nextCursor: null } }
}

const { until, renderPage, byClass } = useWeappSim({ respond })

describe('weapp build: 微心愿 pages', () => {
  it('should put 心愿 in the tab bar (main package) and the rest in packages/wishes', () => {
    const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'))
    expect(app.pages).toContain('pages/wishes/index')
    expect(app.tabBar.list.map((t) => t.text)).toContain('心愿')
    const sub = app.subPackages.find((s) => s.root === 'packages/wishes')
    expect(sub.pages).toEqual(expect.arrayContaining(['pages/detail/index', 'pages/claims/index', 'pages/ledger/index', 'pages/record/index', 'pages/manage/index', 'pages/manage-detail/index', 'pages/id-number/index', 'pages/leaderboard/index', 'pages/branches/index', 'pages/volunteers/index', 'pages/volunteer/index']))
    const tab = app.tabBar.list.find((t) => t.text === '心愿')
    expect(fs.readFileSync(path.join(DIST, tab.iconPath)).subarray(1, 4).toString()).toBe('PNG')
  })

  it('should render the 心愿墙 with cards and open a wish on tap', async () => {
    wx.request.mockClear()
    const wall = await renderPage('pages/wishes/index', {}, '想要一台收音机')
    expect(wx.request.mock.calls[0][0].url).toBe(`${API_BASE}/api/wishes`)
    expect(wall.dom.textContent).toContain('王奶奶')
    expect(wall.dom.textContent).toContain('还剩 5 天')
    expect(wall.dom.textContent).toContain('想有人陪着聊聊天')
    expect(wall.dom.textContent).toContain('陪伴')
    wx.navigateTo.mockClear()
    byClass(wall, 'wish-card').dispatchEvent('tap')
    await until(() => wx.navigateTo.mock.calls.length > 0, 'wx.navigateTo')
    expect(wx.navigateTo.mock.calls[0][0].url).toBe('/packages/wishes/pages/detail/index?id=5')
  })

  it('should render a wish detail in the subpackage', async () => {
    const detail = await renderPage('packages/wishes/pages/detail/index', { id: '5' }, '奶奶一个人住')
    expect(detail.dom.textContent).toContain('王奶奶 · 漕湖花园二社区')
    expect(detail.dom.textContent).toContain('120 元')
    expect(detail.dom.textContent).toContain('待认领')
    expect(detail.dom.textContent).toContain('认领这个心愿')
  })

  it('should render 我的认领 with the countdown and the hand-off', async () => {
    const claims = await renderPage('packages/wishes/pages/claims/index', {}, '想要一台收音机')
    expect(claims.dom.textContent).toContain('还剩')
    expect(claims.dom.textContent).toContain('放弃')
    expect(claims.dom.textContent).toContain('上传圆梦凭证')
    expect(claims.dom.textContent).toContain('漕湖花园二社区（六区）邻里空间服务站')
  })

  it('should render 我的志愿时长 with the totals, the record download (no clipboard link), the ID number, the leaderboard and, for a secretary, the 支部 view', async () => {
    const ledger = await renderPage('packages/wishes/pages/ledger/index', {}, '志愿时长（小时）')
    expect(byClass(ledger, 'wish-ledger__hours').dom.textContent).toBe('2.5')
    expect(ledger.dom.textContent).toContain('证明人 王芳')
    const text = ledger.dom.textContent
    expect(text).toContain('未登记，去登记')
    expect(text).toContain('支部党员认领')
    expect(text).toContain('未签退，按计划结束时间结算')
    expect(text).not.toContain('复制')
    wx.downloadFile = jest.fn((opts) => {
      setTimeout(() => opts.success && opts.success({ statusCode: 200, tempFilePath: 'wxfile://tmp/record.xlsx', errMsg: 'downloadFile:ok' }), 0)
      return { abort() {}, onProgressUpdate() {} }
    })
    wx.openDocument = jest.fn((opts) => setTimeout(() => opts.success && opts.success({ errMsg: 'openDocument:ok' }), 0))
    byClass(ledger, 'wish-ledger__export').dispatchEvent('tap')
    await until(() => wx.openDocument.mock.calls.length > 0, 'wx.openDocument')
    expect(wx.downloadFile.mock.calls[0][0].url).toBe(`${API_BASE}/api/ledger/export.xlsx`)
    expect(wx.downloadFile.mock.calls[0][0].url).not.toContain('token')
  })

  it('should render the ID-number form, the masked leaderboard and the 支部 view', async () => {
    const id = await renderPage('packages/wishes/pages/id-number/index', {}, '只保存打码后的号码')
    expect(id.dom.textContent).toContain('未登记')
    const board = await renderPage('packages/wishes/pages/leaderboard/index', {}, '李*国')
    expect(board.dom.textContent).toContain('第 1 名')
    expect(board.dom.textContent).toContain('12.5 小时 · 3 人')
    const branches = await renderPage('packages/wishes/pages/branches/index', {}, '漕湖花园二社区第一党支部')
    expect(branches.dom.textContent).toContain('你是本支部书记')
    expect(branches.dom.textContent).toContain('赵红')
    expect(branches.dom.textContent).toContain('想要一台收音机')
  })

  it('should list volunteers for staff and open one record with 更正 and the download', async () => {
    const list = await renderPage('packages/wishes/pages/volunteers/index', {}, '李建国')
    wx.navigateTo.mockClear()
    byClass(list, 'volunteers__row').dispatchEvent('tap')
    await until(() => wx.navigateTo.mock.calls.length > 0, 'wx.navigateTo')
    expect(wx.navigateTo.mock.calls[0][0].url).toBe('/packages/wishes/pages/volunteer/index?id=3')
    const one = await renderPage('packages/wishes/pages/volunteer/index', { id: '3' }, '更正这条记录')
    const text = one.dom.textContent
    expect(text).toContain('公民身份号码：3205**********105X')
    expect(text).toContain('下载志愿服务记录（Excel）')
    byClass(one, 'volunteer__correct').dispatchEvent('tap')
    await until(() => one.dom.textContent.includes('提交更正'), '更正 form')
  })
})
