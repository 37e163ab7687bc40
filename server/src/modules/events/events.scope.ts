import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import type { Actor } from '../../common/state-machine';
import { Scope, ScopeService } from '../places/scope.service';
import type { Activity, ActivitySignup } from './activity.entities';

export type { Scope };
type Someone = Actor | AuthUser;

/**
 * Who manages which activities: staff of the activity's community, admins everywhere. One answer for the guards, the
 * standing the lifecycle checks and the buttons the queries send, so a button is shown exactly when the move is let.
 */
@Injectable()
export class EventScope {
  constructor(private readonly scopes: ScopeService) {}

  /** The communities the person manages; null for everyone else (no lookup for residents). */
  async of(user: Someone | undefined): Promise<Scope | null> {
    if (!user || user.id === null) return null;
    if (!user.roles.includes('staff') && !user.roles.includes('admin')) return null;
    return this.scopes.of(user.id, user.roles);
  }

  manages(scope: Scope | null, communityId: number): boolean {
    return !!scope && (scope.isAdmin || scope.communityIds.includes(communityId));
  }

  async managesCommunity(user: Someone | undefined, communityId: number): Promise<boolean> {
    return this.manages(await this.of(user), communityId);
  }

  /**
   * Who sees an activity's whole attendee list and its counts: the organiser (who created it), staff of its
   * community, the admin. A grid worker sees only the people they signed up by proxy (`proxyOnly`); anyone else nothing.
   */
  attendeeView(user: Someone, scope: Scope | null, a: Pick<Activity, 'communityId' | 'createdBy'>): 'all' | 'proxyOnly' | null {
    if (this.manages(scope, a.communityId) || (user.id !== null && a.createdBy === user.id)) return 'all';
    if (user.roles.includes('grid_worker')) return 'proxyOnly';
    return null;
  }

  /** The `by` entries held for an activity: 'admin', and 'staff' only for its own community. */
  activityStanding(scope: Scope | null, a: Pick<Activity, 'communityId'>): string[] {
    const held: string[] = [];
    if (!scope) return held;
    if (scope.isAdmin) held.push('admin');
    if (scope.communityIds.includes(a.communityId)) held.push('staff');
    return held;
  }

  /**
   * The `by` entries held for a sign-up: 'owner' for the person signed up, 'grid_worker' for the grid worker who
   * signed them up by proxy, and the activity's standing ('staff' of its community, 'admin').
   */
  signupStanding(actor: Someone | undefined, scope: Scope | null, s: Pick<ActivitySignup, 'userId' | 'proxyBy'>, a: Pick<Activity, 'communityId'>): string[] {
    if (!actor) return [];
    const held: string[] = [];
    if (actor.id !== null && s.userId === actor.id) held.push('owner');
    if (actor.id !== null && actor.roles.includes('grid_worker') && s.proxyBy === actor.id) held.push('grid_worker');
    return [...held, ...this.activityStanding(scope, a)];
  }
}
