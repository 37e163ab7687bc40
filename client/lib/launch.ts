import Taro from '@tarojs/taro'
import { sceneKind } from '@linli/domain'
import { decodeScene } from './scene'
import { ROUTES, TAB_ROUTES, withQuery } from './routes'

let pendingScene: string | null = null

/** Remembered at launch and acted on by the first page that mounts: navigating from App.onLaunch itself races the first page. */
export function rememberLaunchScene(scene: string | null): void {
  pendingScene = scene
}

export function consumeLaunchScene(currentRoute: string | undefined): void {
  const scene = pendingScene
  pendingScene = null
  if (!scene) return
  const target = scenePage(scene)
  const current = currentRoute ? `/${currentRoute.replace(/^\//, '').split('?')[0]}` : ''
  if (current && current.startsWith(target)) return
  // A sub-page's own `?scene=` is its own business (码上办 reloaded with its point, 活动签到…): only the landing
  // page, where a printed code or a 小程序码 opens the app, passes the scene on.
  if (current && current !== '/' && !(TAB_ROUTES as readonly string[]).includes(current)) return
  Taro.navigateTo({ url: withQuery(target, { scene }) })
}

/** One QR namespace: `a.…` is an activity's check-in code, `i.…` an invite to a role, anything else a place. */
export function scenePage(scene: string): string {
  const kind = sceneKind(scene)
  if (kind === 'activity') return ROUTES.eventCheckin
  if (kind === 'invite') return ROUTES.inviteAccept
  return ROUTES.scene
}

export function openScene(scene: string): void {
  Taro.navigateTo({ url: withQuery(scenePage(scene), { scene }) })
}

/**
 * App.onShow. At a cold start no page is open yet, and the first page acts on the launch scene (above); with a page
 * open it is a hot start — a scan while the app was running, which WeChat brings back to whatever page was open —
 * so the point opens now.
 */
export function handleAppShow(scene: string | null): void {
  if (!scene) return
  const pages = Taro.getCurrentPages?.() ?? []
  if (!pages.length) return
  const top = pages[pages.length - 1] as { route?: string; options?: Record<string, string> } | undefined
  const target = scenePage(scene)
  if (top?.route && `/${top.route.replace(/^\//, '')}` === target && decodeScene(top.options?.scene) === scene) return
  openScene(scene)
}
