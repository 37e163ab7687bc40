import { canTransition, SIGNUP_INITIAL_STATUS, SIGNUP_TRANSITIONS } from '@linli/domain'
import type { ActivityCard, ActivityDetail, CheckinResult, SignupView } from './types'

/** The seats line of an activity card. */
export function seatsText(a: ActivityCard): string {
  if (a.status === 'cancelled') return '活动已取消'
  if (a.ended) return '活动已结束'
  if (a.remaining > 0) return `剩余 ${a.remaining} 个名额`
  return a.waitlistCount > 0 ? `名额已满 · ${a.waitlistCount} 人候补` : '名额已满，可候补'
}

/** 候补第 n 位 while waiting; otherwise the status, marked when the seat came from the waiting list. */
export function signupStatusText(s: SignupView): string {
  if (s.waitlistPosition !== null) return `候补第 ${s.waitlistPosition} 位`
  return `${s.statusLabel}${s.promoted && s.status === SIGNUP_INITIAL_STATUS.seated ? '（候补转正）' : ''}`
}

/** 我的签到码 is worth showing while staff can still scan it: to check in, or (timed activities) out. */
export function codeStillUseful(s: SignupView): boolean {
  return canTransition(SIGNUP_TRANSITIONS, s.status, 'check_in') || canTransition(SIGNUP_TRANSITIONS, s.status, 'check_out')
}

/** The headline of a scan's result. */
export function checkinHeadline(r: CheckinResult): string {
  if (r.result === 'checked_in') return '签到成功'
  if (r.result === 'checked_out') return '签退成功'
  return r.message
}

/** Published and not over, but outside the sign-up window (not open yet, or closed). */
export function waitingForWindow(a: ActivityCard): boolean {
  return !a.signupOpen && a.status === 'published' && !a.ended
}

/** Staff see the printable check-in code until the activity is cancelled. */
export function checkinCodeShown(a: ActivityDetail): boolean {
  return a.canManage && !!a.scene && a.status !== 'cancelled'
}
