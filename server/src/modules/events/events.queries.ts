import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  ACTIVITY_STATUS_LABELS,
  ACTIVITY_TYPE_LABELS,
  activityActions,
  ActivityStatus,
  AUDIENCE_LABELS,
  iso,
  maskPhone,
  needsCheckout,
  primaryRole,
  SEATED_SIGNUP_STATUSES,
  SIGNUP_INITIAL_STATUS,
  SIGNUP_STATUS_LABELS,
  signupActions,
  signupOpen,
} from '@linli/domain';
import type {
  ActivityCard,
  ActivityCounts,
  ActivityDetail,
  ActivityListItem,
  ActivityPage,
  AttendeePage,
  MyActivitiesPage,
  ProxySignupPage,
  ProxySignupView,
  SignupView,
} from '@linli/domain';
import { Clock } from '../../common/clock';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import type { Actor } from '../../common/state-machine';
import { pageThroughIndex } from '../../database/keyset';
import { TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { User } from '../users/user.entity';
import { Activity, ActivitySignup } from './activity.entities';
import { EventScope, Scope } from './events.scope';

const PUBLISHED: ActivityStatus = 'published';
const WAITING = SIGNUP_INITIAL_STATUS.waiting;
const yes = (flag?: string) => flag === '1' || flag === 'true';

export interface ListQuery {
  type?: string;
  open?: string;
  manage?: string;
  cursor?: string;
  limit?: number;
}

/** The reading side of 活动报名: lists (keyset pages) and the detail, each detail with the viewer's `actions`. */
@Injectable()
export class EventQueries {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly scope: EventScope,
  ) {}

  async getActivity(id: number, em?: EntityManager): Promise<Activity> {
    const a = await (em ?? this.ds.manager).findOne(Activity, { where: { id } });
    if (!a) throw AppError.notFound('活动');
    return a;
  }

  async getSignup(id: string, em?: EntityManager): Promise<ActivitySignup> {
    const s = await (em ?? this.ds.manager).findOne(ActivitySignup, { where: { id } });
    if (!s) throw AppError.notFound('报名');
    return s;
  }

  card(a: Activity, now: Date): ActivityCard {
    return {
      id: a.id,
      type: a.type,
      typeLabel: ACTIVITY_TYPE_LABELS[a.type],
      title: a.title,
      cover: a.cover,
      organiser: a.organiser,
      communityId: a.communityId,
      place: a.place,
      pointId: a.pointId,
      startAt: iso(a.startAt)!,
      endAt: iso(a.endAt)!,
      signupStartAt: iso(a.signupStartAt)!,
      signupEndAt: iso(a.signupEndAt)!,
      cancelDeadline: iso(a.cancelDeadline)!,
      checkinOpensMinutes: a.checkinOpensMinutes,
      capacity: a.capacity,
      confirmedCount: a.confirmedCount,
      waitlistCount: a.waitlistCount,
      remaining: Math.max(0, a.capacity - a.confirmedCount),
      audience: a.audience,
      audienceLabel: AUDIENCE_LABELS[a.audience],
      audienceCommunityId: a.audienceCommunityId,
      hours: a.centiHours / 100,
      needsCheckout: needsCheckout(a.type),
      status: a.status,
      statusLabel: ACTIVITY_STATUS_LABELS[a.status],
      cancelReason: a.cancelReason,
      signupOpen: signupOpen(a, now),
      ended: a.endAt.getTime() < now.getTime(),
    };
  }

  /** One sign-up with the moves its viewer holds (`standing`, from `EventScope.signupStanding`). */
  async signupView(s: ActivitySignup, a: Pick<Activity, 'type'>, standing: readonly string[], em?: EntityManager): Promise<SignupView> {
    return {
      id: String(s.id),
      activityId: s.activityId,
      userId: s.userId,
      status: s.status,
      statusLabel: SIGNUP_STATUS_LABELS[s.status],
      waitlistPosition: await this.waitlistPosition(s, em),
      promoted: !!s.promotedAt,
      answers: s.answers,
      checkedInAt: iso(s.checkedInAt),
      checkedOutAt: iso(s.checkedOutAt),
      hours: s.centiHours !== null ? s.centiHours / 100 : null,
      autoCheckedOut: !!s.autoCheckedOut,
      proxy: s.proxyBy !== null,
      actions: signupActions(s.status, standing, { promoted: !!s.promotedAt, activityType: a.type }),
      createdAt: iso(s.createdAt)!,
    };
  }

  /** The sign-up as `viewer` sees it. */
  async signupViewFor(viewer: Actor | AuthUser, s: ActivitySignup, a: Pick<Activity, 'type' | 'communityId'>, scope?: Scope | null): Promise<SignupView> {
    const sc = scope === undefined ? await this.scope.of(viewer) : scope;
    return this.signupView(s, a, this.scope.signupStanding(viewer, sc, s, a));
  }

  private async waitlistPosition(s: ActivitySignup, em?: EntityManager) {
    if (s.status !== WAITING) return null;
    const ahead = await (em ?? this.ds.manager)
      .createQueryBuilder(ActivitySignup, 's')
      .where('s.activityId = :a AND s.status = :w AND s.id < :id', { a: s.activityId, w: WAITING, id: s.id })
      .getCount();
    return ahead + 1;
  }

  /** `GET /api/events/:id` and the answer of every action: drafts only for those who manage them. */
  async detail(user: AuthUser | undefined, id: number): Promise<ActivityDetail> {
    const a = await this.getActivity(id);
    const scope = await this.scope.of(user);
    const manage = this.scope.manages(scope, a.communityId);
    if (a.status === 'draft' && !manage) throw AppError.notFound('活动');
    const mine = user ? await this.ds.getRepository(ActivitySignup).findOne({ where: { activeKey: `${id}:${user.id}` } }) : null;
    const detail: ActivityDetail = {
      ...this.card(a, this.clock.now()),
      description: a.description,
      questions: a.questions,
      canManage: manage,
      canProxy: a.status === PUBLISHED && (manage || !!user?.roles.includes('grid_worker')),
      actions: activityActions(a.status, this.scope.activityStanding(scope, a)),
      mySignup: mine && user ? await this.signupViewFor(user, mine, a, scope) : null,
    };
    if (manage) detail.scene = a.scene;
    return detail;
  }

  async list(user: AuthUser | undefined, q: ListQuery): Promise<ActivityPage> {
    const now = this.clock.now();
    const limit = q.limit ?? 20;
    const qb = this.ds.getRepository(Activity).createQueryBuilder('a');
    const manage = yes(q.manage) && user && (user.roles.includes('staff') || user.roles.includes('admin'));
    if (manage) {
      const scope = (await this.scope.of(user))!;
      if (!scope.isAdmin) qb.where('a.communityId IN (:...c)', { c: scope.communityIds.length ? scope.communityIds : [-1] });
    } else {
      qb.where('a.status = :p', { p: PUBLISHED });
    }
    if (q.type) qb.andWhere('a.type = :type', { type: q.type });
    if (yes(q.open)) qb.andWhere('a.status = :p2 AND a.signupStartAt <= :now AND a.signupEndAt >= :now', { p2: PUBLISHED, now });
    if (q.cursor) qb.andWhere('a.id < :cursor', { cursor: Number(q.cursor) });
    qb.orderBy('a.id', 'DESC');
    const rows = manage ? await qb.take(limit + 1).getMany() : await pageThroughIndex(qb, 'ix_activities_status', limit + 1);
    const page = rows.slice(0, limit);
    const mine = user && page.length ? await this.ds.getRepository(ActivitySignup).find({ where: { activeKey: In(page.map((a) => `${a.id}:${user.id}`)) } }) : [];
    const byActivity = new Map(mine.map((s) => [s.activityId, s]));
    return {
      items: page.map((a): ActivityListItem => {
        const s = byActivity.get(a.id);
        return { ...this.card(a, now), myStatus: s?.status ?? null, myStatusLabel: s ? SIGNUP_STATUS_LABELS[s.status] : null };
      }),
      nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null,
    };
  }

  /** 我的活动: every sign-up of mine, newest first. */
  async mine(user: AuthUser, q: { cursor?: string; limit?: number }): Promise<MyActivitiesPage> {
    const limit = q.limit ?? 20;
    const qb = this.ds.getRepository(ActivitySignup).createQueryBuilder('s').where('s.userId = :u', { u: user.id });
    if (q.cursor) qb.andWhere('s.id < :c', { c: q.cursor });
    const rows = await qb.orderBy('s.id', 'DESC').take(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const acts = page.length ? await this.ds.getRepository(Activity).find({ where: { id: In([...new Set(page.map((s) => s.activityId))]) } }) : [];
    const byId = new Map(acts.map((a) => [a.id, a]));
    const now = this.clock.now();
    const scope = await this.scope.of(user);
    const items = [];
    for (const s of page) {
      const a = byId.get(s.activityId)!;
      items.push({ signup: await this.signupViewFor(user, s, a, scope), activity: this.card(a, now) });
    }
    return { items, nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null };
  }

  /** The numbers behind the attendee list: for the organiser, staff of the activity's community and the admin. */
  async counts(user: AuthUser, id: number): Promise<ActivityCounts> {
    const a = await this.getActivity(id);
    if (this.scope.attendeeView(user, await this.scope.of(user), a) !== 'all') throw AppError.forbidden('只有活动的组织者和所在社区的工作人员可以查看报名统计');
    const rows = await this.ds
      .getRepository(ActivitySignup)
      .createQueryBuilder('s')
      .select('s.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('s.activityId = :id', { id })
      .groupBy('s.status')
      .getRawMany();
    const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>;
    return {
      capacity: a.capacity,
      confirmedCount: a.confirmedCount,
      remaining: Math.max(0, a.capacity - a.confirmedCount),
      signedUp: SEATED_SIGNUP_STATUSES.reduce((n, st) => n + (by[st] ?? 0), 0),
      waitlisted: by.waitlisted ?? 0,
      checkedIn: (by.checked_in ?? 0) + (by.checked_out ?? 0),
      checkedOut: by.checked_out ?? 0,
      noShow: by.no_show ?? 0,
      cancelled: (by.cancelled ?? 0) + (by.declined ?? 0),
    };
  }

  /**
   * The people a grid worker signed up by proxy for this activity (staff of its community, admin: every proxy
   * sign-up), each with the moves the viewer holds (取消报名 for the grid worker who made it). Phones masked.
   */
  async proxySignups(user: AuthUser, id: number, q: { cursor?: string; limit?: number }): Promise<ProxySignupPage> {
    const a = await this.getActivity(id);
    const scope = await this.scope.of(user);
    const manage = this.scope.manages(scope, a.communityId);
    if (!manage && !user.roles.includes('grid_worker')) throw AppError.forbidden('只能查看自己代报名的居民');
    const limit = q.limit ?? 50;
    const qb = this.ds.getRepository(ActivitySignup).createQueryBuilder('s').where('s.activityId = :id AND s.proxyBy IS NOT NULL', { id });
    if (!manage) qb.andWhere('s.proxyBy = :me', { me: user.id });
    if (q.cursor) qb.andWhere('s.id > :c', { c: q.cursor });
    const rows = await qb.orderBy('s.id', 'ASC').take(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const people = page.length ? await this.ds.getRepository(User).find({ where: { id: In(page.map((s) => s.userId)) } }) : [];
    const byId = new Map(people.map((p) => [p.id, p]));
    const items: ProxySignupView[] = [];
    for (const s of page) {
      const p = byId.get(s.userId);
      items.push({ ...(await this.signupViewFor(user, s, a, scope)), resident: { id: s.userId, name: p?.name ?? '', phone: maskPhone(p?.phone) } });
    }
    return { items, nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null };
  }

  /**
   * The attendee list, for the organiser, staff of its community and the admin, with full phones (and an audit row
   * saying whose were shown); a grid worker gets only the people they signed up by proxy, phones masked.
   */
  async attendees(user: AuthUser, id: number, q: { cursor?: string; limit?: number; status?: string }): Promise<AttendeePage> {
    const a = await this.getActivity(id);
    const view = this.scope.attendeeView(user, await this.scope.of(user), a);
    if (!view) throw AppError.forbidden('只有活动的组织者和所在社区的工作人员可以查看报名名单');
    const fullPhones = view === 'all';
    const limit = q.limit ?? 50;
    const qb = this.ds.getRepository(ActivitySignup).createQueryBuilder('s').where('s.activityId = :id', { id });
    if (!fullPhones) qb.andWhere('s.proxyBy = :me', { me: user.id });
    if (q.status) qb.andWhere('s.status IN (:...st)', { st: q.status.split(',') });
    if (q.cursor) qb.andWhere('s.id > :c', { c: q.cursor });
    const rows = await qb.orderBy('s.id', 'ASC').take(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const people = page.length ? await this.ds.getRepository(User).find({ where: { id: In(page.map((s) => s.userId)) } }) : [];
    const byId = new Map(people.map((p) => [p.id, p]));
    if (fullPhones && page.length) {
      await this.tx.run((em) =>
        this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'phone.reveal', entityType: 'activity', entityId: id, data: { userIds: page.map((s) => s.userId) } }),
      );
    }
    return {
      items: page.map((s) => {
        const p = byId.get(s.userId);
        return {
          id: String(s.id),
          userId: s.userId,
          name: p?.name ?? '',
          phone: fullPhones ? p?.phone ?? null : maskPhone(p?.phone),
          status: s.status,
          statusLabel: SIGNUP_STATUS_LABELS[s.status],
          answers: s.answers,
          proxy: s.proxyBy !== null,
          promoted: !!s.promotedAt,
          checkedInAt: iso(s.checkedInAt),
          checkedOutAt: iso(s.checkedOutAt),
          hours: s.centiHours !== null ? s.centiHours / 100 : null,
          autoCheckedOut: !!s.autoCheckedOut,
          createdAt: iso(s.createdAt)!,
        };
      }),
      nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null,
      phonesMasked: !fullPhones,
    };
  }
}
