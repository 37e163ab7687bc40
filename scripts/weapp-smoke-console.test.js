/**
 * The staff console (packages/console) and the account screens 完善资料 / 接受邀请 / 申请成为志愿者 in the REAL WeChat
 * output (same harness as weapp-smoke.test.js): dist/weapp loaded into miniprogram-simulate with the official wcc
 * compiler, signed in as the street's admin (who is also staff of two communities), wx.request answered with JSON
 * shaped like the server's (domain/src/views/people.ts, domain/src/places.ts). Build first: npm run build:weapp.
 */
const fs = require('fs')
const path = require('path')

const { useWeappSim, DIST } = require('./lib/weapp-sim')
// The built shared package (npm test builds it first): fixtures use the same functions as the server.
const { applicationActions } = require('../domain/dist')

// A tiny but real PNG as the server sends QR codes: a data URL, so no token goes into an <image src>.
const QR = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

const ADMIN = {
  id: 1, name: '周书记', roles: ['admin', 'staff'], phone: '136****2222', isPartyMember: true, branch: '漕湖街道机关党支部',
  communityId: 2, communityName: '漕湖花园二社区', building: null, profileMissing: [], grids: [],
  communities: [{ id: 2, name: '漕湖花园二社区' }, { id: 3, name: '永昌泾村' }],
}
const TREE = [{
  id: 1, name: '漕湖街道',
  communities: [
    { id: 2, name: '漕湖花园二社区', kind: 'community', grids: [
      { id: 5, name: '第三网格', worker: { id: 7, name: '王芳' }, points: [] },
      { id: 6, name: '第四网格', worker: null, points: [] },
    ] },
    { id: 3, name: '永昌泾村', kind: 'village', grids: [] },
  ],
}]
const COMMUNITY_OPTIONS = [
  { id: 2, name: '漕湖花园二社区', kind: 'community', streetName: '漕湖街道' },
  { id: 3, name: '永昌泾村', kind: 'village', streetName: '漕湖街道' },
]
const POINTS = [
  { id: 11, gridId: 5, name: '安置小区公共充电站', kind: 'charger', address: '6 区北门', scene: 'p.x7k2m9', lat: 31.4521, lng: 120.5563, active: true },
  { id: 12, gridId: 5, name: '12幢', kind: 'building', address: null, scene: 'hy2-b12', lat: null, lng: null, active: false },
]
const STICKERS = POINTS.filter((p) => p.active).map((p) => ({ ...p, communityName: '漕湖花园二社区', gridName: '第三网格', qr: QR }))
const PEOPLE = [
  {
    id: 7, name: '王芳', phone: '139****5678', roles: ['resident', 'grid_worker'], isPartyMember: true, branch: '第一党支部', communityName: '漕湖花园二社区',
    building: '3幢101', grids: [{ id: 5, name: '第三网格' }], staffOf: [], removable: ['grid_worker'],
  },
]
const INVITE = {
  id: 9, code: 'K7QM-3XPA', role: 'grid_worker', isPartyMember: false, roleLabel: '网格员', target: '漕湖花园二社区 · 第四网格', note: '李建国',
  status: 'open', statusLabel: '待接受', expiresAt: '2031-05-08T06:00:00.000Z', createdAt: '2031-05-01T06:00:00.000Z', createdBy: '周书记', usedBy: null, usedAt: null,
}
const USED_INVITE = { ...INVITE, id: 8, code: 'M2NP-4RST', status: 'used', statusLabel: '已使用', note: null, usedBy: '赵敏', usedAt: '2031-04-30T02:00:00.000Z' }
const PREVIEW = { code: 'K7QM-3XPA', roleLabel: '网格员', target: '漕湖花园二社区 · 第四网格', invitedBy: '周书记', status: 'open', statusLabel: '待接受', expiresAt: '2031-05-08T06:00:00.000Z', alreadyHeld: false }
const APPLICATION = {
  id: 31, status: 'pending', statusLabel: '待审核', isPartyMember: true, branch: '第一党支部', note: '退休教师，周末有空', reason: null,
  createdAt: '2031-04-28T02:00:00.000Z', decidedAt: null, applicant: { id: 40, name: '周桂英', phone: '136****6666', building: '5幢302' },
  communityName: '漕湖花园二社区',
  // The buttons exactly as the server computes them for staff of the applicant's community.
  actions: applicationActions('pending', ['staff']),
}
const MY_REFUSED = {
  ...APPLICATION, id: 32, status: 'refused', statusLabel: '未通过', isPartyMember: false, branch: null, note: null, reason: '请先完善楼栋门牌',
  applicant: { id: 1, name: '周书记', phone: '136****2222', building: null }, actions: applicationActions('refused', ['owner']),
}
const BRANCHES = [
  { id: 1, name: '第一党支部', communityId: 2, communityName: '漕湖花园二社区', secretary: { id: 7, name: '王芳' }, members: 12 },
  { id: 2, name: '漕湖街道机关党支部', communityId: null, communityName: null, secretary: null, members: 5 },
]
const CATEGORIES = [
  { id: 1, code: 'sanitation', name: '环境卫生', icon: '🧹', hint: '垃圾堆放', slaHours: 24, signForHours: 4, sortOrder: 1, attributes: [], active: true },
  {
    id: 3, code: 'charging', name: '充电设施', icon: '🔌', hint: '充电桩故障', slaHours: 48, signForHours: 2, sortOrder: 2, active: false,
    attributes: [{ code: 'pile_no', datatype: 'string', description: '充电桩编号', required: false, order: 1 }],
  },
]
const KEYS = [{ id: 2, name: '12345 热线对接', prefix: 'o311_ab12…', active: true, createdAt: '2031-04-28T01:00:00Z', revokedAt: null }]

