import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { fetchCalendarLinks, fetchMyCode } from '../../../../features/events/api/events'
import { errorMessage } from '../../../../lib/request'
import '../events.scss'

/** 我的签到码: staff scan this QR at the venue; the code under it can be typed in when a camera is not at hand. */
export default function MyCodePage() {
  const [code, setCode] = useState<{ code: string; qr: string } | null>(null)
  const [error, setError] = useState('')
  const load = useCallback(async () => {
    setError('')
    try {
      setCode(await fetchMyCode())
    } catch (err) {
      setError(errorMessage(err))
    }
  }, [])
  useEffect(() => {
    void load()
  }, [load])
  const copyFeed = async () => {
    try {
      const { feedUrl } = await fetchCalendarLinks()
      await Taro.setClipboardData({ data: feedUrl })
      Taro.showToast({ title: '日历订阅链接已复制', icon: 'none' })
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
  }
  if (error) return <PageShell className='ev'><StatusView status='error' message={error} onRetry={load} /></PageShell>
  if (!code) return <PageShell className='ev'><StatusView status='loading' rows={1} /></PageShell>
  return (
    <PageShell className='ev'>
      <View className='ev__card'>
        <Text className='ev__row'>请向工作人员出示此码签到</Text>
        <Image className='ev__qr' src={code.qr} mode='aspectFit' />
        <Text className='ev__code ev-code__text'>{code.code}</Text>
      </View>
      <View className='ev__actions'>
        <Text className='ev__btn ev__btn--ghost' onClick={copyFeed}>复制我的活动日历订阅链接</Text>
      </View>
    </PageShell>
  )
}
