import { View, Text } from '@tarojs/components'

export interface TrendDay {
  day: string
  filed: number
  resolved: number
}

interface Bucket {
  label: string
  /** said to a screen reader and in the summary: 11月28日, 11月28日起一周 */
  spoken: string
  filed: number
  resolved: number
}

/** More than this many days are summed by week: a phone shows about ten readable rows, not ninety slivers. */
const DAILY_UP_TO = 14

const md = (day: string) => day.slice(5)
const spokenDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`

export function trendBuckets(trend: readonly TrendDay[]): Bucket[] {
  if (trend.length <= DAILY_UP_TO) return trend.map((d) => ({ label: md(d.day), spoken: spokenDay(d.day), filed: d.filed, resolved: d.resolved }))
  const out: Bucket[] = []
  for (let i = 0; i < trend.length; i += 7) {
    const week = trend.slice(i, i + 7)
    out.push({
      label: `${md(week[0].day)} 起`,
      spoken: `${spokenDay(week[0].day)}起${week.length}天`,
      filed: week.reduce((n, d) => n + d.filed, 0),
      resolved: week.reduce((n, d) => n + d.resolved, 0),
    })
  }
  return out
}

/** The chart in one sentence, for a screen reader and for anyone who would rather read than compare bars. */
export function trendSummary(trend: readonly TrendDay[], periodLabel: string): string {
  const filed = trend.reduce((n, d) => n + d.filed, 0)
  const resolved = trend.reduce((n, d) => n + d.resolved, 0)
  if (!filed && !resolved) return `${periodLabel}没有新受理或办结的事。`
  const busiest = trend.reduce((a, d) => (d.filed > a.filed ? d : a), trend[0])
  return `${periodLabel}共受理 ${filed} 件，办结 ${resolved} 件；受理最多的一天是${spokenDay(busiest.day)}，${busiest.filed} 件。`
}

/**
 * 每日趋势 laid out for a phone: one row per day (per week beyond two weeks), the date on the left and two bars
 * with their numbers in words — 受理 5, 办结 3 — so neither the colours nor the bars' lengths must be compared.
 */
export default function BoardTrend({ trend, periodLabel }: { trend: readonly TrendDay[]; periodLabel: string }) {
  const buckets = trendBuckets(trend)
  const max = Math.max(1, ...buckets.map((b) => Math.max(b.filed, b.resolved)))
  return (
    <View className='svc-trend'>
      <Text className='svc-trend__summary'>{trendSummary(trend, periodLabel)}</Text>
      <View className='svc-trend__legend' aria-hidden>
        <View className='svc-trend__key svc-trend__key--filed' />
        <Text className='svc-trend__legend-text'>受理</Text>
        <View className='svc-trend__key svc-trend__key--resolved' />
        <Text className='svc-trend__legend-text'>办结</Text>
      </View>
      {buckets.map((b) => (
        <View key={b.label} className='svc-trend__row' aria-label={`${b.spoken}：受理 ${b.filed} 件，办结 ${b.resolved} 件`}>
          <Text className='svc-trend__date' aria-hidden>{b.label}</Text>
          <View className='svc-trend__bars' aria-hidden>
            <View className='svc-trend__line'>
              <View className='svc-trend__track'>
                <View className='svc-trend__bar svc-trend__bar--filed' style={{ width: `${(b.filed / max) * 100}%` }} />
              </View>
              <Text className='svc-trend__n'>受理 {b.filed}</Text>
            </View>
            <View className='svc-trend__line'>
              <View className='svc-trend__track'>
                <View className='svc-trend__bar svc-trend__bar--resolved' style={{ width: `${(b.resolved / max) * 100}%` }} />
              </View>
              <Text className='svc-trend__n'>办结 {b.resolved}</Text>
            </View>
          </View>
        </View>
      ))}
    </View>
  )
}
