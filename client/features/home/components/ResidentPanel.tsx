import { View, Text } from '@tarojs/components'
import { link } from '../../../lib/routes'
import { formatRelative } from '../../../lib/time'
import type { ResidentHome } from '../types'
import StatusChip from './StatusChip'
import Section, { SectionEmpty } from './Section'
import SignupRows from './SignupRows'
import { open } from './nav'
import './home.scss'

/** 居民: what I reported and where it stands (the one waiting for my confirmation first in words), and my activities. */
export default function ResidentPanel({ home }: { home: ResidentHome }) {
  const { matters } = home
  return (
    <View className='home-panel home-panel--resident'>
      <Section title='我的诉求' className='home-matters' more={{ url: link('serviceMine'), label: matters.total > matters.items.length ? `全部 ${matters.total} 件` : '全部' }}>
        {matters.items.length ? (
          matters.items.map((m) => (
            <View key={m.id} className={`home-row home-matter ${m.awaitingMe ? 'home-matter--mine' : ''}`} onClick={() => open(link('serviceDetail', { id: m.id }))}>
              <Text className='home-row__icon'>{m.category?.icon ?? '💬'}</Text>
              <View className='home-row__main'>
                <Text className='home-row__title'>{m.category?.name ?? '诉求'} · {m.description}</Text>
                <Text className='home-row__meta'>
                  {m.number} · {formatRelative(m.updatedAt)}更新{m.overdue ? ' · 已超时督办' : ''}
                </Text>
              </View>
              <StatusChip tone={m.awaitingMe ? 'attention' : 'progress'}>{m.statusLabel}</StatusChip>
            </View>
          ))
        ) : (
          <SectionEmpty text='没有在办的诉求。看到楼道、充电桩、座椅有问题，扫一扫上面的二维码就能反映' />
        )}
      </Section>
      <SignupRows list={home.activities} />
    </View>
  )
}
