import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { ACTIVITY_TYPE_LABELS, ACTIVITY_TYPES, type ActivityType } from '@linli/domain'
import ListFooter from '../../components/ListFooter'
import PageShell from '../../components/PageShell'
import StatusView from '../../components/StatusView'
import { usePagedList } from '../../hooks/usePagedList'
import { fetchActivities } from '../../features/events/api/activities'
import ActivityRow from '../../features/events/components/ActivityRow'
import type { ActivityListItem } from '../../features/events/types'
import { ROUTES, withQuery } from '../../lib/routes'
import { useShareCard, useTimelineCard, type ShareCard } from '../../features/share/share'
import { useSession } from '../../stores/session'
import './index.scss'
import { Chip, ChipGroup } from '../../components/Chip'

/** 活动 tab: activities newest first; filters by type and 可报名; keyset load-more; pull to refresh. */
export default function EventsPage() {
  const user = useSession((s) => s.user)
  const roles = user?.roles ?? []
  const isStaff = roles.includes('staff') || roles.includes('admin')
  const [type, setType] = useState<ActivityType | null>(null)
  const [open, setOpen] = useState(false)
  const [manage, setManage] = useState(false)
  const list = usePagedList<ActivityListItem, string>((cursor) => fetchActivities({ type, open, manage }, cursor), [type, open, manage])

  const go = (url: string) => () => void Taro.navigateTo({ url })
  // 朋友圈 needs 转发 allowed too (WeChat's rule).
  const card = (): ShareCard => ({ title: '社区活动报名：志愿服务、讲座、文体活动', path: ROUTES.events })
  useShareCard(card)
  useTimelineCard(card)

  let body: JSX.Element
  if (list.loading && list.items.length === 0) body = <StatusView status='loading' />
  else if (list.error) body = <StatusView status='error' message={list.errorText} onRetry={list.reload} />
  else if (list.empty) body = <StatusView status='empty' title={open ? '暂时没有可报名的活动' : '暂时没有活动'} hint='社区发布的党课、宣讲、志愿服务会出现在这里' />
  else
    body = (
      <View className='events-tab__list'>
        {list.items.map((a) => (
          <ActivityRow key={a.id} a={a} managing={manage} onOpen={go(withQuery(ROUTES.eventDetail, { id: a.id }))} />
        ))}
        <ListFooter list={list} />
      </View>
    )

  return (
    <PageShell className='events-tab'>
      <View className='page-heading' role='heading' aria-level={1}>社区活动</View>
      <View className='events-tab__shortcuts'>
        <Text className='events-tab__shortcut' onClick={go(ROUTES.eventMine)}>我的活动</Text>
        <Text className='events-tab__shortcut' onClick={go(ROUTES.eventCode)}>我的签到码</Text>
        {isStaff ? <Text className='events-tab__shortcut' onClick={go(ROUTES.eventEdit)}>发起活动</Text> : null}
      </View>
      <View className='events-tab__filters'>
        <ChipGroup
          label='活动类型'
          options={[{ value: null, label: '全部' }, ...ACTIVITY_TYPES.map((t) => ({ value: t, label: ACTIVITY_TYPE_LABELS[t] }))]}
          value={type}
          onChange={(t) => setType(t ?? null)}
        />
        <Chip role='checkbox' selected={open} onTap={() => setOpen(!open)}>可报名</Chip>
        {isStaff ? <Chip role='checkbox' selected={manage} onTap={() => setManage(!manage)}>我管理的</Chip> : null}
      </View>
      {body}
    </PageShell>
  )
}
