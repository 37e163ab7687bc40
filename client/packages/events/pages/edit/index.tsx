import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { ACTIVITY_TYPE_LABELS, ACTIVITY_TYPES, AUDIENCE_LABELS, AUDIENCES, type ActivityType, type Audience } from '@linli/domain'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { useAction } from '../../../../hooks/useAction'
import { useRemote } from '../../../../hooks/useRemote'
import { createActivity, fetchActivity, updateActivity } from '../../../../features/events/api/activities'
import ActivityActions from '../../../../features/events/components/ActivityActions'
import CoverPicker from '../../../../features/events/components/CoverPicker'
import DateTimeField from '../../../../features/events/components/DateTimeField'
import QuestionsEditor, { fromDrafts, toDrafts, type DraftQuestion } from '../../../../features/events/components/QuestionsEditor'
import type { ActivityCover, ActivityDetail } from '../../../../features/events/types'
import { ApiError } from '../../../../lib/errors'
import { ROUTES, withQuery } from '../../../../lib/routes'
import { parseLocalDateTime, localDateFromToday } from '../../../../lib/time'
import { useSession } from '../../../../stores/session'
import '../events.scss'
import { ChipGroup } from '../../../../components/Chip'
import { labelled } from '../../../../lib/a11y'

type Times = { startAt: string; endAt: string; signupStartAt: string; signupEndAt: string; cancelDeadline: string }

/** Tomorrow 14:00–16:00 in 北京时间: a start a staff member moves from, not one they must type. */
function defaultTimes(): Times {
  const day = localDateFromToday(1)
  return { startAt: parseLocalDateTime(`${day} 14:00`) ?? '', endAt: parseLocalDateTime(`${day} 16:00`) ?? '', signupStartAt: '', signupEndAt: '', cancelDeadline: '' }
}

/**
 * Staff create / edit an activity: its community (when they serve several), type, times from native date and time
 * pickers (start, end, sign-up start, sign-up end, cancellation deadline — each its own field, kept on edit), places,
 * hours, audience, sign-up questions and a cover photo. Editing tells everyone signed up; 取消活动 is the server's
 * action, drawn by ActionBar, and tells everyone signed up or waiting.
 */
