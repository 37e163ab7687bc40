import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import type { Actor } from '../../common/state-machine';
import { Scope, ScopeService } from '../places/scope.service';
import type { Wish } from './wish.entities';

export type { Scope };

/**
 * Who serves which wishes: staff of a community, its grid workers, admin everywhere. One answer for the list filters,
 * the guards on recording, and the standing the lifecycle checks and the buttons come from.
 */
@Injectable()
export class WishScope {
  constructor(private readonly scopes: ScopeService) {}

  of(user: Actor | AuthUser): Promise<Scope> {
    return this.scopes.of(user.id!, user.roles);
  }

  /** Staff of the community, its grid workers, admin. */
  canManage(scope: Scope, communityId: number) {
    return scope.isAdmin || scope.communityIds.includes(communityId) || scope.gridCommunityIds.includes(communityId);
  }

  isStaffOf(scope: Scope, communityId: number) {
    return scope.isAdmin || scope.communityIds.includes(communityId);
  }

  managedCommunityIds(scope: Scope): number[] | 'all' {
    if (scope.isAdmin) return 'all';
    return [...new Set([...scope.communityIds, ...scope.gridCommunityIds])];
  }

  /**
   * The `by` entries the actor holds for this wish: 'owner' (the claimer), 'volunteer', and 'grid_worker' / 'staff' /
   * 'admin' only for a wish of a community they serve. Without a scope (public pages) only the first two are known.
   */
  standing(wish: Pick<Wish, 'claimerId' | 'communityId'>, actor: Actor | AuthUser | undefined, scope: Scope | null): string[] {
    if (!actor) return [];
    const held: string[] = [];
    if (actor.id !== null && wish.claimerId === actor.id) held.push('owner');
    if (actor.roles.includes('volunteer')) held.push('volunteer');
    if (scope) {
      if (scope.isAdmin) held.push('admin');
      if (scope.communityIds.includes(wish.communityId)) held.push('staff');
      if (scope.gridCommunityIds.includes(wish.communityId)) held.push('grid_worker');
    }
    return held;
  }
}
