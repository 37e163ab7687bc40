import Taro from '@tarojs/taro'
import { Switch, Text, View } from '@tarojs/components'
import type { GrantRow } from '../api/subscriptions'
import { CAN_SUBSCRIBE } from '../platform/subscribe'
import { askSubscribe, type SubscribePurpose } from '../subscribe'
import './ReminderSwitch.scss'
import { labelled } from '../../../lib/a11y'

interface Props {
  title: string
  hint: string
  purposes: readonly SubscribePurpose[]
  /** the user's grants (GET /api/notifications/subscriptions), null while loading */
  grants: GrantRow[] | null
  /** reads the grants again after an accept */
  onChanged: () => void
  className?: string
}

/**
 * One reminder: on while WeChat still allows a message for it. WeChat counts one message per accept and has no way
 * to take an accept back, so a tap always asks again (one more message); switching off is done in WeChat's settings.
 */
export default function ReminderSwitch({ title, hint, purposes, grants, onChanged, className }: Props) {
  // the first purpose names the switch (新派单提醒: new dispatches); the others ride along in the same dialog
  const left = grants?.find((g) => g.purpose === purposes[0])?.remaining ?? 0
  const on = left > 0
  const tap = () => {
    if (!CAN_SUBSCRIBE) {
      void Taro.showToast({ title: '请在微信小程序中开启提醒', icon: 'none' })
      return
    }
    // First, before any await: WeChat shows the dialog only inside the tap.
    void askSubscribe(purposes).then((accepted) => {
      onChanged()
      void Taro.showToast({ title: accepted.length ? `已开启${title}` : `未开启${title}，可在微信「设置 → 通知」中允许`, icon: 'none' })
    })
  }
  return (
    <View className={`reminder ${className ?? ''}`} onClick={tap}>
      <View className='reminder__text'>
        <Text className='reminder__title'>{title}</Text>
        <Text className='reminder__hint'>{on ? `${hint}；还可提醒 ${left} 次，点一下再多一次` : hint}</Text>
      </View>
      <Switch className='reminder__switch' checked={on} disabled color='#c8102e' {...labelled(title)} />
    </View>
  )
}
