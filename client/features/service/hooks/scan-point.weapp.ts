import Taro from '@tarojs/taro'

/** 到场打卡's scan: WeChat's own scanner. Throws when cancelled or when nothing could be scanned. */
export async function scanPoint(): Promise<{ result?: string; path?: string }> {
  const res = await Taro.scanCode({ onlyFromCamera: true })
  // Nothing scanned is no camera, not a wrong code.
  if (!res?.result && !res?.path) throw new Error('nothing scanned')
  return res
}
