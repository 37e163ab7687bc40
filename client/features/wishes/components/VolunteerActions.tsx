import type { WishAction } from '@linli/domain'
import ActionBar, { type ActionInput } from '../../../components/ActionBar'
import { actOnWish } from '../api/wish'
import { ASK_ON, askSubscribe, primeTemplates } from '../../notifications/subscribe'
import type { WishDetail } from '../types'
import ProofForm from './ProofForm'

interface Props {
  wish: Pick<WishDetail, 'id' | 'actions'>
  /** The wish as the server returned it after the move. */
  onDone: (detail: WishDetail) => void
  /** A refused move (someone was faster, claiming is paused…): the page shows why and reloads what changed. */
  onRefused?: (err: unknown) => void
  className?: string
}

const doneText = (action: WishAction, label: string) => (action === 'fulfil' ? '已提交，等待网格员确认' : `已${label}`)

/** The volunteer's buttons for one wish, from the server's `actions`; 上传圆梦凭证 opens the proof form. */
export default function VolunteerActions({ wish, onDone, onRefused, className }: Props) {
  void primeTemplates()
  const act = async (action: WishAction, input: ActionInput) => {
    try {
      return await actOnWish(wish.id, action, input)
    } catch (err) {
      onRefused?.(err)
      throw err
    }
  }
  return (
    <ActionBar<WishAction, WishDetail>
      className={className}
      actions={wish.actions}
      onAct={act}
      onDone={onDone}
      doneText={(a) => doneText(a.action, a.label)}
      // 认领: WeChat asks about the claim reminders only inside the tap itself.
      onTap={(a) => void (a.action === 'claim' && askSubscribe(ASK_ON.claim))}
      render={{ fulfil: (a, bar) => <ProofForm action={a} bar={bar} /> }}
    />
  )
}
