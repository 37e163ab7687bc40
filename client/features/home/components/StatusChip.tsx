import type { ReactNode } from 'react'
import { Text } from '@tarojs/components'
import './home.scss'

/**
 * A row's status in words on a tint. Not the shared Tag: the 首页's rows are main entries and their text must keep
 * 4.5 : 1, which Tag's primary and warning tints do not (3.9 measured).
 */
export default function StatusChip({ tone, children }: { tone: 'progress' | 'attention' | 'done'; children?: ReactNode }) {
  return <Text className={`home-chip home-chip--${tone}`}>{children}</Text>
}
