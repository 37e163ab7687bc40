import { View, Text } from '@tarojs/components'
import { claimCountdown } from '@linli/domain'
import { link } from '../../../lib/routes'
import type { VolunteerHome } from '../types'
import { useNow } from '../hooks'
import StatusChip from './StatusChip'
import Section, { SectionEmpty } from './Section'
import SignupRows from './SignupRows'
import { open } from './nav'
import './home.scss'

const SOON_MS = 24 * 3600_000

/** 志愿者: my hours, the wishes I hold with the time each claim has left, and my activities. */
export default function VolunteerPanel({ home }: { home: VolunteerHome }) {
  const now = useNow()
  const { claims, hours } = home
  return (
    <View className='home-panel home-panel--volunteer'>
      <View className='home-hours' onClick={() => open(link('wishLedger'))}>
        <Text className='home-hours__label'>我的志愿时长</Text>
        <View className='home-hours__figure'>
          <Text className='home-hours__value'>{hours.hours}</Text>
          <Text className='home-hours__unit'>小时</Text>
        </View>
        <Text className='home-hours__meta'>
          积分 {hours.points} · {hours.entries} 条服务记录 ›
        </Text>
      </View>
      <Section title={`我的认领（${claims.total}/${claims.limit}）`} className='home-claims' more={{ url: link('wishClaims'), label: '全部' }}>
        {claims.items.length ? (
          claims.items.map((c) => {
            const left = c.expiresAt ? new Date(c.expiresAt).getTime() - now.getTime() : null
            return (
              <View key={c.id} className='home-row home-claim' onClick={() => open(link('wishClaims'))}>
                <View className='home-row__main'>
                  <Text className='home-row__title'>{c.title}</Text>
                  <Text className='home-row__meta'>{c.displayName}</Text>
                </View>
                {c.expiresAt ? (
                  <Text className={`home-claim__countdown ${left !== null && left < SOON_MS ? 'home-claim__countdown--soon' : ''}`}>
                    {left !== null && left < SOON_MS && left > 0 ? '即将到期 · ' : ''}
                    {claimCountdown(c.expiresAt, now)}
                  </Text>
                ) : (
                  <StatusChip tone='done'>{c.statusLabel} · 等网格员确认</StatusChip>
                )}
              </View>
            )
          })
        ) : (
          <SectionEmpty text='还没有认领心愿' action={{ label: '去心愿墙看看', url: link('wishes') }} />
        )}
      </Section>
      <SignupRows list={home.activities} />
    </View>
  )
}
