import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { activityTimeText, CN_MOBILE, type Answers } from '@linli/domain'
import ListFooter from '../../../../components/ListFooter'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { useAction } from '../../../../hooks/useAction'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useRemote } from '../../../../hooks/useRemote'
import { fetchActivity } from '../../../../features/events/api/activities'
import { fetchProxySignups, proxySignUp } from '../../../../features/events/api/signups'
import QuestionsForm from '../../../../features/events/components/QuestionsForm'
import SignupActions from '../../../../features/events/components/SignupActions'
import { signupStatusText } from '../../../../features/events/labels'
import type { ProxySignupView } from '../../../../features/events/types'
import { ApiError } from '../../../../lib/errors'
import '../events.scss'
import { confirm } from '../../../../lib/confirm'

/**
 * 代报名: a grid worker signs up an elder who has no WeChat, by name and phone (and the activity's questions). When
 * the elder later binds that phone in the mini-program, the sign-up is theirs. Below: the people I signed up here,
 * each with 取消报名.
 */
export default function ProxySignupPage() {
  const { params } = useRouter()
  const id = params?.id ?? ''
  const activity = useRemote(() => fetchActivity(id), [id], !!id)
  const people = usePagedList<ProxySignupView, string>((cursor) => fetchProxySignups(id, cursor), [id], { enabled: !!id })
  const saving = useAction()
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  const [answers, setAnswers] = useState<Answers>({})
  const [errors, setErrors] = useState<Record<string, string>>({})
  const a = activity.data

  if (!id) return <PageShell className='ev'><StatusView status='error' message='活动编号无效' /></PageShell>
  if (activity.loading && !a) return <PageShell className='ev'><StatusView status='loading' /></PageShell>
  if (activity.error || !a) return <PageShell className='ev'><StatusView status='error' message={activity.errorText || '加载失败'} onRetry={activity.reload} /></PageShell>

  const submit = async () => {
    const errs: Record<string, string> = {}
    if (!name.trim()) errs.name = '请填写姓名'
    if (!CN_MOBILE.test(phone.trim())) errs.phone = '请填写 11 位手机号'
    setErrors(errs)
    if (Object.keys(errs).length) return
    const confirmed = await confirm({ title: '确认代报名', content: `为 ${name.trim()}（${phone.trim()}）报名「${a.title}」？报名成功后会通知本人。` })
    if (!confirmed) return
    const made = await saving.run(
      async () => {
        try {
          return await proxySignUp(id, { name: name.trim(), phone: phone.trim(), answers })
        } catch (err) {
          if (err instanceof ApiError) setErrors(Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k.replace(/^answers\./, ''), v[0]])))
          throw err
        }
      },
      { success: (s) => (s.status === 'waitlisted' ? '已加入候补' : '已代报名') },
    )
    if (made) {
      setName('')
      setPhone('')
      setAnswers({})
      await Promise.all([people.reload(), activity.reload()])
    }
  }

  return (
    <PageShell className='ev ev-proxy'>
      <View className='ev__card'>
        <Text className='ev__title'>{a.title}</Text>
        <Text className='ev__row'>{activityTimeText(a.startAt)} · {a.place}</Text>
        <Text className='ev__muted'>{a.remaining > 0 ? `剩余 ${a.remaining} / ${a.capacity} 个名额` : '名额已满，代报名将进入候补'}</Text>
      </View>

      {a.signupOpen && a.canProxy ? (
        <>
          <View className='ev__card'>
            <Text className='ev__section'>为老人代报名</Text>
            <Text className='ev__muted'>适用于不用微信的居民。本人日后用同一手机号登录小程序，报名会自动归到本人名下。</Text>
            <View className='ev__q'>
              <Text className='ev__q-title'>姓名</Text>
              <Input className='ev__input ev-proxy__name' value={name} maxlength={50} placeholder='例如：周桂英' onInput={(e) => setName(e.detail.value)} />
              {errors.name ? <Text className='ev__error'>{errors.name}</Text> : null}
            </View>
            <View className='ev__q'>
              <Text className='ev__q-title'>手机号</Text>
              <Input className='ev__input ev-proxy__phone' type='number' value={phone} maxlength={11} placeholder='11 位手机号' onInput={(e) => setPhone(e.detail.value)} />
              {errors.phone ? <Text className='ev__error'>{errors.phone}</Text> : null}
            </View>
          </View>
          {a.questions.length ? <QuestionsForm questions={a.questions} answers={answers} onChange={setAnswers} errors={errors} /> : null}
          <View className='ev__actions'>
            <Text className={`ev__btn ev-proxy__submit ${saving.busy ? 'ev__btn--busy' : ''}`} onClick={saving.busy ? undefined : () => void submit()}>
              {saving.busy ? '提交中…' : a.remaining > 0 ? '代为报名' : '代为加入候补'}
            </Text>
          </View>
        </>
      ) : (
        <StatusView status='empty' title='当前不能代报名' hint={a.status !== 'published' ? '活动未发布或已取消' : '不在报名时间内'} />
      )}

      <View className='ev__card ev-proxy__list'>
        <Text className='ev__section'>我代报名的居民</Text>
        {people.loading && !people.items.length ? <Text className='ev__muted'>加载中…</Text> : null}
        {people.error ? <StatusView status='error' message={people.errorText} onRetry={people.reload} /> : null}
        {people.empty ? <Text className='ev__muted'>还没有代报名的居民</Text> : null}
        {people.items.map((p) => (
          <View key={p.id} className='ev-proxy__row'>
            <Text className='ev__row'>{p.resident.name} · {p.resident.phone ?? '无手机号'}</Text>
            <Text className='ev__muted'>{signupStatusText(p)}</Text>
            <SignupActions signup={p} onDone={() => void Promise.all([people.reload(), activity.reload()])} />
          </View>
        ))}
        {people.items.length ? <ListFooter list={people} /> : null}
      </View>
    </PageShell>
  )
}
