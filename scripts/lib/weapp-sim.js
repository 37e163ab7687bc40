'use strict'
/**
 * The harness every weapp smoke test shares: loads the REAL WeChat output (dist/weapp, built by
 * `npm run build:weapp`) into miniprogram-simulate with the official wcc compiler, so a broken template, a missing
 * chunk or a platform file resolved for the wrong target shows up here and not in WeChat DevTools.
 *
 * Taro pages are `Page(...)` configs; the simulator only knows Components, so each Page becomes a Component whose
 * `attached` plays onLoad and whose `ready` plays onReady/onShow.
 *
 * Call `useWeappSim({ respond })` at the top of a test file; it registers beforeAll/afterAll.
 */
const fs = require('fs')
const path = require('path')

const DIST = path.resolve(__dirname, '..', '..', 'dist', 'weapp')
const API_BASE = process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000'
const NOT_FOUND = { statusCode: 404, data: { statusCode: 404, code: 'NOT_FOUND', message: '没有找到相关内容' } }

/**
 * @param {object} opts
 * @param {(path: string, method: string) => ({statusCode:number,data:unknown}|undefined)} opts.respond
 *   canned answers for wx.request by API path; undefined → 404, so surprises are visible
 * @param {object} [opts.session] a signed-in session, stored the way client/stores/session.ts persists it
 *   (the simulator's own storage keeps nothing, so an in-memory one is installed)
 */
function useWeappSim({ respond, session = null }) {
  let simulate
  const loaded = []
  let pageStack = []
  let nextRoute = null
  let nextQuery = {}

  async function until(check, what, timeout = 3000) {
    const start = Date.now()
    while (!check()) {
      if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`)
      await simulate.sleep(20)
    }
  }

  /** Loads one built page and waits until React has rendered `expectText` into it. */
  async function renderPage(route, query = {}, expectText) {
    nextRoute = route
    nextQuery = query
    const id = simulate.load(path.join(DIST, route), { compiler: 'official', rootPath: DIST })
    const comp = simulate.render(id)
    comp.attach(document.createElement('parent-wrapper'))
    loaded.push(comp)
    if (expectText) await until(() => comp.dom.textContent.includes(expectText), `"${expectText}" on ${route}`)
    return comp
  }

  /** j-component prefixes classes with the tag name; look elements up by their source class instead. */
  function byClass(comp, cls) {
    const el = comp.querySelector(`.${cls}`)
    if (!el) throw new Error(`no element .${cls} in ${comp.dom.innerHTML.slice(0, 300)}…`)
    return el
  }

  beforeAll(() => {
    if (!fs.existsSync(path.join(DIST, 'app.json')) || !fs.existsSync(path.join(DIST, 'app.js'))) {
      throw new Error(`dist/weapp is missing (looked in ${DIST}). Build it first: npm run build:weapp`)
    }
    simulate = require('miniprogram-simulate')

    // Taro binds wx.* when its runtime loads, so the stubs go in before app.js is required.
    const storage = new Map()
    Object.assign(global.wx, {
      ...(session
        ? {
            getStorageSync: (key) => (storage.has(key) ? storage.get(key) : ''),
            setStorageSync: (key, value) => void storage.set(key, value),
            removeStorageSync: (key) => void storage.delete(key),
          }
        : {}),
      request: jest.fn((opts) => {
        const res = respond(opts.url.replace(API_BASE, ''), opts.method || 'GET') || NOT_FOUND
        setTimeout(() => {
          opts.success && opts.success({ ...res, header: {}, errMsg: 'request:ok' })
          opts.complete && opts.complete()
        }, 0)
        return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} }
      }),
      navigateTo: jest.fn((opts) => {
        opts.success && opts.success({ errMsg: 'navigateTo:ok' })
        opts.complete && opts.complete()
      }),
      switchTab: jest.fn((opts) => opts.success && opts.success({ errMsg: 'switchTab:ok' })),
      getPrivacySetting: jest.fn((opts) => opts.success({ needAuthorization: true, privacyContractName: '《邻里小程序隐私保护指引》' })),
      onNeedPrivacyAuthorization: jest.fn(),
      openPrivacyContract: jest.fn(),
      getLaunchOptionsSync: () => ({ path: 'pages/index/index', query: {}, scene: 1001 }),
    })

    let appOptions
    global.App = (opts) => {
      appOptions = opts
    }
    global.getApp = () => appOptions
    global.getCurrentPages = () => pageStack
    global.Page = (opts) => {
      const methods = {}
      for (const [k, v] of Object.entries(opts)) if (typeof v === 'function') methods[k] = v
      global.Component({
        data: opts.data || {},
        methods,
        lifetimes: {
          attached() {
            this.route = nextRoute
            pageStack = [...pageStack, this]
            this.onLoad(nextQuery)
          },
          ready() {
            this.onReady && this.onReady()
            this.onShow && this.onShow()
          },
        },
      })
    }

    if (session) wx.setStorageSync('linli-session', JSON.stringify({ state: session, version: 1 }))
    require(path.join(DIST, 'app.js'))
    if (!appOptions) throw new Error('dist/weapp/app.js did not call App()')
    const launch = { path: 'pages/index/index', query: {}, scene: 1001 }
    appOptions.onLaunch.call(appOptions, launch)
    appOptions.onShow && appOptions.onShow.call(appOptions, launch)
  })

  afterAll(() => {
    loaded.forEach((c) => c.detach())
  })

  return { DIST, API_BASE, until, renderPage, byClass, loaded }
}

module.exports = { useWeappSim, DIST, API_BASE }
