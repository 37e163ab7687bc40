import { ERROR_MESSAGES } from './error-codes';
import {
  ACTIVITY_INITIAL_STATUS,
  ACTIVITY_ROUTE_ACTIONS,
  ACTIVITY_TRANSITIONS,
  ACTIVITY_TYPE_LABELS,
  activityActions,
  activityTimeText,
  inAudience,
  needsCheckout,
  SIGNUP_INITIAL_STATUS,
  SIGNUP_ROUTE_ACTIONS,
  SIGNUP_STATUS_LABELS,
  SIGNUP_TRANSITIONS,
  signupActions,
  signupOpen,
  validateAnswers,
} from './events';
import { availableActions, IllegalTransitionError, nextState, ruleFor } from './state-machine';

describe('activities (活动报名)', () => {
  it('should name the seven activity types in Chinese and time only 志愿服务 by check-out', () => {
    expect(Object.values(ACTIVITY_TYPE_LABELS)).toEqual(['党课', '宣讲', '志愿服务', '知识竞赛', '电影党史课', '送餐队', '其他']);
    expect(needsCheckout('volunteer_service')).toBe(true);
    expect(needsCheckout('party_lesson')).toBe(false);
  });

  it('should let staff publish a draft and cancel, and nothing leave cancelled', () => {
    expect(nextState(ACTIVITY_TRANSITIONS, 'draft', 'publish')).toBe('published');
    expect(nextState(ACTIVITY_TRANSITIONS, 'published', 'cancel')).toBe('cancelled');
    expect(() => nextState(ACTIVITY_TRANSITIONS, 'cancelled', 'publish')).toThrow(IllegalTransitionError);
    expect(availableActions(ACTIVITY_TRANSITIONS, 'draft', ['resident'])).toEqual([]);
    expect(availableActions(ACTIVITY_TRANSITIONS, 'draft', ['staff'])).toEqual(['publish', 'cancel']);
  });

  it('should move sign-ups through waitlist, promotion, check-in and check-out only by the table', () => {
    expect(SIGNUP_STATUS_LABELS.waitlisted).toBe('候补');
    expect(SIGNUP_STATUS_LABELS.no_show).toBe('缺席');
    expect(nextState(SIGNUP_TRANSITIONS, 'waitlisted', 'promote')).toBe('confirmed');
    expect(nextState(SIGNUP_TRANSITIONS, 'confirmed', 'check_in')).toBe('checked_in');
    expect(nextState(SIGNUP_TRANSITIONS, 'checked_in', 'check_out')).toBe('checked_out');
    expect(nextState(SIGNUP_TRANSITIONS, 'confirmed', 'decline')).toBe('declined');
    expect(() => nextState(SIGNUP_TRANSITIONS, 'waitlisted', 'check_in')).toThrow(IllegalTransitionError);
    expect(() => nextState(SIGNUP_TRANSITIONS, 'checked_in', 'cancel')).toThrow(IllegalTransitionError);
    expect(() => nextState(SIGNUP_TRANSITIONS, 'no_show', 'check_in')).toThrow(IllegalTransitionError);
    expect(availableActions(SIGNUP_TRANSITIONS, 'confirmed', ['resident'], true)).toEqual(['cancel', 'decline', 'check_in']);
    expect(availableActions(SIGNUP_TRANSITIONS, 'confirmed', ['resident'], false)).toEqual([]);
  });

  it('should admit people to an audience by role, party membership or community', () => {
    const resident = { roles: ['resident'], isPartyMember: false, communityId: 2 };
    const member = { roles: ['resident', 'volunteer'], isPartyMember: true, communityId: 3 };
    expect(inAudience('all', null, resident)).toBe(true);
    expect(inAudience('volunteers', null, resident)).toBe(false);
    expect(inAudience('volunteers', null, member)).toBe(true);
    expect(inAudience('party_members', null, resident)).toBe(false);
    expect(inAudience('party_members', null, member)).toBe(true);
    expect(inAudience('community', 2, resident)).toBe(true);
    expect(inAudience('community', 2, member)).toBe(false);
  });

  it('should check answers: required, options, unknown questions', () => {
    const qs = [
      { id: 'q1', kind: 'text' as const, title: '联系电话', required: true },
      { id: 'q2', kind: 'single' as const, title: '餐食', required: false, options: ['荤', '素'] },
      { id: 'q3', kind: 'multiple' as const, title: '特长', required: true, options: ['摄影', '讲解'] },
    ];
    expect(validateAnswers(qs, { q1: '138', q2: '素', q3: ['摄影'] })).toEqual({});
    const bad = validateAnswers(qs, { q1: ' ', q2: '鱼', q3: ['唱歌'], zz: 'x' });
    expect(Object.keys(bad).sort()).toEqual(['q1', 'q2', 'q3', 'zz']);
    expect(validateAnswers(qs, undefined)).toEqual({ q1: '请回答“联系电话”', q3: '请回答“特长”' });
  });

  it('should say whether sign-up is open at a moment', () => {
    const a = { status: 'published' as const, signupStartAt: '2030-01-01T00:00:00Z', signupEndAt: '2030-01-02T00:00:00Z' };
    expect(signupOpen(a, new Date('2029-12-31T23:59:59Z'))).toBe(false);
    expect(signupOpen(a, new Date('2030-01-01T12:00:00Z'))).toBe(true);
    expect(signupOpen({ ...a, status: 'draft' }, new Date('2030-01-01T12:00:00Z'))).toBe(false);
    expect(ERROR_MESSAGES.EVENT_SIGNUP_CLOSED).toBe('报名已截止');
  });

  it('should give staff of the community 发布 / 取消活动, with a reason and a confirmation for 取消活动, and others nothing', () => {
    expect(ACTIVITY_INITIAL_STATUS).toBe('draft');
    expect(activityActions('draft', ['staff']).map((a) => a.action)).toEqual(['publish', 'cancel']);
    expect(activityActions('published', ['admin'])).toEqual([
      expect.objectContaining({ action: 'cancel', label: '取消活动', needsReason: true, tone: 'danger', confirm: expect.stringContaining('不能恢复') }),
    ]);
    expect(activityActions('draft', [])).toEqual([]);
    expect(activityActions('cancelled', ['staff'])).toEqual([]);
    expect([...ACTIVITY_ROUTE_ACTIONS]).toEqual(['publish', 'cancel']);
  });

  it('should give a sign-up’s owner 取消报名 or 取消候补 from the table, 放弃名额 only when promoted, 签退 only for timed activities, and never 签到 as a button', () => {
    const ctx = { promoted: false, activityType: 'party_lesson' as const };
    expect(signupActions('confirmed', ['owner'], ctx).map((a) => [a.action, a.label])).toEqual([['cancel', '取消报名']]);
    expect(signupActions('waitlisted', ['owner'], ctx).map((a) => [a.action, a.label])).toEqual([['cancel', '取消候补']]);
    expect(signupActions('confirmed', ['owner'], { ...ctx, promoted: true }).map((a) => a.action)).toEqual(['cancel', 'decline']);
    expect(signupActions('checked_in', ['owner'], ctx)).toEqual([]);
    expect(signupActions('checked_in', ['owner'], { ...ctx, activityType: 'volunteer_service' }).map((a) => a.action)).toEqual(['check_out']);
    expect(signupActions('confirmed', ['staff'], { ...ctx, promoted: true }).map((a) => a.action)).toEqual(['cancel']);
    expect(signupActions('confirmed', [], ctx)).toEqual([]);
    expect([...SIGNUP_ROUTE_ACTIONS]).toEqual(['cancel', 'decline', 'check_out']);
  });

  it('should be born confirmed or waitlisted, promote and mark no-shows only by the system, and let the system give back a merged duplicate', () => {
    expect(SIGNUP_INITIAL_STATUS).toEqual({ seated: 'confirmed', waiting: 'waitlisted' });
    expect(ruleFor(SIGNUP_TRANSITIONS, 'waitlisted', 'promote')?.by).toEqual(['system']);
    expect(ruleFor(SIGNUP_TRANSITIONS, 'confirmed', 'mark_no_show')?.by).toEqual(['system']);
    expect(ruleFor(SIGNUP_TRANSITIONS, 'confirmed', 'cancel')?.by).toContain('system');
    expect(signupActions('confirmed', ['system'], { promoted: true, activityType: 'party_lesson' })).toEqual([]);
  });

  it('should write activity times in 北京时间 whatever the zone of the machine', () => {
    expect(activityTimeText('2031-05-01T06:00:00.000Z')).toBe('5月1日 14:00');
    expect(activityTimeText(new Date('2031-12-31T16:05:00.000Z'))).toBe('1月1日 00:05');
  });
});
