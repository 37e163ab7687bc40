import type { WishStatus } from '@linli/domain'

/** A wish still waiting for its day: on the wall, or claimed and not yet delivered. Only these count down. */
const COUNTING_DOWN: readonly WishStatus[] = ['published', 'claimed']

/**
 * 还剩 N 天 / 今天截止 / 已过期 while the wish is still to be done; null once it is fulfilled, confirmed, withdrawn or
 * refused, when a countdown would tell a resident something that is no longer true.
 */
export function daysLeftText(wish: { status: WishStatus; daysLeft: number }): string | null {
  if (!COUNTING_DOWN.includes(wish.status)) return null
  if (wish.daysLeft < 0) return '已过期'
  if (wish.daysLeft === 0) return '今天截止'
  return `还剩 ${wish.daysLeft} 天`
}
