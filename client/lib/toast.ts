import Taro from '@tarojs/taro'

/** WeChat's success toast shows at most 7 characters; a longer one (a ticket number, a hint) goes without the tick. */
export const SUCCESS_ICON_MAX_CHARS = 7

export function successIcon(title: string): 'success' | 'none' {
  return Array.from(title).length > SUCCESS_ICON_MAX_CHARS ? 'none' : 'success'
}

/** A toast that says a thing was done, readable whole on WeChat. */
export function toastDone(title: string): void {
  void Taro.showToast({ title, icon: successIcon(title) })
}
