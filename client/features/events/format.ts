/** Activity times are shown in 北京时间 whatever the phone's zone is. */
export function fmtTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`
}

/** "2031-05-01 14:00" typed in 北京时间 → ISO instant; null when malformed. */
export function parseShanghai(text: string): string | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})$/.exec(text.trim())
  if (!m) return null
  const utc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4] - 8, +m[5])
  return Number.isNaN(utc) ? null : new Date(utc).toISOString()
}
