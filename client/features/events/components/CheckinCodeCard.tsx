import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import StatusView from '../../../components/StatusView'
import { useRemote } from '../../../hooks/useRemote'
import { checkinQrcodeUrl } from '../api/activities'
import { QR_SAVE_TIP } from '../platform/print'

interface Props {
  activityId: number
  scene: string
}

/** Staff: the activity's printable check-in code; a failed image load can be retried. */
export default function CheckinCodeCard({ activityId, scene }: Props) {
  const signed = useRemote(() => checkinQrcodeUrl(activityId), [activityId])
  const [failed, setFailed] = useState(false)
  return (
    <View className='ev__card ev-detail__qr'>
      <Text className='ev__q-title'>现场签到码</Text>
      {signed.loading && !signed.data ? (
        <StatusView status='loading' />
      ) : failed || signed.error || !signed.data ? (
        <StatusView
          status='error'
          message={signed.error ? signed.errorText : '签到码加载失败'}
          onRetry={() => {
            setFailed(false)
            void signed.reload()
          }}
        />
      ) : (
        <Image className='ev-detail__qr-image' src={signed.data} nativeProps={{ alt: '活动签到二维码' }} mode='aspectFit' showMenuByLongpress onError={() => setFailed(true)} />
      )}
      <Text className='ev__muted'>活动签到码：{scene}</Text>
      <Text className='ev__row ev-detail__qr-tip'>打印后张贴在签到处（{QR_SAVE_TIP}），参加者开始前 30 分钟起微信扫码即可签到。</Text>
    </View>
  )
}
