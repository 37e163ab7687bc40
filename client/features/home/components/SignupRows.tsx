import { View, Text } from '@tarojs/components'
import { link } from '../../../lib/routes'
import { formatMonthDayTime } from '../../../lib/time'
import type { HomeList, HomeSignup } from '../types'
import StatusChip from './StatusChip'
import Section, { SectionEmpty } from './Section'
import { open } from './nav'
import './home.scss'

/** 我的活动: sign-ups for activities not yet over, soonest first. */
export default function SignupRows({ list }: { list: HomeList<HomeSignup> }) {
  return (
    <Section title='我的活动' className='home-signups' more={{ url: link('eventMine'), label: list.total > list.items.length ? `全部 ${list.total} 个` : '全部' }}>
      {list.items.length ? (
        list.items.map((s) => (
          <View key={s.activityId} className='home-row home-signup' onClick={() => open(link('eventDetail', { id: s.activityId }))}>
            <View className='home-row__main'>
              <Text className='home-row__title'>{s.title}</Text>
              <Text className='home-row__meta'>
                {formatMonthDayTime(s.startAt)} · {s.place}
              </Text>
            </View>
            <StatusChip tone={s.status === 'waitlisted' ? 'attention' : 'done'}>{s.statusLabel}</StatusChip>
          </View>
        ))
      ) : (
        <SectionEmpty text='还没有报名的活动' action={{ label: '去看看社区活动', url: link('events') }} />
      )}
    </Section>
  )
}
