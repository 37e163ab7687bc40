import type { ReactNode } from 'react'
import { Text } from '@tarojs/components'
import './index.scss'

interface Props {
  tone?: 'default' | 'primary' | 'party' | 'success' | 'warning'
  children?: ReactNode
}

export default function Tag({ tone = 'default', children }: Props) {
  return <Text className={`tag tag--${tone}`}>{children}</Text>
}
