import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import Tag from '../../../components/Tag'
import { link } from '../../../lib/routes'
import type { TicketListItem, TicketTask } from '../types'

/** A ticket row shared by 我的工单, the workbench and the dispatch queue. */
export default function TicketRow({ t }: { t: TicketListItem | TicketTask }) {
  const where = 'point' in t ? t.point.name : 'communityName' in t ? t.communityName : undefined
  const following = 'following' in t && t.following
  return (
    <View className='svc-item' onClick={() => Taro.navigateTo({ url: link('serviceDetail', { id: t.id }) })}>
      <View className='svc-item__head'>
        <Text>{t.category?.icon} {t.category?.name}</Text>
        <Tag tone={t.overdue || t.signOverdue ? 'warning' : 'primary'}>{t.overdue ? '已超时' : t.signOverdue ? '签收超时' : t.statusLabel}</Tag>
      </View>
      <Text className='svc-item__desc'>{t.description}</Text>
      <Text className='svc-item__no'>
        {t.number}
        {where ? ` · ${where}` : ''}
        {t.followerCount ? ` · 同问 ${t.followerCount}` : ''}
        {following ? ' · 我同问的' : ''}
      </Text>
    </View>
  )
}
