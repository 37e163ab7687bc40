import { useCallback, useEffect, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Image, Input, Text, View } from '@tarojs/components'
import type { Answers } from '@linli/domain'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { activityIcsUrl, cancelSignup, checkinQrcodeUrl, declineSignup, fetchActivity, publishActivity, signUp } from '../../../../features/events/api/events'
import { fmtTime } from '../../../../features/events/format'
import type { ActivityDetail } from '../../../../features/events/types'
import { ApiError, errorMessage } from '../../../../lib/request'
import { ROUTES, withQuery } from '../../../../lib/routes'
import { isSignedIn, useSession } from '../../../../stores/session'
import '../events.scss'

/** Detail: remaining places or my waiting-list position; 报名 with questions, 取消报名, 放弃名额, 加入日历; staff links. */
export default function EventDetailPage() {
  const id = Taro.getCurrentInstance()?.router?.params?.id ?? ''
  const [a, setA] = useState<ActivityDetail | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState('')
  const [answers, setAnswers] = useState<Answers>({})
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const token = useSession((st) => st.token)
  const [qrFailed, setQrFailed] = useState(false)
  const [qrAttempt, setQrAttempt] = useState(0)

  const load = useCallback(async () => {
    setLoading(true)
    setError('')
    try {
      setA(await fetchActivity(id))
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setLoading(false)
    }
  }, [id])
  useEffect(() => {
    void load()
  }, [load])
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  const act = async (work: () => Promise<unknown>, done: string) => {
    if (busy) return
    setBusy(true)
    try {
      await work()
      Taro.showToast({ title: done, icon: 'success' })
      await load()
    } catch (err) {
      if (err instanceof ApiError && err.fields) {
        const fe: Record<string, string> = {}
        for (const [k, v] of Object.entries(err.fields)) fe[k.replace(/^answers\./, '')] = v[0]
        setFieldErrors(fe)
      }
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  const onSignUp = () => {
    if (!isSignedIn()) return void Taro.navigateTo({ url: ROUTES.login })
    setFieldErrors({})
    void act(() => signUp(id, answers), '已提交')
  }
  const onCancel = (signupId: string) =>
    void Taro.showModal({ title: '取消报名', content: '确定取消报名吗？名额将让给候补的人。' }).then((r) => {
      if (r.confirm) void act(() => cancelSignup(signupId), '已取消')
    })
  const onDecline = (signupId: string) => void act(() => declineSignup(signupId), '已放弃名额')
  const onCalendar = () => {
    const url = activityIcsUrl(id)
    if (process.env.TARO_ENV === 'weapp') {
      void Taro.setClipboardData({ data: url }).then(() => Taro.showToast({ title: '日历链接已复制，可在系统日历中订阅', icon: 'none' }))
    } else if (typeof window !== 'undefined') {
      window.location.href = url
    }
  }
  const go = (url: string) => () => void Taro.navigateTo({ url })

  if (loading && !a) return <PageShell className='ev'><StatusView status='loading' /></PageShell>
  if (error || !a) return <PageShell className='ev'><StatusView status='error' message={error || '加载失败'} onRetry={load} /></PageShell>

  const s = a.mySignup
  const setAnswer = (qid: string, v: string | string[]) => setAnswers((prev) => ({ ...prev, [qid]: v }))
  const toggle = (qid: string, opt: string) => {
    const cur = (answers[qid] as string[] | undefined) ?? []
    setAnswer(qid, cur.includes(opt) ? cur.filter((x) => x !== opt) : [...cur, opt])
  }

  return (
    <PageShell className='ev ev-detail'>
      <View className='ev__card'>
        <Text className='ev__type'>{a.typeLabel}</Text>
        <Text className='ev__title'>{a.title}</Text>
        <Text className='ev__row'>时间：{fmtTime(a.startAt)} – {fmtTime(a.endAt)}</Text>
        <Text className='ev__row'>地点：{a.place}</Text>
        <Text className='ev__row'>组织方：{a.organiser}</Text>
        <Text className='ev__row'>报名范围：{a.audienceLabel}</Text>
        {a.hours > 0 ? <Text className='ev__row'>志愿时长：{a.hours} 小时{a.needsCheckout ? '（按实际服务时间，签到+签退）' : ''}</Text> : null}
        <Text className='ev__row ev-detail__seats'>
          {a.remaining > 0 ? `剩余 ${a.remaining} / ${a.capacity} 个名额` : `名额已满（${a.capacity} 人）· ${a.waitlistCount} 人候补`}
        </Text>
        <Text className='ev__muted'>报名截止：{fmtTime(a.signupEndAt)} · 取消截止：{fmtTime(a.cancelDeadline)}</Text>
        {a.status === 'cancelled' ? <Text className='ev__status'>活动已取消{a.cancelReason ? `：${a.cancelReason}` : ''}</Text> : null}
        {a.description ? <Text className='ev__row'>{a.description}</Text> : null}
      </View>

      {s ? (
        <View className='ev__card'>
          <Text className='ev__status ev-detail__my-status'>
            {s.status === 'waitlisted' ? `候补第 ${s.waitlistPosition} 位` : s.statusLabel}
            {s.promoted && s.status === 'confirmed' ? '（候补转正）' : ''}
          </Text>
          {s.hours !== null ? <Text className='ev__row'>已记志愿时长 {s.hours} 小时</Text> : null}
          {s.status === 'waitlisted' ? <Text className='ev__muted'>有人取消时按顺序自动递补，并通知你。</Text> : null}
        </View>
      ) : null}

      {!s && a.signupOpen && a.questions.length ? (
        <View className='ev__card'>
          {a.questions.map((q) => (
            <View key={q.id} className='ev__q'>
              <Text className='ev__q-title'>{q.title}{q.required ? ' *' : ''}</Text>
              {q.kind === 'text' ? (
                <Input className='ev__input' value={(answers[q.id] as string) ?? ''} onInput={(e) => setAnswer(q.id, e.detail.value)} />
              ) : (
                <View className='ev__chips'>
                  {(q.options ?? []).map((o) => {
                    const on = q.kind === 'single' ? answers[q.id] === o : ((answers[q.id] as string[] | undefined) ?? []).includes(o)
                    return (
                      <Text key={o} className={`chip ${on ? 'chip--on' : ''}`} onClick={() => (q.kind === 'single' ? setAnswer(q.id, o) : toggle(q.id, o))}>
                        {o}
                      </Text>
                    )
                  })}
                </View>
              )}
              {fieldErrors[q.id] ? <Text className='ev__error'>{fieldErrors[q.id]}</Text> : null}
            </View>
          ))}
        </View>
      ) : null}

      <View className='ev__actions'>
        {!s && a.signupOpen ? (
          <Text className='ev__btn' onClick={onSignUp}>{a.remaining > 0 ? '报名' : '加入候补'}</Text>
        ) : null}
        {!s && !a.signupOpen && a.status === 'published' && !a.ended ? <Text className='ev__muted'>当前不在报名时间内</Text> : null}
        {s?.actions.includes('decline') ? <Text className='ev__btn ev__btn--ghost' onClick={() => onDecline(s.id)}>放弃名额</Text> : null}
        {s?.actions.includes('cancel') ? <Text className='ev__btn ev__btn--ghost' onClick={() => onCancel(s.id)}>{s.status === 'waitlisted' ? '取消候补' : '取消报名'}</Text> : null}
        {s && (s.status === 'confirmed' || s.status === 'checked_in') ? (
          <Text className='ev__btn ev__btn--ghost' onClick={go(ROUTES.eventCode)}>我的签到码</Text>
        ) : null}
        <Text className='ev__btn ev__btn--ghost' onClick={onCalendar}>加入日历</Text>
        {a.canManage ? (
          <>
            {a.status === 'draft' ? <Text className='ev__btn' onClick={() => void act(() => publishActivity(id), '已发布')}>发布</Text> : null}
            <Text className='ev__btn ev__btn--ghost' onClick={go(withQuery(ROUTES.eventManage, { id }))}>报名名单与统计</Text>
            <Text className='ev__btn ev__btn--ghost' onClick={go(withQuery(ROUTES.eventCheckin, { id }))}>扫码签到</Text>
            <Text className='ev__btn ev__btn--ghost' onClick={go(withQuery(ROUTES.eventEdit, { id }))}>编辑活动</Text>
          </>
        ) : null}
      </View>

      {a.canManage && a.scene && a.status !== 'cancelled' ? (
        <View className='ev__card ev-detail__qr'>
          <Text className='ev__q-title'>现场签到码</Text>
          {qrFailed ? (
            <StatusView
              status='error'
              message='签到码加载失败'
              onRetry={() => {
                setQrFailed(false)
                setQrAttempt((n) => n + 1)
              }}
            />
          ) : (
            <Image
              className='ev-detail__qr-image'
              src={`${checkinQrcodeUrl(id, token)}${qrAttempt ? `&r=${qrAttempt}` : ''}`}
              mode='aspectFit'
              showMenuByLongpress
              onError={() => setQrFailed(true)}
            />
          )}
          <Text className='ev__muted'>活动签到码：{a.scene}</Text>
          <Text className='ev__row ev-detail__qr-tip'>
            打印后张贴在签到处（{process.env.TARO_ENV === 'weapp' ? '长按图片保存后发送给打印店' : '右键或长按图片保存后打印'}），参加者开始前 30 分钟起微信扫码即可签到。
          </Text>
        </View>
      ) : null}
    </PageShell>
  )
}
