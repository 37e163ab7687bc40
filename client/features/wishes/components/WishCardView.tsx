import { View, Text } from '@tarojs/components'
import Tag from '../../../components/Tag'
import type { WishCard } from '../types'
import './WishCardView.scss'

function daysLeftText(days: number) {
  if (days < 0) return '已过期'
  if (days === 0) return '今天截止'
  return `还剩 ${days} 天`
}

/** One card on the 心愿墙: type, the dignified display name, community and days left. */
export default function WishCardView({ wish, onClick }: { wish: WishCard; onClick?: () => void }) {
  return (
    <View className='wish-card' onClick={onClick}>
      <View className='wish-card__head'>
        <Tag tone='primary'>{wish.typeLabel}</Tag>
        {wish.partyPriority ? <Tag tone='party'>党员优先</Tag> : null}
        <Text className={`wish-card__days ${wish.daysLeft <= 3 ? 'wish-card__days--soon' : ''}`}>{daysLeftText(wish.daysLeft)}</Text>
      </View>
      <Text className='wish-card__title'>{wish.title}</Text>
      <Text className='wish-card__who'>{wish.displayName.split(' · ')[0]}</Text>
      <View className='wish-card__foot'>
        <Text className='wish-card__community'>{wish.communityName}</Text>
        <Text className='wish-card__status'>{wish.statusLabel}</Text>
      </View>
    </View>
  )
}
