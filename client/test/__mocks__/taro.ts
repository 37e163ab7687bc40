/**
 * An in-memory @tarojs/taro for jsdom tests: storage is a Map, navigation is recorded, and the page
 * lifecycle hooks run as React effects. Tests drive it through the helpers at the bottom.
 */
import { useEffect, useRef } from 'react'

type Fn = (...args: any[]) => any

const storage = new Map<string, unknown>()
let routerParams: Record<string, string> = {}
let pages: { route: string }[] = [{ route: 'pages/index/index' }]
let launchQuery: Record<string, string> = {}
const pullDownHandlers = new Set<Fn>()
const reachBottomHandlers = new Set<Fn>()

const resolved = <T>(value: T) => () => Promise.resolve(value)

const defaults: Record<string, Fn> = {
  request: () => Promise.reject(new Error('Taro.request not stubbed in this test')),
  uploadFile: () => {
    throw new Error('Taro.uploadFile not stubbed in this test')
  },
  getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => {
    storage.set(key, value)
  },
  removeStorageSync: (key: string) => {
    storage.delete(key)
  },
  navigateTo: resolved({ errMsg: 'navigateTo:ok' }),
  navigateBack: resolved({ errMsg: 'navigateBack:ok' }),
  redirectTo: resolved({ errMsg: 'redirectTo:ok' }),
  switchTab: resolved({ errMsg: 'switchTab:ok' }),
  reLaunch: resolved({ errMsg: 'reLaunch:ok' }),
  showToast: resolved({ errMsg: 'showToast:ok' }),
  showLoading: resolved({ errMsg: 'showLoading:ok' }),
  hideLoading: resolved({ errMsg: 'hideLoading:ok' }),
  showModal: resolved({ confirm: true, cancel: false }),
  showActionSheet: () => Promise.reject(new Error('showActionSheet:fail cancel')),
  stopPullDownRefresh: () => undefined,
  login: resolved({ code: 'wx-login-code', errMsg: 'login:ok' }),
  scanCode: () => Promise.reject(new Error('scanCode:fail cancel')),
  getLocation: () => Promise.reject(new Error('getLocation:fail auth deny')),
  chooseImage: () => Promise.reject(new Error('chooseImage:fail cancel')),
  previewImage: resolved({}),
  setTabBarBadge: resolved({}),
  removeTabBarBadge: resolved({}),
  getCurrentPages: () => pages,
  getCurrentInstance: () => ({ router: { path: `/${pages[pages.length - 1]?.route ?? ''}`, params: routerParams } }),
  getLaunchOptionsSync: () => ({ path: pages[0]?.route, query: launchQuery, scene: 1001 }),
}

const Taro: Record<string, jest.Mock> = {}
for (const [name, impl] of Object.entries(defaults)) Taro[name] = jest.fn(impl)

export function resetTaro(): void {
  storage.clear()
  routerParams = {}
  pages = [{ route: 'pages/index/index' }]
  launchQuery = {}
  pullDownHandlers.clear()
  reachBottomHandlers.clear()
  for (const [name, impl] of Object.entries(defaults)) {
    Taro[name].mockReset()
    Taro[name].mockImplementation(impl)
  }
}

export const taroStorage = storage

export function setRouterParams(params: Record<string, string>): void {
  routerParams = params
}

export function setPages(routes: string[]): void {
  pages = routes.map((route) => ({ route }))
}

export function setLaunchQuery(query: Record<string, string>): void {
  launchQuery = query
}

export async function firePullDownRefresh(): Promise<void> {
  await Promise.all([...pullDownHandlers].map((h) => h()))
}

export async function fireReachBottom(): Promise<void> {
  await Promise.all([...reachBottomHandlers].map((h) => h()))
}

function useRegistered(set: Set<Fn>, fn: Fn): void {
  const ref = useRef(fn)
  ref.current = fn
  useEffect(() => {
    const handler = () => ref.current()
    set.add(handler)
    return () => {
      set.delete(handler)
    }
  }, [set])
}

export const useRouter = () => ({ params: routerParams, path: `/${pages[pages.length - 1]?.route ?? ''}` })
/* eslint-disable react-hooks/exhaustive-deps -- Taro runs these page hooks once per mount, whatever `fn` becomes */
export const useLaunch = (fn: Fn) => useEffect(() => void fn({ query: launchQuery }), [])
export const useLoad = (fn: Fn) => useEffect(() => void fn(routerParams), [])
export const useReady = (fn: Fn) => useEffect(() => void fn(), [])
export const useDidShow = (fn: Fn) => useEffect(() => void fn(), [])
/* eslint-enable react-hooks/exhaustive-deps */
export const useDidHide = (_fn: Fn) => undefined
export const usePullDownRefresh = (fn: Fn) => useRegistered(pullDownHandlers, fn)
export const useReachBottom = (fn: Fn) => useRegistered(reachBottomHandlers, fn)
export const useShareAppMessage = (_fn: Fn) => undefined
export const useShareTimeline = (_fn: Fn) => undefined
export const usePageNotFound = (_fn: Fn) => undefined

export const ENV_TYPE = { WEAPP: 'WEAPP', WEB: 'WEB' }
Taro.getEnv = jest.fn(() => ENV_TYPE.WEB)

export default Taro as Record<string, jest.Mock> & Record<string, any>
