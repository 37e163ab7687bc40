import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import ListFooter from '../../../../components/ListFooter'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { usePagedList } from '../../../../hooks/usePagedList'
import { fetchMyLedger, ledgerExportUrl } from '../../../../features/wishes/api/ledger'
import type { LedgerEntryView, MyLedger } from '../../../../features/wishes/types'
import { formatDate } from '../../../../lib/time'
import { useSession } from '../../../../stores/session'
import '../wishes.scss'

/** 我的志愿时长: totals and the append-only history (corrections show as their own lines). */
export default function LedgerPage() {
  const list = usePagedList<LedgerEntryView, number, MyLedger>(fetchMyLedger, [])
  const token = useSession((s) => s.token)

  const totals = list.first?.totals
  if (list.loading && !totals) return <PageShell className='wish-page'><StatusView status='loading' /></PageShell>
  if (list.error || !totals) return <PageShell className='wish-page'><StatusView status='error' message={list.errorText} onRetry={list.reload} /></PageShell>
  return (
    <PageShell className='wish-page wish-ledger'>
      <View className='wish-totals'>
        <View className='wish-totals__item'>
          <Text className='wish-totals__num wish-ledger__hours'>{totals.hours}</Text>
          <Text>志愿时长（小时）</Text>
        </View>
        <View className='wish-totals__item'>
          <Text className='wish-totals__num'>{totals.points}</Text>
          <Text>积分</Text>
        </View>
      </View>
      {list.empty ? (
        <StatusView status='empty' title='还没有志愿记录' hint='心愿圆梦、参加志愿活动后会记入这里' />
      ) : (
        <>
          {list.items.map((e) => (
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
          ))}
          <ListFooter list={list} />
        </>
      )}
      {token ? (
        <Text className='wish-block__hint wish-ledger__export' onClick={() => void Taro.setClipboardData({ data: ledgerExportUrl(token) })}>
          复制志愿服务记录（Excel）下载链接
        </Text>
      ) : null}
    </PageShell>
  )
}
