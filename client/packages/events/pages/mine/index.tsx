import { useCallback, useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { fetchMine } from '../../../../features/events/api/events'
import { fmtTime } from '../../../../features/events/format'
import type { ActivityCard, MySignup } from '../../../../features/events/types'
import { errorMessage } from '../../../../lib/request'
import { ROUTES, withQuery } from '../../../../lib/routes'
import '../events.scss'

type Row = { signup: MySignup; activity: ActivityCard }

/** 我的活动: every sign-up, newest first, with its status (已报名 / 候补第 n 位 / 已签到 / 缺席 …). */
export default function MyEventsPage() {
  const [items, setItems] = useState<Row[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState('')
  const load = useCallback(async () => {
    setLoading(true)
    setError('')
    try {
      const page = await fetchMine(null)
      setItems(page.items)
      setCursor(page.nextCursor)
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setLoading(false)
    }
  }, [])
  useEffect(() => {
    void load()
  }, [load])
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => {
    if (!cursor) return
    void fetchMine(cursor).then((page) => {
      setItems((prev) => [...prev, ...page.items])
      setCursor(page.nextCursor)
    })
  })
  let body: JSX.Element
  if (loading && !items.length) body = <StatusView status='loading' />
  else if (error) body = <StatusView status='error' message={error} onRetry={load} />
  else if (!items.length) body = <StatusView status='empty' title='还没有报名活动' hint='去“活动”页看看社区最近的活动' />
  else
    body = (
      <View>
        {items.map(({ signup, activity }) => (
          <View key={signup.id} className='ev__card' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.eventDetail, { id: activity.id }) })}>
            <Text className='ev__type'>{activity.typeLabel}</Text>
            <Text className='ev__title'>{activity.title}</Text>
            <Text className='ev__row'>{fmtTime(activity.startAt)} · {activity.place}</Text>
            <Text className='ev__status'>
              {signup.status === 'waitlisted' ? `候补第 ${signup.waitlistPosition} 位` : signup.statusLabel}
              {signup.hours !== null ? ` · ${signup.hours} 小时` : ''}
            </Text>
          </View>
        ))}
      </View>
    )
  return <PageShell className='ev'>{body}</PageShell>
}
