import type { Answers, SignupAction } from '@linli/domain'
import { get, post } from '../../../lib/request'
import { withQuery } from '../../../lib/routes'
import type { ActivityDetail, MyActivitiesPage, ProxySignupPage, ProxySignupView, SignupView } from '../types'

/** One key per tap on 报名, reused by the request layer's retry, so a flaky network never signs up twice. */
export const signUp = (activityId: number | string, answers: Answers) =>
  post<SignupView>(`/api/events/${activityId}/signups`, { answers }, { idempotent: true })

/**
 * 取消报名 / 取消候补 / 放弃名额 / 签退; the answer is the sign-up's activity as the viewer now sees it. The body is
 * `{}` even with nothing to say: on H5 a JSON POST without a body is refused by the server's parser (400).
 */
export const actOnSignup = (signupId: string, action: SignupAction) => post<ActivityDetail>(`/api/signups/${signupId}/actions/${action}`, {})

export const fetchMine = (cursor: string | null) => get<MyActivitiesPage>(withQuery('/api/events/mine', { cursor }))

/** A grid worker signs up an elder by name and phone; one key per tap, so a retry never signs them up twice. */
export const proxySignUp = (activityId: number | string, body: { name: string; phone: string; answers: Answers }) =>
  post<ProxySignupView>(`/api/events/${activityId}/proxy-signups`, body, { idempotent: true })

/** The people I signed up by proxy for this activity (staff: everyone's). */
export const fetchProxySignups = (activityId: number | string, cursor: string | null) =>
  get<ProxySignupPage>(withQuery(`/api/events/${activityId}/proxy-signups`, { cursor }))
