import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { ACTIVITY_TYPE_LABELS, ACTIVITY_TYPES, AUDIENCE_LABELS, AUDIENCES, type ActivityType, type Audience } from '@linli/domain'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { useAction } from '../../../../hooks/useAction'
import { useRemote } from '../../../../hooks/useRemote'
import { createActivity, fetchActivity, updateActivity } from '../../../../features/events/api/activities'
import { ApiError } from '../../../../lib/errors'
import { ROUTES, withQuery } from '../../../../lib/routes'
import { formatDateTime, parseLocalDateTime } from '../../../../lib/time'
import { useSession } from '../../../../stores/session'
import '../events.scss'

/** Staff create / edit form. Times are typed in 北京时间 (2031-05-01 14:00). Editing notifies everyone signed up. */
export default function EditEventPage() {
  const { params } = useRouter()
  const id = params?.id
  const user = useSession((s) => s.user)
  const communities = user?.communities ?? []
  const existing = useRemote(() => fetchActivity(id!), [id], !!id)
  const saving = useAction()
  const [type, setType] = useState<ActivityType>('party_lesson')
  const [audience, setAudience] = useState<Audience>('all')
  const [f, setF] = useState({ title: '', description: '', organiser: communities[0]?.name ?? '', place: '', startAt: '', endAt: '', signupEndAt: '', capacity: '20', hours: '2' })
  const [communityId, setCommunityId] = useState<number | null>(communities[0]?.id ?? null)
  const [errors, setErrors] = useState<Record<string, string>>({})

  const a = existing.data
  useEffect(() => {
    if (!a) return
    setType(a.type)
    setAudience(a.audience)
    setCommunityId(a.communityId)
    setF({ title: a.title, description: a.description, organiser: a.organiser, place: a.place, startAt: formatDateTime(a.startAt), endAt: formatDateTime(a.endAt), signupEndAt: formatDateTime(a.signupEndAt), capacity: String(a.capacity), hours: String(a.hours) })
  }, [a])

  if (id && existing.error) return <PageShell className='ev'><StatusView status='error' message={existing.errorText} onRetry={existing.reload} /></PageShell>

  const set = (k: keyof typeof f) => (e: { detail: { value: string } }) => setF((prev) => ({ ...prev, [k]: e.detail.value }))
  const submit = async (publish: boolean) => {
    const errs: Record<string, string> = {}
    const startAt = parseLocalDateTime(f.startAt)
    const endAt = parseLocalDateTime(f.endAt)
    const signupEndAt = f.signupEndAt ? parseLocalDateTime(f.signupEndAt) : startAt
    if (!f.title.trim()) errs.title = '请填写活动标题'
    if (!f.place.trim()) errs.place = '请填写活动地点'
    if (!startAt) errs.startAt = '格式如 2031-05-01 14:00'
    if (!endAt) errs.endAt = '格式如 2031-05-01 16:00'
    if (!/^\d+$/.test(f.capacity) || Number(f.capacity) < 1) errs.capacity = '名额须为正整数'
    if (!communityId) errs.communityId = '你还没有负责的社区'
    setErrors(errs)
    if (Object.keys(errs).length) return
    const body: Record<string, unknown> = {
      type, audience, title: f.title.trim(), description: f.description, organiser: f.organiser.trim() || '社区', place: f.place.trim(),
      startAt, endAt, signupEndAt, cancelDeadline: startAt, capacity: Number(f.capacity), hours: Number(f.hours) || 0,
    }
    const saved = await saving.run(
      async () => {
        try {
          return id ? await updateActivity(id, body) : await createActivity({ ...body, communityId, publish })
        } catch (err) {
          if (err instanceof ApiError) setErrors(Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, v[0]])))
          throw err
        }
      },
      { success: id ? '已保存，已通知报名者' : publish ? '已发布' : '已存草稿' },
    )
    if (saved) void Taro.redirectTo({ url: withQuery(ROUTES.eventDetail, { id: saved.id }) })
  }
  const field = (k: keyof typeof f, label: string, placeholder = '') => (
    <View className='ev__q'>
      <Text className='ev__q-title'>{label}</Text>
      <Input className={`ev__input ev-edit__${k}`} value={f[k]} placeholder={placeholder} onInput={set(k)} />
      {errors[k] ? <Text className='ev__error'>{errors[k]}</Text> : null}
    </View>
  )
  return (
    <PageShell className='ev ev-edit'>
      <View className='ev__card'>
        <Text className='ev__q-title'>活动类型</Text>
        <View className='ev__chips'>
          {ACTIVITY_TYPES.map((t) => (
            <Text key={t} className={`chip ${type === t ? 'chip--on' : ''}`} onClick={() => setType(t)}>{ACTIVITY_TYPE_LABELS[t]}</Text>
          ))}
        </View>
        {field('title', '活动标题')}
        {field('place', '活动地点')}
        {field('startAt', '开始时间（北京时间）', '2031-05-01 14:00')}
        {field('endAt', '结束时间（北京时间）', '2031-05-01 16:00')}
        {field('signupEndAt', '报名截止（默认开始时间）', '2031-05-01 12:00')}
        {field('capacity', '名额')}
        {field('hours', '志愿时长（小时）')}
        {field('organiser', '组织方（社区或支部）')}
        <View className='ev__q'>
          <Text className='ev__q-title'>活动介绍</Text>
          <Textarea className='ev__input' value={f.description} onInput={set('description')} />
        </View>
        <Text className='ev__q-title'>报名范围</Text>
        <View className='ev__chips'>
          {AUDIENCES.map((x) => (
            <Text key={x} className={`chip ${audience === x ? 'chip--on' : ''}`} onClick={() => setAudience(x)}>{AUDIENCE_LABELS[x]}</Text>
          ))}
        </View>
        {errors.communityId ? <Text className='ev__error'>{errors.communityId}</Text> : null}
      </View>
      <View className='ev__actions'>
        <Text className='ev__btn ev-edit__publish' onClick={() => void submit(true)}>{id ? '保存修改' : '发布活动'}</Text>
        {!id ? <Text className='ev__btn ev__btn--ghost' onClick={() => void submit(false)}>存为草稿</Text> : null}
      </View>
    </PageShell>
  )
}
