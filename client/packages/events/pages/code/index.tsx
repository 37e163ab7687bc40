import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { useAction } from '../../../../hooks/useAction'
import { useRemote } from '../../../../hooks/useRemote'
import { fetchCalendarLinks, fetchMyCode } from '../../../../features/events/api/checkin'
import '../events.scss'

/** 我的签到码: staff scan this QR at the venue; the code under it can be typed in when a camera is not at hand. */
export default function MyCodePage() {
  const remote = useRemote(() => fetchMyCode(), [])
  const copying = useAction()
  const copyFeed = async () => {
    const copied = await copying.run(async () => {
      const { feedUrl } = await fetchCalendarLinks()
      await Taro.setClipboardData({ data: feedUrl })
      return true
    })
    if (copied) void Taro.showToast({ title: '日历订阅链接已复制', icon: 'none' })
  }
  const code = remote.data
  if (remote.error) return <PageShell className='ev'><StatusView status='error' message={remote.errorText} onRetry={remote.reload} /></PageShell>
  if (!code) return <PageShell className='ev'><StatusView status='loading' rows={1} /></PageShell>
  return (
    <PageShell className='ev'>
      <View className='ev__card'>
        <Text className='ev__row'>请向工作人员出示此码签到</Text>
        <Image className='ev__qr' src={code.qr} nativeProps={{ alt: '我的签到码（二维码）' }} mode='aspectFit' />
        <Text className='ev__code ev-code__text'>{code.code}</Text>
      </View>
      <View className='ev__actions'>
        <Text className='ev__btn ev__btn--ghost' onClick={copyFeed}>复制我的活动日历订阅链接</Text>
      </View>
    </PageShell>
  )
}
