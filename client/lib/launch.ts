import Taro from '@tarojs/taro'
import { sceneKind } from '@linli/domain'
import { ROUTES, withQuery } from './routes'

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
  if (currentRoute && `/${currentRoute.replace(/^\//, '')}`.startsWith(target)) return
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
