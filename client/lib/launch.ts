import Taro from '@tarojs/taro'
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
  if (currentRoute && `/${currentRoute.replace(/^\//, '')}`.startsWith(ROUTES.scene)) return
  Taro.navigateTo({ url: withQuery(ROUTES.scene, { scene }) })
}

export function openScene(scene: string): void {
  Taro.navigateTo({ url: withQuery(ROUTES.scene, { scene }) })
}
