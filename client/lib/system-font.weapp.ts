import Taro from '@tarojs/taro'

/**
 * WeChat's own 字体大小 setting (我 → 设置 → 通用 → 字体大小, and 关怀模式): rpx does not follow it, so the page
 * scales the type variables itself. Older base libraries have no getAppBaseInfo, or no factor in it: then 1.
 */
export function readSystemFontScale(): number {
  try {
    const info = Taro.getAppBaseInfo?.() as { fontSizeScaleFactor?: number } | undefined
    const factor = Number(info?.fontSizeScaleFactor)
    return Number.isFinite(factor) && factor > 0 ? factor : 1
  } catch {
    return 1
  }
}