const page = (items) => ({ statusCode: 200, data: { items, nextCursor: null } })
const ok = (data) => ({ statusCode: 200, data })

/** Canned answers for wx.request by API path; anything else is a 404 so surprises are visible. */
function respond(p, method) {
  if (p === '/api/me') return ok(ADMIN)
  if (p.startsWith('/api/places/tree')) return ok(TREE)
  if (p.startsWith('/api/places/communities')) return ok(COMMUNITY_OPTIONS)
  if (p.startsWith('/api/places/points?')) return page(POINTS)
  if (p.startsWith('/api/places/sheet?gridId=5')) return page(STICKERS)
  if (p.startsWith('/api/people?')) return page(PEOPLE)
  if (method === 'POST' && p === '/api/invites/preview') return ok(PREVIEW)
  if (p === '/api/invites/9') return ok({ ...INVITE, qr: QR })
  if (p.startsWith('/api/invites?')) return page([INVITE, USED_INVITE])
  if (p.startsWith('/api/applications/mine')) return ok(MY_REFUSED)
  if (p.startsWith('/api/applications?')) return page([APPLICATION])
  if (p.startsWith('/api/branches')) return ok(BRANCHES)
  if (p.startsWith('/api/service/categories/all')) return ok(CATEGORIES)
  if (p.startsWith('/api/service/categories/3')) return ok(CATEGORIES[1])
  if (p.startsWith('/api/service/categories')) return ok(CATEGORIES.filter((c) => c.active))
  if (p.startsWith('/api/service/open311-keys')) return ok(KEYS)
}

// WeChat's map picker, answered the way wx.chooseLocation answers; Taro binds wx.* when app.js loads, so it goes in
// before the harness's beforeAll (registered by useWeappSim below) requires app.js.
beforeAll(() => {
  require('miniprogram-simulate')
  global.wx.chooseLocation = jest.fn((opts) => {
    const res = { name: '漕湖花园二社区 7 幢', address: '相城区漕湖大道 88 号', latitude: 31.45213456, longitude: 120.55631234, errMsg: 'chooseLocation:ok' }
    setTimeout(() => {
      opts.success && opts.success(res)
      opts.complete && opts.complete(res)
    }, 0)
  })
})

const { until, renderPage, byClass, loaded } = useWeappSim({ respond, session: { token: 'tok-admin', user: ADMIN, role: 'admin', elderMode: false } })

