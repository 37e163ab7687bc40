import { useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { apiUrl } from '../../lib/request'

/**
 * What a shared card shows in a WeChat chat: a title, the page it opens (with its query) and a picture. Without a
 * picture WeChat takes a screenshot of the page, which for a list or a board is what a resident would show anyway.
 */
export interface ShareCard {
  title: string
  path: string
  imageUrl?: string
}

/** An upload's URL as WeChat needs it for a card: absolute. */
export function shareImage(url: string | null | undefined): string | undefined {
  if (!url) return undefined
  return /^https?:\/\//.test(url) ? url : apiUrl(url)
}

/** 转发给朋友: the card is read when the person taps 转发, so it reflects what the page shows then. */
export function useShareCard(card: () => ShareCard): void {
  useShareAppMessage(() => {
    const c = card()
    return { title: c.title, path: c.path, ...(c.imageUrl ? { imageUrl: c.imageUrl } : {}) }
  })
}

/** 分享到朋友圈: opens the page without the chat; the query goes separately. */
export function useTimelineCard(card: () => ShareCard): void {
  useShareTimeline(() => {
    const c = card()
    const [, query = ''] = c.path.split('?')
    return { title: c.title, query, ...(c.imageUrl ? { imageUrl: c.imageUrl } : {}) }
  })
}
