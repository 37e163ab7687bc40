import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import type { Actor } from '../../common/state-machine';
import { Scope, ScopeService } from '../places/scope.service';
import type { Wish, WishBeneficiary } from './wish.entities';

export type { Scope };

/** What places a wish or a beneficiary: the community, and the grid the beneficiary lives in (NULL: none known). */
type Placed = { communityId: number; gridId: number | null };

/**
 * Who serves which wishes — the wish flow's one query-scope helper. Staff of a community serve all its wishes and
 * beneficiaries; a grid worker serves only those of beneficiaries living in their grids; admin everywhere. The list
 * filters, the detail checks, the guards on recording and the standing the lifecycle checks (and the buttons come
 * from) all ask here, so a grid worker of the next grid in the same community sees and moves nothing of this one.
 */
@Injectable()
export class WishScope {
  constructor(private readonly scopes: ScopeService) {}

  of(user: Actor | AuthUser): Promise<Scope> {
    return this.scopes.of(user.id!, user.roles);
  }

  /** Staff of its community, the worker of its grid, admin: the people who may see the beneficiary behind it. */
  serves(scope: Scope, x: Placed): boolean {
    return scope.isAdmin || scope.communityIds.includes(x.communityId) || (x.gridId !== null && scope.gridIds.includes(x.gridId));
  }

  /** May record a wish in this community: its staff, or the worker of one of its grids. */
  canRecordIn(scope: Scope, communityId: number): boolean {
    return scope.isAdmin || scope.communityIds.includes(communityId) || scope.gridCommunityIds.includes(communityId);
  }

  isStaffOf(scope: Scope, communityId: number) {
    return scope.isAdmin || scope.communityIds.includes(communityId);
  }

  /** The communities the person may record wishes for (the 录入心愿 form's choices). */
  recordingCommunityIds(scope: Scope): number[] | 'all' {
    if (scope.isAdmin) return 'all';
    return [...new Set([...scope.communityIds, ...scope.gridCommunityIds])];
  }

  /**
   * Narrows a query of wishes (or beneficiaries) to what the person serves: `alias.communityId` among their staff
   * communities or `alias.gridId` among their grids. Admin: untouched. Optionally one community.
   */
  filter<T extends Wish | WishBeneficiary>(qb: SelectQueryBuilder<T>, alias: string, scope: Scope, communityId?: number): SelectQueryBuilder<T> {
    if (communityId) qb.andWhere(`${alias}.communityId = :scopeCommunity`, { scopeCommunity: communityId });
    if (scope.isAdmin) return qb;
    const communities = scope.communityIds.length ? scope.communityIds : [-1];
    const grids = scope.gridIds.length ? scope.gridIds : [-1];
    return qb.andWhere(`(${alias}.communityId IN (:...scopeCommunities) OR ${alias}.gridId IN (:...scopeGrids))`, { scopeCommunities: communities, scopeGrids: grids });
  }

  /**
   * The scope hook: the `by` entries the actor holds for this wish — 'owner' (the claimer), 'volunteer', 'staff' of its
   * community, 'grid_worker' of its beneficiary's grid, 'admin'. Without a scope (public pages) only the first two.
   */
  standing(wish: Pick<Wish, 'claimerId' | 'communityId' | 'gridId'>, actor: Actor | AuthUser | undefined, scope: Scope | null): string[] {
    if (!actor) return [];
    const held: string[] = [];
    if (actor.id !== null && wish.claimerId === actor.id) held.push('owner');
    if (actor.roles.includes('volunteer')) held.push('volunteer');
    if (scope) {
      if (scope.isAdmin) held.push('admin');
      if (scope.communityIds.includes(wish.communityId)) held.push('staff');
      if (wish.gridId !== null && scope.gridIds.includes(wish.gridId)) held.push('grid_worker');
    }
    return held;
  }
}
