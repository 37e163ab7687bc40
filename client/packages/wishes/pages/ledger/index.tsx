import Taro, { useDidShow } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import ListFooter from '../../../../components/ListFooter'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { useAction } from '../../../../hooks/useAction'
import { usePagedList } from '../../../../hooks/usePagedList'
import { fetchMyLedger, ledgerExportPath } from '../../../../features/wishes/api/ledger'
import LedgerEntryCard from '../../../../features/wishes/components/LedgerEntryCard'
import { downloadFile } from '../../../../lib/download'
import type { LedgerEntryView, MyLedger } from '../../../../features/wishes/types'
import { ROUTES } from '../../../../lib/routes'
import '../wishes.scss'
import './index.scss'

/**
 * 我的志愿时长: totals and the append-only history (corrections and automatic closes show as their own lines), the
 * 志愿服务记录 download (with the Authorization header — no token in a URL or on the clipboard), the ID number for
 * it, the leaderboard, and for a 支部书记 the branch's view.
 */
export default function LedgerPage() {
  const list = usePagedList<LedgerEntryView, number, MyLedger>(fetchMyLedger, [])
  const exporting = useAction()
  // Back from 登记身份证号: show the number as now stored.
  useDidShow(() => {
    if (list.first) void list.reload()
  })
  const go = (url: string) => () => void Taro.navigateTo({ url })

  const first = list.first
  if (list.loading && !first) return <PageShell className='wish-page'><StatusView status='loading' /></PageShell>
  if (list.error || !first) return <PageShell className='wish-page'><StatusView status='error' message={list.errorText} onRetry={list.reload} /></PageShell>
  const { totals } = first
  const download = () => void exporting.run(() => downloadFile(ledgerExportPath(), {}, 'volunteer-record.xlsx'), { success: '已导出志愿服务记录' })
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
      <View className='wish-block ledger-links'>
        <View className='ledger-links__row wish-ledger__id' onClick={go(ROUTES.wishIdNumber)}>
          <Text>公民身份号码</Text>
          <Text className='ledger-links__value'>{first.idNumber ?? '未登记，去登记'} ›</Text>
        </View>
        <View className='ledger-links__row wish-ledger__board' onClick={go(ROUTES.wishLeaderboard)}>
          <Text>志愿排行榜</Text>
          <Text className='ledger-links__value'>›</Text>
        </View>
        {first.secretaryOf.length ? (
          <View className='ledger-links__row wish-ledger__branch' onClick={go(ROUTES.wishBranches)}>
            <Text>支部党员认领</Text>
            <Text className='ledger-links__value'>{first.secretaryOf.join('、')} ›</Text>
          </View>
        ) : null}
        <Text className={`btn btn--primary wish-ledger__export ${exporting.busy ? 'ledger-links__busy' : ''}`} onClick={exporting.busy ? undefined : download}>
          {exporting.busy ? '正在导出…' : '下载志愿服务记录（Excel）'}
        </Text>
        <Text className='wish-block__hint'>依据《志愿服务记录与证明出具办法》（民政部令第67号），含每次服务的时间、内容、时长与记录单位。</Text>
      </View>
      {list.empty ? (
        <StatusView status='empty' title='还没有志愿记录' hint='心愿圆梦、参加志愿活动后会记入这里' />
      ) : (
        <>
          {list.items.map((e) => <LedgerEntryCard key={e.id} e={e} />)}
          <ListFooter list={list} />
        </>
      )}
    </PageShell>
  )
}
