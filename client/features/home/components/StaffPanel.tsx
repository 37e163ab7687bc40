import { View, Text } from '@tarojs/components'
import { link } from '../../../lib/routes'
import { formatMonthDayTime } from '../../../lib/time'
import type { StaffHome } from '../types'
import CountTile from './CountTile'
import Section, { SectionEmpty } from './Section'
import { open } from './nav'
import './home.scss'

/** 工作人员 / 管理员: what needs a decision (queue piles, wishes to review), what is coming, and the way into the console. */
export default function StaffPanel({ home }: { home: StaffHome }) {
  const { queue, activitiesSoon } = home
  const where = home.communities === null ? '全街道' : home.communities.map((c) => c.name).join('、') || '尚未关联社区'
  const c = (s: keyof typeof queue.counts) => queue.counts[s] ?? 0
  return (
    <View className='home-panel home-panel--staff'>
      <View className='home-cta home-console' onClick={() => open(link('console'))}>
        <Text>进入工作台</Text>
      </View>
      <View className='home-section'>
        <View className='home-section__head'>
          <Text className='home-section__title'>待处理诉求</Text>
        </View>
        <Text className='home-section__sub'>
          {where} · 在办 {queue.open} 件
        </Text>
        <View className='home-tiles'>
          <CountTile className='home-tile--submitted' label='待受理' count={c('submitted')} alert url={link('serviceQueue', { status: 'submitted' })} />
          <CountTile className='home-tile--accepted' label='待派单' count={c('accepted')} url={link('serviceQueue', { status: 'accepted' })} />
          <CountTile className='home-tile--returned' label='被退回' count={c('returned')} alert url={link('serviceQueue', { status: 'returned' })} />
          <CountTile className='home-tile--reopened' label='重新打开' count={c('reopened')} alert url={link('serviceQueue', { status: 'reopened' })} />
          <CountTile className='home-tile--late' label='已超时' count={queue.overdue} alert url={link('serviceQueue', { late: 1 })} />
        </View>
      </View>
      <View className='home-tiles home-tiles--one home-tiles--alone'>
        <CountTile className='home-tile--wishes' label='心愿待审核' count={home.wishesToReview} alert url={link('wishManage', { status: 'pending_review' })} />
      </View>
      <Section title={`近期活动（${activitiesSoon.soonDays} 天内）`} className='home-soon' more={{ url: link('events'), label: '全部活动' }}>
        {activitiesSoon.items.length ? (
          activitiesSoon.items.map((a) => (
            <View key={a.id} className='home-row home-activity' onClick={() => open(link('eventManage', { id: a.id }))}>
              <View className='home-row__main'>
                <Text className='home-row__title'>{a.title}</Text>
                <Text className='home-row__meta'>
                  {formatMonthDayTime(a.startAt)} · {a.place}
                </Text>
              </View>
              <Text className='home-activity__seats'>
                {a.confirmedCount}/{a.capacity} 人{a.waitlistCount ? ` · 候补 ${a.waitlistCount}` : ''}
              </Text>
            </View>
          ))
        ) : (
          <SectionEmpty text={`${activitiesSoon.soonDays} 天内没有要开始的活动`} />
        )}
        {activitiesSoon.total > activitiesSoon.items.length ? <Text className='home-section__sub'>另有 {activitiesSoon.total - activitiesSoon.items.length} 个活动，见全部活动</Text> : null}
      </Section>
    </View>
  )
}
