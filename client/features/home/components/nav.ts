import Taro from '@tarojs/taro'
import { TAB_ROUTES, type RoutePath } from '../../../lib/routes'

/** Opens a page from the 首页: tab pages by switchTab (navigateTo refuses them), the rest pushed on the stack. */
export function open(url: string): void {
  const path = url.split('?')[0] as RoutePath
  if (TAB_ROUTES.includes(path)) void Taro.switchTab({ url: path })
  else void Taro.navigateTo({ url })
}
