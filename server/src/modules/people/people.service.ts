import { Inject, Injectable } from '@nestjs/common';
import { Brackets, DataSource, In } from 'typeorm';
import { link, maskPhone, primaryRole, ROLE_LABELS, type CursorPage, type PersonView, type Role } from '@linli/domain';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import { TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { revokeSessions } from '../auth/sessions';
import { NotificationsService } from '../notifications/notifications.service';
import { Community, Grid } from '../places/place.entities';
import { Scope, ScopeService } from '../places/scope.service';
import { StaffCommunity, User } from '../users/user.entity';
import { PeopleQuery, RemoveRoleDto } from './people.dto';
import { Branch } from './people.entities';

const PAGE = 20;

/**
 * The people of a staff member's communities, by role, and taking a role away. Roles are read from the database on
 * every request (`AuthGuard`), so a removed role stops working on that person's next request.
 */
@Injectable()
export class PeopleService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly scopes: ScopeService,
  ) {}

  async list(user: AuthUser, q: PeopleQuery): Promise<CursorPage<PersonView>> {
    const scope = await this.scopes.of(user.id, user.roles);
    let communityIds: number[] | null = scope.isAdmin ? null : scope.communityIds;
    if (q.communityId) {
      if (communityIds && !communityIds.includes(q.communityId)) throw AppError.forbidden('只能查看自己负责社区的人员');
      communityIds = [q.communityId];
    }
    const inList = (ids: number[] | null) => (ids ? (ids.length ? ids : [-1]) : null);
    const c = inList(communityIds);
    const qb = this.dataSource.getRepository(User).createQueryBuilder('u').orderBy('u.id', 'DESC').take(PAGE + 1);
    // JSON roles: a LIKE on the serialised array works on MySQL's JSON and SQLite's text alike; `"staff"` cannot match a longer name.
    qb.where('u.roles LIKE :role', { role: `%"${q.role}"%` });
    if (q.role === 'grid_worker') {
      qb.andWhere(`u.id IN (SELECT g.workerId FROM grids g WHERE g.workerId IS NOT NULL${c ? ' AND g.communityId IN (:...c)' : ''})`, c ? { c } : {});
    } else if (q.role === 'staff') {
      if (c) qb.andWhere('u.id IN (SELECT sc.userId FROM staff_communities sc WHERE sc.communityId IN (:...c))', { c });
    } else if (c) {
      qb.andWhere('u.communityId IN (:...c)', { c });
    }
    if (q.branchId) {
      const branch = await this.dataSource.getRepository(Branch).findOneBy({ id: q.branchId });
      if (!branch) throw AppError.field('branchId', '党支部不存在');
      qb.andWhere('u.isPartyMember = :yes AND u.branch = :branch', { yes: true, branch: branch.name });
    }
    const term = q.q?.trim();
    if (term) qb.andWhere(new Brackets((w) => w.where('u.name LIKE :t', { t: `%${term.replace(/[%_\\]/g, '\\$&')}%` }).orWhere(/^\d{4}$/.test(term) ? 'u.phone LIKE :tail' : '1 = 0', { tail: `%${term}` })));
    if (q.cursor) qb.andWhere('u.id < :cursor', { cursor: Number(q.cursor) });
    const rows = await qb.getMany();
    const page = rows.slice(0, PAGE);
    return { items: await this.views(page, scope, user), nextCursor: rows.length > PAGE ? String(page[page.length - 1].id) : null };
  }

  /**
   * Takes a role away within the remover's scope: a grid worker comes off the remover's grids (and loses the role when
   * no grid is left), a staff member off the remover's communities (likewise), a volunteer loses the role.
   */
  async removeRole(user: AuthUser, personId: number, dto: RemoveRoleDto): Promise<PersonView> {
    const scope = await this.scopes.of(user.id, user.roles);
    const person = await this.dataSource.getRepository(User).findOneBy({ id: personId });
    if (!person || !person.roles.includes(dto.role)) throw AppError.notFound('人员');
    if (dto.role === 'staff' && personId === user.id && !scope.isAdmin) throw new AppError('ROLE_NOT_REMOVABLE', '不能移除自己的工作人员身份，请联系管理员');
    const inScope = (communityId: number | null) => scope.isAdmin || (communityId !== null && scope.communityIds.includes(communityId));
    await this.tx.run(async (em) => {
      const data: Record<string, unknown> = { role: dto.role };
      let dropRole = false;
      if (dto.role === 'grid_worker') {
        const grids = (await em.find(Grid, { where: { workerId: personId } })).filter((g) => inScope(g.communityId) && (!dto.communityId || g.communityId === dto.communityId));
        const all = await em.count(Grid, { where: { workerId: personId } });
        if (!grids.length && !(scope.isAdmin && all === 0)) throw AppError.notFound('人员');
        if (grids.length) await em.update(Grid, { id: In(grids.map((g) => g.id)) }, { workerId: null });
        data.gridIds = grids.map((g) => g.id);
        dropRole = all - grids.length === 0;
      } else if (dto.role === 'staff') {
        const links = (await em.find(StaffCommunity, { where: { userId: personId } })).filter((l) => inScope(l.communityId) && (!dto.communityId || l.communityId === dto.communityId));
        const all = await em.count(StaffCommunity, { where: { userId: personId } });
        if (!links.length && !(scope.isAdmin && all === 0)) throw AppError.notFound('人员');
        if (links.length) await em.delete(StaffCommunity, { id: In(links.map((l) => l.id)) });
        data.communityIds = links.map((l) => l.communityId);
        dropRole = all - links.length === 0;
      } else {
        if (!inScope(person.communityId)) throw AppError.notFound('人员');
        dropRole = true;
      }
      if (dropRole) await em.update(User, { id: personId }, { roles: person.roles.filter((r) => r !== dto.role) });
      // Every sign-in of the person ends: the roles were never in the token, and now no renewal outlives the change.
      await revokeSessions(em, personId, 'role_change');
      data.roleRemoved = dropRole;
      await this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'user.remove_role', entityType: 'user', entityId: personId, reason: dto.reason?.trim() || null, data });
      await this.notifications.notify(em, [personId], {
        kind: 'role.removed',
        title: `${ROLE_LABELS[dto.role]}身份已调整`,
        body: dropRole ? `您的${ROLE_LABELS[dto.role]}身份已被移除。${dto.reason?.trim() ? `说明：${dto.reason.trim()}。` : ''}如有疑问，请联系社区工作人员。` : `您负责的范围已调整，请在「我的」查看。`,
        link: link('mine'),
      });
    });
    const fresh = await this.dataSource.getRepository(User).findOneByOrFail({ id: personId });
    return (await this.views([fresh], scope, user))[0];
  }

  private async views(users: User[], scope: Scope, viewer: AuthUser): Promise<PersonView[]> {
    if (!users.length) return [];
    const ids = users.map((u) => u.id);
    const [grids, links] = await Promise.all([
      this.dataSource.getRepository(Grid).find({ where: { workerId: In(ids) } }),
      this.dataSource.getRepository(StaffCommunity).find({ where: { userId: In(ids) } }),
    ]);
    const communityIds = [...new Set([...users.map((u) => u.communityId), ...links.map((l) => l.communityId), ...grids.map((g) => g.communityId)].filter((x): x is number => !!x))].concat(-1);
    const communities = await this.dataSource.getRepository(Community).find({ where: { id: In(communityIds) } });
    const cname = (id: number | null) => communities.find((c) => c.id === id)?.name ?? null;
    const inScope = (communityId: number | null) => scope.isAdmin || (communityId !== null && scope.communityIds.includes(communityId));
    return users.map((u) => {
      const myGrids = grids.filter((g) => g.workerId === u.id && inScope(g.communityId));
      const staffOf = links.filter((l) => l.userId === u.id && inScope(l.communityId));
      const removable: Role[] = [];
      if (u.roles.includes('grid_worker') && (myGrids.length || scope.isAdmin)) removable.push('grid_worker');
      if (u.roles.includes('staff') && (staffOf.length || scope.isAdmin) && (u.id !== viewer.id || scope.isAdmin)) removable.push('staff');
      if (u.roles.includes('volunteer') && inScope(u.communityId)) removable.push('volunteer');
      return {
        id: u.id,
        name: u.name,
        phone: maskPhone(u.phone),
        roles: u.roles,
        isPartyMember: u.isPartyMember,
        branch: u.branch,
        communityName: cname(u.communityId),
        building: u.building,
        grids: myGrids.map((g) => ({ id: g.id, name: `${cname(g.communityId) ?? ''} · ${g.name}` })),
        staffOf: staffOf.map((l) => ({ id: l.communityId, name: cname(l.communityId) ?? '' })),
        removable,
      };
    });
  }
}
