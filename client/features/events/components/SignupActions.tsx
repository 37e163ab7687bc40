import type { SignupAction } from '@linli/domain'
import ActionBar from '../../../components/ActionBar'
import { actOnSignup } from '../api/signups'
import type { ActivityDetail, SignupView } from '../types'

interface Props {
  signup: Pick<SignupView, 'id' | 'actions'>
  /** The activity as the server returned it after the move. */
  onDone: (detail: ActivityDetail) => void
  className?: string
}

/** The buttons of one sign-up (取消报名 / 取消候补, 放弃名额, 签退), exactly the server's `actions`. */
export default function SignupActions({ signup, onDone, className }: Props) {
  return (
    <ActionBar<SignupAction, ActivityDetail>
      className={className}
      actions={signup.actions}
      onAct={(action) => actOnSignup(signup.id, action)}
      onDone={onDone}
    />
  )
}
