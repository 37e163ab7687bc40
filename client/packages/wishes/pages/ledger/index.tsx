import { useState } from 'react'
import Taro, { useReachBottom } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { useRemote } from '../../../../hooks/useRemote'
import { fetchMyLedger } from '../../../../features/wishes/api/ledger'
import type { LedgerEntryView } from '../../../../features/wishes/types'
import { apiUrl, errorMessage } from '../../../../lib/request'
import { formatDate } from '../../../../lib/time'
import { useSession } from '../../../../stores/session'
import '../wishes.scss'

/** 我的志愿时长: totals and the append-only history (corrections show as their own lines). */
export default function LedgerPage() {
  const remote = useRemote(() => fetchMyLedger(null), [])
  const [more, setMore] = useState<LedgerEntryView[]>([])
  const [cursor, setCursor] = useState<number | null | undefined>(undefined)
  const token = useSession((s) => s.token)
  const next = cursor === undefined ? remote.data?.nextCursor ?? null : cursor

  useReachBottom(() => {
    if (!next) return
    fetchMyLedger(next)
      .then((page) => {
        setMore((prev) => [...prev, ...page.items])
        setCursor(page.nextCursor)
      })
      .catch((err) => void Taro.showToast({ title: errorMessage(err), icon: 'none' }))
  })

  const data = remote.data
  if (remote.loading && !data) return <PageShell className='wish-page'><StatusView status='loading' /></PageShell>
  if (remote.error || !data) return <PageShell className='wish-page'><StatusView status='error' message={remote.errorText} onRetry={remote.reload} /></PageShell>
  const items = [...data.items, ...more]
  return (
    <PageShell className='wish-page wish-ledger'>
      <View className='wish-totals'>
        <View className='wish-totals__item'>
          <Text className='wish-totals__num wish-ledger__hours'>{data.totals.hours}</Text>
          <Text>志愿时长（小时）</Text>
        </View>
        <View className='wish-totals__item'>
          <Text className='wish-totals__num'>{data.totals.points}</Text>
          <Text>积分</Text>
        </View>
      </View>
      {items.length === 0 ? (
        <StatusView status='empty' title='还没有志愿记录' hint='心愿圆梦、参加志愿活动后会记入这里' />
      ) : (
        items.map((e) => (
          <View key={e.id} className='wish-block'>
            <View className='wish-block__row'>
              <Text>{e.sourceLabel}</Text>
              <Text>{e.hours > 0 ? `+${e.hours}` : e.hours} 小时</Text>
            </View>
            <Text className='wish-block__text'>{e.content}</Text>
            <Text className='wish-block__hint'>
              {formatDate(e.createdAt)} · {e.organisation}
              {e.confirmedByName ? ` · 证明人 ${e.confirmedByName}` : ''}
            </Text>
          </View>
        ))
      )}
      {token ? (
        <Text className='wish-block__hint wish-ledger__export' onClick={() => void Taro.setClipboardData({ data: apiUrl('/api/ledger/export.xlsx', { token }) })}>
          复制志愿服务记录（Excel）下载链接
        </Text>
      ) : null}
    </PageShell>
  )
}
