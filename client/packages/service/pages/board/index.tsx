import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import PageShell from '../../../../components/PageShell'
import Card from '../../../../components/Card'
import StatusView from '../../../../components/StatusView'
import { useRemote } from '../../../../hooks/useRemote'
import { publicBoard } from '../../../../features/service/api/board'
import type { BoardStats } from '../../../../features/service/types'
import { localDateFromToday } from '../../../../lib/time'
import { ROUTES } from '../../../../lib/routes'
import { useShareCard, useTimelineCard, type ShareCard } from '../../../../features/share/share'
import { ChipGroup } from '../../../../components/Chip'
import BoardTrend from '../../../../features/service/components/BoardTrend'
import '../service.scss'
import './index.scss'

const PERIODS = [
  { days: 7, label: '近 7 天' },
  { days: 30, label: '近 30 天' },
  { days: 90, label: '近 90 天' },
]

const pct = (v: number | null) => (v === null ? '—' : `${v}%`)

/** The four figures as a 2 × 2 grid of tiles: each value large, its name under it, nothing crowded on a phone. */
function Rates({ s, compact = false }: { s: BoardStats; compact?: boolean }) {
  const tiles: Array<{ label: string; value: string; unit?: string }> = [
    { label: '响应率', value: pct(s.responseRate) },
    { label: '解决率', value: pct(s.resolutionRate) },
    { label: '满意率', value: pct(s.satisfactionRate) },
    { label: '平均办理', value: s.avgHandlingHours === null ? '—' : String(s.avgHandlingHours), unit: s.avgHandlingHours === null ? '' : '小时' },
  ]
  return (
    <View className={`svc-rates ${compact ? 'svc-rates--compact' : ''}`}>
      {tiles.map((t) => (
        <View key={t.label} className='svc-rate' aria-label={`${t.label} ${t.value}${t.unit ? ` ${t.unit}` : ''}`}>
          <Text className='svc-rate__value' aria-hidden>
            {t.value}
            {t.unit ? <Text className='svc-rate__unit'> {t.unit}</Text> : null}
          </Text>
          <Text className='svc-rate__label' aria-hidden>{t.label}</Text>
        </View>
      ))}
    </View>
  )
}

/** 公开监督: anyone can see how fast and how well matters are handled, by community and category. No personal data. */
export default function PublicBoardPage() {
  const [days, setDays] = useState(30)
  const [communityId, setCommunityId] = useState<number | undefined>(undefined)
  const from = localDateFromToday(-(days - 1))
  const remote = useRemote(() => publicBoard({ from, communityId }), [days, communityId])
  const b = remote.data
  // 转发 and 朋友圈: the 三率 as they stand, opening the board.
  const card = (): ShareCard => ({
    title: b ? `码上办公开监督：响应率 ${b.overall.responseRate ?? '—'}% · 办结率 ${b.overall.resolutionRate ?? '—'}% · 满意率 ${b.overall.satisfactionRate ?? '—'}%` : '码上办公开监督：响应率、办结率、满意率',
    path: ROUTES.serviceBoard,
  })
  useShareCard(card)
  useTimelineCard(card)
  const period = PERIODS.find((p) => p.days === days) ?? PERIODS[1]
  return (
    <PageShell className='svc-board'>
      <ChipGroup
        className='svc-board__filter'
        label='统计时段'
        options={PERIODS.map((p) => ({ value: p.days, label: p.label }))}
        value={days}
        onChange={(d) => d && setDays(d)}
      />
      {remote.loading && !b ? (
        <StatusView status='loading' />
      ) : remote.error ? (
        <StatusView status='error' message={remote.errorText} onRetry={remote.reload} />
      ) : b ? (
        <>
          <ChipGroup
            className='svc-board__filter'
            label='社区'
            options={[{ value: 0, label: '全街道' }, ...b.communities.map((c) => ({ value: c.id, label: c.name }))]}
            value={communityId ?? 0}
            onChange={(id) => setCommunityId(id ? id : undefined)}
          />
          <Card title={`${period.label}共受理 ${b.overall.total} 件`}>
            <Rates s={b.overall} />
            {Object.keys(b.overall.byStatus).length ? (
              <View className='svc-board__statuses'>
                {Object.entries(b.overall.byStatus).map(([s, n]) => (
                  <Text key={s} className='svc-board__status'>{b.statusLabels[s] ?? s} {n} 件</Text>
                ))}
              </View>
            ) : null}
          </Card>
          <Card title={b.trend.length > 14 ? '每周趋势' : '每日趋势'}>
            <BoardTrend trend={b.trend} periodLabel={period.label} />
          </Card>
          {b.byCommunity.some((c) => c.total) ? (
            <Card title='按社区'>
              {b.byCommunity.filter((c) => c.total).map((c) => (
                <View key={c.id} className='svc-board__group'>
                  <Text className='svc-board__name'>{c.name} · {c.total} 件</Text>
                  <Rates s={c} compact />
                </View>
              ))}
            </Card>
          ) : null}
          {b.byCategory.some((c) => c.total) ? (
            <Card title='按分类'>
              {b.byCategory.filter((c) => c.total).map((c) => (
                <View key={c.id} className='svc-board__group'>
                  <Text className='svc-board__name'>{c.icon} {c.name} · {c.total} 件</Text>
                  <Rates s={c} compact />
                </View>
              ))}
            </Card>
          ) : null}
          <View className='svc-board__note'>
            <Text className='svc-board__note-line'>响应率：派单后在时限内签收的比例。</Text>
            <Text className='svc-board__note-line'>解决率：办结后没有被重新打开的比例。</Text>
            <Text className='svc-board__note-line'>满意率：评价 4 星及以上的比例。</Text>
          </View>
        </>
      ) : null}
    </PageShell>
  )
}
