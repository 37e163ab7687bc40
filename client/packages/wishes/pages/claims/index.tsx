import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { claimCountdown, isWishSettled } from '@linli/domain'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import Tag from '../../../../components/Tag'
import VolunteerActions from '../../../../features/wishes/components/VolunteerActions'
import { useMyClaims } from '../../../../features/wishes/hooks/useMyClaims'
import { ROUTES, withQuery } from '../../../../lib/routes'
import '../wishes.scss'

/** 我的认领: each claim's countdown, its buttons (放弃认领, 上传圆梦凭证 from the server's `actions`) and the hand-off contact. */
export default function MyClaimsPage() {
  const remote = useMyClaims()
  const [now, setNow] = useState(() => new Date())
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000)
    return () => clearInterval(timer)
  }, [])

  const data = remote.data
  let body: JSX.Element
  if (remote.loading && !data) body = <StatusView status='loading' />
  else if (remote.error) body = <StatusView status='error' message={remote.errorText} onRetry={remote.reload} />
  else if (!data || data.items.length === 0) body = <StatusView status='empty' title='还没有认领心愿' hint='去心愿墙看看，认领一个力所能及的心愿' />
  else
    body = (
      <>
        {data.items.map((w) => (
          <View key={w.id} className='wish-block wish-claim'>
            <View className='wish-block__row'>
              <Tag tone={isWishSettled(w.status) ? 'success' : 'primary'}>{w.statusLabel}</Tag>
              {w.claim.expiresAt ? <Text className='wish-claim__countdown'>{claimCountdown(w.claim.expiresAt, now)}</Text> : null}
            </View>
            <Text className='wish-block__title wish-block__title--link' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.wishDetail, { id: w.id }) })}>{w.title}</Text>
            <Text className='wish-block__text'>{w.displayName}</Text>
            {w.claim.handoff.gridWorker ? (
              <Text className='wish-block__hint'>
                交接：网格员 {w.claim.handoff.gridWorker.name} {w.claim.handoff.gridWorker.phone ?? ''} · {w.claim.handoff.meetingPoint}
              </Text>
            ) : null}
            {/* a send-back's reason, while the claim runs again (expiresAt is set only then) */}
            {w.claim.lastReason && w.claim.expiresAt ? <Text className='wish-block__error'>退回原因：{w.claim.lastReason}</Text> : null}
            <VolunteerActions className='wish-claim__actions' wish={w} onDone={remote.show} onRefused={() => void remote.reload()} />
          </View>
        ))}
      </>
    )

  return (
    <PageShell className='wish-page wish-claims'>
      {data?.status ? (
        <View className='wish-block'>
          <Text className='wish-block__text'>
            正在认领 {data.status.activeClaims} / {data.status.limit} 个
          </Text>
          {data.status.pausedMessage ? <Text className='wish-block__error'>{data.status.pausedMessage}</Text> : null}
        </View>
      ) : null}
      {body}
    </PageShell>
  )
}
