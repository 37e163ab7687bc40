import { fetchTemplates, saveSubscriptions } from './api/subscriptions'
import { isSignedIn } from '../../stores/session'
import { CAN_SUBSCRIBE, requestSubscribe } from './platform/subscribe'

/** Purposes the server sends (server/src/modules/notifications/templates.ts). */
export type SubscribePurpose =
  | 'ticket_progress'
  | 'task_assigned'
  | 'ticket_overdue'
  | 'wish_claim_reminder'
  | 'wish_confirmed'
  | 'event_signup'
  | 'event_promoted'
  | 'event_reminder'
  | 'event_cancelled'
  | 'invite_accepted'

/** WeChat shows at most three templates in one dialog. */
export const MAX_PER_REQUEST = 3

let cache: Record<string, string> | null = null
let loading: Promise<Record<string, string> | null> | null = null

/**
 * Fetches the template ids by purpose ahead of the tap (on page load): the tap itself may not wait for a request.
 * Safe to call often; a failure is retried on the next call.
 */
export function primeTemplates(): Promise<Record<string, string> | null> {
  if (!CAN_SUBSCRIBE || !isSignedIn()) return Promise.resolve(null)
  if (cache) return Promise.resolve(cache)
  if (!loading) {
    loading = fetchTemplates()
      .then((t) => (cache = t))
      .catch(() => null)
      .finally(() => (loading = null))
  }
  return loading
}

/** The template ids for these purposes that are known now (no waiting), at most three. */
export function templateIdsFor(purposes: readonly SubscribePurpose[]): string[] {
  if (!cache) return []
  return [...new Set(purposes.map((p) => cache![p]).filter((id): id is string => !!id))].slice(0, MAX_PER_REQUEST)
}

/**
 * Call FIRST in a tap handler, before any await: asks WeChat for the templates these purposes use, then records the
 * accepted ones with the server (one accept, one message). Never throws and never delays the action it precedes.
 */
export function askSubscribe(purposes: readonly SubscribePurpose[]): Promise<string[]> {
  const ids = templateIdsFor(purposes)
  if (!ids.length) {
    void primeTemplates()
    return Promise.resolve([])
  }
  return requestSubscribe(ids).then(async (accepted) => {
    if (accepted.length) {
      try {
        await saveSubscriptions(accepted)
      } catch {
        return []
      }
    }
    return accepted
  })
}

/** For tests: forget the cached ids. */
export function resetTemplateCache() {
  cache = null
}

/** What each tap asks for (at most three each). */
export const ASK_ON = {
  /** 提交 a matter, and 同问 */
  file: ['ticket_progress'],
  /** 认领 a wish: the reminder before the claim runs out, its expiry, and the thank-you */
  claim: ['wish_claim_reminder', 'wish_confirmed'],
  /** 报名 / 加入候补 */
  signUp: ['event_signup', 'event_promoted', 'event_reminder'],
  /** a grid worker 签收 a matter, or turns on 新派单提醒 */
  task: ['task_assigned', 'ticket_overdue'],
  /** 生成邀请: told when the person invited accepts */
  invite: ['invite_accepted'],
} as const satisfies Record<string, readonly SubscribePurpose[]>

/** What 消息提醒 calls each purpose, and when it arrives. */
export const PURPOSE_LABELS: Record<SubscribePurpose, { title: string; hint: string }> = {
  ticket_progress: { title: '办理进度', hint: '你反映或同问的问题有进展时' },
  task_assigned: { title: '新派单提醒', hint: '有工单派给你或改派给你时（网格员）' },
  ticket_overdue: { title: '超时提醒', hint: '你手上的工单超过时限时（网格员）' },
  wish_claim_reminder: { title: '认领到期提醒', hint: '认领的心愿快到期或已超时时' },
  wish_confirmed: { title: '圆梦确认', hint: '你完成的心愿被确认时' },
  event_signup: { title: '报名结果', hint: '报名成功或进入候补时' },
  event_promoted: { title: '候补递补', hint: '有人取消、你从候补转为正式报名时' },
  event_reminder: { title: '活动提醒', hint: '活动开始前 24 小时和 1 小时' },
  event_cancelled: { title: '活动取消', hint: '你报名的活动取消时' },
  invite_accepted: { title: '邀请已接受', hint: '你发出的邀请被接受时（工作人员）' },
}
