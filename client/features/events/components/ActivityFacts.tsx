import { Text, View } from '@tarojs/components'
import { formatMonthDayTime } from '../../../lib/time'
import type { ActivityDetail } from '../types'

/** The facts of an activity: when, where, who for, the seats, the deadlines — all times in 北京时间. */
export default function ActivityFacts({ a }: { a: ActivityDetail }) {
  return (
    <View className='ev__card'>
      <Text className='ev__type'>{a.typeLabel}</Text>
      <Text className='ev__title'>{a.title}</Text>
      <Text className='ev__row'>时间：{formatMonthDayTime(a.startAt)} – {formatMonthDayTime(a.endAt)}</Text>
      <Text className='ev__row'>地点：{a.place}</Text>
      <Text className='ev__row'>组织方：{a.organiser}</Text>
      <Text className='ev__row'>报名范围：{a.audienceLabel}</Text>
      {a.hours > 0 ? <Text className='ev__row'>志愿时长：{a.hours} 小时{a.needsCheckout ? '（按实际服务时间，签到+签退）' : ''}</Text> : null}
      <Text className='ev__row ev-detail__seats'>
        {a.remaining > 0 ? `剩余 ${a.remaining} / ${a.capacity} 个名额` : `名额已满（${a.capacity} 人）· ${a.waitlistCount} 人候补`}
      </Text>
      <Text className='ev__muted'>报名截止：{formatMonthDayTime(a.signupEndAt)} · 取消截止：{formatMonthDayTime(a.cancelDeadline)}</Text>
      {a.status === 'cancelled' ? <Text className='ev__status'>活动已取消{a.cancelReason ? `：${a.cancelReason}` : ''}</Text> : null}
      {a.description ? <Text className='ev__row'>{a.description}</Text> : null}
    </View>
  )
}
