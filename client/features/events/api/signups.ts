import type { Answers, SignupAction } from '@linli/domain'
import { get, post } from '../../../lib/request'
import { withQuery } from '../../../lib/routes'
import type { ActivityDetail, MyActivitiesPage, SignupView } from '../types'

/** One key per tap on 报名, reused by the request layer's retry, so a flaky network never signs up twice. */
export const signUp = (activityId: number | string, answers: Answers) =>
  post<SignupView>(`/api/events/${activityId}/signups`, { answers }, { idempotent: true })

/**
 * 取消报名 / 取消候补 / 放弃名额 / 签退; the answer is the sign-up's activity as the viewer now sees it. The body is
 * `{}` even with nothing to say: on H5 a JSON POST without a body is refused by the server's parser (400).
 */
export const actOnSignup = (signupId: string, action: SignupAction) => post<ActivityDetail>(`/api/signups/${signupId}/actions/${action}`, {})

export const fetchMine = (cursor: string | null) => get<MyActivitiesPage>(withQuery('/api/events/mine', { cursor }))
