import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { TICKET_STATUS_LABELS, type TicketStatus } from '@linli/domain'
import PageShell from '../../../../components/PageShell'
import Card from '../../../../components/Card'
import StatusView from '../../../../components/StatusView'
import ListFooter from '../../../../components/ListFooter'
import { usePagedList } from '../../../../hooks/usePagedList'
import { myTickets } from '../../../../features/service/api/tickets'
import TicketRow from '../../../../features/service/components/TicketRow'
import type { TicketListItem } from '../../../../features/service/types'
import { ROUTES } from '../../../../lib/routes'
import '../service.scss'

const FILTERS: Array<TicketStatus | ''> = ['', 'dispatched', 'signed', 'on_site', 'resolved', 'closed', 'rated', 'submitted', 'rejected']

export default function MyTicketsPage() {
  const [status, setStatus] = useState<TicketStatus | ''>('')
  const list = usePagedList<TicketListItem, number>((cursor) => myTickets(status || undefined, cursor), [status])
  return (
    <PageShell className='svc-mine'>
      <View className='svc-tabs scroll-region'>
        {FILTERS.map((s) => (
          <Text key={s || 'all'} className={`svc-tab ${s === status ? 'svc-tab--on' : ''}`} onClick={() => setStatus(s)}>
            {s ? TICKET_STATUS_LABELS[s] : '全部'}
          </Text>
        ))}
      </View>
      {list.loading && !list.items.length ? (
        <StatusView status='loading' />
      ) : list.error ? (
        <StatusView status='error' message={list.errorText} onRetry={list.reload} />
      ) : list.empty ? (
        <View>
          <StatusView status='empty' title='还没有反映过事情' hint='扫一扫身边的点位码，就能反映问题' />
          <Button className='btn btn--primary' onClick={() => Taro.switchTab({ url: ROUTES.service })}>去反映问题</Button>
        </View>
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
