import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Button, Image, Input, Textarea } from '@tarojs/components'
import { ROLE_LABELS, TICKET_ACTION_LABELS, TICKET_MAX_PHOTOS, type TicketAction } from '@linli/domain'
import PageShell from '../../../../components/PageShell'
import Card from '../../../../components/Card'
import Tag from '../../../../components/Tag'
import StatusView from '../../../../components/StatusView'
import { useRemote } from '../../../../hooks/useRemote'
import { actOnTicket, followTicket, getTicket, listWorkers, reassignTicket, revealPhone, staffQueue, uploadPhoto, type ActionInput } from '../../../../features/service/api/tickets'
import type { TicketDetail } from '../../../../features/service/types'
import { errorMessage } from '../../../../lib/request'
import { sceneFromScan } from '../../../../lib/scene'
import '../service.scss'

const ACTOR: Record<string, string> = { ...ROLE_LABELS, system: '系统', open311: '外部渠道' }

function fmt(iso: string) {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString()
  return `${d.slice(5, 10)} ${d.slice(11, 16)}`
}

/** One page for everyone: the buttons come from the transition table via `availableActions`. */
export default function TicketDetailPage() {
  const router = useRouter()
  const id = Number(router.params?.id)
  const remote = useRemote<TicketDetail>(() => getTicket(id), [id], id > 0)
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState('')
  const [rating, setRating] = useState(0)
  const [photoIds, setPhotoIds] = useState<number[]>([])
  const [phone, setPhone] = useState<string | null>(null)
  const [override, setOverride] = useState<TicketDetail | null>(null)
  const t = override && remote.data && override.id === remote.data.id ? override : remote.data

  const run = async (work: () => Promise<TicketDetail>, done: string) => {
    if (busy) return
    setBusy(true)
    try {
      const next = await work()
      setOverride(next)
      setNote('')
      setPhotoIds([])
      Taro.showToast({ title: done, icon: 'success' })
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  const act = (action: TicketAction, input: ActionInput = {}) => run(() => actOnTicket(id, action, input), `已${TICKET_ACTION_LABELS[action]}`)

  const needsNote: TicketAction[] = ['reject', 'return', 'reopen', 'resolve']

  const onAction = async (action: TicketAction) => {
    if (needsNote.includes(action) && !note.trim()) {
      Taro.showToast({ title: action === 'resolve' ? '请先填写办结情况' : '请先填写理由', icon: 'none' })
      return
    }
    if (action === 'rate') {
      if (!rating) return void Taro.showToast({ title: '请选择星级', icon: 'none' })
      return act('rate', { rating, comment: note.trim() || undefined })
    }
    if (action === 'check_in') {
      try {
        const res = await Taro.scanCode({ onlyFromCamera: true })
        const scene = sceneFromScan(res)
        if (!scene) return void Taro.showToast({ title: '这不是邻里的点位码', icon: 'none' })
        return act('check_in', { scene })
      } catch {
        // No camera (H5) or cancelled: fall back to location.
        try {
          const loc = await Taro.getLocation({ type: 'gcj02' })
          return act('check_in', { lat: loc.latitude, lng: loc.longitude })
        } catch {
          return void Taro.showToast({ title: '请扫点位码打卡', icon: 'none' })
        }
      }
    }
    if (action === 'merge') {
      const res = await Taro.showModal({ title: '合并到工单', editable: true, placeholderText: '输入目标工单编号或关键词' } as any)
      if (!res.confirm || !(res as any).content) return
      const found = await staffQueue({ q: String((res as any).content) }).catch(() => null)
      const target = found?.items.find((x) => x.id !== id)
      if (!target) return void Taro.showToast({ title: '没有找到可合并的工单', icon: 'none' })
      const ok = await Taro.showModal({ title: '确认合并', content: `合并到 ${target.number}：${target.description}` })
      if (ok.confirm) return act('merge', { targetId: target.id })
      return
    }
    if (action === 'dispatch' && t && !t.assignee) {
      const workerId = await pickWorker()
      if (workerId === undefined) return
      return act('dispatch', { workerId: workerId ?? undefined, note: note.trim() || undefined })
    }
    return act(action, { note: note.trim() || undefined, photoIds: action === 'resolve' ? photoIds : undefined })
  }

  const pickWorker = async (): Promise<number | null | undefined> => {
    const workers = await listWorkers().catch(() => [])
    if (!workers.length) return null
    try {
      const res = await Taro.showActionSheet({ itemList: workers.slice(0, 6).map((w) => `${w.name}${w.grids.length ? `（${w.grids.join('、')}）` : ''}`) })
      return workers[res.tapIndex].id
    } catch {
      return undefined
    }
  }

  const reassign = async () => {
    const workerId = await pickWorker()
    if (workerId) await run(() => reassignTicket(id, workerId, note.trim() || undefined), '已改派')
  }

  const addAfterPhoto = async () => {
    try {
      const res = await Taro.chooseImage({ count: TICKET_MAX_PHOTOS - photoIds.length, sizeType: ['compressed'] })
      for (const p of res.tempFilePaths) {
        const v = await uploadPhoto(p)
        setPhotoIds((prev) => [...prev, v.id])
      }
    } catch (err) {
      if (err && (err as any).statusCode) Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
  }

  if (!(id > 0)) return <PageShell><StatusView status='error' message='工单不存在' /></PageShell>
  if (remote.loading && !t) return <PageShell><StatusView status='loading' rows={3} /></PageShell>
  if (remote.error && !t) return <PageShell><StatusView status='error' message={remote.errorText} onRetry={remote.reload} /></PageShell>
  if (!t) return <PageShell><StatusView status='loading' /></PageShell>

  const actions = t.availableActions
  return (
    <PageShell className='svc-detail'>
      <Card title={<Text>{t.category?.icon} {t.category?.name}</Text>} extra={<Tag tone={t.overdue ? 'warning' : 'primary'}>{t.overdue ? '已超时' : t.statusLabel}</Tag>}>
        <Text className='svc-item__no'>{t.number}</Text>
        <Text className='svc-item__desc'>{t.description}</Text>
        <Text className='muted'>{t.community.name} · {t.point.name}{t.point.address ? ` · ${t.point.address}` : ''}</Text>
        <Text className='muted'> 同问 {t.followerCount}</Text>
        {t.photos.length ? (
          <View className='svc-photos'>
            {t.photos.map((p) => (
              <View key={p.id} className='svc-photo' onClick={() => Taro.previewImage({ urls: t.photos.map((x) => x.url), current: p.url })}>
                <Image src={p.thumbUrl} mode='aspectFill' />
              </View>
            ))}
          </View>
        ) : null}
        {t.mergedInto ? <Text className='muted'>已合并到 {t.mergedInto.number}</Text> : null}
        {t.canFollow ? <Button className='btn btn--ghost' onClick={() => run(() => followTicket(id), '已同问')}>我也遇到（同问）</Button> : null}
      </Card>

      {t.contact ? (
        <Card title='反映人'>
          <View className='svc-row'>
            <Text>{t.requesterName ?? t.contact.name}{t.anonymous ? '（匿名）' : ''}</Text>
            <Text>{phone ?? t.contact.phone}</Text>
          </View>
          {t.contact.canReveal && !phone ? (
            <Button className='btn btn--ghost btn--small' onClick={async () => setPhone((await revealPhone(id).catch(() => ({ phone: null }))).phone)}>查看完整号码</Button>
          ) : null}
          {phone ? <Button className='btn btn--ghost btn--small' onClick={() => Taro.makePhoneCall({ phoneNumber: phone })}>拨打</Button> : null}
          {t.assignee ? <Text className='muted'>承办网格员：{t.assignee.name}</Text> : null}
          {t.dueAt ? <Text className='muted'> 处置时限：{fmt(t.dueAt)}</Text> : null}
          {t.point.lat !== null && t.point.lng !== null ? (
            <Button className='btn btn--ghost btn--small' onClick={() => Taro.openLocation({ latitude: t.point.lat!, longitude: t.point.lng!, name: t.point.name, address: t.point.address ?? '' })}>导航到点位</Button>
          ) : null}
        </Card>
      ) : (
        <Card title='公开信息'>
          <Text className='muted'>反映人：{t.requesterName ?? '匿名'}</Text>
        </Card>
      )}

      {actions.length || t.canReassign ? (
        <Card title='办理'>
          {actions.includes('rate') ? (
            <View className='svc-stars'>
              {[1, 2, 3, 4, 5].map((n) => (
                <Text key={n} className={`svc-star ${n <= rating ? 'svc-star--on' : ''}`} onClick={() => setRating(n)} aria-label={`${n} 星`}>★</Text>
              ))}
            </View>
          ) : null}
          <Textarea className='svc-textarea' value={note} maxlength={1000} placeholder={actions.includes('resolve') ? '办结情况 / 退回理由' : actions.includes('rate') ? '评价（选填）/ 重新打开的理由' : '说明或理由'} onInput={(e) => setNote(e.detail.value)} />
          {actions.includes('resolve') ? (
            <View className='svc-row'>
              <Button className='btn btn--ghost btn--small' onClick={addAfterPhoto}>添加处置后照片</Button>
              <Text className='muted'>已上传 {photoIds.length} 张</Text>
            </View>
          ) : null}
          {actions.includes('check_in') ? (
            <Input
              className='svc-input svc-checkin-code'
              placeholder='扫不了码？输入点位贴纸上的编码后按回车打卡'
              onConfirm={(e) => e.detail.value.trim() && act('check_in', { scene: e.detail.value.trim() })}
            />
          ) : null}
          <View className='svc-actions'>
            {actions.map((a) => (
              <Button key={a} className={`btn ${a === 'reject' || a === 'return' || a === 'reopen' ? 'btn--ghost' : 'btn--primary'}`} disabled={busy} onClick={() => onAction(a)}>
                {a === 'check_in' ? '扫码打卡' : TICKET_ACTION_LABELS[a]}
              </Button>
            ))}
            {t.canReassign ? <Button className='btn btn--ghost' disabled={busy} onClick={reassign}>改派</Button> : null}
          </View>
        </Card>
      ) : null}

      {t.rating ? (
        <Card title='评价'>
          <Text>{'★'.repeat(t.rating)}{'☆'.repeat(5 - t.rating)}</Text>
          {t.ratingComment ? <Text className='svc-event__note'>{t.ratingComment}</Text> : null}
        </Card>
      ) : null}

      <Card title='办理进度'>
        <View className='svc-timeline'>
          {t.timeline.map((e) => (
            <View key={e.id} className='svc-event'>
              <Text className='svc-event__title'>{e.label}</Text>
              <Text className='svc-event__time'>{fmt(e.at)} · {ACTOR[e.actorRole] ?? e.actorRole}</Text>
              {e.note ? <Text className='svc-event__note'>{e.note}</Text> : null}
              {e.photos.length ? (
                <View className='svc-photos'>
                  {e.photos.map((p) => (
                    <View key={p.id} className='svc-photo' onClick={() => Taro.previewImage({ urls: e.photos.map((x) => x.url), current: p.url })}>
                      <Image src={p.thumbUrl} mode='aspectFill' />
                    </View>
                  ))}
                </View>
              ) : null}
            </View>
          ))}
        </View>
      </Card>
    </PageShell>
  )
}
