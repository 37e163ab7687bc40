import { WishScope } from './wishes.scope';
import type { Scope } from '../places/scope.service';

/** Grid A (id 11) and grid B (id 12) are both in community 2; community 3 is another. */
const scope = (over: Partial<Scope>): Scope => ({ isAdmin: false, gridIds: [], gridCommunityIds: [], communityIds: [], ...over });
const gridWorkerA = scope({ gridIds: [11], gridCommunityIds: [2] });
const staffOf2 = scope({ communityIds: [2] });
const admin = scope({ isAdmin: true });
const inGridA = { communityId: 2, gridId: 11, claimerId: null };
const inGridB = { communityId: 2, gridId: 12, claimerId: null };
const noGrid = { communityId: 2, gridId: null, claimerId: null };
const elsewhere = { communityId: 3, gridId: 31, claimerId: null };

describe('WishScope', () => {
  const s = new WishScope(null as any);
  const worker = { id: 5, roles: ['grid_worker'] };

  it('should let a grid worker serve only the wishes of beneficiaries living in their own grid', () => {
    expect(s.serves(gridWorkerA, inGridA)).toBe(true);
    expect(s.serves(gridWorkerA, inGridB)).toBe(false);
    expect(s.serves(gridWorkerA, noGrid)).toBe(false);
    expect(s.serves(gridWorkerA, elsewhere)).toBe(false);
  });

  it('should let staff serve their whole community and the admin everything', () => {
    expect([inGridA, inGridB, noGrid].every((w) => s.serves(staffOf2, w))).toBe(true);
    expect(s.serves(staffOf2, elsewhere)).toBe(false);
    expect(s.serves(admin, elsewhere)).toBe(true);
  });

  it('should give the lifecycle hook grid_worker standing only in the beneficiary\'s grid', () => {
    expect(s.standing(inGridA, worker, gridWorkerA)).toEqual(['grid_worker']);
    expect(s.standing(inGridB, worker, gridWorkerA)).toEqual([]);
    expect(s.standing(inGridB, { id: 6, roles: ['staff'] }, staffOf2)).toEqual(['staff']);
  });

  it('should let a grid worker record in the communities of their grids, but only staff review there', () => {
    expect(s.canRecordIn(gridWorkerA, 2)).toBe(true);
    expect(s.canRecordIn(gridWorkerA, 3)).toBe(false);
    expect(s.isStaffOf(gridWorkerA, 2)).toBe(false);
    expect(s.recordingCommunityIds(gridWorkerA)).toEqual([2]);
    expect(s.recordingCommunityIds(admin)).toBe('all');
  });
});
