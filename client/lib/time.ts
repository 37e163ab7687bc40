import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import relativeTime from 'dayjs/plugin/relativeTime'

dayjs.extend(utc)
dayjs.extend(timezone)
dayjs.extend(relativeTime)
dayjs.locale('zh-cn')

export const APP_TIMEZONE = 'Asia/Shanghai'

/** The server speaks UTC ISO strings; people read Beijing time, whatever the phone's zone. */
export function toLocal(iso: string | Date): dayjs.Dayjs {
  return dayjs.utc(iso).tz(APP_TIMEZONE)
}

export function formatDateTime(iso: string | Date): string {
  return toLocal(iso).format('YYYY-MM-DD HH:mm')
}

export function formatDate(iso: string | Date): string {
  return toLocal(iso).format('YYYY年M月D日')
}

/** 刚刚 / 5 分钟前 / 昨天 14:30 / 2024-11-02 — friendlier for message lists. */
export function formatRelative(iso: string | Date, now: Date = new Date()): string {
  const t = toLocal(iso)
  const n = dayjs(now).tz(APP_TIMEZONE)
  const minutes = n.diff(t, 'minute')
  if (minutes < 1) return '刚刚'
  if (minutes < 60) return `${minutes} 分钟前`
  if (t.isSame(n, 'day')) return t.format('HH:mm')
  if (t.isSame(n.subtract(1, 'day'), 'day')) return `昨天 ${t.format('HH:mm')}`
  if (t.isSame(n, 'year')) return t.format('M月D日 HH:mm')
  return t.format('YYYY-MM-DD')
}
