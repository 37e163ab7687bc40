import type { ActivityAction } from '@linli/domain'
import ActionBar from '../../../components/ActionBar'
import { actOnActivity } from '../api/activities'
import type { ActivityDetail } from '../types'

interface Props {
  activity: Pick<ActivityDetail, 'id' | 'actions'>
  onDone: (detail: ActivityDetail) => void
  className?: string
}

/** Staff's buttons for the activity (发布, 取消活动 with its reason), exactly the server's `actions`. */
export default function ActivityActions({ activity, onDone, className }: Props) {
  return (
    <ActionBar<ActivityAction, ActivityDetail>
      className={className}
      actions={activity.actions}
      onAct={(action, input) => actOnActivity(activity.id, action, input)}
      onDone={onDone}
      reasonName={{ cancel: '取消原因' }}
    />
  )
}
