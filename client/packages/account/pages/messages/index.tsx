import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import ListFooter from '../../../../components/ListFooter'
import { usePagedList } from '../../../../hooks/usePagedList'
import { listNotifications } from '../../../../features/notifications/api/list-notifications'
import { markNotificationRead } from '../../../../features/notifications/api/mark-read'
import type { Notification } from '../../../../features/notifications/types'
import { formatRelative } from '../../../../lib/time'
import './index.scss'

/** Whether the WeChat reminder for a message went out (a message for the centre only has none). */
const PUSH_MARK = { sent: '已发送微信提醒', pending: '微信提醒发送中', not_sent: '未发送微信提醒' } as const

export default function MessagesPage() {
  const list = usePagedList<Notification, string>(listNotifications, [])

  const open = (n: Notification) => {
    if (!n.readAt) {
      const readAt = new Date().toISOString()
      list.setItems((prev) => prev.map((p) => (p.id === n.id ? { ...p, readAt } : p)))
      markNotificationRead(n.id).catch(() => {
        list.setItems((prev) => prev.map((p) => (p.id === n.id ? { ...p, readAt: null } : p)))
      })
    }
    if (n.link && n.link.startsWith('/')) void Taro.navigateTo({ url: n.link })
  }

  let body: JSX.Element
  if (list.loading && list.items.length === 0) body = <StatusView status='loading' />
  else if (list.error) body = <StatusView status='error' message={list.errorText} onRetry={list.reload} />
  else if (list.items.length === 0) body = <StatusView status='empty' title='暂无消息' hint='办理进度、认领和活动提醒会出现在这里' />
  else {
    body = (
      <View className='msg-list'>
        {list.items.map((n) => (
          <View key={n.id} className={`msg-item ${n.readAt ? 'msg-item--read' : 'msg-item--unread'}`} onClick={() => open(n)}>
            <View className='msg-item__head'>
              {!n.readAt ? <View className='msg-item__dot' /> : null}
              <Text className='msg-item__title'>{n.title}</Text>
              <Text className='msg-item__time'>{formatRelative(n.createdAt)}</Text>
            </View>
            <Text className='msg-item__body'>{n.body}</Text>
            {n.push ? <Text className={`msg-item__push msg-item__push--${n.push}`}>{PUSH_MARK[n.push]}</Text> : null}
          </View>
        ))}
        <ListFooter list={list} />
      </View>
    )
  }

  return <PageShell className='messages-page'>{body}</PageShell>
}
