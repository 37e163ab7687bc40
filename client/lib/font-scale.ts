import { readSystemFontScale } from './system-font'

/**
 * From WeChat's font factor to what the page does with it.
 *
 * Sizes never shrink below the 适老化 minimums (a factor under 1 is read as 1) and stop at 2× so a row still fits
 * a phone. The class rounds to a tenth: `.font-scale-12` multiplies --font-* by 1.2 (client/styles/tokens.scss).
 *
 * From 1.15 up 大字模式 is turned on by default: WeChat's 字体大小 steps are about a tenth apart, so 1.15 is the
 * second step above 标准 — a person who chose it (or 关怀模式, which goes further) has said they want larger text,
 * and one step (1.1) is still within what the normal scale reads comfortably at. A choice made in the app wins.
 */
export const ELDER_DEFAULT_FACTOR = 1.15

export function fontScaleClass(factor: number): string {
  const tenths = Math.round(Math.min(Math.max(factor, 1), 2) * 10)
  return tenths > 10 ? `font-scale-${tenths}` : ''
}

export function suggestsElderMode(factor: number): boolean {
  return factor >= ELDER_DEFAULT_FACTOR
}

let cached: number | null = null

/** Read once per launch: the setting cannot change without WeChat restarting the mini-program. */
export function systemFontScale(): number {
  if (cached === null) cached = readSystemFontScale()
  return cached
}
