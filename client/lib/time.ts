/**
 * Every date the app shows goes through this module, in Beijing time whatever the phone's zone: the server speaks
 * UTC ISO strings, people read 北京时间. Asia/Shanghai has been UTC+8 without daylight saving since 1991, so a fixed
 * offset is exact — and it needs no `Intl` time-zone data, which some mini-program runtimes lack. No other file
 * adds 8 hours by hand.
 */
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)
dayjs.locale('zh-cn')

export const APP_TIMEZONE = 'Asia/Shanghai'
const OFFSET_MINUTES = 8 * 60

type Instant = string | number | Date

/** An instant as Beijing wall-clock time. */
export function toLocal(at: Instant): dayjs.Dayjs {
  return dayjs.utc(at).utcOffset(OFFSET_MINUTES)
}

/** 2026-12-02 19:30 */
export function formatDateTime(at: Instant): string {
  return toLocal(at).format('YYYY-MM-DD HH:mm')
}

/** 2026年12月2日 */
export function formatDate(at: Instant): string {
  return toLocal(at).format('YYYY年M月D日')
}

/** 12-02 19:30, for timelines where the year is obvious. */
export function formatShortDateTime(at: Instant): string {
  return toLocal(at).format('MM-DD HH:mm')
}

/** 12月2日 19:30, for activity times. */
export function formatMonthDayTime(at: Instant): string {
  return toLocal(at).format('M月D日 HH:mm')
}

/** 刚刚 / 5 分钟前 / 14:30 / 昨天 14:30 / 11月2日 14:30 / 2024-11-02 — friendlier for message lists. */
export function formatRelative(at: Instant, now: Date = new Date()): string {
  const t = toLocal(at)
  const n = toLocal(now)
  const minutes = n.diff(t, 'minute')
  if (minutes < 1) return '刚刚'
  if (minutes < 60) return `${minutes} 分钟前`
  if (t.isSame(n, 'day')) return t.format('HH:mm')
  if (t.isSame(n.subtract(1, 'day'), 'day')) return `昨天 ${t.format('HH:mm')}`
  if (t.isSame(n, 'year')) return t.format('M月D日 HH:mm')
  return t.format('YYYY-MM-DD')
}

/** The Beijing calendar date `days` from now (negative for the past), as YYYY-MM-DD — for date pickers and filters. */
export function localDateFromToday(days = 0, now: Date = new Date()): string {
  return toLocal(now).add(days, 'day').format('YYYY-MM-DD')
}

/** The hour (0–23) on a Beijing clock. */
export function localHour(now: Date = new Date()): number {
  return toLocal(now).hour()
}

/** "2031-05-01 14:00" typed in Beijing time → the ISO instant; null when malformed. */
export function parseLocalDateTime(text: string): string | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})$/.exec(text.trim())
  if (!m) return null
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) - OFFSET_MINUTES * 60_000
  return Number.isNaN(ms) ? null : new Date(ms).toISOString()
}
