import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { pickPhotos } from '../../../../lib/media'
import { View, Text, Button, Input, Textarea, Switch, Image } from '@tarojs/components'
import { checkTicketAttributes, CN_MOBILE, foldSceneInput, LIMITS, textLength, TICKET_MAX_PHOTOS, type ResolvedScene } from '@linli/domain'
import PageShell from '../../../../components/PageShell'
import Card from '../../../../components/Card'
import StatusView from '../../../../components/StatusView'
import { useRemote } from '../../../../hooks/useRemote'
import { resolveScene } from '../../../../features/places/api/resolve-scene'
import { followTicket, listCategories, openTicketsAt, submitTicket, uploadPhoto } from '../../../../features/service/api/tickets'
import type { Category, TicketListItem } from '../../../../features/service/types'
import TicketQuestions, { type Answers } from '../../../../features/service/components/TicketQuestions'
import { useAction } from '../../../../hooks/useAction'
import { ApiError, errorMessage, fieldErrors } from '../../../../lib/errors'
import { decodeScene, sceneFromScan } from '../../../../lib/scene'
import { link, ROUTES } from '../../../../lib/routes'
import { clearDraft, draftKey, loadDraft, saveDraft } from '../../../../lib/draft'
import { goToLogin } from '../../../../lib/session-gate'
import { useSession } from '../../../../stores/session'
import { ASK_ON, askSubscribe, primeTemplates } from '../../../../features/notifications/subscribe'
import { toastDone } from '../../../../lib/toast'
import '../service.scss'
import { ChipGroup } from '../../../../components/Chip'
import { labelled } from '../../../../lib/a11y'

interface LocalPhoto {
  path: string
  id?: number
  progress: number
  failed?: boolean
}

/** What is kept while the resident goes to 登录 or reloads the page: everything typed, and the photos already uploaded. */
interface Draft {
  scene: string | null
  categoryId: number | null
  description: string
  photos: LocalPhoto[]
  contactName: string
  contactPhone: string
  otherPhone: boolean
  anonymous: boolean
  answers: Answers
}

/** What this form calls the server's fields, for its error texts. */
const LABELS = {
  scene: '地点',
  pointId: '地点',
  categoryId: '问题分类',
  description: '问题描述',
  photoIds: '照片',
  contactName: '联系人',
  contactPhone: '手机号',
  anonymous: '匿名反映',
  attributes: '补充信息',
}
const MAX_DESCRIPTION = LIMITS.ticket.description