const text = (comp) => comp.dom.textContent
/** Waits until the page shows every one of `parts` (a page may ask two endpoints), then names any that never came. */
async function shows(comp, ...parts) {
  await until(() => parts.every((t) => text(comp).includes(t)), parts.join(' / ')).catch(() => undefined)
  for (const t of parts) expect(text(comp)).toContain(t)
}
/** The element among `cls` whose text is exactly `label` (buttons and chips share classes). */
function byText(comp, cls, label) {
  const all = comp.querySelectorAll(`.${cls}`)
  const el = all.find((e) => e.dom.textContent.trim() === label)
  if (!el) throw new Error(`no .${cls} reading "${label}" among ${all.map((e) => JSON.stringify(e.dom.textContent)).join(', ')}`)
  return el
}
/** The node Taro handed to setData for the element with class `cls` (its attributes have short names: src is `p4`…). */
function dataNode(data, cls) {
  if (!data || typeof data !== 'object') return null
  if (typeof data.cl === 'string' && data.cl.split(/\s+/).includes(cls)) return data
  for (const v of Object.values(data)) {
    const found = dataNode(v, cls)
    if (found) return found
  }
  return null
}
/** The simulator does not reflect attributes onto built-in tags: an <image> is drawn, and the src Taro gave it is the data URL. */
function expectQrImage(comp, cls) {
  expect(byClass(comp, cls).dom.tagName.toLowerCase()).toBe('wx-image')
  const node = dataNode(comp.instance.data, cls)
  expect(node).toBeTruthy()
  expect(Object.values(node)).toContain(QR)
}
const rootClass = (comp) => comp.dom.firstElementChild.className

