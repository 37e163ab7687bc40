import type { Role } from './roles';
import { ActionView, actionViews, TransitionTable } from './state-machine';
import { SHANGHAI_OFFSET_MS } from './time';

/** Flow C: 活动报名. Activities, sign-ups, waiting list, check-in. */

export const ACTIVITY_TYPES = ['party_lesson', 'lecture', 'volunteer_service', 'quiz', 'film_lesson', 'meal_delivery', 'other'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = {
  party_lesson: '党课',
  lecture: '宣讲',
  volunteer_service: '志愿服务',
  quiz: '知识竞赛',
  film_lesson: '电影党史课',
  meal_delivery: '送餐队',
  other: '其他',
};
/** Types where hours follow the time actually served (check-in and check-out); the rest credit fixed hours on check-in. */
export const TIMED_ACTIVITY_TYPES: readonly ActivityType[] = ['volunteer_service'];
export function needsCheckout(type: ActivityType): boolean {
  return TIMED_ACTIVITY_TYPES.includes(type);
}

export const ACTIVITY_STATUSES = ['draft', 'published', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, string> = { draft: '草稿', published: '已发布', cancelled: '已取消' };
export type ActivityAction = 'publish' | 'cancel';
/** An activity is made as a draft; publishing it (at once, or later) is a move of the table. */
export const ACTIVITY_INITIAL_STATUS = 'draft' satisfies ActivityStatus;
/** The moves of `POST /api/activities/:id/actions/:action`. */
export const ACTIVITY_ROUTE_ACTIONS = ['publish', 'cancel'] as const satisfies readonly ActivityAction[];
export const ACTIVITY_TRANSITIONS: TransitionTable<ActivityStatus, ActivityAction, Role> = {
  draft: {
    publish: { to: 'published', by: ['staff', 'admin'], label: '发布', tone: 'primary', confirm: '发布后居民就能看到并报名。确定发布吗？' },
    cancel: { to: 'cancelled', by: ['staff', 'admin'], label: '取消活动', needsReason: true, tone: 'danger', confirm: '取消后所有报名的人都会收到通知，且不能恢复。确定取消活动吗？' },
  },
  published: { cancel: { to: 'cancelled', by: ['staff', 'admin'], label: '取消活动', needsReason: true, tone: 'danger', confirm: '取消后所有报名的人都会收到通知，且不能恢复。确定取消活动吗？' } },
  cancelled: {},
};

export const SIGNUP_STATUSES = ['confirmed', 'waitlisted', 'cancelled', 'declined', 'checked_in', 'checked_out', 'no_show'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];
export const SIGNUP_STATUS_LABELS: Record<SignupStatus, string> = {
  confirmed: '已报名',
  waitlisted: '候补',
  cancelled: '已取消',
  declined: '已放弃',
  checked_in: '已签到',
  checked_out: '已签退',
  no_show: '缺席',
};
/** Statuses that hold the person's one active sign-up for an activity. */
export const ACTIVE_SIGNUP_STATUSES: readonly SignupStatus[] = ['confirmed', 'waitlisted', 'checked_in', 'checked_out', 'no_show'];
/** Statuses that occupy a seat (count against capacity). */
export const SEATED_SIGNUP_STATUSES: readonly SignupStatus[] = ['confirmed', 'checked_in', 'checked_out', 'no_show'];
/** Signed up and not come yet (a seat or a place in the queue): told when the activity changes, cancelled with it. */
export const PENDING_SIGNUP_STATUSES: readonly SignupStatus[] = ['confirmed', 'waitlisted'];
/** The sign-ups a person's calendar feed lists (a waiting one as tentative). */
export const CALENDAR_SIGNUP_STATUSES: readonly SignupStatus[] = ['confirmed', 'waitlisted', 'checked_in', 'checked_out'];
/**
 * A sign-up is born in one of two states, decided by the seat: the conditional capacity UPDATE either took a seat
 * (confirmed) or did not (waitlisted). Every later change is a move of the table.
 */
export const SIGNUP_INITIAL_STATUS = { seated: 'confirmed', waiting: 'waitlisted' } as const satisfies Record<string, SignupStatus>;

export type SignupAction = 'cancel' | 'promote' | 'decline' | 'check_in' | 'check_out' | 'mark_no_show';
/**
 * The moves of `POST /api/signups/:id/actions/:action`. 签到 is not among them: it is found by a code (the activity's
 * scene scanned by the attendee, or the attendee's personal code scanned by staff), not by the sign-up's id.
 */
export const SIGNUP_ROUTE_ACTIONS = ['cancel', 'decline', 'check_out'] as const satisfies readonly SignupAction[];
export const SIGNUP_TRANSITIONS: TransitionTable<SignupStatus, SignupAction, Role> = {
  confirmed: {
    /** 'system': a duplicate sign-up given back when two accounts of one person merge. */
    cancel: { to: 'cancelled', by: ['owner', 'grid_worker', 'staff', 'admin', 'system'], label: '取消报名', tone: 'danger', confirm: '确定取消报名吗？名额将让给候补的人。' },
    /** Only a person promoted from the waiting list can decline (the server checks promotedAt). */
    decline: { to: 'declined', by: ['owner'], label: '放弃名额', tone: 'danger', confirm: '放弃后名额会让给下一位候补的人，且不能恢复。确定放弃吗？' },
    check_in: { to: 'checked_in', by: ['owner', 'staff', 'admin'], label: '签到', tone: 'primary' },
    mark_no_show: { to: 'no_show', by: ['system'], label: '标记缺席' },
  },
  waitlisted: {
    cancel: { to: 'cancelled', by: ['owner', 'grid_worker', 'staff', 'admin', 'system'], label: '取消候补', tone: 'danger', confirm: '确定取消候补吗？取消后将失去排队位置。' },
    promote: { to: 'confirmed', by: ['system'], label: '候补转正' },
  },
  /** 'system': a volunteer who never checked out is closed at the planned end (marked `autoCheckedOut`). */
  checked_in: { check_out: { to: 'checked_out', by: ['owner', 'staff', 'admin', 'system'], label: '签退', tone: 'primary' } },
  checked_out: {},
  cancelled: {},
  declined: {},
  no_show: {},
};

/** The buttons for an activity: publishing and cancelling, for staff of its community. */
export function activityActions(status: ActivityStatus, standing: readonly string[]): ActionView<ActivityAction>[] {
  return actionViews(ACTIVITY_TRANSITIONS, status, standing);
}

/**
 * The buttons for a sign-up. `standing`: 'owner' for the person signed up, 'grid_worker' / 'staff' / 'admin' for
 * those who serve the activity's community. 放弃名额 only for a seat promoted from the waiting list; 签退 only
 * for activities whose hours follow the time served; 签到 by the owner is done by scanning the activity's code, so
 * it is not a button.
 */
export function signupActions(
  status: SignupStatus,
  standing: readonly string[],
  ctx: { promoted: boolean; activityType: ActivityType },
): ActionView<SignupAction>[] {
  return actionViews(SIGNUP_TRANSITIONS, status, standing, (a) => {
    if (a === 'decline') return ctx.promoted;
    if (a === 'check_out') return needsCheckout(ctx.activityType);
    if (a === 'check_in') return false;
    return true;
  });
}

export const AUDIENCES = ['all', 'volunteers', 'party_members', 'community'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const AUDIENCE_LABELS: Record<Audience, string> = {
  all: '所有人',
  volunteers: '志愿者',
  party_members: '党员',
  community: '本社区居民',
};

export interface AudienceSubject {
  roles: readonly string[];
  isPartyMember: boolean;
  communityId: number | null;
}
/** Whether a person belongs to an activity's audience. Staff and admins are not special: they sign up as people. */
export function inAudience(audience: Audience, audienceCommunityId: number | null, who: AudienceSubject): boolean {
  switch (audience) {
    case 'all':
      return true;
    case 'volunteers':
      return who.roles.includes('volunteer');
    case 'party_members':
      return who.isPartyMember;
    case 'community':
      return audienceCommunityId !== null && who.communityId === audienceCommunityId;
    default:
      return false;
  }
}

export const QUESTION_KINDS = ['text', 'single', 'multiple'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export interface ActivityQuestion {
  id: string;
  kind: QuestionKind;
  title: string;
  required: boolean;
  options?: string[];
}
export type Answers = Record<string, string | string[]>;

/** Checks answers against the questions; returns field → message for each problem (empty when fine). */
export function validateAnswers(questions: readonly ActivityQuestion[], answers: Answers | null | undefined): Record<string, string> {
  const problems: Record<string, string> = {};
  const given = answers ?? {};
  const known = new Set(questions.map((q) => q.id));
  for (const key of Object.keys(given)) if (!known.has(key)) problems[key] = '未知的问题';
  for (const q of questions) {
    const v = given[q.id];
    const empty = v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
    if (empty) {
      if (q.required) problems[q.id] = `请回答“${q.title}”`;
      continue;
    }
    if (q.kind === 'text') {
      if (typeof v !== 'string') problems[q.id] = `“${q.title}”须为文字`;
      else if (v.length > 500) problems[q.id] = `“${q.title}”不能超过 500 字`;
    } else if (q.kind === 'single') {
      if (typeof v !== 'string' || !(q.options ?? []).includes(v)) problems[q.id] = `请从选项中选择“${q.title}”`;
    } else if (q.kind === 'multiple') {
      if (!Array.isArray(v) || v.some((x) => !(q.options ?? []).includes(x)) || new Set(v).size !== v.length) problems[q.id] = `请从选项中选择“${q.title}”`;
    }
  }
  return problems;
}

/** The ledger remark of hours closed by the job for someone who checked in and never checked out. */
export const AUTO_CHECKOUT_REMARK = '未签退，按计划结束时间结算';

/** Check-in opens this many minutes before the start unless the activity says otherwise. */
export const DEFAULT_CHECKIN_OPENS_MINUTES = 30;

export function signupOpen(a: { status: ActivityStatus; signupStartAt: string | Date; signupEndAt: string | Date }, now: Date): boolean {
  return a.status === 'published' && new Date(a.signupStartAt).getTime() <= now.getTime() && now.getTime() <= new Date(a.signupEndAt).getTime();
}

/** "5月1日 14:00" in Asia/Shanghai: how activity times read in messages and notifications. */
export function activityTimeText(at: Date | string): string {
  const d = new Date(new Date(at).getTime() + SHANGHAI_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** Activity check-in codes share the scene namespace with points: `a.` + id in base 36 + a short random tail. */
export const ACTIVITY_SCENE_PREFIX = 'a.';

export const EVENT_ERROR_MESSAGES = {
  /** The table has no such move from the activity's or sign-up's state. */
  EVENT_ILLEGAL_TRANSITION: '当前状态下不能进行此操作',
  /** Someone else moved it between our read and our UPDATE. */
  EVENT_STATE_CHANGED: '状态已变化，请刷新后重试',
  EVENT_NOT_PUBLISHED: '活动尚未发布或已取消',
  EVENT_SIGNUP_NOT_OPEN: '报名尚未开始',
  EVENT_SIGNUP_CLOSED: '报名已截止',
  EVENT_CANCEL_DEADLINE_PASSED: '已过取消截止时间，如需请假请联系组织者',
  EVENT_AUDIENCE_MISMATCH: '该活动仅限特定人群报名',
  EVENT_ALREADY_SIGNED_UP: '你已报名该活动',
  EVENT_NOT_SIGNED_UP: '你没有报名该活动，或尚在候补中',
  EVENT_CHECKIN_NOT_OPEN: '不在签到时间内',
  EVENT_CODE_INVALID: '签到码无效',
  EVENT_CAPACITY_TOO_SMALL: '名额不能少于已报名人数',
  EVENT_NOT_PROMOTED: '只有候补转正的名额可以放弃',
  EVENT_TIMES_INVALID: '时间设置有误',
} as const;
export type EventErrorCode = keyof typeof EVENT_ERROR_MESSAGES;
