import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import Tag from '../../../components/Tag'
import type { TicketSummary } from '../../../features/service/types'
import { ROUTES, withQuery } from '../../../lib/routes'

/** A ticket row shared by 我的工单, the workbench and the dispatch queue. */
export function TicketRow({ t }: { t: TicketSummary }) {
  return (
    <View className='svc-item' onClick={() => Taro.navigateTo({ url: withQuery(ROUTES.serviceDetail, { id: t.id }) })}>
      <View className='svc-item__head'>
        <Text>{t.category?.icon} {t.category?.name}</Text>
        <Tag tone={t.overdue ? 'warning' : 'primary'}>{t.overdue ? '已超时' : t.statusLabel}</Tag>
      </View>
      <Text className='svc-item__desc'>{t.description}</Text>
      <Text className='svc-item__no'>
        {t.number}
        {t.point ? ` · ${t.point.name}` : t.communityName ? ` · ${t.communityName}` : ''}
        {t.followerCount ? ` · 同问 ${t.followerCount}` : ''}
        {t.following ? ' · 我同问的' : ''}
      </Text>
    </View>
  )
}
