import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View, Text, Image } from '@tarojs/components'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import QrcodeActions from '../../../../features/places/components/QrcodeActions'
import { pointQrcodeUrl } from '../../../../features/places/api/point-qrcode'
import { useSession } from '../../../../stores/session'
import './index.scss'

function param(raw: string | undefined): string {
  if (!raw) return ''
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

export default function QrcodePage() {
  const { params } = useRouter()
  const id = Number(params?.id)
  const name = param(params?.name)
  const scene = param(params?.scene)
  const token = useSession((s) => s.token)
  const [failed, setFailed] = useState(false)
  const [attempt, setAttempt] = useState(0)

  if (!Number.isInteger(id) || id <= 0) {
    return (
      <PageShell className='qrcode-page'>
        <StatusView status='error' message='没有找到这个点位' />
      </PageShell>
    )
  }

  const src = `${pointQrcodeUrl(id, token)}${attempt ? `&r=${attempt}` : ''}`

  return (
    <PageShell className='qrcode-page'>
      <View className='qrcode-sheet'>
        <Text className='qrcode-sheet__name'>{name || `点位 ${id}`}</Text>
        {failed ? (
          <StatusView
            status='error'
            message='二维码加载失败'
            onRetry={() => {
              setFailed(false)
              setAttempt((a) => a + 1)
            }}
          />
        ) : (
          <Image className='qrcode-sheet__image' src={src} mode='aspectFit' showMenuByLongpress onError={() => setFailed(true)} />
        )}
        {scene ? <Text className='qrcode-sheet__scene'>点位编码：{scene}</Text> : null}
        <Text className='qrcode-sheet__tip'>微信扫一扫，反映问题、找网格员</Text>
      </View>
      <QrcodeActions src={src} />
    </PageShell>
  )
}
