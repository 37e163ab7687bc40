import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Answers } from '@linli/domain'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { useAction } from '../../../../hooks/useAction'
import { useRemote } from '../../../../hooks/useRemote'
import { activityIcsUrl, fetchActivity } from '../../../../features/events/api/activities'
import { signUp } from '../../../../features/events/api/signups'
import ActivityActions from '../../../../features/events/components/ActivityActions'
import ActivityFacts from '../../../../features/events/components/ActivityFacts'
import CheckinCodeCard from '../../../../features/events/components/CheckinCodeCard'
import QuestionsForm from '../../../../features/events/components/QuestionsForm'
import SignupActions from '../../../../features/events/components/SignupActions'
import SignupCard from '../../../../features/events/components/SignupCard'
import { checkinCodeShown, codeStillUseful, waitingForWindow } from '../../../../features/events/labels'
import { openCalendar } from '../../../../features/events/platform/calendar'
import { ASK_ON, askSubscribe, primeTemplates } from '../../../../features/notifications/subscribe'
import { ApiError } from '../../../../lib/errors'
import { ROUTES, withQuery } from '../../../../lib/routes'
import { shareImage, useShareCard } from '../../../../features/share/share'
import { isSignedIn, useSession } from '../../../../stores/session'
import '../events.scss'

/**
 * Detail: remaining places or my waiting-list position; 报名 with questions; my sign-up's and (staff) the activity's
 * buttons from the server's `actions`, whose answer is shown without a reload; 加入日历; staff links and check-in code.
 */
export default function EventDetailPage() {
  const { params } = useRouter()
  const id = params?.id ?? ''
  const remote = useRemote(() => fetchActivity(id), [id], !!id)
  const joining = useAction()
  const [answers, setAnswers] = useState<Answers>({})
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const token = useSession((st) => st.token)
  const a = remote.data
  if (token) void primeTemplates()
  // 转发: the activity's title and cover, opening this activity.
  useShareCard(() => ({ title: a ? `${a.title}（${a.typeLabel}）` : '社区活动', path: withQuery(ROUTES.eventDetail, { id }), imageUrl: shareImage(a?.cover?.url) }))

  if (!id) return <PageShell className='ev'><StatusView status='error' message='活动编号无效' /></PageShell>
  if (remote.loading && !a) return <PageShell className='ev'><StatusView status='loading' /></PageShell>
  if (remote.error || !a) return <PageShell className='ev'><StatusView status='error' message={remote.errorText || '加载失败'} onRetry={remote.reload} /></PageShell>

  const s = a.mySignup
  const go = (url: string) => () => void Taro.navigateTo({ url })

  // Signing up creates the sign-up (it is not a move of the table); the seats changed, so the detail is read again.
  const onSignUp = async () => {
    if (!isSignedIn()) return void Taro.navigateTo({ url: ROUTES.login })
    // First, before any await: WeChat shows the subscribe dialog only inside the tap.
    void askSubscribe(ASK_ON.signUp)
    setFieldErrors({})
    const made = await joining.run(
      async () => {
        try {
          return await signUp(id, answers)
        } catch (err) {
          if (err instanceof ApiError && Object.keys(err.fields).length) {
            setFieldErrors(Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k.replace(/^answers\./, ''), v[0]])))
          }
          throw err
        }
      },
      // The seat is decided by the server: the answer says whether it was a place or the waiting list.
      { success: (made) => (made.status === 'waitlisted' ? '已加入候补' : '报名成功') },
    )
    if (made) await remote.reload()
  }

  return (
    <PageShell className='ev ev-detail'>
      <ActivityFacts a={a} />

      {s ? <SignupCard s={s} /> : null}

      {!s && a.signupOpen && a.questions.length ? <QuestionsForm questions={a.questions} answers={answers} onChange={setAnswers} errors={fieldErrors} /> : null}

      <View className='ev__actions'>
        {!s && a.signupOpen ? (
          <Text className='ev__btn ev-detail__join' onClick={onSignUp}>{a.remaining > 0 ? '报名' : '加入候补'}</Text>
        ) : null}
        {!s && waitingForWindow(a) ? <Text className='ev__muted'>当前不在报名时间内</Text> : null}
        {s ? <SignupActions className='ev-detail__signup-actions' signup={s} onDone={remote.setData} /> : null}
        {s && codeStillUseful(s) ? <Text className='ev__btn ev__btn--ghost' onClick={go(ROUTES.eventCode)}>我的签到码</Text> : null}
        <Text className='ev__btn ev__btn--ghost' onClick={() => openCalendar(activityIcsUrl(id), { title: a.title, startAt: a.startAt, endAt: a.endAt, place: a.place, description: a.description })}>加入日历</Text>
        {a.canProxy && a.signupOpen ? (
          <Text className='ev__btn ev__btn--ghost ev-detail__proxy' onClick={go(withQuery(ROUTES.eventProxy, { id }))}>为老人代报名</Text>
        ) : null}
        {a.canManage ? (
          <>
            <ActivityActions className='ev-detail__activity-actions' activity={a} onDone={remote.setData} />
            <Text className='ev__btn ev__btn--ghost' onClick={go(withQuery(ROUTES.eventManage, { id }))}>报名名单与统计</Text>
            <Text className='ev__btn ev__btn--ghost' onClick={go(withQuery(ROUTES.eventCheckin, { id }))}>扫码签到</Text>
            <Text className='ev__btn ev__btn--ghost' onClick={go(withQuery(ROUTES.eventEdit, { id }))}>编辑活动</Text>
          </>
        ) : null}
      </View>

      {a.scene && checkinCodeShown(a) ? <CheckinCodeCard activityId={a.id} scene={a.scene} /> : null}
    </PageShell>
  )
}
