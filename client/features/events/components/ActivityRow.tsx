import { Text, View } from '@tarojs/components'
import { formatMonthDayTime } from '../../../lib/time'
import { seatsText } from '../labels'
import type { ActivityListItem } from '../types'

interface Props {
  a: ActivityListItem
  /** staff's own list: drafts and cancelled ones carry their status */
  managing: boolean
  onOpen: () => void
}

/** One card of the 活动 tab. */
export default function ActivityRow({ a, managing, onOpen }: Props) {
  return (
    <View className='events-tab__card' onClick={onOpen}>
      <Text className='events-tab__type'>{a.typeLabel}</Text>
      {a.myStatusLabel ? <Text className='events-tab__mine'>{a.myStatusLabel}</Text> : null}
      {managing && a.status !== 'published' ? <Text className='events-tab__mine'>{a.statusLabel}</Text> : null}
      <Text className='events-tab__title'>{a.title}</Text>
      <Text className='events-tab__meta'>时间：{formatMonthDayTime(a.startAt)} – {formatMonthDayTime(a.endAt)}</Text>
      <Text className='events-tab__meta'>地点：{a.place}</Text>
      <Text className={`events-tab__seats ${a.remaining > 0 ? '' : 'events-tab__seats--full'}`}>{seatsText(a)}</Text>
    </View>
  )
}
