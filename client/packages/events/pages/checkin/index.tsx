import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { useAction } from '../../../../hooks/useAction'
import { useRemote } from '../../../../hooks/useRemote'
import { checkinByCode, checkinByScene, checkoutByCode } from '../../../../features/events/api/checkin'
import SignupActions from '../../../../features/events/components/SignupActions'
import { checkinHeadline } from '../../../../features/events/labels'
import { scanner } from '../../../../features/events/platform/scan'
import type { ActivityDetail, CheckinResult } from '../../../../features/events/types'
import { decodeScene } from '../../../../lib/scene'
import { ROUTES, withQuery } from '../../../../lib/routes'
import { isSignedIn } from '../../../../stores/session'
import '../events.scss'

/**
 * Two uses. `?scene=a.…` (the activity's code scanned at the venue): the attendee checks themself in.
 * `?id=` (staff): scan attendees' personal codes — weapp camera, or type the code on H5.
 */
export default function CheckinPage() {
  const { params } = useRouter()
  const scene = decodeScene(params?.scene)
  return scene ? <SelfCheckin scene={scene} /> : <StaffScan activityId={params?.id ?? ''} />
}

/** Opening the page is the check-in (a repeat answers 已签到); 签退 for timed activities is the sign-up's action. */
function SelfCheckin({ scene }: { scene: string }) {
  const signedIn = isSignedIn()
  useEffect(() => {
    if (!signedIn) void Taro.navigateTo({ url: ROUTES.login })
  }, [signedIn])
  const remote = useRemote(() => checkinByScene(scene), [scene], signedIn)
  const result = remote.data
  const checkedOut = (detail: ActivityDetail) => {
    if (result && detail.mySignup) remote.setData({ result: 'checked_out', message: '已签退', name: result.name, signup: detail.mySignup })
  }
  return (
    <PageShell className='ev ev-checkin'>
      {remote.error ? <StatusView status='error' message={remote.errorText} onRetry={remote.reload} /> : null}
      {!remote.error && !result ? <StatusView status='loading' rows={1} /> : null}
      {result ? (
        <View className='ev__card'>
          <Text className='ev__status ev-checkin__result'>{checkinHeadline(result)}</Text>
          {result.signup.hours !== null ? <Text className='ev__row'>已记志愿时长 {result.signup.hours} 小时</Text> : null}
          <SignupActions className='ev-checkin__actions' signup={result.signup} onDone={checkedOut} />
          <Text className='ev__btn ev__btn--ghost' onClick={() => void Taro.redirectTo({ url: withQuery(ROUTES.eventDetail, { id: result.signup.activityId }) })}>查看活动</Text>
        </View>
      ) : null}
    </PageShell>
  )
}

/** Staff at the door: each scan checks one attendee in or out; a repeat scan says so instead of failing. */
function StaffScan({ activityId }: { activityId: string }) {
  const [typed, setTyped] = useState('')
  const [last, setLast] = useState<CheckinResult | null>(null)
  const scanning = useAction()
  const scan = async (out: boolean) => {
    if (!activityId || scanning.busy) return
    const code = await scanner.read(typed)
    if (!code) return
    const r = await scanning.run(() => (out ? checkoutByCode(activityId, code) : checkinByCode(activityId, code)))
    if (!r) return
    setLast(r)
    setTyped('')
    void Taro.showToast({ title: `${r.name} ${r.message}`, icon: r.result === 'already' ? 'none' : 'success' })
  }
  return (
    <PageShell className='ev ev-checkin'>
      <View className='ev__card'>
        <Text className='ev__row'>扫描参加者的“我的签到码”</Text>
        {scanner.typed ? (
          <Input className='ev__input ev-checkin__input' placeholder='输入签到码，如 k.1a.xxxxxxxxxx' value={typed} onInput={(e) => setTyped(e.detail.value)} />
        ) : null}
      </View>
      <View className='ev__actions'>
        <Text className='ev__btn' onClick={() => void scan(false)}>{scanner.checkInLabel}</Text>
        <Text className='ev__btn ev__btn--ghost' onClick={() => void scan(true)}>{scanner.checkOutLabel}</Text>
        {scanning.error ? <Text className='ev__error'>{scanning.error}</Text> : null}
        {last && !scanning.error ? <Text className='ev__status'>{last.name}：{last.message}</Text> : null}
      </View>
    </PageShell>
  )
}
