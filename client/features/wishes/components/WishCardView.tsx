import { View, Text } from '@tarojs/components'
import Tag from '../../../components/Tag'
import { daysLeftText } from '../labels'
import type { WishCard } from '../types'
import './WishCardView.scss'

/** One card on the 心愿墙: type, the dignified display name, community and days left. */
export default function WishCardView({ wish, onClick }: { wish: WishCard; onClick?: () => void }) {
  const days = daysLeftText(wish)
  return (
    <View className='wish-card' onClick={onClick}>
      <View className='wish-card__head'>
        <Tag tone='primary'>{wish.typeLabel}</Tag>
        {wish.partyPriority ? <Tag tone='party'>党员优先</Tag> : null}
        {days ? <Text className={`wish-card__days ${wish.daysLeft <= 3 ? 'wish-card__days--soon' : ''}`}>{days}</Text> : null}
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
