import { View, Text } from '@tarojs/components'
import { open } from './nav'
import './home.scss'

interface Props {
  label: string
  count: number
  url: string
  /** drawn as needing attention when the count is not zero; the label says why, so colour is not the only sign */
  alert?: boolean
  className?: string
}

/** A count that is also the way in: one tap opens the list it counts. */
export default function CountTile({ label, count, url, alert, className }: Props) {
  return (
    <View className={`home-tile ${alert && count > 0 ? 'home-tile--alert' : ''} ${className ?? ''}`} onClick={() => open(url)}>
      <Text className='home-tile__count'>{count}</Text>
      <Text className='home-tile__label'>{label}</Text>
    </View>
  )
}
