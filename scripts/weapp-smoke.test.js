/**
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

const PERSONAS = [
  { key: 'resident', name: '张阿姨', roles: ['resident'], title: '居民', description: '漕湖花园一社区居民' },
  { key: 'staff', name: '陈主任', roles: ['staff'], title: '社区工作人员', description: '漕湖花园二社区' },
]

/** Canned answers for wx.request by API path; anything else is a 404 so surprises are visible. */
function respond(p, method) {
  if (p.startsWith('/api/places/scene/')) return { statusCode: 200, data: RESOLVED_SCENE }
  if (p.startsWith('/api/auth/demo-personas')) return { statusCode: 200, data: PERSONAS }
}

const { until, renderPage, byClass, loaded } = useWeappSim({ respond })

describe('weapp build (dist/weapp in miniprogram-simulate)', () => {
  it('should declare tab pages in the main package and one subpackage per domain, the staff console its own', () => {
    const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'))
    // Tabs in the order docs/conventions-for-flows.md sets; every other page lives in its domain's subpackage.
    // …and 找不到页面, where an unknown address lands (it must not wait for a subpackage).
    expect(app.pages).toEqual(['pages/index/index', 'pages/service/index', 'pages/wishes/index', 'pages/events/index', 'pages/mine/index', 'pages/not-found/index'])
    expect(app.tabBar.list.map((t) => t.text)).toEqual(['首页', '办事', '心愿', '活动', '我的'])
    expect(app.subPackages.map((s) => s.root).sort()).toEqual(['packages/account', 'packages/console', 'packages/events', 'packages/places', 'packages/service', 'packages/wishes'])
    // 我的's own pages, the account screens (完善资料, 接受邀请, 申请成为志愿者, 消息提醒) among them; the console is weapp-smoke-console.test.js's
    expect(app.subPackages.find((s) => s.root === 'packages/account').pages).toEqual(['pages/login/index', 'pages/messages/index', 'pages/subscriptions/index', 'pages/privacy/index', 'pages/profile/index', 'pages/invite/index', 'pages/apply/index'])
    expect(app.subPackages.find((s) => s.root === 'packages/console').pages).toHaveLength(12)
    expect(app.__usePrivacyCheck__).toBe(true)
    for (const t of app.tabBar.list) {
      const png = fs.readFileSync(path.join(DIST, t.iconPath))
      expect(png.subarray(1, 4).toString()).toBe('PNG')
    }
  })

  it('should render the home page in Chinese with the scan button and ask for privacy consent first', async () => {
    const home = await renderPage('pages/index/index', {}, '扫一扫')
    expect(home.dom.textContent).toContain('欢迎来到邻里')
    expect(home.dom.textContent).toContain('登录')
    // 大字模式 is on the home page itself, signed in or not (适老化: the switch on the home page and in 我的)
    expect(byClass(home, 'home-elder').dom.textContent).toContain('大字模式')
    expect(wx.getPrivacySetting).toHaveBeenCalled()
    expect(wx.onNeedPrivacyAuthorization).toHaveBeenCalled()
    await until(() => home.dom.textContent.includes('隐私保护提示'), 'privacy consent sheet')

    // The simulator does not reflect attributes onto built-in tags, so check what Taro handed to setData.
    const data = JSON.stringify(home.instance.data)
    expect(data).toContain('"privacy-agree-btn"')
    expect(data).toContain('agreePrivacyAuthorization')
    const agree = home.querySelectorAll('.btn--primary').find((b) => b.dom.textContent === '同意')
    agree.dispatchEvent('agreeprivacyauthorization')
    await until(() => !home.dom.textContent.includes('隐私保护提示'), 'privacy sheet to close')
  })

  it('should open the login page when 登录 is tapped on the home page', async () => {
    const home = loaded[0]
    wx.navigateTo.mockClear()
    byClass(home, 'home-login__btn').dispatchEvent('tap')
    await until(() => wx.navigateTo.mock.calls.length > 0, 'wx.navigateTo')
    expect(wx.navigateTo.mock.calls[0][0].url).toBe('/packages/account/pages/login/index')
  })

  it('should render 我的 with the large-text switch, and switching it enlarges the page', async () => {
    const mine = await renderPage('pages/mine/index', {}, '大字模式')
    expect(mine.dom.textContent).toContain('隐私保护指引')
    const root = mine.dom.firstElementChild
    expect(root.className).not.toMatch(/--elder\b/)
    byClass(mine, 'mine-elder__switch').dispatchEvent('change', { detail: { value: true } })
    await until(() => /--elder\b/.test(root.className), 'elder class on the page root')
  })

  it('should resolve a scanned point through the API and show where the resident is', async () => {
    wx.request.mockClear()
    const scene = await renderPage('packages/places/pages/scene/index', { scene: encodeURIComponent('p.x7k2m9') }, '安置小区公共充电站')
    expect(wx.request.mock.calls[0][0].url).toBe(`${API_BASE}/api/places/scene/p.x7k2m9`)
    expect(byClass(scene, 'scene-point-name').dom.textContent).toBe('安置小区公共充电站')
    expect(scene.dom.textContent).toContain('你在：')
    expect(scene.dom.textContent).toContain('王芳')
    expect(scene.dom.textContent).toContain('139****5678')
    expect(scene.dom.textContent).not.toContain('13912345678')
  })

  it('should render the login page with WeChat login and the demo personas', async () => {
    const login = await renderPage('packages/account/pages/login/index', {}, '陈主任')
    expect(login.dom.textContent).toContain('微信一键登录')
    expect(login.dom.textContent).toContain('张阿姨')
    expect(login.dom.textContent).toContain('工作人员账号登录')
  })
})