export default function EditEventPage() {
  const { params } = useRouter()
  const id = params?.id
  const user = useSession((s) => s.user)
  const communities = user?.communities ?? []
  const existing = useRemote(() => fetchActivity(id!), [id], !!id)
  const saving = useAction()
  const [type, setType] = useState<ActivityType>('party_lesson')
  const [audience, setAudience] = useState<Audience>('all')
  const [f, setF] = useState({ title: '', description: '', organiser: communities[0]?.name ?? '', place: '', capacity: '20', hours: '2' })
  const [times, setTimes] = useState<Times>(defaultTimes)
  const [communityId, setCommunityId] = useState<number | null>(communities[0]?.id ?? null)
  const [drafts, setDrafts] = useState<DraftQuestion[]>([])
  const [cover, setCover] = useState<ActivityCover | null>(null)
  const [coverChanged, setCoverChanged] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})

  const a = existing.data
  useEffect(() => {
    if (!a) return
    setType(a.type)
    setAudience(a.audience)
    setCommunityId(a.communityId)
    setF({ title: a.title, description: a.description, organiser: a.organiser, place: a.place, capacity: String(a.capacity), hours: String(a.hours) })
    setTimes({ startAt: a.startAt, endAt: a.endAt, signupStartAt: a.signupStartAt, signupEndAt: a.signupEndAt, cancelDeadline: a.cancelDeadline })
    setDrafts(toDrafts(a.questions))
    setCover(a.cover)
    setCoverChanged(false)
  }, [a])

  if (id && existing.loading && !a) return <PageShell className='ev'><StatusView status='loading' /></PageShell>
  if (id && (existing.error || !a)) return <PageShell className='ev'><StatusView status='error' message={existing.errorText || '加载失败'} onRetry={existing.reload} /></PageShell>
  if (!id && !communities.length) {
    return <PageShell className='ev'><StatusView status='empty' title='你还没有负责的社区' hint='请联系街道管理员把你设为某个社区的工作人员' /></PageShell>
  }
  if (a?.status === 'cancelled') return <PageShell className='ev'><StatusView status='empty' title='活动已取消' hint={a.cancelReason ?? '取消的活动不能再修改'} /></PageShell>

  const set = (k: keyof typeof f) => (e: { detail: { value: string } }) => setF((prev) => ({ ...prev, [k]: e.detail.value }))
  const setTime = (k: keyof Times) => (iso: string) => setTimes((prev) => ({ ...prev, [k]: iso }))
  const communityName = (cid: number | null) => communities.find((c) => c.id === cid)?.name ?? ''

  const submit = async (publish: boolean) => {
    const errs: Record<string, string> = {}
    if (!f.title.trim()) errs.title = '请填写活动标题'
    if (!f.place.trim()) errs.place = '请填写活动地点'
    if (!times.startAt) errs.startAt = '请选择开始时间'
    if (!times.endAt) errs.endAt = '请选择结束时间'
    else if (times.startAt && times.endAt <= times.startAt) errs.endAt = '结束时间须晚于开始时间'
    if (!/^\d+$/.test(f.capacity) || Number(f.capacity) < 1) errs.capacity = '名额须为正整数'
    if (f.hours && !/^\d+(\.\d{1,2})?$/.test(f.hours)) errs.hours = '志愿时长须为数字，最多两位小数'
    if (!communityId) errs.communityId = '请选择所属社区'
    const { questions, problem } = fromDrafts(drafts)
    if (problem) errs.questions = problem
    setErrors(errs)
    if (Object.keys(errs).length) {
      void Taro.showToast({ title: Object.values(errs)[0], icon: 'none' })
      return
    }
    const body: Record<string, unknown> = {
      type,
      audience,
      title: f.title.trim(),
      description: f.description,
      organiser: f.organiser.trim() || communityName(communityId) || '社区',
      place: f.place.trim(),
      startAt: times.startAt,
      endAt: times.endAt,
      // Empty means the server's default (now / the start); on edit the stored values come back, so they are kept.
      ...(times.signupStartAt ? { signupStartAt: times.signupStartAt } : {}),
      ...(times.signupEndAt ? { signupEndAt: times.signupEndAt } : id ? { signupEndAt: times.startAt } : {}),
      ...(times.cancelDeadline ? { cancelDeadline: times.cancelDeadline } : id ? { cancelDeadline: times.startAt } : {}),
      capacity: Number(f.capacity),
      hours: Number(f.hours) || 0,
      questions,
      ...(coverChanged || !id ? { coverId: cover?.id ?? null } : {}),
    }
    const saved = await saving.run(
      async () => {
        try {
          return id ? await updateActivity(id, body) : await createActivity({ ...body, communityId, publish })
        } catch (err) {
          if (err instanceof ApiError) setErrors(Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k.split('.')[0], v[0]])))
          throw err
        }
      },
      { success: id ? '已保存，已通知报名者' : publish ? '已发布' : '已存草稿' },
    )
    if (saved) void Taro.redirectTo({ url: withQuery(ROUTES.eventDetail, { id: saved.id }) })
  }
  const onActed = (detail: ActivityDetail) => {
    existing.setData(detail)
    if (detail.status === 'cancelled') void Taro.redirectTo({ url: withQuery(ROUTES.eventDetail, { id: detail.id }) })
  }

  const field = (k: keyof typeof f, label: string, placeholder = '', inputType: 'text' | 'number' | 'digit' = 'text') => (
    <View className='ev__q'>
      <Text className='ev__q-title'>{label}</Text>
      <Input className={`ev__input ev-edit__${k}`} type={inputType} value={f[k]} placeholder={placeholder} {...labelled(label)} onInput={set(k)} />
      {errors[k] ? <Text className='ev__error'>{errors[k]}</Text> : null}
    </View>
  )
  const communityIndex = Math.max(0, communities.findIndex((c) => c.id === communityId))
  return (
    <PageShell className='ev ev-edit'>
      <View className='ev__card'>
        <Text className='ev__section'>基本信息</Text>
        <View className='ev__q ev-edit__community'>
          <Text className='ev__q-title'>所属社区</Text>
          {id ? (
            <Text className='ev__row'>{communityName(communityId) || a?.organiser}（创建后不能更改）</Text>
          ) : communities.length > 1 ? (
            <Picker mode='selector' range={communities.map((c) => c.name)} value={communityIndex} onChange={(e) => setCommunityId(communities[Number(e.detail.value)]?.id ?? null)}>
              <Text className='ev__input ev-edit__community-value'>{communityName(communityId)} ▾</Text>
            </Picker>
          ) : (
            <Text className='ev__row'>{communityName(communityId)}</Text>
          )}
          {errors.communityId ? <Text className='ev__error'>{errors.communityId}</Text> : null}
        </View>
        <Text className='ev__q-title'>活动类型</Text>
        <ChipGroup
          className='ev__chips'
          label='活动类型'
          options={ACTIVITY_TYPES.map((t) => ({ value: t, label: ACTIVITY_TYPE_LABELS[t] }))}
          value={type}
          onChange={(t) => t && setType(t)}
        />
        {field('title', '活动标题', '例如：五月党课·红色家书')}
        {field('place', '活动地点', '例如：党群服务中心二楼')}
        {field('organiser', '组织方（社区或支部）')}
        <View className='ev__q'>
          <Text className='ev__q-title'>活动介绍</Text>
          <Textarea className='ev__input ev-edit__description' value={f.description} maxlength={5000} autoHeight {...labelled('活动介绍')} onInput={set('description')} />
        </View>
      </View>

      <View className='ev__card'>
        <Text className='ev__section'>时间（北京时间）</Text>
        <DateTimeField className='ev-edit__startAt' label='开始时间' value={times.startAt} onChange={setTime('startAt')} error={errors.startAt} />
        <DateTimeField className='ev-edit__endAt' label='结束时间' value={times.endAt} onChange={setTime('endAt')} error={errors.endAt} />
        <DateTimeField
          className='ev-edit__signupStartAt'
          label='报名开始'
          value={times.signupStartAt}
          onChange={setTime('signupStartAt')}
          optional
          emptyText='发布后立即开始报名'
          error={errors.signupStartAt}
        />
        <DateTimeField className='ev-edit__signupEndAt' label='报名截止' value={times.signupEndAt} onChange={setTime('signupEndAt')} optional emptyText='默认为活动开始时' error={errors.signupEndAt} />
        <DateTimeField
          className='ev-edit__cancelDeadline'
          label='取消报名截止'
          value={times.cancelDeadline}
          onChange={setTime('cancelDeadline')}
          optional
          emptyText='默认为活动开始时；之后报名者不能自行取消'
          error={errors.cancelDeadline}
        />
      </View>

      <View className='ev__card'>
        <Text className='ev__section'>名额与范围</Text>
        {field('capacity', '名额', '', 'number')}
        {field('hours', '志愿时长（小时）', '', 'digit')}
        <Text className='ev__q-title'>报名范围</Text>
        <ChipGroup
          className='ev__chips'
          label='报名范围'
          options={AUDIENCES.map((x) => ({ value: x, label: AUDIENCE_LABELS[x] }))}
          value={audience}
          onChange={(x) => x && setAudience(x)}
        />
      </View>

      <QuestionsEditor drafts={drafts} onChange={setDrafts} error={errors.questions} />
      <CoverPicker
        cover={cover}
        onChange={(c) => {
          setCover(c)
          setCoverChanged(true)
        }}
      />

      <View className='ev__actions'>
        <Text className={`ev__btn ev-edit__publish ${saving.busy ? 'ev__btn--busy' : ''}`} onClick={() => void submit(true)}>{saving.busy ? '保存中…' : id ? '保存修改' : '发布活动'}</Text>
        {!id ? <Text className='ev__btn ev__btn--ghost ev-edit__draft' onClick={() => void submit(false)}>存为草稿</Text> : null}
        {a ? <ActivityActions className='ev-edit__activity-actions' activity={a} onDone={onActed} /> : null}
      </View>
    </PageShell>
  )
}
