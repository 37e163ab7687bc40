/**
 * 码上办 pages in the REAL WeChat output (same harness as weapp-smoke.test.js): dist/weapp loaded into
 * miniprogram-simulate with the official wcc compiler. Build first: npm run build:weapp.
 */
const fs = require('fs')
const path = require('path')

const { useWeappSim, DIST, API_BASE } = require('./lib/weapp-sim')
// The built shared package (npm test builds it first): fixtures use the same functions as the server.
const { ticketActions } = require('../domain/dist')

const RESOLVED_SCENE = {
  scene: 'p.x7k2m9',
  point: { id: 11, name: '安置小区公共充电站', kind: 'charger', address: '漕湖花园二社区 6 区北门' },
  grid: { id: 5, name: '第三网格' },
  community: { id: 2, name: '漕湖花园二社区', kind: 'community' },
  street: { id: 1, name: '漕湖街道' },
  gridWorker: { id: 7, name: '王芳', phone: '13912345678' },
}
const CATEGORIES = [
  { id: 1, code: 'sanitation', name: '环境卫生', icon: '🧹', hint: '垃圾堆放', slaHours: 24, signForHours: 4, sortOrder: 1, attributes: [], active: true },
  {
    id: 3, code: 'charging', name: '充电设施', icon: '🔌', hint: '充电桩故障', slaHours: 24, signForHours: 2, sortOrder: 2, active: false,
    attributes: [
      { code: 'pile_no', datatype: 'string', description: '充电桩编号', required: false, order: 1 },
      { code: 'kind', datatype: 'singlevaluelist', description: '故障类型', required: true, order: 2, values: [{ key: 'a', name: '不通电' }, { key: 'b', name: '扫码失败' }] },
    ],
  },
]
const KEYS = [
  { id: 2, name: '12345 热线对接', prefix: 'o311_ab12…', active: true, createdAt: '2026-11-28T01:00:00Z', revokedAt: null },
  { id: 1, name: '旧系统', prefix: 'o311_cd34…', active: false, createdAt: '2026-11-01T01:00:00Z', revokedAt: '2026-11-20T01:00:00Z' },
]
const TREE = [{ id: 1, name: '漕湖街道', communities: [{ id: 2, name: '漕湖花园二社区', kind: 'community', grids: [] }, { id: 3, name: '永昌泾社区', kind: 'community', grids: [] }] }]
const SUMMARY = { id: 42, number: 'MSB-20261128-0042', status: 'resolved', statusLabel: '已办结', category: { id: 3, name: '充电设施', icon: '🔌' }, description: '3 号充电桩坏了', followerCount: 2, overdue: false, createdAt: '2026-11-28T01:00:00Z', dueAt: null, isMine: false, following: false }
const DETAIL = {
  ...SUMMARY, access: 'full', isOwner: true, canFollow: false,
  point: { id: 11, name: '安置小区公共充电站', scene: 'p.x7k2m9', address: null, lat: null, lng: null },
  grid: { id: 5, name: '第三网格' }, community: { id: 2, name: '漕湖花园二社区' },
  requesterName: '张阿姨', anonymous: false, contact: { name: '张阿姨', phone: '138****1234', canReveal: false }, photos: [],
  assignee: { id: 7, name: '王芳' }, resolutionNote: '已更换', rating: null, ratingComment: null, reopenCount: 0, mergedInto: null,
  // The buttons exactly as the server computes them for the requester of a resolved ticket.
  actions: ticketActions('resolved', ['resident', 'owner']),
  timeline: [
    { id: '1', action: 'submit', label: '提交', fromStatus: null, toStatus: 'submitted', actorRole: 'resident', note: null, photos: [], at: '2026-11-28T01:00:00Z' },
    { id: '2', action: 'resolve', label: '办结', fromStatus: 'on_site', toStatus: 'resolved', actorRole: 'grid_worker', note: '已更换充电模块', photos: [], at: '2026-11-28T03:00:00Z' },
  ],
}
const STATS = { total: 12, byStatus: { rated: 5, dispatched: 7 }, responseRate: 91.7, resolutionRate: 80, satisfactionRate: 100, avgHandlingHours: 5.5 }
const BOARD = {
  overall: STATS, byCommunity: [{ id: 2, name: '漕湖花园二社区', ...STATS }], byCategory: [{ id: 3, name: '充电设施', icon: '🔌', ...STATS }],
  trend: [{ day: '2026-11-27', filed: 3, resolved: 1 }, { day: '2026-11-28', filed: 2, resolved: 4 }],
  statusLabels: { rated: '已评价', dispatched: '已派单' }, communities: [{ id: 2, name: '漕湖花园二社区' }], categories: [{ id: 3, name: '充电设施' }],
}
const PERSONAS = [{ key: 'resident', name: '张阿姨', roles: ['resident'], title: '居民', description: '漕湖花园一社区居民' }]

