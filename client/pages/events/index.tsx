import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { ACTIVITY_TYPE_LABELS, ACTIVITY_TYPES, type ActivityType } from '@linli/domain'
import PageShell from '../../components/PageShell'
import StatusView from '../../components/StatusView'
import { fetchActivities } from '../../features/events/api/events'
import { fmtTime } from '../../features/events/format'
import type { ActivityCard } from '../../features/events/types'
import { errorMessage } from '../../lib/request'
import { ROUTES, withQuery } from '../../lib/routes'
import { useSession } from '../../stores/session'
import './index.scss'

function seatsText(a: ActivityCard): string {
  if (a.status === 'cancelled') return '活动已取消'
  if (a.ended) return '活动已结束'
  if (a.remaining > 0) return `剩余 ${a.remaining} 个名额`
  return a.waitlistCount > 0 ? `名额已满 · ${a.waitlistCount} 人候补` : '名额已满，可候补'
}

/** 活动 tab: activities newest first; filters by type and 可报名; keyset load-more; pull to refresh. */
export default function EventsPage() {
  const user = useSession((s) => s.user)
  const roles = user?.roles ?? []
  const isStaff = roles.includes('staff') || roles.includes('admin')
  const [type, setType] = useState<ActivityType | null>(null)
  const [open, setOpen] = useState(false)
  const [manage, setManage] = useState(false)
  const [items, setItems] = useState<ActivityCard[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState('')
  const busy = useRef(false)

  const loadFirst = useCallback(async () => {
    setLoading(true)
    setError('')
    try {
      const page = await fetchActivities({ type, open, manage }, null)
      setItems(page.items)
      setCursor(page.nextCursor)
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setLoading(false)
    }
  }, [type, open, manage])

  const loadMore = useCallback(async () => {
    if (!cursor || busy.current) return
    busy.current = true
    try {
      const page = await fetchActivities({ type, open, manage }, cursor)
      setItems((prev) => [...prev, ...page.items.filter((a) => !prev.some((p) => p.id === a.id))])
      setCursor(page.nextCursor)
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      busy.current = false
    }
  }, [cursor, type, open, manage])

  useEffect(() => {
    void loadFirst()
  }, [loadFirst])
  usePullDownRefresh(() => {
    void loadFirst().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void loadMore()
  })

  const go = (url: string) => () => void Taro.navigateTo({ url })

  let body: JSX.Element
  if (loading && items.length === 0) body = <StatusView status='loading' />
  else if (error) body = <StatusView status='error' message={error} onRetry={loadFirst} />
  else if (items.length === 0) body = <StatusView status='empty' title={open ? '暂时没有可报名的活动' : '暂时没有活动'} hint='社区发布的党课、宣讲、志愿服务会出现在这里' />
  else
    body = (
      <View className='events-tab__list'>
        {items.map((a) => (
          <View key={a.id} className='events-tab__card' onClick={go(withQuery(ROUTES.eventDetail, { id: a.id }))}>
            <Text className='events-tab__type'>{a.typeLabel}</Text>
            {a.myStatusLabel ? <Text className='events-tab__mine'>{a.myStatusLabel}</Text> : null}
            {manage && a.status !== 'published' ? <Text className='events-tab__mine'>{a.status === 'draft' ? '草稿' : '已取消'}</Text> : null}
            <Text className='events-tab__title'>{a.title}</Text>
            <Text className='events-tab__meta'>时间：{fmtTime(a.startAt)} – {fmtTime(a.endAt)}</Text>
            <Text className='events-tab__meta'>地点：{a.place}</Text>
            <Text className={`events-tab__seats ${a.remaining > 0 ? '' : 'events-tab__seats--full'}`}>{seatsText(a)}</Text>
          </View>
        ))}
        <Text className='events-tab__more' onClick={loadMore}>{cursor ? '上拉加载更多' : '没有更多了'}</Text>
      </View>
    )

  return (
    <PageShell className='events-tab'>
      <View className='events-tab__shortcuts'>
        <Text className='events-tab__shortcut' onClick={go(ROUTES.eventMine)}>我的活动</Text>
        <Text className='events-tab__shortcut' onClick={go(ROUTES.eventCode)}>我的签到码</Text>
        {isStaff ? <Text className='events-tab__shortcut' onClick={go(ROUTES.eventEdit)}>发起活动</Text> : null}
      </View>
      <View className='events-tab__filters'>
        <Text className={`chip ${type === null ? 'chip--on' : ''}`} onClick={() => setType(null)}>全部</Text>
        {ACTIVITY_TYPES.map((t) => (
          <Text key={t} className={`chip ${type === t ? 'chip--on' : ''}`} onClick={() => setType(t)}>
            {ACTIVITY_TYPE_LABELS[t]}
          </Text>
        ))}
        <Text className={`chip ${open ? 'chip--on' : ''}`} onClick={() => setOpen(!open)}>可报名</Text>
        {isStaff ? <Text className={`chip ${manage ? 'chip--on' : ''}`} onClick={() => setManage(!manage)}>我管理的</Text> : null}
      </View>
      {body}
    </PageShell>
  )
}
