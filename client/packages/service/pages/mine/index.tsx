import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { TICKET_STATUS_LABELS, type TicketStatus } from '@linli/domain'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { useRemote } from '../../../../hooks/useRemote'
import { myTickets } from '../../../../features/service/api/tickets'
import type { Page, TicketSummary } from '../../../../features/service/types'
import { ROUTES } from '../../../../lib/routes'
import { TicketRow } from '../list'
import '../service.scss'

const FILTERS: Array<TicketStatus | ''> = ['', 'dispatched', 'signed', 'on_site', 'resolved', 'closed', 'rated', 'submitted', 'rejected']

export default function MyTicketsPage() {
  const [status, setStatus] = useState<TicketStatus | ''>('')
  const remote = useRemote<Page<TicketSummary>>(() => myTickets(status || undefined), [status])
  return (
    <PageShell className='svc-mine'>
      <View className='svc-tabs'>
        {FILTERS.map((s) => (
          <Text key={s || 'all'} className={`svc-tab ${s === status ? 'svc-tab--on' : ''}`} onClick={() => setStatus(s)}>
            {s ? TICKET_STATUS_LABELS[s] : '全部'}
          </Text>
        ))}
      </View>
      {remote.loading && !remote.data ? (
        <StatusView status='loading' />
      ) : remote.error ? (
        <StatusView status='error' message={remote.errorText} onRetry={remote.reload} />
      ) : !remote.data?.items.length ? (
        <View>
          <StatusView status='empty' title='还没有工单' hint='扫一扫身边的点位码，就能反映问题' />
          <Button className='btn btn--primary' onClick={() => Taro.switchTab({ url: ROUTES.service })}>去反映问题</Button>
        </View>
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