/** Canned answers for wx.request by API path; anything else is a 404 so surprises are visible. */
function respond(p, method) {
  if (p.startsWith('/api/places/scene/')) return { statusCode: 200, data: RESOLVED_SCENE }
  if (p.startsWith('/api/auth/demo-personas')) return { statusCode: 200, data: PERSONAS }
  if (/^\/api\/service\/categories\/\d+/.test(p)) return { statusCode: 200, data: CATEGORIES[1] }
  if (p.startsWith('/api/service/categories')) return { statusCode: 200, data: CATEGORIES }
  if (p.startsWith('/api/service/open311-keys')) return { statusCode: 200, data: KEYS }
  if (p.startsWith('/api/places/tree')) return { statusCode: 200, data: TREE }
  if (p.startsWith('/api/service/points/')) return { statusCode: 200, data: [{ ...SUMMARY, status: 'signed', statusLabel: '已签收' }] }
  if (p.startsWith('/api/service/tickets/mine')) return { statusCode: 200, data: { items: [SUMMARY], nextCursor: null } }
  if (p.startsWith('/api/service/tickets/worker')) return { statusCode: 200, data: { counts: { pending: 2, working: 1, overdue: 1 }, items: [{ ...SUMMARY, status: 'dispatched', statusLabel: '已派单', point: { name: '安置小区公共充电站', address: null } }] } }
  if (p.startsWith('/api/service/tickets/42')) return { statusCode: 200, data: DETAIL }
  if (p.startsWith('/api/service/board')) return { statusCode: 200, data: BOARD }
}

const { until, renderPage, byClass } = useWeappSim({ respond })

describe('weapp build: 码上办 pages', () => {
  it('should put 办事 in the tab bar (main package) and the rest in packages/service', () => {
    const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'))
    expect(app.pages).toContain('pages/service/index')
    expect(app.tabBar.list.map((t) => t.text)).toContain('办事')
    const sub = app.subPackages.find((s) => s.root === 'packages/service')
    expect(sub.pages).toEqual(expect.arrayContaining(['pages/new/index', 'pages/filed/index', 'pages/mine/index', 'pages/detail/index', 'pages/worker/index', 'pages/queue/index', 'pages/board/index']))
    const tab = app.tabBar.list.find((t) => t.text === '办事')
    expect(fs.readFileSync(path.join(DIST, tab.iconPath)).subarray(1, 4).toString()).toBe('PNG')
  })

  it('should render the 办事 tab with the category grid and the links', async () => {
    const tab = await renderPage('pages/service/index', {}, '环境卫生')
    expect(tab.dom.textContent).toContain('扫一扫')
    expect(tab.dom.textContent).toContain('我反映的事')
    // Residents never read the jargon 工单 on the 办事 tab.
    expect(tab.dom.textContent).not.toContain('工单')
    expect(tab.dom.textContent).toContain('公开监督')
  })

  it('should render the new-ticket form from ?scene= with the 同问 prompt', async () => {
    const form = await renderPage('packages/service/pages/new/index', { scene: 'p.x7k2m9' }, '我也遇到')
    expect(form.dom.textContent).toContain('安置小区公共充电站')
    expect(form.dom.textContent).toContain('这里已有 1 件问题在处理')
    expect(form.dom.textContent).toContain('0/1000')
    expect(form.dom.textContent).toContain('提交')
  })

  it('should render a ticket with its timeline and the resident’s buttons', async () => {
    const detail = await renderPage('packages/service/pages/detail/index', { id: '42' }, '已更换充电模块')
    expect(detail.dom.textContent).toContain('MSB-20261128-0042')
    expect(detail.dom.textContent).toContain('确认办结')
    expect(detail.dom.textContent).toContain('重新打开')
    expect(detail.dom.textContent).toContain('138****1234')
  })

  it('should render the result page after filing with the number and the way to the ticket', async () => {
    const filed = await renderPage('packages/service/pages/filed/index', { id: '42' }, 'MSB-20261128-0042')
    expect(filed.dom.textContent).toContain('接下来会怎样')
    expect(filed.dom.textContent).toContain('查看办理进度')
  })

  it('should render 我反映的事, the workbench with badges and the public board', async () => {
    const mine = await renderPage('packages/service/pages/mine/index', {}, '3 号充电桩坏了')
    expect(mine.dom.textContent).toContain('已办结')
    const desk = await renderPage('packages/service/pages/worker/index', {}, '待签收')
    await until(() => desk.dom.textContent.includes('3 号充电桩坏了'), 'workbench list')
    expect(desk.dom.textContent).toContain('已超时')
    const board = await renderPage('packages/service/pages/board/index', {}, '响应率')
    expect(board.dom.textContent).toContain('91.7%')
    expect(board.dom.textContent).toContain('满意率')
  })

})

