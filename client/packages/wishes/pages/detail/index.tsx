import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Button, Image } from '@tarojs/components'
import { isOpenToClaim } from '@linli/domain'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import Tag from '../../../../components/Tag'
import { useRemote } from '../../../../hooks/useRemote'
import { fetchWish } from '../../../../features/wishes/api/wish'
import VolunteerActions from '../../../../features/wishes/components/VolunteerActions'
import { daysLeftText } from '../../../../features/wishes/labels'
import { errorMessage } from '../../../../lib/errors'
import { ROUTES, withQuery } from '../../../../lib/routes'
import { shareImage, useShareCard } from '../../../../features/share/share'
import { formatDateTime } from '../../../../lib/time'
import { useSession } from '../../../../stores/session'
import '../wishes.scss'

/** One wish as the public and volunteers see it; the buttons are the server's `actions` for this viewer. */
export default function WishDetailPage() {
  const { params } = useRouter()
  const id = Number(params.id)
  const user = useSession((s) => s.user)
  const remote = useRemote(() => fetchWish(id), [id], !!id)
  const [refusal, setRefusal] = useState('')

  const wish = remote.data
  // 转发: the wish and its first photo, opening this wish.
  useShareCard(() => ({ title: wish ? `微心愿：${wish.title}` : '微心愿', path: withQuery(ROUTES.wishDetail, { id }), imageUrl: shareImage(wish?.photos?.[0]?.url) }))
  if (!id) return <PageShell className='wish-page'><StatusView status='error' message='心愿编号无效' /></PageShell>
  if (remote.loading && !wish) return <PageShell className='wish-page'><StatusView status='loading' rows={2} /></PageShell>
  if (remote.error || !wish) return <PageShell className='wish-page'><StatusView status='error' message={remote.errorText} onRetry={remote.reload} /></PageShell>

  const volunteerHint = !wish.actions.length && isOpenToClaim(wish.status) && !user?.roles.includes('volunteer')

  return (
    <PageShell className='wish-page wish-detail'>
      <View className='wish-block'>
        <View className='wish-block__row'>
          <View>
            <Tag tone='primary'>{wish.typeLabel}</Tag>
            {wish.partyPriority ? <Tag tone='party'>党员优先</Tag> : null}
          </View>
          <Text className='wish-detail__status'>{wish.statusLabel}</Text>
        </View>
        <View className='wish-block__title wish-detail__title' role='heading' aria-level={1}>{wish.title}</View>
        <Text className='wish-block__text'>{wish.displayName}</Text>
        <Text className='wish-block__text'>{wish.story}</Text>
        {wish.photos.length ? (
          <View className='wish-block__photos'>
            {wish.photos.map((p) => (
              <Image key={p.id} className='wish-block__photo' src={p.thumbUrl} mode='aspectFill' nativeProps={{ alt: '完成照片，点按放大' }} onClick={() => void Taro.previewImage({ urls: wish.photos.map((x) => x.url), current: p.url })} />
            ))}
          </View>
        ) : null}
        <View className='wish-block__row'>
          <Text>预估价值</Text>
          <Text>{wish.estimatedValue} 元</Text>
        </View>
        <View className='wish-block__row'>
          <Text>心愿截止</Text>
          <Text>{wish.wishBy}{daysLeftText(wish) ? `（${daysLeftText(wish)}）` : ''}</Text>
        </View>
      </View>

      {wish.claim ? (
        <View className='wish-block wish-detail__handoff'>
          <Text className='wish-block__title'>交接方式</Text>
          <Text className='wish-block__text'>请联系网格员，由网格员陪同把心愿送到对方手中。</Text>
          {wish.claim.handoff.gridWorker ? (
            <View className='wish-block__row'>
              <Text>网格员 {wish.claim.handoff.gridWorker.name}</Text>
              {wish.claim.handoff.gridWorker.phone ? (
                <Text className='wish-detail__phone' onClick={() => void Taro.makePhoneCall({ phoneNumber: wish.claim!.handoff.gridWorker!.phone! })}>
                  {wish.claim.handoff.gridWorker.phone}
                </Text>
              ) : null}
            </View>
          ) : null}
          <View className='wish-block__row'>
            <Text>交接地点</Text>
            <Text>{wish.claim.handoff.meetingPoint}</Text>
          </View>
          {wish.claim.expiresAt ? <Text className='wish-block__hint'>认领有效期至 {formatDateTime(wish.claim.expiresAt)}</Text> : null}
          {wish.claim.lastReason ? <Text className='wish-block__error'>网格员退回：{wish.claim.lastReason}</Text> : null}
          <Button className='btn btn--ghost btn--block' onClick={() => void Taro.navigateTo({ url: ROUTES.wishClaims })}>
            去我的认领
          </Button>
        </View>
      ) : null}

      {refusal ? <Text className='wish-block__error wish-detail__claim-error'>{refusal}</Text> : null}
      {wish.actions.length ? (
        <View className='wish-block'>
          <VolunteerActions
            className='wish-detail__actions'
            wish={wish}
            onDone={(detail) => {
              setRefusal('')
              remote.setData(detail)
            }}
            onRefused={(err) => {
              setRefusal(errorMessage(err))
              void remote.reload()
            }}
          />
        </View>
      ) : volunteerHint ? (
        <Text className='wish-block__hint wish-detail__volunteer-hint'>登记为志愿者后可以认领心愿</Text>
      ) : null}
    </PageShell>
  )
}