describe('weapp build: the staff console and the account screens', () => {
  it('should declare every console page in packages/console, the account pages, and the location APIs', () => {
    const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'))
    const consolePkg = app.subPackages.find((s) => s.root === 'packages/console')
    expect(consolePkg.pages).toEqual([
      'pages/index/index', 'pages/places/index', 'pages/sheet/index', 'pages/people/index', 'pages/invites/index', 'pages/applications/index', 'pages/held/index',
      'pages/branches/index', 'pages/categories/index', 'pages/category/index', 'pages/open311/index', 'pages/exports/index',
    ])
    const account = app.subPackages.find((s) => s.root === 'packages/account')
    expect(account.pages).toEqual(expect.arrayContaining(['pages/profile/index', 'pages/invite/index', 'pages/apply/index']))
    for (const p of [...consolePkg.pages.map((x) => `packages/console/${x}`), 'packages/account/pages/profile/index', 'packages/account/pages/invite/index', 'packages/account/pages/apply/index']) {
      expect(fs.existsSync(path.join(DIST, `${p}.wxml`))).toBe(true)
    }
    // Without the declaration WeChat refuses the map picker (点位管理) and the check-in fallback without a word.
    expect(app.requiredPrivateInfos).toEqual(expect.arrayContaining(['chooseLocation', 'getLocation']))
  })

  it('should render 工作台 with the admin’s scope and every entry, and open one', async () => {
    const home = await renderPage('packages/console/pages/index/index', {}, '点位管理')
    expect(text(home)).toContain('周书记')
    expect(text(home)).toContain('管理员 · 全街道')
    const titles = home.querySelectorAll('.cs__entry-title').map((e) => e.dom.textContent)
    expect(titles).toEqual(['点位管理', '邀请', '人员与角色', '志愿者申请', '待审核内容', '党支部', '事项分类', '导出', 'Open311 密钥'])
    wx.navigateTo.mockClear()
    home.querySelectorAll('.cs-home__entry')[1].dispatchEvent('tap')
    await until(() => wx.navigateTo.mock.calls.length > 0, 'wx.navigateTo')
    expect(wx.navigateTo.mock.calls[0][0].url).toBe('/packages/console/pages/invites/index')
  })

  it('should render 点位管理 with the tree, the grid’s points, and fill coordinates from WeChat’s map picker', async () => {
    const places = await renderPage('packages/console/pages/places/index', {}, '安置小区公共充电站')
    await shows(places, '12幢')
    expect(text(places)).toContain('漕湖街道')
    expect(text(places)).toContain('漕湖花园二社区 的网格')
    expect(text(places)).toContain('第三网格 · 王芳')
    expect(text(places)).toContain('第四网格 · 未配网格员')
    expect(text(places)).toContain('第三网格 的点位')
    expect(text(places)).toContain('点位码 p.x7k2m9')
    expect(text(places)).toContain('坐标 31.4521, 120.5563')
    expect(text(places)).toContain('未填坐标')
    expect(text(places)).toContain('使用中')
    expect(text(places)).toContain('重新启用')
    expect(text(places)).toContain('打印点位码')
    expect(text(places)).toContain('添加点位')
    // the admin may add communities and villages
    expect(text(places)).toContain('添加社区')
    // weapp has the map picker (location.weapp.ts), the browser a hint instead
    expect(text(places)).not.toContain('坐标可在地图应用中长按')
    byText(places, 'cs__btn', '在地图上选点').dispatchEvent('tap')
    await until(() => JSON.stringify(places.instance.data).includes('120.556312'), 'the picked coordinates in the form')
    expect(wx.chooseLocation).toHaveBeenCalled()
    expect(JSON.stringify(places.instance.data)).toContain('31.452135')
  })

  it('should render 打印点位码 with each sticker’s QR as an <image> and 保存到相册 on weapp', async () => {
    const sheet = await renderPage('packages/console/pages/sheet/index', { gridId: '5' }, '安置小区公共充电站')
    expect(text(sheet)).toContain('漕湖花园二社区 · 第三网格：已载入 1 个点位码')
    expect(text(sheet)).toContain('点位码 p.x7k2m9')
    expect(text(sheet)).toContain('微信扫一扫，反映身边事')
    expect(text(sheet)).toContain('保存到相册')
    expectQrImage(sheet, 'sheet__qr')
  })

  it('should render 人员与角色 with the role tabs, the person (phone masked) and 移除网格员', async () => {
    const people = await renderPage('packages/console/pages/people/index', {}, '王芳')
    expect(people.querySelectorAll('.cs-people__tabs .cs__chip').map((e) => e.dom.textContent)).toEqual(['网格员', '工作人员', '志愿者', '居民'])
    expect(text(people)).toContain('139****5678')
    expect(text(people)).not.toContain('13912345678')
    expect(text(people)).toContain('负责网格：第三网格')
    expect(text(people)).toContain('党员 · 第一党支部')
    expect(byClass(people, 'cs-people__remove').dom.textContent).toBe('移除网格员')
    expect(byClass(people, 'cs-people__search')).toBeTruthy()
    expect(text(people)).toContain('邀请网格员')
  })

  it('should render 邀请 with the kinds, the grids, the list, and an invite’s QR as an <image>', async () => {
    const invites = await renderPage('packages/console/pages/invites/index', {}, 'K7QM-3XPA')
    expect(text(invites)).toContain('发出邀请')
    expect(invites.querySelectorAll('.cs-invites__kinds .cs__chip').map((e) => e.dom.textContent)).toEqual(['网格员', '工作人员', '志愿者', '党员志愿者'])
    // the grids come from the tree (a second request), the list from /api/invites
    await shows(invites, '漕湖花园二社区 · 第三网格', '漕湖花园二社区 · 第四网格')
    expect(text(invites)).toContain('· 给 李建国 · 周书记 发出')
    expect(text(invites)).toContain('赵敏 于')
    expect(byClass(invites, 'cs-invites__create').dom.textContent).toBe('生成邀请')
    expect(byClass(invites, 'cs-invites__revoke').dom.textContent).toBe('撤销')
    expect(invites.querySelector('.cs-invites__qr')).toBeFalsy()
    byText(invites, 'cs__btn', '二维码').dispatchEvent('tap')
    await until(() => !!invites.querySelector('.cs-invites__qr'), 'the invite’s QR')
    expectQrImage(invites, 'cs-invites__qr')
    expect(byClass(invites, 'cs-invites__code').dom.textContent).toBe('K7QM-3XPA')
    expect(text(invites)).toContain('我的 → 输入邀请码')
  })

  it('should render 志愿者申请 with the applicant and the server’s 通过 / 不通过', async () => {
    const apps = await renderPage('packages/console/pages/applications/index', {}, '周桂英')
    expect(text(apps)).toContain('党员志愿者（第一党支部）')
    expect(text(apps)).toContain('漕湖花园二社区 5幢302 · 136****6666')
    expect(text(apps)).toContain('“退休教师，周末有空”')
    expect(text(apps)).toContain('通过')
    expect(text(apps)).toContain('不通过')
    expect(text(apps)).toContain('待审核')
  })

  it('should render 党支部 with the list and the add form', async () => {
    const branches = await renderPage('packages/console/pages/branches/index', {}, '第一党支部')
    expect(text(branches)).toContain('添加党支部')
    expect(text(branches)).toContain('漕湖花园二社区 · 党员 12 人 · 书记：王芳')
    expect(text(branches)).toContain('街道直属 · 党员 5 人 · 书记：未指定')
    await shows(branches, '永昌泾村')
    expect(byClass(branches, 'cs-branches__save').dom.textContent).toBe('添加')
  })

  it('should render 事项分类, 编辑分类, Open311 密钥 and 导出', async () => {
    const cats = await renderPage('packages/console/pages/categories/index', {}, '环境卫生')
    expect(text(cats)).toContain('办理 48 小时 · 签收 2 小时')
    expect(text(cats)).toContain('已停用')
    expect(byClass(cats, 'cs-cats__new').dom.textContent).toBe('新建分类')
    const cat = await renderPage('packages/console/pages/category/index', { id: '3' }, '编码 charging')
    expect(text(cat)).toContain('分类信息')
    expect(text(cat)).toContain('问题 1')
    expect(text(cat)).toContain('添加问题')
    const keys = await renderPage('packages/console/pages/open311/index', {}, '12345 热线对接')
    expect(text(keys)).toContain('o311_ab12…')
    expect(text(keys)).toContain('签发新密钥')
    const ex = await renderPage('packages/console/pages/exports/index', {}, '导出工单（Excel）')
    expect(text(ex)).toContain('我负责的全部社区')
    expect(byClass(ex, 'cs-export__go').dom.textContent).toBe('导出 Excel')
  })

  it('should render 完善资料 with the name field, the community picker, the bound phone and 保存', async () => {
    const profile = await renderPage('packages/account/pages/profile/index', {}, '我的资料')
    await until(() => byClass(profile, 'profile__community').dom.textContent.includes('漕湖花园二社区'), 'the community from /api/me')
    expect(text(profile)).toContain('称呼')
    // staff need not give a community or a building
    expect(text(profile)).toContain('所在社区或村（选填）')
    expect(byClass(profile, 'profile__community').dom.textContent).toContain('漕湖花园二社区')
    expect(text(profile)).toContain('已绑定 136****2222')
    expect(byClass(profile, 'profile__save').dom.textContent).toBe('保存')
  })

  it('should render 接受邀请 from a scanned invite code: looked up without a tap, with 接受邀请', async () => {
    wx.request.mockClear()
    const invite = await renderPage('packages/account/pages/invite/index', { scene: encodeURIComponent('i.k7qm3xpa') }, '邀请人：周书记')
    expect(wx.request.mock.calls.some(([o]) => o.url.endsWith('/api/invites/preview') && o.method === 'POST')).toBe(true)
    expect(text(invite)).toContain('邀请您成为 漕湖花园二社区 · 第四网格的网格员')
    expect(byClass(invite, 'invite__accept').dom.textContent).toBe('接受邀请')
  })

  it('should put 大字模式 on the root of every page once it is switched on in 我的', async () => {
    const pages = loaded.slice()
    for (const p of pages) expect(rootClass(p)).not.toMatch(/\belder\b/)
    const mine = await renderPage('pages/mine/index', {}, '大字模式')
    byClass(mine, 'mine-elder__switch').dispatchEvent('change', { detail: { value: true } })
    await until(() => /\belder\b/.test(rootClass(mine)), 'elder class on 我的')
    // pages already open follow the switch …
    for (const p of pages) await until(() => /\belder\b/.test(rootClass(p)), `elder class on ${p.instance.route}`)
  })

  it('should render 申请成为志愿者 (opened in 大字模式) with the refused application’s reason and the form', async () => {
    const apply = await renderPage('packages/account/pages/apply/index', {}, '申请成为志愿者')
    // a page opened after the switch starts large
    expect(rootClass(apply)).toMatch(/\belder\b/)
    expect(rootClass(apply)).toMatch(/\bapply-page\b/)
    expect(text(apply)).toContain('我的申请：未通过')
    expect(text(apply)).toContain('未通过的理由：请先完善楼栋门牌')
    expect(text(apply)).toContain('由漕湖花园二社区的工作人员审核')
    expect(byClass(apply, 'apply__submit').dom.textContent).toBe('提交申请')
    expect(apply.querySelector('.apply__branches')).toBeFalsy()
    byText(apply, 'cs__chip', '是党员').dispatchEvent('tap')
    await until(() => !!apply.querySelector('.apply__branches'), 'the branches to choose from')
    expect(byClass(apply, 'apply__branches').dom.textContent).toContain('第一党支部')
  })
})
