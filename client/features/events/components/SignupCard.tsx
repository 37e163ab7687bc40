import { Text, View } from '@tarojs/components'
import { signupStatusText } from '../labels'
import type { SignupView } from '../types'

/** My sign-up: 已报名 / 候补第 n 位 / 已签到 …, the hours credited, and what waiting means. */
export default function SignupCard({ s }: { s: SignupView }) {
  return (
    <View className='ev__card'>
      <Text className='ev__status ev-detail__my-status'>{signupStatusText(s)}</Text>
      {s.hours !== null ? <Text className='ev__row'>已记志愿时长 {s.hours} 小时</Text> : null}
      {s.autoCheckedOut ? <Text className='ev__flag ev-detail__auto'>未签退 · 已按计划结束时间自动结算</Text> : null}
      {s.waitlistPosition !== null ? <Text className='ev__muted'>有人取消时按顺序自动递补，并通知你。</Text> : null}
    </View>
  )
}
