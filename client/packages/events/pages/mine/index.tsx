import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import ListFooter from '../../../../components/ListFooter'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { usePagedList } from '../../../../hooks/usePagedList'
import { fetchMine } from '../../../../features/events/api/signups'
import { signupStatusText } from '../../../../features/events/labels'
import type { MyActivityItem } from '../../../../features/events/types'
import { ROUTES, withQuery } from '../../../../lib/routes'
import { formatMonthDayTime } from '../../../../lib/time'
import '../events.scss'

/** 我的活动: every sign-up, newest first, with its status (已报名 / 候补第 n 位 / 已签到 / 缺席 …). */
export default function MyEventsPage() {
  const list = usePagedList<MyActivityItem, string>((cursor) => fetchMine(cursor), [], { key: (row) => row.signup.id })
  let body: JSX.Element
  if (list.loading && !list.items.length) body = <StatusView status='loading' />
  else if (list.error) body = <StatusView status='error' message={list.errorText} onRetry={list.reload} />
  else if (list.empty) body = <StatusView status='empty' title='还没有报名活动' hint='去“活动”页看看社区最近的活动' />
  else
    body = (
      <View>
        {list.items.map(({ signup, activity }) => (
          <View key={signup.id} className='ev__card' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.eventDetail, { id: activity.id }) })}>
            <Text className='ev__type'>{activity.typeLabel}</Text>
            <Text className='ev__title'>{activity.title}</Text>
            <Text className='ev__row'>{formatMonthDayTime(activity.startAt)} · {activity.place}</Text>
            <Text className='ev__status'>
              {signupStatusText(signup)}
              {signup.hours !== null ? ` · ${signup.hours} 小时` : ''}
            </Text>
          </View>
        ))}
        <ListFooter list={list} />
      </View>
    )
  return <PageShell className='ev'>{body}</PageShell>
}
