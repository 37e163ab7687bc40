import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View, Text, Input, Picker } from '@tarojs/components'
import { TICKET_STATUS_LABELS, type TicketStatus } from '@linli/domain'
import PageShell from '../../../../components/PageShell'
import Card from '../../../../components/Card'
import Badge from '../../../../components/Badge'
import StatusView from '../../../../components/StatusView'
import ListFooter from '../../../../components/ListFooter'
import { useRemote } from '../../../../hooks/useRemote'
import { usePagedList } from '../../../../hooks/usePagedList'
import { listCategories, staffQueue } from '../../../../features/service/api/tickets'
import TicketRow from '../../../../features/service/components/TicketRow'
import type { TicketListItem, TicketQueue } from '../../../../features/service/types'
import '../service.scss'

const STATUSES: Array<TicketStatus | ''> = ['', 'submitted', 'accepted', 'returned', 'reopened', 'dispatched', 'signed', 'on_site', 'resolved']

export default function DispatchQueuePage() {
  // ?status= opens one tab directly (the 首页's counts link here)
  const { params } = useRouter()
  const [status, setStatus] = useState<TicketStatus | ''>(STATUSES.find((s) => s && s === params.status) ?? 'submitted')
  // 已超时 (?late=1): open tickets past their SLA or not signed for in time, whatever their status.
  const [late, setLate] = useState(params.late === '1')
  const [categoryId, setCategoryId] = useState<number | undefined>(undefined)
  const [q, setQ] = useState('')
  const cats = useRemote(() => listCategories(), [])
  const list = usePagedList<TicketListItem, number, TicketQueue>(
    (cursor) => staffQueue({ status: late ? undefined : status || undefined, late: late || undefined, categoryId, q: q || undefined, cursor }),
    [status, late, categoryId, q],
  )
  const catNames = ['全部分类', ...(cats.data ?? []).map((c) => c.name)]
  return (
    <PageShell className='svc-queue'>
      <View className='page-heading' role='heading' aria-level={1}>诉求队列</View>
      <View className='svc-tabs scroll-region'>
        {STATUSES.map((s) => (
          <View key={s || 'open'} className={`svc-tab ${!late && s === status ? 'svc-tab--on' : ''}`} onClick={() => { setLate(false); setStatus(s) }}>
            <Text>{s ? TICKET_STATUS_LABELS[s] : '全部在办'}</Text>
            {s ? <Badge count={list.first?.counts[s] ?? 0} /> : null}
          </View>
        ))}
        <View className={`svc-tab ${late ? 'svc-tab--on' : ''}`} onClick={() => setLate(true)}>
          <Text>已超时</Text>
          <Badge count={list.first?.late ?? 0} />
        </View>
      </View>
      <View className='svc-row svc-queue__filters'>
        <Picker mode='selector' range={catNames} onChange={(e) => setCategoryId(Number(e.detail.value) ? cats.data![Number(e.detail.value) - 1].id : undefined)}>
          <Text className='svc-filter'>{categoryId ? cats.data?.find((c) => c.id === categoryId)?.name : '全部分类'} ▾</Text>
        </Picker>
        <Input className='svc-input' placeholder='搜索编号或描述' onConfirm={(e) => setQ(e.detail.value.trim())} />
      </View>
      {list.loading && !list.items.length ? (
        <StatusView status='loading' />
      ) : list.error ? (
        <StatusView status='error' message={list.errorText} onRetry={list.reload} />
      ) : list.empty ? (
        <StatusView status='empty' title='队列是空的' />
      ) : (
        <Card className='svc-list'>
          {list.items.map((t) => (
            <TicketRow key={t.id} t={t} />
          ))}
          <ListFooter list={list} />
        </Card>
      )}
    </PageShell>
  )
}
