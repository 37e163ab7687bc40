import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { pickPhotos } from '../../../lib/media'
import { View, Text, Button, Input } from '@tarojs/components'
import { foldSceneInput, TICKET_MAX_PHOTOS, type TicketAction } from '@linli/domain'
import ActionBar from '../../../components/ActionBar'
import { errorMessage } from '../../../lib/errors'
import { actOnTicket, uploadPhoto } from '../api/tickets'
import { ASK_ON, askSubscribe, primeTemplates } from '../../notifications/subscribe'
import { checkInProof, findMergeTarget } from '../hooks/ticket-inputs'
import type { GridWorkerOption, TicketDetail, TicketListItem } from '../types'
import RatingStars from './RatingStars'
import WorkerPicker from './WorkerPicker'

const say = (title: string) => void Taro.showToast({ title, icon: 'none' })

/**
 * 办理: the server's `actions` for this viewer, through the ActionBar, with the controls some moves need — a scan or
 * the location to check in, after-photos to resolve, stars to rate, a worker to dispatch or reassign to, a target to
 * merge into. One note box serves every move (required by those that need a reason).
 */
export default function TicketActions({ ticket: t, onDone }: { ticket: TicketDetail; onDone: (next: TicketDetail) => void }) {
  const [rating, setRating] = useState(0)
  const [photoIds, setPhotoIds] = useState<number[]>([])
  const [worker, setWorker] = useState<GridWorkerOption | null>(null)
  const [typedCode, setTypedCode] = useState('')
  const mergeTarget = useRef<TicketListItem | null>(null)
  const offers = (a: TicketAction) => t.actions.some((x) => x.action === a)
  if (offers('sign')) void primeTemplates()

  const addAfterPhoto = async () => {
    try {
      const res = { tempFilePaths: await pickPhotos({ count: TICKET_MAX_PHOTOS - photoIds.length }) }
      for (const p of res.tempFilePaths) {
        const v = await uploadPhoto(p)
        setPhotoIds((prev) => [...prev, v.id])
      }
    } catch (err) {
      // The picker rejects when it is dismissed: nothing to say then.
      if (err && (err as { statusCode?: number }).statusCode) say(errorMessage(err))
    }
  }

  const placeholder = offers('resolve') ? '办结情况 / 退回理由' : offers('rate') ? '评价（选填）/ 重新打开的理由' : '说明或理由'

  return (
    <ActionBar<TicketAction, TicketDetail>
      actions={t.actions}
      onAct={(action, input) => actOnTicket(t.id, action, input)}
      onDone={(next) => {
        setPhotoIds([])
        setRating(0)
        setWorker(null)
        onDone(next)
      }}
      note={{ placeholder }}
      // 签收: the grid worker is asked about new dispatches and overdue reminders inside the tap itself.
      onTap={(a) => void (a.action === 'sign' && askSubscribe(ASK_ON.task))}
      reasonName={{ resolve: '办结情况' }}
      render={{
        check_in: (a, bar) => (
          <>
            <View className='svc-row svc-typed-scene'>
              <Input
                className='svc-input svc-checkin-code'
                placeholder='扫不了码？输入点位贴纸上的编码'
                value={typedCode}
                onInput={(e) => setTypedCode(e.detail.value)}
                onConfirm={(e) => {
                  const scene = foldSceneInput(e.detail.value)
                  if (scene) bar.run(a, { scene })
                }}
              />
              <Button
                className='btn btn--ghost btn--small svc-typed-scene__ok svc-checkin-ok'
                onClick={() => {
                  const scene = foldSceneInput(typedCode)
                  if (scene) bar.run(a, { scene })
                  else say('请输入点位贴纸上的编码')
                }}
              >
                确定
              </Button>
            </View>
            {bar.button(a, checkInProof, { label: '扫码打卡' })}
          </>
        ),
        resolve: (a, bar) => (
          <>
            <View className='svc-row'>
              <Button className='btn btn--ghost btn--small' onClick={addAfterPhoto}>添加处置后照片</Button>
              <Text className='muted'>已上传 {photoIds.length} 张</Text>
            </View>
            {bar.button(a, () => ({ photoIds }))}
          </>
        ),
        rate: (a, bar) => (
          <>
            <RatingStars value={rating} onChange={setRating} />
            {/* The note box is the comment here; `note` itself is for a reason, which rating has none of. */}
            {bar.button(a, () => (rating ? { rating, comment: bar.note.trim() || undefined, note: undefined } : (say('请选择星级'), null)))}
          </>
        ),
        // A reopened ticket keeps its worker; otherwise staff pick one of the community's grid workers, or leave it
        // to the grid's worker on duty (the server refuses when there is none).
        dispatch: (a, bar) =>
          t.assignee
            ? undefined
            : (
                <>
                  <WorkerPicker ticketId={t.id} value={worker?.id ?? null} onChange={setWorker} noneLabel={t.grid.id ? `派给${t.grid.name}的在岗网格员` : undefined} />
                  {bar.button(a, () => (worker ? { workerId: worker.id } : t.grid.id ? {} : (say('请选择网格员'), null)), { label: worker ? `派给${worker.name}` : a.label })}
                </>
              ),
        reassign: (a, bar) => (
          <>
            <WorkerPicker ticketId={t.id} value={worker?.id ?? null} onChange={setWorker} />
            {bar.button(a, () => (worker ? { workerId: worker.id } : (say('请先选择改派的网格员'), null)), { label: worker ? `改派给${worker.name}` : a.label })}
          </>
        ),
        // The table asks nothing before 重新打开; a resident's reopen sends the matter back to work, so ask here.
        reopen: (a, bar) => bar.button(a, undefined, { confirm: a.confirm ?? '重新打开后，社区会重新派人处理，你写的理由会告诉他们。确定重新打开吗？' }),
        merge: (a, bar) =>
          bar.button(
            a,
            async () => {
              mergeTarget.current = await findMergeTarget(t.id)
              return mergeTarget.current ? { targetId: mergeTarget.current.id } : null
            },
            { confirm: () => `合并到 ${mergeTarget.current?.number}：${mergeTarget.current?.description}\n${a.confirm ?? ''}` },
          ),
      }}
    />
  )
}
