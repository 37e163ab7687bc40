import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { open } from './nav'
import './home.scss'

interface Props {
  title: string
  /** the list's own page, shown as "全部 N ›" when there is more than the home page shows */
  more?: { url: string; label: string }
  className?: string
  children?: ReactNode
}

/** One block of the 首页: a title, an optional way to the whole list, and its rows. */
export default function Section({ title, more, className, children }: Props) {
  return (
    <View className={`home-section ${className ?? ''}`}>
      <View className='home-section__head'>
        <Text className='home-section__title'>{title}</Text>
        {more ? (
          <Text className='home-section__more' onClick={() => open(more.url)}>
            {more.label} ›
          </Text>
        ) : null}
      </View>
      {children}
    </View>
  )
}

/** What an empty block says, with the one move that fills it. */
export function SectionEmpty({ text, action }: { text: string; action?: { label: string; url: string } }) {
  return (
    <View className='home-empty'>
      <Text className='home-empty__text'>{text}</Text>
      {action ? (
        <View className='home-empty__action' onClick={() => open(action.url)}>
          <Text>{action.label}</Text>
        </View>
      ) : null}
    </View>
  )
}
