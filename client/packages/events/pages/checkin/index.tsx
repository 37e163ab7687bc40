import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { checkinByCode, checkinByScene, checkoutByCode, checkoutSelf } from '../../../../features/events/api/events'
import type { CheckinResult } from '../../../../features/events/types'
import { decodeScene } from '../../../../lib/scene'
import { errorMessage } from '../../../../lib/request'
import { ROUTES, withQuery } from '../../../../lib/routes'
import { isSignedIn } from '../../../../stores/session'
import '../events.scss'

/**
 * Two uses. `?scene=a.…` (the activity's code scanned at the venue): the attendee checks themself in.
 * `?id=` (staff): scan attendees' personal codes — weapp camera, or type the code on H5.
 */
export default function CheckinPage() {
  const params = Taro.getCurrentInstance()?.router?.params ?? {}
  const scene = decodeScene(params.scene)
  const id = params.id
  const [result, setResult] = useState<CheckinResult | null>(null)
  const [error, setError] = useState('')
  const [typed, setTyped] = useState('')
  const [busy, setBusy] = useState(false)

  const selfCheckin = useCallback(async () => {
    if (!scene) return
    if (!isSignedIn()) return void Taro.navigateTo({ url: ROUTES.login })
    setError('')
    try {
      setResult(await checkinByScene(scene))
    } catch (err) {
      setError(errorMessage(err))
    }
  }, [scene])
  useEffect(() => {
    void selfCheckin()
  }, [selfCheckin])

  const staffScan = async (code: string, out = false) => {
    if (!id || !code.trim() || busy) return
    setBusy(true)
    setError('')
    try {
      const r = await (out ? checkoutByCode(id, code.trim()) : checkinByCode(id, code.trim()))
      setResult(r)
      setTyped('')
      Taro.showToast({ title: `${r.name} ${r.message}`, icon: r.result === 'already' ? 'none' : 'success' })
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  const scan = (out = false) => {
    if (process.env.TARO_ENV !== 'weapp') return void staffScan(typed, out)
    void Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] }).then((r) => staffScan(r.result, out))
  }

  if (scene) {
    return (
      <PageShell className='ev ev-checkin'>
        {error ? <StatusView status='error' message={error} onRetry={selfCheckin} /> : null}
        {!error && !result ? <StatusView status='loading' rows={1} /> : null}
        {result ? (
          <View className='ev__card'>
            <Text className='ev__status ev-checkin__result'>{result.result === 'already' ? '已签到' : '签到成功'}</Text>
            {result.signup.hours !== null ? <Text className='ev__row'>已记志愿时长 {result.signup.hours} 小时</Text> : null}
            {result.signup.actions.includes('check_out') ? (
              <Text className='ev__btn' onClick={() => void checkoutSelf(result.signup.id).then(setResult).catch((e) => setError(errorMessage(e)))}>服务结束，签退</Text>
            ) : null}
            <Text className='ev__btn ev__btn--ghost' onClick={() => void Taro.redirectTo({ url: withQuery(ROUTES.eventDetail, { id: result.signup.activityId }) })}>查看活动</Text>
          </View>
        ) : null}
      </PageShell>
    )
  }
  return (
    <PageShell className='ev ev-checkin'>
      <View className='ev__card'>
        <Text className='ev__row'>扫描参加者的“我的签到码”</Text>
        {process.env.TARO_ENV !== 'weapp' ? (
          <Input className='ev__input ev-checkin__input' placeholder='输入签到码，如 k.1a.xxxxxxxxxx' value={typed} onInput={(e) => setTyped(e.detail.value)} />
        ) : null}
      </View>
      <View className='ev__actions'>
        <Text className='ev__btn' onClick={() => scan(false)}>{process.env.TARO_ENV === 'weapp' ? '扫码签到' : '签到'}</Text>
        <Text className='ev__btn ev__btn--ghost' onClick={() => scan(true)}>{process.env.TARO_ENV === 'weapp' ? '扫码签退' : '签退'}</Text>
        {error ? <Text className='ev__error'>{error}</Text> : null}
        {result ? <Text className='ev__status'>{result.name}：{result.message}</Text> : null}
      </View>
    </PageShell>
  )
}
