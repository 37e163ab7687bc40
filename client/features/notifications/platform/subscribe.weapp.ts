import Taro from '@tarojs/taro'

export const CAN_SUBSCRIBE = true

/**
 * wx.requestSubscribeMessage. WeChat shows the dialog only when this is called synchronously inside the tap, so the
 * caller must call it before any await. Resolves to the ids the person accepted (none when they refused or the
 * dialog could not be shown — the action they tapped goes on either way).
 */
export function requestSubscribe(tmplIds: string[]): Promise<string[]> {
  if (!tmplIds.length) return Promise.resolve([])
  return new Promise((resolve) => {
    try {
      Taro.requestSubscribeMessage({
        tmplIds,
        entityIds: [],
        success: (res: Record<string, string>) => resolve(tmplIds.filter((id) => res[id] === 'accept')),
        fail: () => resolve([]),
      } as Parameters<typeof Taro.requestSubscribeMessage>[0])
    } catch {
      resolve([])
    }
  })
}
