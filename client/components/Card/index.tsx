import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import './index.scss'

interface Props {
  title?: ReactNode
  extra?: ReactNode
  className?: string
  onClick?: () => void
  children?: ReactNode
}

export default function Card({ title, extra, className, onClick, children }: Props) {
  return (
    <View className={`card ${className ?? ''}`} onClick={onClick}>
      {title || extra ? (
        <View className='card__header'>
          <Text className='card__title'>{title}</Text>
          {extra ? <View className='card__extra'>{extra}</View> : null}
        </View>
      ) : null}
      {children}
    </View>
  )
}
