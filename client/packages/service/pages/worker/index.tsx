import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import PageShell from '../../../../components/PageShell'
import Card from '../../../../components/Card'
import Badge from '../../../../components/Badge'
import StatusView from '../../../../components/StatusView'
import { useRemote } from '../../../../hooks/useRemote'
import { workerTickets, type WorkerTab } from '../../../../features/service/api/tickets'
import TicketRow from '../../../../features/service/components/TicketRow'
import { fetchGrants } from '../../../../features/notifications/api/subscriptions'
import ReminderSwitch from '../../../../features/notifications/components/ReminderSwitch'
import { ASK_ON, primeTemplates } from '../../../../features/notifications/subscribe'
import '../service.scss'

const TABS: Array<{ key: WorkerTab; label: string }> = [
  { key: 'pending', label: '待签收' },
  { key: 'working', label: '处置中' },
  { key: 'overdue', label: '已超时' },
]

/** 网格员工作台: the worker's tasks by tab (a short list, one read; the server returns at most 100). */
export default function WorkerDeskPage() {
  // ?tab= opens one pile directly (the 首页's counts link here)
  const { params } = useRouter()
  const [tab, setTab] = useState<WorkerTab>(TABS.find((x) => x.key === params.tab)?.key ?? 'pending')
  const remote = useRemote(() => workerTickets(tab), [tab])
  const grants = useRemote(fetchGrants, [])
  void primeTemplates()
  return (
    <PageShell className='svc-worker'>
      <View className='page-heading' role='heading' aria-level={1}>我的任务</View>
      <ReminderSwitch
        className='svc-worker__reminder'
        title='新派单提醒'
        hint='有工单派给你、改派给你或超时时，用微信提醒你'
        purposes={ASK_ON.task}
        grants={grants.data?.items ?? null}
        onChanged={grants.reload}
      />
      <View className='svc-tabs scroll-region'>
        {TABS.map((x) => (
          <View key={x.key} className={`svc-tab ${x.key === tab ? 'svc-tab--on' : ''}`} onClick={() => setTab(x.key)}>
            <Text>{x.label}</Text>
            <Badge count={remote.data?.counts[x.key] ?? 0} />
          </View>
        ))}
      </View>
      {remote.loading && !remote.data ? (
        <StatusView status='loading' />
      ) : remote.error ? (
        <StatusView status='error' message={remote.errorText} onRetry={remote.reload} />
      ) : !remote.data?.items.length ? (
        <StatusView status='empty' title='暂无任务' />
      ) : (
        <Card className='svc-list'>
          {remote.data.items.map((t) => (
            <TicketRow key={t.id} t={t} />
          ))}
        </Card>
      )}
    </PageShell>
  )
}
