import Taro from '@tarojs/taro'
import { decodeScene } from './scene'

/** A 小程序码 opens the app with `query.scene`, URL-encoded by WeChat. */
export function readLaunchScene(): string | null {
  const options = Taro.getLaunchOptionsSync()
  return decodeScene(options?.query?.scene)
}

/** A scan while the app is already running (hot start) reaches App.onShow with the new page's query. */
export function readShowScene(options: { query?: Record<string, unknown> } | undefined): string | null {
  return decodeScene(options?.query?.scene)
}
