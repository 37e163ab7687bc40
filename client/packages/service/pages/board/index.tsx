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
import '../service.scss'

const PERIODS = [
  { days: 7, label: '近 7 天' },
  { days: 30, label: '近 30 天' },
  { days: 90, label: '近 90 天' },
]

const pct = (v: number | null) => (v === null ? '—' : `${v}%`)

function Rates({ s }: { s: BoardStats }) {
  return (
    <View className='svc-rates'>
      <View><Text className='svc-rate__value'>{pct(s.responseRate)}</Text><Text className='svc-rate__label'>响应率</Text></View>
      <View><Text className='svc-rate__value'>{pct(s.resolutionRate)}</Text><Text className='svc-rate__label'>解决率</Text></View>
      <View><Text className='svc-rate__value'>{pct(s.satisfactionRate)}</Text><Text className='svc-rate__label'>满意率</Text></View>
      <View><Text className='svc-rate__value'>{s.avgHandlingHours ?? '—'}</Text><Text className='svc-rate__label'>平均办理(小时)</Text></View>
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
  const max = Math.max(1, ...(b?.trend ?? []).map((d) => Math.max(d.filed, d.resolved)))
  return (
    <PageShell className='svc-board'>
      <View className='svc-tabs'>
        {PERIODS.map((p) => (
          <Text key={p.days} className={`svc-tab ${p.days === days ? 'svc-tab--on' : ''}`} onClick={() => setDays(p.days)}>{p.label}</Text>
        ))}
      </View>
      {remote.loading && !b ? (
        <StatusView status='loading' />
      ) : remote.error ? (
        <StatusView status='error' message={remote.errorText} onRetry={remote.reload} />
      ) : b ? (
        <>
          <View className='svc-tabs'>
            <Text className={`svc-tab ${!communityId ? 'svc-tab--on' : ''}`} onClick={() => setCommunityId(undefined)}>全街道</Text>
            {b.communities.map((c) => (
              <Text key={c.id} className={`svc-tab ${c.id === communityId ? 'svc-tab--on' : ''}`} onClick={() => setCommunityId(c.id)}>{c.name}</Text>
            ))}
          </View>
          <Card title={`共受理 ${b.overall.total} 件`}>
            <Rates s={b.overall} />
            <View className='svc-chips'>
              {Object.entries(b.overall.byStatus).map(([s, n]) => (
                <Text key={s} className='svc-chip'>{b.statusLabels[s] ?? s} {n}</Text>
              ))}
            </View>
          </Card>
          <Card title='每日趋势（红：受理，绿：办结）'>
            <View className='svc-bars' aria-label='每日趋势'>
              {b.trend.map((d) => (
                <View key={d.day} style={{ flex: 1, display: 'flex', alignItems: 'flex-end', height: '100%' }}>
                  <View className='svc-bar' style={{ height: `${(d.filed / max) * 100}%` }} />
                  <View className='svc-bar svc-bar--resolved' style={{ height: `${(d.resolved / max) * 100}%` }} />
                </View>
              ))}
            </View>
          </Card>
          <Card title='按社区'>
            {b.byCommunity.filter((c) => c.total).map((c) => (
              <View key={c.id} className='svc-item'>
                <Text>{c.name} · {c.total} 件</Text>
                <Rates s={c} />
              </View>
            ))}
          </Card>
          <Card title='按分类'>
            {b.byCategory.filter((c) => c.total).map((c) => (
              <View key={c.id} className='svc-item'>
                <Text>{c.icon} {c.name} · {c.total} 件</Text>
                <Rates s={c} />
              </View>
            ))}
          </Card>
          <Text className='muted'>响应率：派单后在时限内签收的比例；解决率：办结后未被重新打开的比例；满意率：评价 4 星及以上的比例。</Text>
        </>
      ) : null}
    </PageShell>
  )
}
