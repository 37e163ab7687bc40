import { allTransitions, availableActions, canTransition, IllegalTransitionError, nextState } from './state-machine';
import { ERROR_MESSAGES } from './error-codes';
import {
  claimCountdown,
  claimPausedMessage,
  daysLeft,
  familyNameOf,
  idNumberProblem,
  WISH_LAPSING_STATUSES,
  wishLapsedReason,
  WISH_STATUS_LABELS,
  WISH_STATUSES,
  isOpenToClaim,
  isWishSettled,
  WISH_INITIAL_STATUS,
  WISH_TRANSITIONS,
  WISH_VOLUNTEER_ACTIONS,
  wishActions,
  wishDisplayName,
} from './wishes';

describe('wish lifecycle', () => {
  it('should allow exactly the transitions in the issue and nothing else', () => {
    const edges = allTransitions(WISH_TRANSITIONS).map((t) => `${t.from}→${t.to}`).sort();
    expect([...new Set(edges)]).toEqual(
      [
        'pending_review→published',
        'pending_review→rejected',
        'pending_review→withdrawn',
        'published→claimed',
        'published→withdrawn',
        'claimed→published',
        'claimed→fulfilled',
        'fulfilled→confirmed',
        'fulfilled→claimed',
      ].sort(),
    );
  });

  it('should let only the wish-by job withdraw a wish nobody reviewed, and staff or the job a wish on the wall', () => {
    expect(WISH_TRANSITIONS.pending_review.withdraw!.by).toEqual(['system']);
    expect(WISH_TRANSITIONS.published.withdraw!.by).toEqual(['staff', 'admin', 'system']);
    expect(availableActions(WISH_TRANSITIONS, 'pending_review', ['staff'])).not.toContain('withdraw');
    expect(WISH_LAPSING_STATUSES.every((s) => canTransition(WISH_TRANSITIONS, s, 'withdraw'))).toBe(true);
    expect(wishLapsedReason('2030-01-05')).toBe('心愿期限（2030-01-05）已过，无人认领，系统自动撤回');
  });

  it('should accept a well-formed 公民身份号码 and name what is wrong with a bad one', () => {
    expect(idNumberProblem('32050719900101105X')).toBeNull();
    expect(idNumberProblem(' 32050719900101105x ')).toBeNull();
    expect(idNumberProblem('320507199001011236')).toBeNull();
    expect(idNumberProblem('320507199001011234')).toBe('身份证号校验位不符，请核对');
    expect(idNumberProblem('320507199002301233')).toBe('身份证号中的出生日期有误');
    expect(idNumberProblem('3205071990010112')).toBe('身份证号须为 18 位（最后一位可为 X）');
  });

  it('should end the lifecycle at rejected, withdrawn and confirmed', () => {
    for (const s of ['rejected', 'withdrawn', 'confirmed'] as const) expect(Object.keys(WISH_TRANSITIONS[s])).toHaveLength(0);
    expect(() => nextState(WISH_TRANSITIONS, 'confirmed', 'send_back')).toThrow(IllegalTransitionError);
    expect(() => nextState(WISH_TRANSITIONS, 'pending_review', 'claim')).toThrow(IllegalTransitionError);
  });

  it('should return an expired or released claim to 待认领', () => {
    expect(nextState(WISH_TRANSITIONS, 'claimed', 'release')).toBe('published');
    expect(nextState(WISH_TRANSITIONS, 'claimed', 'expire')).toBe('published');
    expect(WISH_STATUS_LABELS[nextState(WISH_TRANSITIONS, 'claimed', 'expire')]).toBe('待认领');
  });

  it('should send a not-accepted proof back to claimed and require a reason', () => {
    expect(nextState(WISH_TRANSITIONS, 'fulfilled', 'send_back')).toBe('claimed');
    expect(WISH_TRANSITIONS.fulfilled.send_back!.needsReason).toBe(true);
    expect(WISH_TRANSITIONS.pending_review.reject!.needsReason).toBe(true);
  });

  it('should show each role only its own buttons', () => {
    expect(availableActions(WISH_TRANSITIONS, 'pending_review', ['staff'])).toEqual(['publish', 'reject']);
    expect(availableActions(WISH_TRANSITIONS, 'pending_review', ['grid_worker'])).toEqual([]);
    expect(availableActions(WISH_TRANSITIONS, 'published', ['resident', 'volunteer'])).toEqual(['claim']);
    expect(availableActions(WISH_TRANSITIONS, 'published', ['resident'])).toEqual([]);
    expect(availableActions(WISH_TRANSITIONS, 'claimed', ['volunteer'], true)).toEqual(['release', 'fulfil']);
    expect(availableActions(WISH_TRANSITIONS, 'claimed', ['volunteer'], false)).toEqual([]);
    expect(availableActions(WISH_TRANSITIONS, 'fulfilled', ['grid_worker'])).toEqual(['confirm', 'send_back']);
    expect(canTransition(WISH_TRANSITIONS, 'claimed', 'expire')).toBe(true);
    expect(availableActions(WISH_TRANSITIONS, 'claimed', ['admin'])).not.toContain('expire');
  });

  it('should give each standing its buttons, each desk only its own moves', () => {
    const names = (v: Array<{ action: string }>) => v.map((x) => x.action);
    expect(names(wishActions('published', ['volunteer']))).toEqual(['claim']);
    expect(names(wishActions('published', []))).toEqual([]);
    expect(names(wishActions('claimed', ['owner', 'volunteer']))).toEqual(['release', 'fulfil']);
    expect(names(wishActions('claimed', ['volunteer']))).toEqual([]);
    expect(names(wishActions('claimed', ['admin']))).toEqual([]); // expire is the scheduler's
    expect(names(wishActions('fulfilled', ['grid_worker']))).toEqual(['confirm', 'send_back']);
    expect(names(wishActions('pending_review', ['grid_worker']))).toEqual([]);
    // a staff member who is also a volunteer: 认领 on the wall, 撤回 on the manage page
    expect(names(wishActions('published', ['volunteer', 'staff'], 'volunteer'))).toEqual(['claim']);
    expect(names(wishActions('published', ['volunteer', 'staff'], 'manage'))).toEqual(['withdraw']);
    expect(WISH_VOLUNTEER_ACTIONS).toEqual(['claim', 'release', 'fulfil']);
  });

  it('should carry the table’s label, reason, tone and confirmation into each button', () => {
    expect(wishActions('pending_review', ['staff'])).toEqual([
      { action: 'publish', label: '审核通过', needsReason: false, tone: 'primary' },
      { action: 'reject', label: '驳回', needsReason: true, tone: 'danger', confirm: WISH_TRANSITIONS.pending_review.reject!.confirm },
    ]);
    expect(wishActions('published', ['volunteer'])[0].confirm).toContain('确定认领');
  });

  it('should be open to a claim only on the wall, and settled only at the ends', () => {
    expect(WISH_STATUSES.filter(isOpenToClaim)).toEqual(['published']);
    expect(WISH_STATUSES.filter(isWishSettled)).toEqual(['rejected', 'withdrawn', 'confirmed']);
  });

  it('should record a wish for review first', () => {
    expect(WISH_INITIAL_STATUS).toBe('pending_review');
    expect(WISH_STATUS_LABELS[WISH_INITIAL_STATUS]).toBe('待审核');
  });

  it('should have a Chinese label for every status', () => {
    expect(WISH_STATUSES.map((s) => WISH_STATUS_LABELS[s])).toEqual(['待审核', '待认领', '已驳回', '已撤回', '已认领', '待确认', '已圆梦']);
  });
});

