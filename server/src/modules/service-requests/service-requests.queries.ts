import { Inject, Injectable } from '@nestjs/common';
import { Brackets, DataSource, In, SelectQueryBuilder } from 'typeorm';
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
import type { GridWorkerPage, TicketDetail, TicketListItem, TicketPage, TicketQueue, TicketSummary, WorkerTasks } from '@linli/domain';
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
import { HoldsService } from '../moderation/holds.service';
import type { QueueQuery, WorkerPickQuery } from './service-requests.dto';

type Access = 'full' | 'public';

/** A worker's 已超时: past the SLA while being handled, or dispatched and not signed for in time. */
const LATE_TASK = '((t.overdue = :late AND t.status IN (:...lateWorking)) OR (t.signOverdue = :late AND t.status = :lateWaiting))';
const LATE_PARAMS = { late: true, lateWorking: ['signed', 'on_site'], lateWaiting: 'dispatched' };

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
    private readonly holds: HoldsService,
  ) {}

  /** 同问: the open tickets at a point, as public entries. */
  async openAtPoint(scene: string, viewer?: AuthUser): Promise<TicketListItem[]> {
    const point = await this.ds.getRepository(Point).findOne({ where: { scene, active: true } });
    if (!point) throw new AppError('PLACE_SCENE_INVALID');
    const open = await this.ds.getRepository(Ticket).find({ where: { pointId: point.id, status: In(OPEN_TICKET_STATUSES as TicketStatus[]) }, order: { id: 'DESC' }, take: 20 });
    // Text WeChat has not passed yet is not shown at the point, except to the one who wrote it.
    const withheld = await this.holds.withheld('ticket', open.map((r) => r.id));
    const rows = open.filter((r) => !withheld.has(r.id) || (!!viewer && r.requesterId === viewer.id));
    const following = viewer ? await this.followingSet(viewer.id, rows.map((r) => r.id)) : new Set<number>();
    const cats = await this.catalogue.categoryMap();
    return rows.map((t) => ({ ...this.summary(t, cats), isMine: !!viewer && t.requesterId === viewer.id, following: following.has(t.id) }));
  }

  /** Who sees the whole ticket: its requester, grid workers of its grid or its assignee, staff of its community, admin. */
  access(user: AuthUser, scope: TicketScope, t: Ticket): Access {
    if (t.requesterId === user.id) return 'full';
    return this.canSeePhone(user, scope, t) ? 'full' : 'public';
  }

  private canSeePhone(user: AuthUser, scope: TicketScope, t: Ticket) {
    if (scope.isAdmin) return true;
    if (user.roles.includes('staff') && t.communityId !== null && scope.communityIds.includes(t.communityId)) return true;
    return user.roles.includes('grid_worker') && ((t.gridId !== null && scope.gridIds.includes(t.gridId)) || t.assigneeId === user.id);
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
      signOverdue: t.signOverdue,
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
      .addSelect('(SELECT s.name FROM streets s ORDER BY s.id LIMIT 1)', 'ctx_streetName')
      .where('t.id = :id', { id })
      .getRawAndEntities();
    const t = entities[0];
    if (!t) return null;
    const r = raw[0];
    const num = (v: unknown) => (v == null ? null : Number(v));
    // A ticket filed by coordinates alone is shown where the client said it was, in its triage queue's name.
    const point = t.pointId !== null
      ? { id: t.pointId, name: r.ctx_pointName as string, scene: r.ctx_pointScene as string, address: (r.ctx_pointAddress ?? null) as string | null, lat: num(r.ctx_pointLat), lng: num(r.ctx_pointLng) }
      : { id: 0, name: t.addressString ?? '按坐标定位', scene: undefined, address: t.lat !== null && t.lng !== null ? `北纬 ${t.lat.toFixed(5)}，东经 ${t.lng.toFixed(5)}` : null, lat: t.lat, lng: t.lng };
    return {
      t,
      category: r.ctx_catName != null ? ({ id: t.categoryId, name: r.ctx_catName, icon: r.ctx_catIcon } as ServiceCategory) : null,
      point,
      grid: t.gridId !== null ? { id: t.gridId, name: r.ctx_gridName as string } : { id: 0, name: '未分网格' },
      community: t.communityId !== null ? { id: t.communityId, name: r.ctx_communityName as string } : { id: 0, name: `${r.ctx_streetName ?? '街道'}（街道分拣）` },
      triage: (t.pointId !== null ? null : t.communityId !== null ? 'community' : 'street') as TicketDetail['triage'],
      requesterName: (r.ctx_requesterName ?? null) as string | null,
      assignee: t.assigneeId && r.ctx_assigneeName != null ? { id: t.assigneeId, name: r.ctx_assigneeName as string } : null,
    };
  }

  async detail(user: AuthUser, id: number): Promise<TicketDetail> {
    const [found, scope] = await Promise.all([this.ticketWithContext(id), this.scopes.of(user.id, user.roles)]);
    if (!found) throw AppError.notFound('工单');
    const { t, point, grid, community, assignee, triage } = found;
    const access = this.access(user, scope, t);
    if (access === 'public' && (await this.holds.withheld('ticket', [t.id])).size) throw AppError.notFound('工单');
    const cats = new Map(found.category ? [[t.categoryId, found.category]] : []);
    const isOwner = t.requesterId === user.id;
    const [events, following, merged] = await Promise.all([
      this.ds.getRepository(TicketEvent).find({ where: { ticketId: id }, order: { id: 'ASC' } }),
      this.followingSet(user.id, [id]),
      t.mergedIntoId ? this.ds.getRepository(Ticket).findOne({ where: { id: t.mergedIntoId } }) : null,
    ]);
    const requester = found.requesterName != null ? { name: found.requesterName } : null;
    const full = access === 'full';
    // A follower sees the public entry, and the moves 同问 gives them (confirm, reopen).
    const standing = ticketStanding(user, scope, t, following.has(id));
    const actions = ticketActions(t.status, full ? standing : standing.filter((s) => s === 'follower'), { now: this.clock.now(), closedAt: t.closedAt });
    return {
      ...this.summary(t, cats),
      description: t.description,
      access,
      isOwner,
      following: following.has(id),
      canFollow: !isOwner && !following.has(id) && isTicketOpen(t.status),
      point: { id: point.id, name: point.name, scene: full ? point.scene : undefined, address: point.address, lat: full ? point.lat : null, lng: full ? point.lng : null },
      triage,
      addressString: full ? t.addressString : null,
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
        label: (TICKET_ACTION_LABELS as Record<string, string>)[e.action] ?? ({ submit: '提交', overdue: '超时督办', sign_overdue: '签收超时督办', merged_in: '合并' } as Record<string, string>)[e.action] ?? e.action,
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
      overdue: await this.baseWorker(user, scope).andWhere(LATE_TASK, LATE_PARAMS).getCount(),
    };
    const qb = where(this.baseWorker(user, scope));
    if (tab === 'pending') qb.andWhere('t.status = :s', { s: 'dispatched' });
    else if (tab === 'working') qb.andWhere('t.status IN (:...s)', { s: ['signed', 'on_site'] });
    else qb.andWhere(LATE_TASK, LATE_PARAMS);
    const rows = await qb.orderBy('t.id', 'DESC').take(100).getMany();
    const cats = await this.catalogue.categoryMap();
    const pointIds = [...new Set(rows.map((r) => r.pointId).filter((x): x is number => x !== null))];
    const points = pointIds.length ? await this.ds.getRepository(Point).find({ where: { id: In(pointIds) } }) : [];
    const pById = new Map(points.map((p) => [p.id, p]));
    const at = (t: Ticket) => (t.pointId !== null ? pById.get(t.pointId) : undefined);
    return { counts, items: rows.map((t) => ({ ...this.summary(t, cats), point: { name: at(t)?.name ?? t.addressString ?? '按坐标定位', address: at(t)?.address ?? null } })) };
  }

  /** A grid worker's tasks: the ones assigned to them. */
  private baseWorker(user: AuthUser, _scope: TicketScope) {
    return this.ds.getRepository(Ticket).createQueryBuilder('t').where('t.assigneeId = :me', { me: user.id });
  }

  async queue(user: AuthUser, q: QueueQuery): Promise<TicketQueue> {
    const scope = await this.scopes.of(user.id, user.roles);
    const qb = this.ds.getRepository(Ticket).createQueryBuilder('t');
    scopedTickets(qb, scope, q);
    if (q.q) qb.andWhere(new Brackets((w) => w.where('t.number LIKE :q', { q: `%${q.q}%` }).orWhere('t.description LIKE :q', { q: `%${q.q}%` })));
    if (!q.status) qb.andWhere('t.status IN (:...open)', { open: OPEN_TICKET_STATUSES });
    // 已超时: past the SLA after signing, or dispatched and not signed for in time (escalated).
    if (q.late) qb.andWhere('(t.overdue = :yes OR t.signOverdue = :yes)', { yes: true });
    const page = await this.page(user, qb, q, q.limit ?? 20);
    // Tab badges from the per-community counters (a handful of rows), not a COUNT over every ticket.
    await this.catalogue.ensureSeeded();
    const counts: Record<string, number> = {};
    const rows = await this.ds.getRepository(TicketStatusCount).find({ where: scope.isAdmin ? {} : { communityId: In(scope.communityIds.length ? scope.communityIds : [-1]) } });
    for (const r of rows) if (r.n) counts[r.status] = (counts[r.status] ?? 0) + r.n;
    const late = this.ds.getRepository(Ticket).createQueryBuilder('t');
    scopedTickets(late, scope, {});
    const lateCount = await late.andWhere('t.status IN (:...open)', { open: OPEN_TICKET_STATUSES }).andWhere('(t.overdue = :yes OR t.signOverdue = :yes)', { yes: true }).getCount();
    return { ...page, counts, late: lateCount };
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
    const communityIds = [...new Set(items.map((r) => r.communityId).filter((x): x is number => x !== null))];
    const communities = communityIds.length ? await this.ds.getRepository(Community).find({ where: { id: In(communityIds) } }) : [];
    const cById = new Map(communities.map((c) => [c.id, c.name]));
    return {
      items: items.map((t) => ({ ...this.summary(t, cats), isMine: t.requesterId === user.id, following: following.has(t.id), communityName: t.communityId !== null ? cById.get(t.communityId) ?? '' : '街道分拣' })),
      nextCursor: rows.length > limit ? items[items.length - 1].id : null,
    };
  }

  /**
   * The dispatch picker: grid workers of the ticket's community — on duty in one of its grids, or living there —
   * searchable by name or phone, a page at a time (by id). Without a ticket: those of the viewer's communities.
   * For a ticket in the street's queue, every grid worker (the admin places it).
   */
  async workers(user: AuthUser, q: WorkerPickQuery): Promise<GridWorkerPage> {
    const scope = await this.scopes.of(user.id, user.roles);
    let communityIds: number[] | null;
    let ticket: Ticket | null = null;
    if (q.ticketId) {
      ticket = await this.ds.getRepository(Ticket).findOne({ where: { id: q.ticketId } });
      if (!ticket || !this.canSeePhone(user, scope, ticket) || !(scope.isAdmin || user.roles.includes('staff'))) throw AppError.notFound('工单');
      communityIds = ticket.communityId !== null ? [ticket.communityId] : null;
    } else {
      communityIds = scope.isAdmin ? null : scope.communityIds;
    }
    const limit = q.limit ?? 20;
    const grids = await this.ds.getRepository(Grid).find({ where: communityIds ? { communityId: In(communityIds.length ? communityIds : [-1]) } : {} });
    const onDuty = [...new Set(grids.map((g) => g.workerId).filter((x): x is number => x !== null))];
    const qb = this.ds.getRepository(User).createQueryBuilder('u').where('u.roles LIKE :r', { r: '%"grid_worker"%' });
    if (communityIds) {
      const cs = communityIds.length ? communityIds : [-1];
      qb.andWhere(new Brackets((w) => w.where('u.id IN (:...duty)', { duty: onDuty.length ? onDuty : [-1] }).orWhere('u.communityId IN (:...cs)', { cs })));
    }
    const term = q.q?.trim();
    if (term) qb.andWhere(new Brackets((w) => w.where('u.name LIKE :t', { t: `%${term}%` }).orWhere('u.phone LIKE :t', { t: `%${term}%` })));
    if (q.cursor) qb.andWhere('u.id > :cursor', { cursor: q.cursor });
    const rows = await qb.orderBy('u.id', 'ASC').take(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const byWorker = new Map<number, string[]>();
    for (const g of grids) if (g.workerId) byWorker.set(g.workerId, [...(byWorker.get(g.workerId) ?? []), g.name]);
    const ticketGrid = ticket?.gridId ?? null;
    const ticketGridWorker = ticketGrid !== null ? grids.find((g) => g.id === ticketGrid)?.workerId ?? null : null;
    return {
      items: page.map((u) => ({ id: u.id, name: u.name, phone: maskPhone(u.phone), grids: byWorker.get(u.id) ?? [], onTicketGrid: u.id === ticketGridWorker })),
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    };
  }
}

/** The tickets a viewer's queue and export cover, with the queue's filters; admins also see the street's own queue. */
export function scopedTickets(qb: SelectQueryBuilder<Ticket>, scope: TicketScope, q: { communityId?: number; categoryId?: number; status?: TicketStatus }) {
  if (!scope.isAdmin) qb.where('t.communityId IN (:...cs)', { cs: scope.communityIds.length ? scope.communityIds : [-1] });
  else qb.where('1 = 1');
  if (q.communityId) qb.andWhere('t.communityId = :c', { c: q.communityId });
  if (q.categoryId) qb.andWhere('t.categoryId = :cat', { cat: q.categoryId });
  return qb;
}
