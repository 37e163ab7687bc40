import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View, Text, Image } from '@tarojs/components'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import QrcodeActions from '../../../../features/places/components/QrcodeActions'
import { pointQrcodeUrl } from '../../../../features/places/api/point-qrcode'
import { useRemote } from '../../../../hooks/useRemote'
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
  const valid = Number.isInteger(id) && id > 0
  // A signed address that works for minutes; 重试 asks for a fresh one.
  const signed = useRemote(() => pointQrcodeUrl(id), [id], valid)
  const [failed, setFailed] = useState(false)

  if (!valid) {
    return (
      <PageShell className='qrcode-page'>
        <StatusView status='error' message='没有找到这个点位' />
      </PageShell>
    )
  }

  const src = signed.data ?? ''

  return (
    <PageShell className='qrcode-page'>
      <View className='qrcode-sheet'>
        <Text className='qrcode-sheet__name'>{name || `点位 ${id}`}</Text>
        {signed.loading && !src ? (
          <StatusView status='loading' />
        ) : failed || signed.error || !src ? (
          <StatusView
            status='error'
            message={signed.error ? signed.errorText : '二维码加载失败'}
            onRetry={() => {
              setFailed(false)
              void signed.reload()
            }}
          />
        ) : (
          <Image className='qrcode-sheet__image' src={src} nativeProps={{ alt: `${name || '点位'}的二维码` }} mode='aspectFit' showMenuByLongpress onError={() => setFailed(true)} />
        )}
        {scene ? <Text className='qrcode-sheet__scene'>点位编码：{scene}</Text> : null}
        <Text className='qrcode-sheet__tip'>微信扫一扫，反映问题、找网格员</Text>
      </View>
      {src ? <QrcodeActions src={src} /> : null}
    </PageShell>
  )
}
