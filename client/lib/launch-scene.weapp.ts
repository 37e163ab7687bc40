import Taro from '@tarojs/taro'
import { decodeScene } from './scene'

/** A 小程序码 opens the app with `query.scene`, URL-encoded by WeChat. */
export function readLaunchScene(): string | null {
  const options = Taro.getLaunchOptionsSync()
  return decodeScene(options?.query?.scene)
}
