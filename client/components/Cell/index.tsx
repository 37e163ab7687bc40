import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import './index.scss'

interface Props {
  title: ReactNode
  value?: ReactNode
  arrow?: boolean
  className?: string
  onClick?: () => void
}

/** One tappable row in a settings-style list. */
export default function Cell({ title, value, arrow = false, className, onClick }: Props) {
  return (
    <View className={`cell ${onClick ? 'cell--link' : ''} ${className ?? ''}`} onClick={onClick}>
      <Text className='cell__title'>{title}</Text>
      <View className='cell__value'>{value}</View>
      {arrow || onClick ? <Text className='cell__arrow'>›</Text> : null}
    </View>
  )
}
