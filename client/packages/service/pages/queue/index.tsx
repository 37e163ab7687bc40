import { useState } from 'react'
import { View, Text, Input, Picker } from '@tarojs/components'
import { TICKET_STATUS_LABELS, type TicketStatus } from '@linli/domain'
import PageShell from '../../../../components/PageShell'
import Badge from '../../../../components/Badge'
import StatusView from '../../../../components/StatusView'
import { useRemote } from '../../../../hooks/useRemote'
import { listCategories, staffQueue } from '../../../../features/service/api/tickets'
import { TicketRow } from '../list'
import '../service.scss'

const STATUSES: Array<TicketStatus | ''> = ['', 'submitted', 'accepted', 'returned', 'reopened', 'dispatched', 'signed', 'on_site', 'resolved']

export default function DispatchQueuePage() {
  const [status, setStatus] = useState<TicketStatus | ''>('submitted')
  const [categoryId, setCategoryId] = useState<number | undefined>(undefined)
  const [q, setQ] = useState('')
  const cats = useRemote(() => listCategories(), [])
  const remote = useRemote(() => staffQueue({ status: status || undefined, categoryId, q: q || undefined }), [status, categoryId, q])
  const catNames = ['全部分类', ...(cats.data ?? []).map((c) => c.name)]
  return (
    <PageShell className='svc-queue'>
      <View className='svc-tabs'>
        {STATUSES.map((s) => (
          <View key={s || 'open'} className={`svc-tab ${s === status ? 'svc-tab--on' : ''}`} onClick={() => setStatus(s)}>
            <Text>{s ? TICKET_STATUS_LABELS[s] : '全部在办'}</Text>
            {s ? <Badge count={remote.data?.counts[s] ?? 0} /> : null}
          </View>
        ))}
      </View>
      <View className='svc-row'>
        <Picker mode='selector' range={catNames} onChange={(e) => setCategoryId(Number(e.detail.value) ? cats.data![Number(e.detail.value) - 1].id : undefined)}>
          <Text className='svc-chip'>{categoryId ? cats.data?.find((c) => c.id === categoryId)?.name : '全部分类'} ▾</Text>
        </Picker>
        <Input className='svc-input' placeholder='搜索编号或描述' onConfirm={(e) => setQ(e.detail.value.trim())} />
      </View>
      {remote.loading && !remote.data ? (
        <StatusView status='loading' />
      ) : remote.error ? (
        <StatusView status='error' message={remote.errorText} onRetry={remote.reload} />
      ) : !remote.data?.items.length ? (
        <StatusView status='empty' title='队列是空的' />
      ) : (
        <View className='card'>
          {remote.data.items.map((t) => (
            <TicketRow key={t.id} t={t} />
          ))}
        </View>
      )}
    </PageShell>
  )
}
