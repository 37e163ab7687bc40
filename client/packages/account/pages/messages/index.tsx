import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { listNotifications } from '../../../../features/notifications/api/list-notifications'
import { markNotificationRead } from '../../../../features/notifications/api/mark-read'
import type { Notification } from '../../../../features/notifications/types'
import { errorMessage } from '../../../../lib/request'
import { formatRelative } from '../../../../lib/time'
import './index.scss'

export default function MessagesPage() {
  const [items, setItems] = useState<Notification[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState('')
  const [moreError, setMoreError] = useState('')
  const busy = useRef(false)

  const loadFirst = useCallback(async () => {
    setLoading(true)
    setError('')
    try {
      const page = await listNotifications(null)
      setItems(page.items)
      setCursor(page.nextCursor)
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setLoading(false)
    }
  }, [])

  const loadMore = useCallback(async () => {
    if (!cursor || busy.current) return
    busy.current = true
    setLoadingMore(true)
    setMoreError('')
    try {
      const page = await listNotifications(cursor)
      setItems((prev) => [...prev, ...page.items.filter((n) => !prev.some((p) => p.id === n.id))])
      setCursor(page.nextCursor)
    } catch (err) {
      setMoreError(errorMessage(err))
    } finally {
      busy.current = false
      setLoadingMore(false)
    }
  }, [cursor])

  useEffect(() => {
    void loadFirst()
  }, [loadFirst])

  usePullDownRefresh(() => {
    void loadFirst().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void loadMore()
  })

  const open = (n: Notification) => {
    if (!n.readAt) {
      const readAt = new Date().toISOString()
      setItems((prev) => prev.map((p) => (p.id === n.id ? { ...p, readAt } : p)))
      markNotificationRead(n.id).catch(() => {
        setItems((prev) => prev.map((p) => (p.id === n.id ? { ...p, readAt: null } : p)))
      })
    }
    if (n.link && n.link.startsWith('/')) void Taro.navigateTo({ url: n.link })
  }

  let body: JSX.Element
  if (loading && items.length === 0) body = <StatusView status='loading' />
  else if (error) body = <StatusView status='error' message={error} onRetry={loadFirst} />
  else if (items.length === 0) body = <StatusView status='empty' title='暂无消息' hint='办理进度、认领和活动提醒会出现在这里' />
  else {
    body = (
      <View className='msg-list'>
        {items.map((n) => (
          <View key={n.id} className={`msg-item ${n.readAt ? 'msg-item--read' : 'msg-item--unread'}`} onClick={() => open(n)}>
            <View className='msg-item__head'>
              {!n.readAt ? <View className='msg-item__dot' /> : null}
              <Text className='msg-item__title'>{n.title}</Text>
              <Text className='msg-item__time'>{formatRelative(n.createdAt)}</Text>
            </View>
            <Text className='msg-item__body'>{n.body}</Text>
          </View>
        ))}
        <View className='msg-list__footer'>
          {loadingMore ? <Text>加载中…</Text> : null}
          {moreError ? <Text onClick={loadMore}>{moreError}，点击重试</Text> : null}
          {!cursor && !loadingMore ? <Text>没有更多了</Text> : null}
        </View>
      </View>
    )
  }

  return <PageShell className='messages-page'>{body}</PageShell>
}
