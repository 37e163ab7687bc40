import { View, Text } from '@tarojs/components'
import { useSession } from '../../../stores/session'
import './home.scss'

/**
 * 大字模式 on the 首页 itself (适老化: the switch is on the home page and in 我的). A whole-row target that says its
 * state in words, not only by the knob's colour, and grows with the mode it turns on.
 */
export default function ElderToggle() {
  const elder = useSession((s) => s.elderMode)
  const setElderMode = useSession((s) => s.setElderMode)
  return (
    <View
      className={`home-elder ${elder ? 'home-elder--on' : ''}`}
      role='switch'
      aria-checked={elder}
      onClick={() => setElderMode(!elder)}
    >
      <Text className='home-elder__label'>大字模式</Text>
      <Text className='home-elder__state'>{elder ? '已开启' : '已关闭'}</Text>
      <View className='home-elder__track'>
        <View className='home-elder__knob' />
      </View>
    </View>
  )
}
