import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import {
  ACTIVE_CLAIM_STATUSES,
  iso,
  OPEN_TICKET_STATUSES,
  primaryRole,
  SIGNUP_STATUS_LABELS,
  TICKET_STATUS_LABELS,
  WISH_STATUS_LABELS,
} from '@linli/domain';
import type {
  GridWorkerHome,
  HomeActivity,
  HomeList,
  HomeSignup,
  HomeSummary,
  ResidentHome,
  Role,
  SignupStatus,
  StaffHome,
  TicketStatus,
  VolunteerHome,
  WishStatus,
} from '@linli/domain';
import { Clock } from '../../common/clock';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import type { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { Activity, ActivitySignup } from '../events/activity.entities';
import { LedgerEntry } from '../ledger/ledger-entry.entity';
import { Community, Grid } from '../places/place.entities';
import { Scope, ScopeService } from '../places/scope.service';
import { ServiceCategory, Ticket } from '../service-requests/service-request.entities';
import { TicketStatusCount } from '../service-requests/ticket-status-counts';
import { Wish } from '../wishes/wish.entities';

/** How many rows of each list the home page shows; the rest is one tap away on the list's own page. */
const FIRST_ROWS = 5;
/** "Starting soon" for staff: the activities of the coming week. */
const SOON_DAYS = 7;
const DAY_MS = 24 * 3600_000;

/** Not finished for the person who filed it: still moving, or 已办结 and waiting for them to confirm or reopen. */
const UNFINISHED_TICKET_STATUSES: readonly TicketStatus[] = [...OPEN_TICKET_STATUSES, 'resolved'];
/** A sign-up that still means "I'm going": seated, waiting, or checked in at an activity not yet over. */
const COMING_SIGNUP_STATUSES: readonly SignupStatus[] = ['confirmed', 'waitlisted', 'checked_in'];
/** The staff queue's piles, in the order the page shows them (the queue's own tabs). */
const QUEUE_STATUSES: readonly TicketStatus[] = ['submitted', 'accepted', 'returned', 'reopened', 'dispatched', 'signed', 'on_site', 'resolved'];
/** The workbench's tabs (`TicketQueries.workerList`): what a grid worker has in hand. */
const WORKER_WORKING: readonly TicketStatus[] = ['signed', 'on_site'];
/** 已超时, as the workbench and the queue count it: past the SLA while handled, or dispatched and not signed for in time. */
const LATE_TASK = '((t.overdue = :late AND t.status IN (:...lateWorking)) OR (t.signOverdue = :late AND t.status = :lateWaiting))';
const LATE_PARAMS = { late: true, lateWorking: WORKER_WORKING, lateWaiting: 'dispatched' };

/**
 * The 首页 summary, one role at a time. Every read is its own query on the flows' tables, narrowed first to the
 * person (requester, sign-up, claimer, assignee, ledger owner) or to their scope (staff: their communities; admin:
 * the street). Nothing here writes.
 */
@Injectable()
export class HomeQueries {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
  ) {}

  async summary(user: AuthUser, asRole?: Role): Promise<HomeSummary> {
    const role = asRole ?? primaryRole(user.roles);
    // Everyone signed in is a resident of somewhere; every other role must be one the person holds now.
    if (role !== 'resident' && !user.roles.includes(role)) throw AppError.forbidden('您没有这个身份');
    switch (role) {
      case 'resident':
        return this.resident(user);
      case 'volunteer':
        return this.volunteer(user);
      case 'grid_worker':
        return this.gridWorker(user);
      case 'staff':
      case 'admin':
        return this.staff(user, role);
    }
  }

  private async resident(user: AuthUser): Promise<ResidentHome> {
    const [matters, activities] = await Promise.all([this.myMatters(user.id), this.mySignups(user.id)]);
    return { role: 'resident', matters, activities };
  }

  private async volunteer(user: AuthUser): Promise<VolunteerHome> {
    // A volunteer holds at most `claimLimit` wishes at once (claimed + awaiting confirmation), so this is a few rows.
    const [held, hours, activities] = await Promise.all([
      this.ds.getRepository(Wish).find({ where: { claimerId: user.id, status: In(ACTIVE_CLAIM_STATUSES as WishStatus[]) } }),
      this.ledgerTotals(user.id),
      this.mySignups(user.id),
    ]);
    // the claim that runs out first on top; 待确认 ones (proof uploaded, no expiry) after the running ones
    const expiry = (w: Wish) => (w.status === 'claimed' && w.claimExpiresAt ? new Date(w.claimExpiresAt).getTime() : Number.MAX_SAFE_INTEGER);
    const claims = [...held].sort((a, b) => expiry(a) - expiry(b) || b.id - a.id).slice(0, FIRST_ROWS);
    return {
      role: 'volunteer',
      claims: {
        limit: this.config.wishes.claimLimit,
        total: held.length,
        items: claims.map((w) => ({
          id: w.id,
          title: w.title,
          displayName: w.displayName,
          status: w.status,
          statusLabel: WISH_STATUS_LABELS[w.status],
          expiresAt: w.status === 'claimed' ? iso(w.claimExpiresAt) : null,
        })),
      },
      hours,
      activities,
    };
  }

  private async gridWorker(user: AuthUser): Promise<GridWorkerHome> {
    const assigned = () => this.ds.getRepository(Ticket).createQueryBuilder('t').where('t.assigneeId = :me', { me: user.id });
    const [grids, pending, working, overdue] = await Promise.all([
      this.ds
        .getRepository(Grid)
        .createQueryBuilder('g')
        .innerJoin(Community, 'c', 'c.id = g.communityId')
        .select(['g.id AS id', 'g.name AS name', 'c.name AS communityName'])
        .where('g.workerId = :me', { me: user.id })
        .orderBy('g.id', 'ASC')
        .getRawMany<{ id: number; name: string; communityName: string }>(),
      assigned().andWhere('t.status = :s', { s: 'dispatched' }).getCount(),
      assigned().andWhere('t.status IN (:...s)', { s: WORKER_WORKING }).getCount(),
      assigned().andWhere(LATE_TASK, LATE_PARAMS).getCount(),
    ]);
    return {
      role: 'grid_worker',
      grids: grids.map((g) => ({ id: Number(g.id), name: g.name, communityName: g.communityName })),
      tasks: { pending, working, overdue },
    };
  }

  private async staff(user: AuthUser, role: 'staff' | 'admin'): Promise<StaffHome> {
    const scope = await this.scopes.of(user.id, user.roles);
    // The admin's home is the street's; a staff member's is their communities' (an admin acting as staff keeps
    // the admin's scope, as every staff route does for them).
    const all = scope.isAdmin;
    const ids = scope.communityIds.length ? scope.communityIds : [-1];
    const now = this.clock.now();
    const soon = new Date(now.getTime() + SOON_DAYS * DAY_MS);

    const activitiesQb = this.ds
      .getRepository(Activity)
      .createQueryBuilder('a')
      .where("a.status = 'published' AND a.endAt > :now AND a.startAt < :soon", { now, soon });
    if (!all) activitiesQb.andWhere('a.communityId IN (:...ids)', { ids });
    const overdueQb = this.ds
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .where('t.status IN (:...open) AND (t.overdue = :yes OR t.signOverdue = :yes)', { open: OPEN_TICKET_STATUSES, yes: true });
    if (!all) overdueQb.andWhere('t.communityId IN (:...ids)', { ids });
    const reviewQb = this.ds.getRepository(Wish).createQueryBuilder('w').where("w.status = 'pending_review'");
    if (!all) reviewQb.andWhere('w.communityId IN (:...ids)', { ids });

    const [counters, overdue, wishesToReview, soonRows, soonTotal, communities] = await Promise.all([
      // the queue's tab badges read these per-community counters too, so the two always agree
      this.ds.getRepository(TicketStatusCount).find({ where: all ? { status: In(QUEUE_STATUSES as TicketStatus[]) } : { communityId: In(ids), status: In(QUEUE_STATUSES as TicketStatus[]) } }),
      overdueQb.getCount(),
      reviewQb.getCount(),
      activitiesQb.clone().orderBy('a.startAt', 'ASC').addOrderBy('a.id', 'ASC').limit(FIRST_ROWS).getMany(),
      activitiesQb.clone().getCount(),
      all ? Promise.resolve(null) : this.communities(scope),
    ]);
    const counts: Partial<Record<TicketStatus, number>> = {};
    for (const s of QUEUE_STATUSES) counts[s] = 0;
    for (const r of counters) counts[r.status] = (counts[r.status] ?? 0) + r.n;
    const open = OPEN_TICKET_STATUSES.reduce((n, s) => n + (counts[s] ?? 0), 0);
    const activitiesSoon: HomeList<HomeActivity> & { soonDays: number } = {
      soonDays: SOON_DAYS,
      total: soonTotal,
      items: soonRows.map((a) => ({
        id: a.id,
        title: a.title,
        place: a.place,
        startAt: iso(a.startAt)!,
        capacity: a.capacity,
        confirmedCount: a.confirmedCount,
        waitlistCount: a.waitlistCount,
      })),
    };
    return { role, communities, queue: { counts, open, overdue }, wishesToReview, activitiesSoon };
  }

  private async communities(scope: Scope) {
    if (!scope.communityIds.length) return [];
    const rows = await this.ds.getRepository(Community).find({ where: { id: In(scope.communityIds) }, order: { id: 'ASC' } });
    return rows.map((c) => ({ id: c.id, name: c.name }));
  }

  /** Tickets I filed that are not finished, newest first (by `ix_tickets_requester`). */
  private async myMatters(userId: number): Promise<ResidentHome['matters']> {
    const qb = this.ds
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .where('t.requesterId = :me AND t.status IN (:...unfinished)', { me: userId, unfinished: UNFINISHED_TICKET_STATUSES });
    const [rows, total] = await Promise.all([qb.clone().orderBy('t.id', 'DESC').limit(FIRST_ROWS).getMany(), qb.clone().getCount()]);
    const categoryIds = [...new Set(rows.map((t) => t.categoryId))];
    const cats = categoryIds.length ? await this.ds.getRepository(ServiceCategory).find({ where: { id: In(categoryIds) } }) : [];
    const byId = new Map(cats.map((c) => [c.id, c]));
    return {
      total,
      items: rows.map((t) => {
        const c = byId.get(t.categoryId);
        return {
          id: t.id,
          number: t.number,
          status: t.status,
          statusLabel: t.status === 'resolved' ? '待您确认' : TICKET_STATUS_LABELS[t.status],
          category: c ? { name: c.name, icon: c.icon } : null,
          description: t.description.length > 60 ? `${t.description.slice(0, 60)}…` : t.description,
          awaitingMe: t.status === 'resolved',
          overdue: t.overdue,
          updatedAt: iso(t.updatedAt)!,
        };
      }),
    };
  }

  /** My sign-ups for published activities that have not ended, soonest first. */
  private async mySignups(userId: number): Promise<HomeList<HomeSignup>> {
    const qb = this.ds
      .getRepository(ActivitySignup)
      .createQueryBuilder('s')
      .innerJoin(Activity, 'a', 'a.id = s.activityId')
      .where("s.userId = :me AND s.status IN (:...coming) AND a.status = 'published' AND a.endAt > :now", { me: userId, coming: COMING_SIGNUP_STATUSES, now: this.clock.now() });
    const [rows, total] = await Promise.all([
      qb
        .clone()
        .select(['s.status AS status', 'a.id AS activityId', 'a.title AS title', 'a.place AS place', 'a.startAt AS startAt', 'a.endAt AS endAt'])
        .orderBy('a.startAt', 'ASC')
        .addOrderBy('a.id', 'ASC')
        .limit(FIRST_ROWS)
        .getRawMany<{ status: SignupStatus; activityId: number; title: string; place: string; startAt: unknown; endAt: unknown }>(),
      qb.clone().getCount(),
    ]);
    return {
      total,
      items: rows.map((r) => ({
        activityId: Number(r.activityId),
        title: r.title,
        place: r.place,
        startAt: rawDateIso(r.startAt),
        endAt: rawDateIso(r.endAt),
        status: r.status,
        statusLabel: SIGNUP_STATUS_LABELS[r.status],
      })),
    };
  }

  /** The ledger's sum for one volunteer, corrections included (the same sum as 我的志愿时长). */
  private async ledgerTotals(userId: number): Promise<VolunteerHome['hours']> {
    const row = await this.ds
      .getRepository(LedgerEntry)
      .createQueryBuilder('l')
      .select('COALESCE(SUM(l.centiHours), 0)', 'ch')
      .addSelect('COALESCE(SUM(l.points), 0)', 'pts')
      .addSelect('COUNT(*)', 'n')
      .where('l.userId = :me', { me: userId })
      .getRawOne<{ ch: unknown; pts: unknown; n: unknown }>();
    return { hours: Number(row?.ch ?? 0) / 100, points: Number(row?.pts ?? 0), entries: Number(row?.n ?? 0) };
  }
}

/** A raw datetime: mysql2 gives a Date, SQLite the UTC text TypeORM wrote. */
function rawDateIso(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`).toISOString();
}
