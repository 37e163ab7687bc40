import { EntityManager } from 'typeorm';
import { primaryRole, type InviteRole, type Role } from '@linli/domain';
import type { Actor } from '../../common/state-machine';
import { AuditService } from '../audit/audit.service';
import { revokeSessions } from '../auth/sessions';
import { Grid } from '../places/place.entities';
import { StaffCommunity, User } from '../users/user.entity';

/** What an accepted invite or an approved application gives. */
export interface Grant {
  role: InviteRole;
  /** grid_worker: the grid they go on duty for */
  gridId?: number | null;
  /** staff: the community they join; volunteer: the community they serve, when they have none yet */
  communityId?: number | null;
  isPartyMember?: boolean;
  /** the 党支部's name, for a party member */
  branch?: string | null;
}

/**
 * Gives a role with its place on the map, in the caller's transaction, and audits it. The one place roles are
 * added: invites and applications both come here; removal is `PeopleService.removeRole`.
 */
export async function grantRole(em: EntityManager, audit: AuditService, userId: number, grant: Grant, by: Actor & { sessionId?: string }, via: string): Promise<User> {
  const user = await em.findOneOrFail(User, { where: { id: userId } });
  const roles = [...new Set<Role>([...user.roles, grant.role])];
  const patch: Partial<User> = { roles };
  const data: Record<string, unknown> = { role: grant.role, via };
  if (grant.role === 'grid_worker' && grant.gridId) {
    const grid = await em.findOneOrFail(Grid, { where: { id: grant.gridId } });
    await em.update(Grid, { id: grid.id }, { workerId: userId });
    data.gridId = grid.id;
    data.previousWorkerId = grid.workerId;
  }
  if (grant.role === 'staff' && grant.communityId) {
    const held = await em.findOne(StaffCommunity, { where: { userId, communityId: grant.communityId } });
    if (!held) await em.insert(StaffCommunity, { userId, communityId: grant.communityId });
    data.communityId = grant.communityId;
  }
  if (grant.role === 'volunteer') {
    if (grant.isPartyMember) {
      patch.isPartyMember = true;
      patch.branch = grant.branch ?? user.branch;
      data.branch = patch.branch;
    }
    if (!user.communityId && grant.communityId) patch.communityId = grant.communityId;
  }
  await em.update(User, { id: userId }, patch);
  // A role change ends the person's other sign-ins (their next renewal fails); the one accepting an invite stays.
  await revokeSessions(em, userId, 'role_change', by.id === userId ? by.sessionId : null);
  await audit.record(em, {
    actorId: by.id,
    actorRole: by.id === userId ? primaryRole(user.roles) : primaryRole(by.roles),
    action: 'user.grant_role',
    entityType: 'user',
    entityId: userId,
    data,
  });
  return em.findOneOrFail(User, { where: { id: userId } });
}
