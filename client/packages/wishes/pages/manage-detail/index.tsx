import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Image } from '@tarojs/components'
import { AGE_GROUP_LABELS, GENDER_LABELS, type WishAction } from '@linli/domain'
import ActionBar, { type ActionInput } from '../../../../components/ActionBar'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import Tag from '../../../../components/Tag'
import { useRemote } from '../../../../hooks/useRemote'
import { actOnManagedWish, fetchManageDetail } from '../../../../features/wishes/api/manage'
import type { WishManageDetail } from '../../../../features/wishes/types'
import { ApiError } from '../../../../lib/errors'
import { formatDateTime } from '../../../../lib/time'
import '../wishes.scss'

/** One wish for those who serve the beneficiary: the private record, proof, timeline and the server's `actions`. */
export default function ManageWishPage() {
  const { params } = useRouter()
  const id = Number(params.id)
  const remote = useRemote(() => fetchManageDetail(id), [id], !!id)

  const w = remote.data
  if (remote.loading && !w) return <PageShell className='wish-page'><StatusView status='loading' /></PageShell>
  if (remote.error || !w) return <PageShell className='wish-page'><StatusView status='error' message={remote.errorText || '心愿编号无效'} onRetry={remote.reload} /></PageShell>

  const act = async (action: WishAction, input: ActionInput) => {
    try {
      return await actOnManagedWish(id, action, input)
    } catch (err) {
      // someone acted first: show the wish as it is now
      if (err instanceof ApiError && err.statusCode === 409) void remote.reload()
      throw err
    }
  }

  return (
    <PageShell className='wish-page wish-manage-detail'>
      <View className='wish-block'>
        <View className='wish-block__row'>
          <Tag tone='primary'>{w.typeLabel}</Tag>
          <Text className='wish-manage-detail__status'>{w.statusLabel}</Text>
        </View>
        <Text className='wish-block__title'>{w.title}</Text>
        <Text className='wish-block__text'>{w.displayName}</Text>
        <Text className='wish-block__text'>{w.story}</Text>
        <Text className='wish-block__hint'>预估 {w.estimatedValue} 元 · 截止 {w.wishBy}{w.partyPriority ? ' · 党员优先' : ''}</Text>
        {w.lastReason ? <Text className='wish-block__error'>原因：{w.lastReason}</Text> : null}
      </View>
      {w.beneficiary ? (
        <View className='wish-block'>
          <Text className='wish-block__title'>心愿对象（不公开）</Text>
          <Text className='wish-block__text'>{w.beneficiary.name} · {GENDER_LABELS[w.beneficiary.gender]} · {AGE_GROUP_LABELS[w.beneficiary.ageGroup]}</Text>
          <Text className='wish-block__text'>{w.beneficiary.building}{w.beneficiary.phone ? ` · ${w.beneficiary.phone}` : ''}</Text>
          {w.beneficiary.situation ? <Text className='wish-block__hint'>{w.beneficiary.situation}</Text> : null}
        </View>
      ) : null}
      {w.claimer ? (
        <View className='wish-block'>
          <Text className='wish-block__title'>认领志愿者</Text>
          <Text className='wish-block__text'>{w.claimer.name}{w.claimer.isPartyMember ? '（党员）' : ''} {w.claimer.phone ?? ''}</Text>
          {w.claimExpiresAt && !w.fulfilledAt ? <Text className='wish-block__hint'>认领有效期至 {formatDateTime(w.claimExpiresAt)}</Text> : null}
        </View>
      ) : null}
      {w.proofPhotos.length || w.proofNote ? (
        <View className='wish-block'>
          <Text className='wish-block__title'>圆梦凭证</Text>
          <View className='wish-block__photos'>
            {w.proofPhotos.map((p) => (
              <Image key={p.id} className='wish-block__photo' src={p.thumbUrl} mode='aspectFill' nativeProps={{ alt: '完成照片，点按放大' }} onClick={() => void Taro.previewImage({ urls: w.proofPhotos.map((x) => x.url), current: p.url })} />
            ))}
          </View>
          {w.proofNote ? <Text className='wish-block__text'>{w.proofNote}</Text> : null}
        </View>
      ) : null}
      {w.actions.length ? (
        <View className='wish-block wish-manage-detail__actions'>
          <ActionBar<WishAction, WishManageDetail>
            actions={w.actions}
            onAct={act}
            onDone={remote.setData}
          />
        </View>
      ) : null}
      <View className='wish-block'>
        <Text className='wish-block__title'>处理记录</Text>
        {w.timeline.map((e, i) => (
          <Text key={i} className='wish-block__hint'>
            {formatDateTime(e.at)} {e.actorName ?? ''} → {e.label}{e.reason ? `（${e.reason}）` : ''}
          </Text>
        ))}
      </View>
    </PageShell>
  )
}
