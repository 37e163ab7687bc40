import { Inject, Injectable } from '@nestjs/common';
import { Brackets, DataSource, In } from 'typeorm';
import {
  iso,
  isTicketOpen,
  maskName,
  maskPhone,
  OPEN_TICKET_STATUSES,
  primaryRole,
  TICKET_ACTION_LABELS,
  TICKET_STATUS_LABELS,
  ticketActions,
  TicketStatus,
} from '@linli/domain';
import type { GridWorkerOption, TicketDetail, TicketListItem, TicketPage, TicketQueue, TicketSummary, WorkerTasks } from '@linli/domain';
import { Clock } from '../../common/clock';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import { TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { Community, Grid, Point } from '../places/place.entities';
import { User } from '../users/user.entity';
import { ScopeService } from '../places/scope.service';
import { TicketCatalogue } from './service-requests.catalogue';
import { ServiceCategory, Ticket, TicketEvent, TicketFollower } from './service-request.entities';
import { ticketStanding, TicketScope } from './service-requests.lifecycle';
import { TicketStatusCount } from './ticket-status-counts';
import type { QueueQuery } from './service-requests.dto';

type Access = 'full' | 'public';

/** What people read of 码上办: lists (keyset pages), the detail with the viewer's `actions`, the worker's tasks. */
@Injectable()
export class TicketQueries {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly scopes: ScopeService,
    private readonly catalogue: TicketCatalogue,
    private readonly clock: Clock,
  ) {}

  /** 同问: the open tickets at a point, as public entries. */
  async openAtPoint(scene: string, viewer?: AuthUser): Promise<TicketListItem[]> {
    const point = await this.ds.getRepository(Point).findOne({ where: { scene, active: true } });
    if (!point) throw new AppError('PLACE_SCENE_INVALID');
    const rows = await this.ds.getRepository(Ticket).find({ where: { pointId: point.id, status: In(OPEN_TICKET_STATUSES as TicketStatus[]) }, order: { id: 'DESC' }, take: 20 });
    const following = viewer ? await this.followingSet(viewer.id, rows.map((r) => r.id)) : new Set<number>();
    const cats = await this.catalogue.categoryMap();
    return rows.map((t) => ({ ...this.summary(t, cats), isMine: !!viewer && t.requesterId === viewer.id, following: following.has(t.id) }));
  }

  /** Who sees the whole ticket: its requester, grid workers of its grid or its assignee, staff of its community, admin. */
  access(user: AuthUser, scope: TicketScope, t: Ticket): Access {
    if (t.requesterId === user.id) return 'full';
    if (scope.isAdmin) return 'full';
    if (user.roles.includes('staff') && scope.communityIds.includes(t.communityId)) return 'full';
    if (user.roles.includes('grid_worker') && (scope.gridIds.includes(t.gridId) || t.assigneeId === user.id)) return 'full';
    return 'public';
  }

  private canSeePhone(user: AuthUser, scope: TicketScope, t: Ticket) {
    if (scope.isAdmin) return true;
    if (user.roles.includes('staff') && scope.communityIds.includes(t.communityId)) return true;
    return user.roles.includes('grid_worker') && (scope.gridIds.includes(t.gridId) || t.assigneeId === user.id);
  }


  private async followingSet(userId: number, ids: number[]) {
    if (!ids.length) return new Set<number>();
    const rows = await this.ds.getRepository(TicketFollower).find({ where: { userId, ticketId: In(ids) } });
    return new Set(rows.map((r) => r.ticketId));
  }

  /** A list row that anyone may see: no contact, no name, no photos. */
  private summary(t: Ticket, cats: Map<number, ServiceCategory>): TicketSummary {
    const c = cats.get(t.categoryId);
    return {
      id: t.id,
      number: t.number,
      status: t.status,
      statusLabel: TICKET_STATUS_LABELS[t.status],
      category: c ? { id: c.id, name: c.name, icon: c.icon } : null,
      description: t.description.length > 80 ? `${t.description.slice(0, 80)}…` : t.description,
      followerCount: t.followerCount,
      overdue: t.overdue,
      createdAt: iso(t.createdAt)!,
      updatedAt: iso(t.updatedAt)!,
      dueAt: iso(t.dueAt),
    };
  }

  /**
   * The ticket with the names it is shown with — category, point, grid, community, requester, assignee — in one
   * query. `npm run bench` found the detail page spending most of its time on the nine round trips it used to make.
   */
  private async ticketWithContext(id: number) {
    const { entities, raw } = await this.ds
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .leftJoin(ServiceCategory, 'cat', 'cat.id = t.categoryId')
      .leftJoin(Point, 'p', 'p.id = t.pointId')
      .leftJoin(Grid, 'g', 'g.id = t.gridId')
      .leftJoin(Community, 'c', 'c.id = t.communityId')
      .leftJoin(User, 'req', 'req.id = t.requesterId')
      .leftJoin(User, 'asg', 'asg.id = t.assigneeId')
      .addSelect(['cat.name AS ctx_catName', 'cat.icon AS ctx_catIcon'])
      .addSelect(['p.name AS ctx_pointName', 'p.scene AS ctx_pointScene', 'p.address AS ctx_pointAddress', 'p.lat AS ctx_pointLat', 'p.lng AS ctx_pointLng'])
      .addSelect(['g.name AS ctx_gridName', 'c.name AS ctx_communityName', 'req.name AS ctx_requesterName', 'asg.name AS ctx_assigneeName'])
      .where('t.id = :id', { id })
      .getRawAndEntities();
    const t = entities[0];
    if (!t) return null;
    const r = raw[0];
    const num = (v: unknown) => (v == null ? null : Number(v));
    return {
      t,
      category: r.ctx_catName != null ? ({ id: t.categoryId, name: r.ctx_catName, icon: r.ctx_catIcon } as ServiceCategory) : null,
      point: { id: t.pointId, name: r.ctx_pointName as string, scene: r.ctx_pointScene as string, address: (r.ctx_pointAddress ?? null) as string | null, lat: num(r.ctx_pointLat), lng: num(r.ctx_pointLng) },
      grid: { id: t.gridId, name: r.ctx_gridName as string },
      community: { id: t.communityId, name: r.ctx_communityName as string },
      requesterName: (r.ctx_requesterName ?? null) as string | null,
      assignee: t.assigneeId && r.ctx_assigneeName != null ? { id: t.assigneeId, name: r.ctx_assigneeName as string } : null,
    };
  }

  async detail(user: AuthUser, id: number): Promise<TicketDetail> {
    const [found, scope] = await Promise.all([this.ticketWithContext(id), this.scopes.of(user.id, user.roles)]);
    if (!found) throw AppError.notFound('工单');
    const { t, point, grid, community, assignee } = found;
    const access = this.access(user, scope, t);
    const cats = new Map(found.category ? [[t.categoryId, found.category]] : []);
    const isOwner = t.requesterId === user.id;
    const [events, following, merged] = await Promise.all([
      this.ds.getRepository(TicketEvent).find({ where: { ticketId: id }, order: { id: 'ASC' } }),
      this.followingSet(user.id, [id]),
      t.mergedIntoId ? this.ds.getRepository(Ticket).findOne({ where: { id: t.mergedIntoId } }) : null,
    ]);
    const requester = found.requesterName != null ? { name: found.requesterName } : null;
    const full = access === 'full';
    const actions = ticketActions(t.status, full ? ticketStanding(user, scope, t) : [], { now: this.clock.now(), closedAt: t.closedAt });
    return {
      ...this.summary(t, cats),
      description: t.description,
      access,
      isOwner,
      following: following.has(id),
      canFollow: !isOwner && !following.has(id) && isTicketOpen(t.status),
      point: { id: point.id, name: point.name, scene: full ? point.scene : undefined, address: point.address, lat: full ? point.lat : null, lng: full ? point.lng : null },
      grid: { id: grid.id, name: grid.name },
      community: { id: community.id, name: community.name },
      requesterName: full ? (t.anonymous && !isOwner && !this.canSeePhone(user, scope, t) ? '匿名' : requester?.name ?? t.contactName) : t.anonymous ? null : maskName(requester?.name ?? t.contactName),
      anonymous: t.anonymous,
      contact: full ? { name: t.contactName, phone: maskPhone(t.contactPhone), canReveal: this.canSeePhone(user, scope, t) && !!t.contactPhone } : null,
      photos: full ? t.photos : [],
      attributes: full ? t.attributes : {},
      assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
      source: t.source as TicketDetail['source'],
      resolutionNote: t.resolutionNote,
      rating: t.rating,
      ratingComment: full ? t.ratingComment : null,
      reopenCount: t.reopenCount,
      signedAt: iso(t.signedAt),
      resolvedAt: iso(t.resolvedAt),
      closedAt: iso(t.closedAt),
      mergedInto: merged ? { id: merged.id, number: merged.number } : null,
      actions,
      timeline: events.map((e) => ({
        id: String(e.id),
        action: e.action,
        label: (TICKET_ACTION_LABELS as Record<string, string>)[e.action] ?? ({ submit: '提交', overdue: '超时督办', merged_in: '合并' } as Record<string, string>)[e.action] ?? e.action,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        actorRole: e.actorRole,
        note: full || e.action === 'resolve' ? e.note : null,
        photos: full || e.action === 'resolve' ? e.photos : [],
        at: iso(e.createdAt)!,
      })),
    };
  }


  /** Full phone for the staff/grid worker of this ticket; audited. */
  async revealPhone(user: AuthUser, id: number) {
    const t = await this.ds.getRepository(Ticket).findOne({ where: { id } });
    if (!t) throw AppError.notFound('工单');
    const scope = await this.scopes.of(user.id, user.roles);
    if (!this.canSeePhone(user, scope, t)) {
      if (this.access(user, scope, t) === 'full') throw AppError.forbidden('只有承办的网格员和社区工作人员可以查看完整号码');
      throw AppError.notFound('工单');
    }
    await this.tx.run((em) => this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'phone.reveal', entityType: 'ticket', entityId: id, at: this.clock.now() }));
    return { phone: t.contactPhone };
  }

  /**
   * 我的诉求: tickets I filed and tickets I follow (同问), newest first. Two keyset reads merged here — my own by
   * `ix_tickets_requester (requesterId, id)`, the followed ones through `ticket_followers` — because one
   * `requesterId = ? OR id IN (…)` query can use neither index and walks the whole table from the newest ticket.
   */
  async mine(user: AuthUser, q: { status?: TicketStatus; cursor?: number; limit?: number }): Promise<TicketPage> {
    const limit = q.limit ?? 20;
    const repo = this.ds.getRepository(Ticket);
    const keyset = (qb: ReturnType<typeof repo.createQueryBuilder>) => {
      if (q.status) qb.andWhere('t.status = :st', { st: q.status });
      if (q.cursor) qb.andWhere('t.id < :cursor', { cursor: q.cursor });
      return qb.orderBy('t.id', 'DESC').take(limit + 1).getMany();
    };
    const [own, followed] = await Promise.all([
      keyset(repo.createQueryBuilder('t').where('t.requesterId = :me', { me: user.id })),
      keyset(repo.createQueryBuilder('t').innerJoin(TicketFollower, 'f', 'f.ticketId = t.id AND f.userId = :me', { me: user.id })),
    ]);
    const byId = new Map([...own, ...followed].map((t) => [t.id, t]));
    const rows = [...byId.values()].sort((x, y) => y.id - x.id).slice(0, limit + 1);
    return this.pageOf(user, rows, limit);
  }

  async workerList(user: AuthUser, tab: 'pending' | 'working' | 'overdue' = 'pending'): Promise<WorkerTasks> {
    const where = (qb: ReturnType<typeof this.baseWorker>) => qb;
    const scope = await this.scopes.of(user.id, user.roles);
    const counts = {
      pending: await this.baseWorker(user, scope).andWhere('t.status = :s', { s: 'dispatched' }).getCount(),
      working: await this.baseWorker(user, scope).andWhere('t.status IN (:...s)', { s: ['signed', 'on_site'] }).getCount(),
      overdue: await this.baseWorker(user, scope).andWhere('t.overdue = :o AND t.status IN (:...s)', { o: true, s: ['signed', 'on_site'] }).getCount(),
    };
    const qb = where(this.baseWorker(user, scope));
    if (tab === 'pending') qb.andWhere('t.status = :s', { s: 'dispatched' });
    else if (tab === 'working') qb.andWhere('t.status IN (:...s)', { s: ['signed', 'on_site'] });
    else qb.andWhere('t.overdue = :o AND t.status IN (:...s)', { o: true, s: ['signed', 'on_site'] });
    const rows = await qb.orderBy('t.id', 'DESC').take(100).getMany();
    const cats = await this.catalogue.categoryMap();
    const points = rows.length ? await this.ds.getRepository(Point).find({ where: { id: In([...new Set(rows.map((r) => r.pointId))]) } }) : [];
    const pById = new Map(points.map((p) => [p.id, p]));
    return { counts, items: rows.map((t) => ({ ...this.summary(t, cats), point: { name: pById.get(t.pointId)?.name ?? '', address: pById.get(t.pointId)?.address ?? null } })) };
  }

  /** A grid worker's tasks: the ones assigned to them. */
  private baseWorker(user: AuthUser, _scope: TicketScope) {
    return this.ds.getRepository(Ticket).createQueryBuilder('t').where('t.assigneeId = :me', { me: user.id });
  }

  async queue(user: AuthUser, q: QueueQuery): Promise<TicketQueue> {
    const scope = await this.scopes.of(user.id, user.roles);
    const qb = this.ds.getRepository(Ticket).createQueryBuilder('t');
    if (!scope.isAdmin) qb.where('t.communityId IN (:...cs)', { cs: scope.communityIds.length ? scope.communityIds : [-1] });
    else qb.where('1 = 1');
    if (q.communityId) qb.andWhere('t.communityId = :c', { c: q.communityId });
    if (q.categoryId) qb.andWhere('t.categoryId = :cat', { cat: q.categoryId });
    if (q.q) qb.andWhere(new Brackets((w) => w.where('t.number LIKE :q', { q: `%${q.q}%` }).orWhere('t.description LIKE :q', { q: `%${q.q}%` })));
    if (!q.status) qb.andWhere('t.status IN (:...open)', { open: ['submitted', 'accepted', 'returned', 'reopened', 'dispatched', 'signed', 'on_site'] });
    const page = await this.page(user, qb, q, q.limit ?? 20);
    // Tab badges from the per-community counters (a handful of rows), not a COUNT over every ticket.
    await this.catalogue.ensureSeeded();
    const counts: Record<string, number> = {};
    const rows = await this.ds.getRepository(TicketStatusCount).find({ where: scope.isAdmin ? {} : { communityId: In(scope.communityIds.length ? scope.communityIds : [-1]) } });
    for (const r of rows) if (r.n) counts[r.status] = (counts[r.status] ?? 0) + r.n;
    return { ...page, counts };
  }

  private async page(user: AuthUser, qb: any, q: { status?: TicketStatus; cursor?: number }, limit: number) {
    if (q.status) qb.andWhere('t.status = :st', { st: q.status });
    if (q.cursor) qb.andWhere('t.id < :cursor', { cursor: q.cursor });
    const rows: Ticket[] = await qb.orderBy('t.id', 'DESC').take(limit + 1).getMany();
    return this.pageOf(user, rows, limit);
  }

  /** One page of summaries from up to `limit + 1` rows, newest first (the extra row only says there is more). */
  private async pageOf(user: AuthUser, rows: Ticket[], limit: number): Promise<TicketPage> {
    const items = rows.slice(0, limit);
    const cats = await this.catalogue.categoryMap();
    const following = await this.followingSet(user.id, items.map((r) => r.id));
    const communities = items.length ? await this.ds.getRepository(Community).find({ where: { id: In([...new Set(items.map((r) => r.communityId))]) } }) : [];
    const cById = new Map(communities.map((c) => [c.id, c.name]));
    return {
      items: items.map((t) => ({ ...this.summary(t, cats), isMine: t.requesterId === user.id, following: following.has(t.id), communityName: cById.get(t.communityId) ?? '' })),
      nextCursor: rows.length > limit ? items[items.length - 1].id : null,
    };
  }

  async workers(user: AuthUser): Promise<GridWorkerOption[]> {
    const scope = await this.scopes.of(user.id, user.roles);
    const grids = await this.ds.getRepository(Grid).find({ where: scope.isAdmin ? {} : { communityId: In(scope.communityIds.length ? scope.communityIds : [-1]) } });
    const all = await this.ds.getRepository(User).createQueryBuilder('u').where('u.roles LIKE :r', { r: '%grid_worker%' }).getMany();
    return all.map((u) => ({ id: u.id, name: u.name, grids: grids.filter((g) => g.workerId === u.id).map((g) => g.name) }));
  }
}
