import { Text, View } from '@tarojs/components'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { useRemote } from '../../../../hooks/useRemote'
import { fetchGrants } from '../../../../features/notifications/api/subscriptions'
import ReminderSwitch from '../../../../features/notifications/components/ReminderSwitch'
import { CAN_SUBSCRIBE } from '../../../../features/notifications/platform/subscribe'
import { PURPOSE_LABELS, primeTemplates, type SubscribePurpose } from '../../../../features/notifications/subscribe'
import { useSession } from '../../../../stores/session'
import './index.scss'

/**
 * 消息提醒: for each kind of reminder, whether WeChat will still deliver one (one per accept) — a tap asks again.
 * Everything also arrives in 消息中心 whatever is chosen here.
 */
/** Reminders only some roles receive; everyone else is not offered them. */
const FOR_ROLES: Partial<Record<SubscribePurpose, readonly string[]>> = {
  task_assigned: ['grid_worker'],
  ticket_overdue: ['grid_worker'],
  invite_accepted: ['staff', 'admin'],
}

export default function SubscriptionsPage() {
  void primeTemplates()
  const roles = useSession((s) => s.user?.roles) ?? []
  const remote = useRemote(fetchGrants, [])

  let body: JSX.Element
  if (remote.loading && !remote.data) body = <StatusView status='loading' rows={4} />
  else if (remote.error || !remote.data) body = <StatusView status='error' message={remote.errorText} onRetry={remote.reload} />
  else if (!remote.data.items.length) body = <StatusView status='empty' title='暂无可开启的提醒' />
  else {
    const grants = remote.data.items.filter((g) => !FOR_ROLES[g.purpose as SubscribePurpose] || FOR_ROLES[g.purpose as SubscribePurpose]!.some((r) => roles.includes(r as never)))
    body = (
      <View className='subs-list'>
        {grants.map((g) => {
          const label = PURPOSE_LABELS[g.purpose as SubscribePurpose]
          if (!label) return null
          return (
            <ReminderSwitch
              key={g.purpose}
              className={`subs-item subs-item--${g.purpose}`}
              title={label.title}
              hint={label.hint}
              purposes={[g.purpose as SubscribePurpose]}
              grants={grants}
              onChanged={remote.reload}
            />
          )
        })}
      </View>
    )
  }

  return (
    <PageShell className='subs-page'>
      <Text className='subs-page__intro'>
        {CAN_SUBSCRIBE
          ? '微信每次只允许发送一条你同意过的提醒。打开的提醒用完后会自动关闭，点一下即可再开一次。所有消息都会同时出现在消息中心。'
          : '提醒通过微信发送，请在微信小程序中开启。所有消息都会出现在消息中心。'}
      </Text>
      {body}
    </PageShell>
  )
}