describe('weapp build: the console’s 码上办 pages', () => {
  it('should put 事项分类, 编辑分类, Open311 密钥 and 导出 in packages/console', () => {
    const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'))
    const sub = app.subPackages.find((s) => s.root === 'packages/console')
    expect(sub.pages).toEqual(expect.arrayContaining(['pages/categories/index', 'pages/category/index', 'pages/open311/index', 'pages/exports/index']))
  })

  it('should render the category list with hours, questions and the disabled one marked', async () => {
    const list = await renderPage('packages/console/pages/categories/index', {}, '环境卫生')
    expect(list.dom.textContent).toContain('新建分类')
    expect(list.dom.textContent).toContain('签收 2 小时')
    expect(list.dom.textContent).toContain('补充问题 2 个')
    expect(list.dom.textContent).toContain('已停用')
  })

  it('should render the category editor with its questions, their types and choices', async () => {
    const edit = await renderPage('packages/console/pages/category/index', { id: '3' }, '问题 2')
    expect(edit.dom.textContent).toContain('补充问题')
    // The question texts are the inputs' values (not in the simulated DOM); their types and required-ness show.
    expect(edit.dom.innerHTML).toMatch(/cs__chip--on"[^>]*>单行文字/)
    expect(edit.dom.innerHTML).toMatch(/cs__chip--on"[^>]*>单选/)
    expect(edit.dom.textContent).toContain('必填')
    expect(edit.dom.textContent).toContain('选填')
    expect(edit.dom.textContent).toContain('已停用')
    expect(edit.dom.textContent).toContain('多选')
    expect(edit.dom.textContent).toContain('添加问题')
    expect(edit.dom.textContent).toContain('编码 charging')
  })

  it('should render the Open311 keys by prefix, with revoke only on the live one', async () => {
    const keys = await renderPage('packages/console/pages/open311/index', {}, '12345 热线对接')
    expect(keys.dom.textContent).toContain('o311_ab12…')
    expect(keys.dom.textContent).toContain('已吊销')
    expect(keys.dom.textContent.match(/吊销/g).length).toBeGreaterThanOrEqual(2)
    expect(keys.dom.textContent).toContain('签发新密钥')
  })

  it('should render the export filters', async () => {
    const ex = await renderPage('packages/console/pages/exports/index', {}, '导出 Excel')
    expect(ex.dom.textContent).toContain('我负责的全部社区')
    expect(ex.dom.textContent).toContain('全部分类')
    expect(ex.dom.textContent).toContain('近 30 天')
  })
})
