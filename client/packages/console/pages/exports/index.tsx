import { useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import { shanghaiDate, TICKET_STATUS_LABELS, TICKET_STATUSES, type TicketStatus } from '@linli/domain'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { useAction } from '../../../../hooks/useAction'
import { useRemote } from '../../../../hooks/useRemote'
import { EXPORT_PATH, type ExportFilter } from '../../../../features/service/api/console'
import { listCategories } from '../../../../features/service/api/tickets'
import { downloadFile } from '../../../../lib/download'
import { fetchPlaceTree } from '../../../../features/places/api/place-tree'
import '../../console.scss'
import '../category/category.scss'

const DAY = 86_400_000

/**
 * 导出工单: the tickets of the staff member's communities as XLSX, with the queue's filters (community, category,
 * status) and a period of filing. Phones stay masked in the file; the download carries the login in its header,
 * never in the URL (H5: fetch → blob; WeChat: downloadFile → openDocument).
 */
export default function ExportsConsole() {
  const tree = useRemote(fetchPlaceTree, [])
  const cats = useRemote(() => listCategories(), [])
  const today = shanghaiDate(new Date())
  const [f, setF] = useState<ExportFilter>({ from: shanghaiDate(new Date(Date.now() - 29 * DAY)), to: today })
  const [error, setError] = useState('')
  const run = useAction()

  if ((tree.loading && !tree.data) || (cats.loading && !cats.data)) return <PageShell className='cs'><StatusView status='loading' rows={3} /></PageShell>
  if (tree.error || cats.error) {
    const r = tree.error ? tree : cats
    return <PageShell className='cs'><StatusView status='error' message={r.errorText} onRetry={r.reload} /></PageShell>
  }
  const communities = (tree.data ?? []).flatMap((s) => s.communities)
  const categories = cats.data ?? []
  const statuses: Array<TicketStatus | undefined> = [undefined, ...TICKET_STATUSES]

  const download = async () => {
    setError('')
    if (f.from && f.to && f.from > f.to) {
      setError('开始日期不能晚于结束日期')
      return
    }
    const query = { communityId: f.communityId, categoryId: f.categoryId, status: f.status, from: f.from, to: f.to }
    const name = `码上办工单-${(f.from ?? '').replace(/-/g, '')}-${(f.to ?? '').replace(/-/g, '')}.xlsx`
    await run.run(() => downloadFile(EXPORT_PATH, query, name), { success: '已导出' })
    if (run.error) setError(run.error)
  }

  const choice = (label: string, value: string, range: string[], index: number, onPick: (i: number) => void) => (
    <View className='cs__field'>
      <Text className='cs__label'>{label}</Text>
      <Picker mode='selector' range={range} value={index} onChange={(e) => onPick(Number(e.detail.value))}>
        <View className='cs__input cs__picker'>
          <Text>{value}</Text>
          <Text>▾</Text>
        </View>
      </Picker>
    </View>
  )
  const date = (label: string, value: string | undefined, onPick: (v: string) => void) => (
    <View className='cs__field cs__grow'>
      <Text className='cs__label'>{label}</Text>
      <Picker mode='date' value={value ?? today} end={today} onChange={(e) => onPick(String(e.detail.value))}>
        <View className='cs__input cs__picker'>
          <Text>{value ?? '不限'}</Text>
          <Text>▾</Text>
        </View>
      </Picker>
    </View>
  )
  const cIndex = f.communityId ? communities.findIndex((c) => c.id === f.communityId) + 1 : 0
  const catIndex = f.categoryId ? categories.findIndex((c) => c.id === f.categoryId) + 1 : 0

  return (
    <PageShell className='cs cs-export'>
      <View className='cs__card'>
        <Text className='cs__heading'>导出工单（Excel）</Text>
        <Text className='cs__hint'>导出你负责社区的工单，条件与派单队列相同。文件里的电话已打码；每次导出都会留痕。</Text>
        {choice('社区', cIndex ? communities[cIndex - 1].name : '我负责的全部社区', ['我负责的全部社区', ...communities.map((c) => c.name)], cIndex, (i) => setF({ ...f, communityId: i ? communities[i - 1].id : undefined }))}
        {choice('分类', catIndex ? categories[catIndex - 1].name : '全部分类', ['全部分类', ...categories.map((c) => `${c.icon} ${c.name}`)], catIndex, (i) => setF({ ...f, categoryId: i ? categories[i - 1].id : undefined }))}
        {choice('状态', f.status ? TICKET_STATUS_LABELS[f.status] : '全部状态', statuses.map((s) => (s ? TICKET_STATUS_LABELS[s] : '全部状态')), statuses.indexOf(f.status), (i) => setF({ ...f, status: statuses[i] }))}
        <Text className='cs__label'>提交时间</Text>
        <View className='cs__row'>
          {date('从', f.from, (v) => setF({ ...f, from: v }))}
          {date('到', f.to, (v) => setF({ ...f, to: v }))}
        </View>
        <View className='cs__chips'>
          {[7, 30, 90].map((n) => (
            <Text key={n} className='cs__chip' onClick={() => setF({ ...f, from: shanghaiDate(new Date(Date.now() - (n - 1) * DAY)), to: today })}>近 {n} 天</Text>
          ))}
        </View>
        {error ? <Text className='cs__error'>{error}</Text> : null}
        <Text className={`cs__btn cs-export__go ${run.busy ? 'cs__btn--busy' : ''}`} onClick={() => void download()}>{run.busy ? '正在导出…' : '导出 Excel'}</Text>
      </View>
    </PageShell>
  )
}
