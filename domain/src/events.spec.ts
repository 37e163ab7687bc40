import { ERROR_MESSAGES } from './errors';
import {
  ACTIVITY_TRANSITIONS,
  ACTIVITY_TYPE_LABELS,
  inAudience,
  needsCheckout,
  SIGNUP_STATUS_LABELS,
  SIGNUP_TRANSITIONS,
  signupOpen,
  validateAnswers,
} from './events';
import { availableActions, IllegalTransitionError, nextState } from './state-machine';

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
});