export default function NewTicketPage() {
  const router = useRouter()
  const routeScene = decodeScene(router.params?.scene)
  // Keyed by the page and the scene it was opened with: a reload of the ?scene= URL, or the way back from 登录, finds it.
  const [key] = useState(() => draftKey(ROUTES.serviceNew, routeScene))
  const [draft] = useState(() => loadDraft<Draft>(key))
  const [scene, setScene] = useState<string | null>(draft?.scene ?? routeScene)
  const [typedScene, setTypedScene] = useState('')
  const user = useSession((s) => s.user)
  const token = useSession((s) => s.token)
  const cats = useRemote<Category[]>(() => listCategories(), [])
  const place = useRemote<ResolvedScene>(() => resolveScene(scene as string), [scene], !!scene)
  // Who else reported here needs a session: signed out it is simply not shown (a 401 here leads nowhere), and it
  // is asked again once the resident has logged in.
  if (token) void primeTemplates()
  const open = useRemote<TicketListItem[]>(() => openTicketsAt(scene as string), [scene, token], !!scene)
  const [categoryId, setCategoryId] = useState<number | null>(draft?.categoryId ?? (router.params?.categoryId ? Number(router.params.categoryId) : null))
  const [description, setDescription] = useState(draft?.description ?? '')
  // A photo still uploading when the page went away is lost; the uploaded ones come back.
  const [photos, setPhotos] = useState<LocalPhoto[]>(() => (draft?.photos ?? []).filter((p) => p.id))
  const [contactName, setContactName] = useState(draft?.contactName || user?.name || '')
  const [contactPhone, setContactPhone] = useState(draft?.contactPhone ?? '')
  // A bound phone is used as it is (the server has it); the resident types one only to give another number.
  const [otherPhone, setOtherPhone] = useState(draft?.otherPhone ?? false)
  const usesBoundPhone = !!user?.phone && !otherPhone
  const [anonymous, setAnonymous] = useState(draft?.anonymous ?? false)
  const [answers, setAnswers] = useState<Answers>(draft?.answers ?? {})
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [submitting, setSubmitting] = useState(false)

  useEffect(() => {
    // Fills the name when the session arrives, unless the resident has typed one meanwhile.
    const name = user?.name
    if (name) setContactName((typed) => typed || name)
  }, [user?.name])

  useEffect(() => {
    saveDraft<Draft>(key, { scene, categoryId, description, photos: photos.filter((p) => p.id), contactName, contactPhone, otherPhone, anonymous, answers })
  }, [key, scene, categoryId, description, photos, contactName, contactPhone, otherPhone, anonymous, answers])

  /** Signed out: to 登录 and back here, with the draft above giving the form back. */
  const askToLogin = () => {
    Taro.showToast({ title: '请先登录，填写的内容会保留', icon: 'none' })
    goToLogin()
  }

  const typeScene = (value: string) => {
    const s = foldSceneInput(value)
    if (!s) {
      setErrors((e) => ({ ...e, scene: '请输入贴纸上的点位码' }))
      return
    }
    setScene(s)
  }

  const category = cats.data?.find((c) => c.id === categoryId) ?? null
  const uploading = photos.some((p) => !p.id && !p.failed)

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: false })
      const s = sceneFromScan(res)
      if (s) setScene(s)
      else Taro.showToast({ title: '这不是邻里的点位码', icon: 'none' })
    } catch {
      /* cancelled */
    }
  }

  const addPhotos = async () => {
    if (!token) {
      askToLogin()
      return
    }
    let res: { tempFilePaths: string[] }
    try {
      res = { tempFilePaths: await pickPhotos({ count: TICKET_MAX_PHOTOS - photos.length, sourceType: ['camera', 'album'] }) }
    } catch {
      return
    }
    const added = res.tempFilePaths.slice(0, TICKET_MAX_PHOTOS - photos.length).map((path) => ({ path, progress: 0 }))
    setPhotos((prev) => [...prev, ...added])
    for (const p of added) {
      try {
        const view = await uploadPhoto(p.path, (progress) => setPhotos((prev) => prev.map((x) => (x.path === p.path ? { ...x, progress } : x))))
        setPhotos((prev) => prev.map((x) => (x.path === p.path ? { ...x, id: view.id, progress: 100 } : x)))
      } catch (err) {
        setPhotos((prev) => prev.map((x) => (x.path === p.path ? { ...x, failed: true } : x)))
        Taro.showToast({ title: errorMessage(err), icon: 'none' })
      }
    }
  }

  const removePhoto = (path: string) => setPhotos((prev) => prev.filter((p) => p.path !== path))

  const follow = useAction()
  const meToo = async (t: TicketListItem) => {
    // First, before any await: WeChat shows the subscribe dialog only inside the tap.
    void askSubscribe(ASK_ON.file)
    const followed = await follow.run(() => followTicket(t.id), { success: '已同问，进展会通知你' })
    if (followed) void Taro.redirectTo({ url: link('serviceDetail', { id: t.id }) })
  }

  const validate = () => {
    const e: Record<string, string> = {}
    if (!scene) e.scene = '请扫点位码或输入点位码'
    if (!categoryId) e.categoryId = '请选择分类'
    if (!description.trim()) e.description = '请描述遇到的问题'
    else if (textLength(description) > MAX_DESCRIPTION) e.description = `问题描述最多 ${MAX_DESCRIPTION} 字`
    if (!contactName.trim()) e.contactName = '请填写联系人'
    if (!usesBoundPhone && !CN_MOBILE.test(contactPhone)) e.contactPhone = '请填写 11 位手机号'
    // The category's own questions, with the rules the server applies.
    if (category) for (const [code, m] of Object.entries(checkTicketAttributes(category.attributes, answers).problems)) e[`attributes.${code}`] = m
    setErrors(e)
    return Object.keys(e).length === 0
  }

  const submit = async () => {
    if (submitting || uploading || !validate()) return
    if (!token) {
      askToLogin()
      return
    }
    // First, before any await: WeChat shows the subscribe dialog only inside the tap.
    void askSubscribe(ASK_ON.file)
    setSubmitting(true)
    try {
      const t = await submitTicket({
        // The point's own code once resolved: a typed `HY2－B12` is sent as the server has it.
        scene: place.data?.scene ?? scene!,
        categoryId: categoryId!,
        description: description.trim(),
        photoIds: photos.filter((p) => p.id).map((p) => p.id!),
        contactName: contactName.trim(),
        contactPhone: usesBoundPhone ? undefined : contactPhone,
        anonymous,
        attributes: category ? checkTicketAttributes(category.attributes, answers).cleaned : {},
      })
      clearDraft(key)
      // The number shows whole (toastDone drops the tick past 7 characters); the result page says what comes next.
      toastDone(`已提交，编号 ${t.number}`)
      Taro.redirectTo({ url: link('serviceFiled', { id: t.id }) })
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length) setErrors(fieldErrors(err.fields, LABELS))
      Taro.showToast({ title: errorMessage(err, LABELS), icon: 'none' })
    } finally {
      setSubmitting(false)
    }
  }

  const others = (open.data ?? []).filter((t) => !t.isMine)

  return (
    <PageShell className='svc-new'>
      <Card title='地点'>
        {!scene ? (
          <View>
            <Button className='btn btn--primary' onClick={scan}>扫点位码</Button>
            <View className='svc-row svc-typed-scene'>
              <Input className='svc-input' placeholder='或输入贴纸上的点位码' value={typedScene} onInput={(e) => setTypedScene(e.detail.value)} onConfirm={(e) => typeScene(e.detail.value)} />
              <Button className='btn btn--ghost btn--small svc-typed-scene__ok' onClick={() => typeScene(typedScene)}>确定</Button>
            </View>
            {errors.scene ? <Text className='svc-error'>{errors.scene}</Text> : null}
          </View>
        ) : place.loading && !place.data ? (
          <StatusView status='loading' rows={1} />
        ) : place.error ? (
          <StatusView status='error' message={place.errorText} onRetry={place.reload} />
        ) : place.data ? (
          <View>
            <Text className='svc-new__point'>{place.data.point.name}</Text>
            <Text className='muted'> {place.data.community.name} · {place.data.grid.name}</Text>
          </View>
        ) : null}
      </Card>

      {others.length ? (
        <Card title={`这里已有 ${others.length} 件问题在处理`}>
          {others.map((t) => (
            <View key={t.id} className='svc-metoo'>
              <Text className='svc-metoo__desc'>{t.category?.icon} {t.description}</Text>
              <View className='svc-row'>
                <Text className='svc-metoo__meta'>{t.statusLabel} · 同问 {t.followerCount}</Text>
                {t.following ? <Text className='muted'>已同问</Text> : <Button className='btn btn--ghost btn--small' onClick={() => meToo(t)}>我也遇到</Button>}
              </View>
            </View>
          ))}
        </Card>
      ) : null}

      <Card title='问题分类'>
        {cats.error ? (
          <StatusView status='error' message={cats.errorText} onRetry={cats.reload} />
        ) : (
          <ChipGroup
            className='svc-chips'
            chipClassName='svc-chip'
            label='问题分类'
            options={(cats.data ?? []).map((c) => ({ value: c.id, label: `${c.icon} ${c.name}` }))}
            value={categoryId}
            onChange={(id) => {
              if (id === undefined) return
              // Answers belong to one category's questions.
              if (id !== categoryId) setAnswers({})
              setCategoryId(id)
            }}
          />
        )}
        {category ? <Text className='muted'>{category.hint}（{category.slaHours} 小时内处置）</Text> : null}
        {errors.categoryId ? <Text className='svc-error'>{errors.categoryId}</Text> : null}
        {category ? (
          <TicketQuestions
            questions={category.attributes}
            answers={answers}
            onChange={setAnswers}
            errors={Object.fromEntries(Object.entries(errors).filter(([k]) => k.startsWith('attributes.')).map(([k, m]) => [k.slice('attributes.'.length), m]))}
          />
        ) : null}
      </Card>

      <Card title='问题描述'>
        <Textarea className='svc-textarea' value={description} maxlength={MAX_DESCRIPTION} placeholder='请描述发生了什么、在哪里' aria-label='问题描述' onInput={(e) => setDescription(e.detail.value)} />
        <Text className={`svc-counter ${textLength(description) >= MAX_DESCRIPTION * 0.9 ? 'svc-counter--over' : ''}`} aria-live='polite'>
          {textLength(description)}/{MAX_DESCRIPTION}
        </Text>
        {errors.description ? <Text className='svc-error'>{errors.description}</Text> : null}
        <View className='svc-photos'>
          {photos.map((p) => (
            <View key={p.path} className='svc-photo' onLongPress={() => removePhoto(p.path)}>
              <Image src={p.path} mode='aspectFill' nativeProps={{ alt: '已选的照片' }} />
              {!p.id ? <Text className='svc-photo__progress'>{p.failed ? '上传失败' : `${p.progress}%`}</Text> : null}
            </View>
          ))}
          {photos.length < TICKET_MAX_PHOTOS ? (
            <View className='svc-photo svc-photo--add' onClick={addPhotos} aria-label='添加照片'>
              +
            </View>
          ) : null}
        </View>
        <Text className='muted'>最多 {TICKET_MAX_PHOTOS} 张，长按删除</Text>
      </Card>

      <Card title='联系方式'>
        <View className='svc-field'>
          <Text className='svc-label'>联系人</Text>
          <Input className='svc-input' value={contactName} maxlength={LIMITS.ticket.contactName} {...labelled('联系人')} onInput={(e) => setContactName(e.detail.value)} />
          {errors.contactName ? <Text className='svc-error'>{errors.contactName}</Text> : null}
        </View>
        <View className='svc-field'>
          <Text className='svc-label'>手机号（仅工作人员可见）</Text>
          {usesBoundPhone ? (
            <View className='svc-row svc-bound-phone'>
              <Text>{user?.phone}（已绑定）</Text>
              <Text className='svc-link' onClick={() => setOtherPhone(true)}>换一个号码</Text>
            </View>
          ) : (
            <Input className='svc-input' type='number' value={contactPhone} maxlength={11} {...labelled('手机号')} onInput={(e) => setContactPhone(e.detail.value)} />
          )}
          {errors.contactPhone ? <Text className='svc-error'>{errors.contactPhone}</Text> : null}
        </View>
        <View className='svc-row'>
          <Text>匿名反映（公开时不显示姓名）</Text>
          <Switch checked={anonymous} {...labelled('匿名反映')} onChange={(e) => setAnonymous(e.detail.value)} />
        </View>
      </Card>

      <Button className={`btn btn--primary svc-big ${submitting ? 'btn--busy' : ''}`} aria-busy={submitting ? 'true' : undefined} disabled={uploading} onClick={submit}>
        {uploading ? '照片上传中…' : '提交'}
      </Button>
    </PageShell>
  )
}