describe('public display name', () => {
  it('should be family name + honorific + community, never the full name', () => {
    expect(wishDisplayName('王秀英', 'female', 'adult', '漕湖花园二社区')).toBe('王阿姨 · 漕湖花园二社区');
    expect(wishDisplayName('王秀英', 'female', 'elder', '漕湖花园二社区')).toBe('王奶奶 · 漕湖花园二社区');
    expect(wishDisplayName('李国强', 'male', 'elder', '卫星村')).toBe('李爷爷 · 卫星村');
    expect(wishDisplayName('李国强', 'male', 'adult', '卫星村')).toBe('李叔叔 · 卫星村');
    expect(wishDisplayName('张小明', 'male', 'student', '汤浜村')).toBe('张同学 · 汤浜村');
    expect(wishDisplayName('张小红', 'female', 'student', '汤浜村')).toBe('张同学 · 汤浜村');
    expect(wishDisplayName('王秀英', 'female', 'elder', '漕湖花园二社区')).not.toContain('秀英');
  });

  it('should keep compound surnames whole', () => {
    expect(familyNameOf('欧阳娜娜')).toBe('欧阳');
    expect(familyNameOf(' 诸葛亮 ')).toBe('诸葛');
    expect(familyNameOf('欧')).toBe('欧');
    expect(familyNameOf('司马')).toBe('司');
  });
});

describe('wish times', () => {
  it('should count days left to the wish-by date in Shanghai time', () => {
    // 2025-06-01 17:00 UTC is already 2025-06-02 01:00 in Shanghai
    const now = new Date('2025-06-01T17:00:00Z');
    expect(daysLeft('2025-06-02', now)).toBe(0);
    expect(daysLeft('2025-06-09', now)).toBe(7);
    expect(daysLeft('2025-06-01', now)).toBe(-1);
  });

  it('should show a claim countdown and 已超时 after the end', () => {
    const now = new Date('2025-06-01T00:00:00Z');
    expect(claimCountdown('2025-06-03T05:00:00Z', now)).toBe('还剩 2 天 5 小时');
    expect(claimCountdown('2025-06-01T03:30:00Z', now)).toBe('还剩 3 小时');
    expect(claimCountdown('2025-06-01T00:10:00Z', now)).toBe('还剩 10 分钟');
    expect(claimCountdown('2025-05-31T00:00:00Z', now)).toBe('已超时');
  });

  it('should say until when claiming is paused', () => {
    expect(claimPausedMessage('2025-07-01T20:00:00Z')).toBe('因两次认领超时未完成，认领功能暂停至 2025-07-02');
  });

  it('should register wish error messages for the client', () => {
    expect(ERROR_MESSAGES.WISH_ALREADY_CLAIMED).toContain('已被认领');
    expect(ERROR_MESSAGES.WISH_CLAIM_LIMIT).toBeDefined();
    expect(ERROR_MESSAGES.WISH_ILLEGAL_TRANSITION).toBeDefined();
    expect(ERROR_MESSAGES.WISH_STATE_CHANGED).toContain('刷新');
  });
});
