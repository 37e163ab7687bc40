import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'crypto';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import ExcelJS from 'exceljs';
import ical, { ICalEventStatus } from 'ical-generator';
import * as QRCode from 'qrcode';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import {
  ACTIVITY_TRANSITIONS,
  ACTIVITY_TYPE_LABELS,
  ActivityAction,
  ActivityStatus,
  AUDIENCE_LABELS,
  availableActions,
  canTransition,
  DEFAULT_CHECKIN_OPENS_MINUTES,
  inAudience,
  maskPhone,
  needsCheckout,
  nextState,
  randomSceneCode,
  SIGNUP_STATUS_LABELS,
  SIGNUP_TRANSITIONS,
  SignupAction,
  SignupStatus,
  signupOpen,
  validateAnswers,
} from '@linli/domain';
import type { Answers } from '@linli/domain';
import { Clock } from '../../common/clock';
import { insertRow } from '../../database/insert';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app.config';
import { pageThroughIndex } from '../../database/keyset';
import { TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { validateIdempotencyKey, IdempotencyService } from '../idempotency/idempotency.service';
import { JobsService } from '../jobs/jobs.service';
import { LedgerService } from '../ledger/ledger.service';
import { NotificationsService } from '../notifications/notifications.service';
import { Community } from '../places/place.entities';
import { QrCodeService } from '../places/qrcode.service';
import { UploadsService } from '../uploads/uploads.service';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { Activity, ActivitySignup } from './activity.entities';
import { CreateActivityDto, ProxySignupDto, UpdateActivityDto } from './events.dto';
import './events.errors';

dayjs.extend(utc);
dayjs.extend(timezone);

export const EVENT_TZ = 'Asia/Shanghai';
const HOUR = 3_600_000;
const SEATED: SignupStatus[] = ['confirmed', 'checked_in', 'checked_out', 'no_show'];
const DETAIL_LINK = (id: number) => `/packages/events/pages/detail/index?id=${id}`;

const VTIMEZONE_SHANGHAI = [
  'BEGIN:VTIMEZONE',
  'TZID:Asia/Shanghai',
  'X-LIC-LOCATION:Asia/Shanghai',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'TZNAME:CST',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

function isDuplicate(err: unknown) {
  const code = (err as any)?.driverError?.code ?? (err as any)?.code;
  return err instanceof QueryFailedError && (code === 'ER_DUP_ENTRY' || String(code).startsWith('SQLITE_CONSTRAINT'));
}

/**
 * Admission gate for the write paths of one process: a burst of a thousand taps waits here, in memory, instead of
 * overflowing the database pool's bounded queue (which answers "Queue limit reached"). They all serialise on the
 * activity row anyway, so more parallelism would only add lock waits.
 */
class Gate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

function fmtShanghai(d: Date) {
  return dayjs(d).tz(EVENT_TZ).format('M月D日 HH:mm');
}

@Injectable()
export class EventsService implements OnModuleInit {
  private readonly gate: Gate;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
    private readonly uploads: UploadsService,
    private readonly ledger: LedgerService,
    private readonly idempotency: IdempotencyService,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
    private readonly qrcodes: QrCodeService,
  ) {
    this.gate = new Gate(Math.max(1, config.dbPoolSize - 2));
  }

  onModuleInit() {
    this.users.onMerge((em, from, to) => this.moveSignups(em, from, to));
    this.jobs.register({ name: 'events.reminders', everyMs: 60_000, run: (now) => this.sendReminders(now) });
    this.jobs.register({ name: 'events.no-shows', everyMs: 5 * 60_000, run: (now) => this.markNoShows(now) });
  }

  // ───────────────────────── scope & helpers ─────────────────────────

  private async managesCommunity(user: AuthUser, communityId: number) {
    if (user.roles.includes('admin')) return true;
    if (!user.roles.includes('staff')) return false;
    const scope = await this.users.scope(user.id, user.roles);
    return scope.communityIds.includes(communityId);
  }

  private async assertManage(user: AuthUser, a: Activity) {
    if (!(await this.managesCommunity(user, a.communityId))) throw AppError.forbidden('只能管理自己负责社区的活动');
  }

  private async getActivity(id: number, em?: EntityManager): Promise<Activity> {
    const a = await (em ?? this.dataSource.manager).findOne(Activity, { where: { id } });
    if (!a) throw AppError.notFound('活动');
    return a;
  }

  private async getSignup(id: string, em?: EntityManager): Promise<ActivitySignup> {
    const s = await (em ?? this.dataSource.manager).findOne(ActivitySignup, { where: { id } });
    if (!s) throw AppError.notFound('报名');
    return s;
  }

  private sign(purpose: string, userId: number, length: number) {
    return createHmac('sha256', this.config.jwtSecret).update(`${purpose}:${userId}`).digest('base64url').slice(0, length);
  }

  private verifyToken(purpose: string, prefix: string, token: string, length: number): number | null {
    const m = new RegExp(`^${prefix.replace('.', '\\.')}([0-9a-z]{1,10})\\.([A-Za-z0-9_-]+)$`).exec(token.trim());
    if (!m) return null;
    const userId = parseInt(m[1], 36);
    const expected = Buffer.from(this.sign(purpose, userId, length));
    const given = Buffer.from(m[2]);
    return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
  }

  /** The attendee's personal check-in code (我的签到码): short enough for a QR and for typing in. */
  personalCode(userId: number) {
    return `k.${userId.toString(36)}.${this.sign('checkin', userId, 10)}`;
  }

  feedToken(userId: number) {
    return `f.${userId.toString(36)}.${this.sign('feed', userId, 16)}`;
  }

  private checkTimes(a: Pick<Activity, 'startAt' | 'endAt' | 'signupStartAt' | 'signupEndAt' | 'cancelDeadline'>) {
    const bad = (field: string, msg: string) => new AppError('EVENT_TIMES_INVALID', msg, { [field]: [msg] });
    if (!(a.startAt < a.endAt)) throw bad('endAt', '结束时间须晚于开始时间');
    if (!(a.signupStartAt <= a.signupEndAt)) throw bad('signupEndAt', '报名截止时间须晚于报名开始时间');
    if (a.signupEndAt > a.endAt) throw bad('signupEndAt', '报名截止时间不能晚于活动结束');
    if (a.cancelDeadline > a.endAt) throw bad('cancelDeadline', '取消截止时间不能晚于活动结束');
  }

  private checkQuestions(questions: CreateActivityDto['questions']) {
    const ids = new Set<string>();
    for (const q of questions ?? []) {
      if (ids.has(q.id)) throw AppError.field('questions', `问题编号 ${q.id} 重复`);
      ids.add(q.id);
      if (q.kind !== 'text' && (q.options?.length ?? 0) < 2) throw AppError.field('questions', `“${q.title}”至少需要两个选项`);
      if (q.kind === 'text') delete q.options;
    }
  }

  // ───────────────────────── activities (staff) ─────────────────────────

  async create(user: AuthUser, dto: CreateActivityDto) {
    if (!(await this.managesCommunity(user, dto.communityId))) throw AppError.forbidden('只能为自己负责的社区创建活动');
    if (!(await this.dataSource.getRepository(Community).findOne({ where: { id: dto.communityId } }))) throw AppError.field('communityId', '社区不存在');
    this.checkQuestions(dto.questions);
    const now = this.clock.now();
    const startAt = new Date(dto.startAt);
    const fields = {
      type: dto.type,
      title: dto.title.trim(),
      description: dto.description ?? '',
      organiser: dto.organiser.trim(),
      communityId: dto.communityId,
      place: dto.place.trim(),
      pointId: dto.pointId ?? null,
      startAt,
      endAt: new Date(dto.endAt),
      signupStartAt: dto.signupStartAt ? new Date(dto.signupStartAt) : now,
      signupEndAt: dto.signupEndAt ? new Date(dto.signupEndAt) : startAt,
      cancelDeadline: dto.cancelDeadline ? new Date(dto.cancelDeadline) : startAt,
      checkinOpensMinutes: dto.checkinOpensMinutes ?? DEFAULT_CHECKIN_OPENS_MINUTES,
      capacity: dto.capacity,
      audience: dto.audience,
      audienceCommunityId: dto.audience === 'community' ? (dto.audienceCommunityId ?? dto.communityId) : null,
      questions: (dto.questions ?? []) as any,
      centiHours: Math.round((dto.hours ?? 0) * 100),
    };
    this.checkTimes(fields);
    const cover = dto.coverId ? (await this.uploads.ownedViews(user.id, [dto.coverId], 'coverId'))[0] : null;
    const id = await this.tx.run(async (em) => {
      const status: ActivityStatus = dto.publish ? nextState(ACTIVITY_TRANSITIONS, 'draft', 'publish') : 'draft';
      const res = await em.insert(Activity, { ...fields, cover, status, createdBy: user.id, scene: null, confirmedCount: 0, waitlistCount: 0 });
      const id = Number(res.identifiers[0].id);
      const scene = randomSceneCode(`a.${id.toString(36)}.`, 4);
      await em.update(Activity, { id }, { scene });
      await this.audit.record(em, { actorId: user.id, actorRole: user.roles[0], action: 'activity.create', entityType: 'activity', entityId: id, toState: status });
      return id;
    });
    return this.detail(user, id);
  }

  async update(user: AuthUser, id: number, dto: UpdateActivityDto) {
    const a = await this.getActivity(id);
    await this.assertManage(user, a);
    if (a.status === 'cancelled') throw new AppError('ILLEGAL_TRANSITION', '活动已取消，不能再修改');
    if (dto.communityId && dto.communityId !== a.communityId) throw AppError.field('communityId', '不能更改活动所属社区');
    if (dto.questions) this.checkQuestions(dto.questions);
    const patch: Partial<Activity> = {};
    for (const k of ['type', 'title', 'description', 'organiser', 'place', 'pointId', 'checkinOpensMinutes', 'audience'] as const) {
      if (dto[k] !== undefined) (patch as any)[k] = dto[k];
    }
    for (const k of ['startAt', 'endAt', 'signupStartAt', 'signupEndAt', 'cancelDeadline'] as const) {
      if (dto[k] !== undefined) (patch as any)[k] = new Date(dto[k]!);
    }
    if (dto.questions) patch.questions = dto.questions as any;
    if (dto.hours !== undefined) patch.centiHours = Math.round(dto.hours * 100);
    const audience = dto.audience ?? a.audience;
    patch.audienceCommunityId = audience === 'community' ? (dto.audienceCommunityId ?? a.audienceCommunityId ?? a.communityId) : null;
    if (dto.coverId !== undefined) patch.cover = dto.coverId ? (await this.uploads.ownedViews(user.id, [dto.coverId], 'coverId'))[0] : null;
    this.checkTimes({ ...a, ...patch });
    const changedTimes = ['startAt', 'endAt', 'place'].some((k) => k in patch);
    const promoted = await this.tx.run(async (em) => {
      // Capacity first, conditionally, on the activity row: it also serialises with sign-ups and cancellations.
      const cap = dto.capacity ?? a.capacity;
      const locked = await em
        .createQueryBuilder()
        .update(Activity)
        .set({ ...patch, capacity: cap })
        .where('id = :id AND confirmedCount <= :cap AND status <> :cancelled', { id, cap, cancelled: 'cancelled' })
        .execute();
      if (!locked.affected) throw new AppError('EVENT_CAPACITY_TOO_SMALL', undefined, { capacity: ['名额不能少于已报名人数'] });
      const fresh = await this.getActivity(id, em);
      const promoted = await this.promoteNext(em, fresh, this.clock.now(), fresh.capacity);
      await this.audit.record(em, { actorId: user.id, actorRole: user.roles[0], action: 'activity.update', entityType: 'activity', entityId: id, data: { fields: Object.keys(dto) } });
      if (fresh.status === 'published') {
        const people = await em.find(ActivitySignup, { where: { activityId: id, status: In(['confirmed', 'waitlisted']) }, select: { userId: true } });
        const ids = people.map((p) => p.userId).filter((u) => !promoted.includes(u));
        await this.notifications.notify(em, ids, {
          kind: 'event.updated',
          title: `活动信息有变更：${fresh.title}`,
          body: changedTimes ? `时间：${fmtShanghai(fresh.startAt)}，地点：${fresh.place}。请留意最新安排。` : '活动信息已更新，请查看详情。',
          link: DETAIL_LINK(id),
          purpose: 'event_reminder',
          templateData: { thing1: fresh.title, time2: fmtShanghai(fresh.startAt), thing3: '活动信息有变更' },
        });
      }
      return promoted;
    });
    this.notifications.flushSoon();
    void promoted;
    return this.detail(user, id);
  }

  async transition(user: AuthUser, id: number, action: ActivityAction, reason?: string) {
    const a = await this.getActivity(id);
    await this.assertManage(user, a);
    let to: ActivityStatus;
    try {
      to = nextState(ACTIVITY_TRANSITIONS, a.status, action);
    } catch {
      throw new AppError('ILLEGAL_TRANSITION');
    }
    await this.tx.run(async (em) => {
      const moved = await em
        .createQueryBuilder()
        .update(Activity)
        .set({ status: to, ...(action === 'cancel' ? { cancelReason: reason ?? null } : {}) })
        .where('id = :id AND status = :from', { id, from: a.status })
        .execute();
      if (!moved.affected) throw new AppError('CONFLICT', '活动状态已变化，请刷新');
      await this.audit.record(em, { actorId: user.id, actorRole: user.roles[0], action: `activity.${action}`, entityType: 'activity', entityId: id, fromState: a.status, toState: to, reason: reason ?? null });
      if (action === 'cancel') {
        const active = await em.find(ActivitySignup, { where: { activityId: id, status: In(['confirmed', 'waitlisted']) } });
        if (active.length) {
          await em
            .createQueryBuilder()
            .update(ActivitySignup)
            .set({ status: 'cancelled', activeKey: null, cancelledAt: this.clock.now() })
            .where('activityId = :id AND status IN (:...st)', { id, st: ['confirmed', 'waitlisted'] })
            .execute();
          await em.createQueryBuilder().update(Activity).set({ confirmedCount: 0, waitlistCount: 0 }).where('id = :id', { id }).execute();
        }
        await this.notifications.notify(em, active.map((s) => s.userId), {
          kind: 'event.cancelled',
          title: `活动已取消：${a.title}`,
          body: `原定 ${fmtShanghai(a.startAt)} 的活动已取消。原因：${reason ?? '组织方取消'}`,
          link: DETAIL_LINK(id),
          purpose: 'event_reminder',
          templateData: { thing1: a.title, time2: fmtShanghai(a.startAt), thing3: '活动已取消' },
        });
      }
    });
    this.notifications.flushSoon();
    return this.detail(user, id);
  }

  // ───────────────────────── reading ─────────────────────────

  private activityView(a: Activity, now: Date, extra: Record<string, unknown> = {}) {
    return {
      id: a.id,
      type: a.type,
      typeLabel: ACTIVITY_TYPE_LABELS[a.type],
      title: a.title,
      cover: a.cover,
      description: a.description,
      organiser: a.organiser,
      communityId: a.communityId,
      place: a.place,
      pointId: a.pointId,
      startAt: a.startAt,
      endAt: a.endAt,
      signupStartAt: a.signupStartAt,
      signupEndAt: a.signupEndAt,
      cancelDeadline: a.cancelDeadline,
      checkinOpensMinutes: a.checkinOpensMinutes,
      capacity: a.capacity,
      confirmedCount: a.confirmedCount,
      waitlistCount: a.waitlistCount,
      remaining: Math.max(0, a.capacity - a.confirmedCount),
      audience: a.audience,
      audienceLabel: AUDIENCE_LABELS[a.audience],
      audienceCommunityId: a.audienceCommunityId,
      questions: a.questions,
      hours: a.centiHours / 100,
      needsCheckout: needsCheckout(a.type),
      status: a.status,
      cancelReason: a.cancelReason,
      signupOpen: signupOpen(a, now),
      ended: a.endAt.getTime() < now.getTime(),
      ...extra,
    };
  }

  private async waitlistPosition(s: ActivitySignup, em?: EntityManager) {
    if (s.status !== 'waitlisted') return null;
    const ahead = await (em ?? this.dataSource.manager)
      .createQueryBuilder(ActivitySignup, 's')
      .where('s.activityId = :a AND s.status = :w AND s.id < :id', { a: s.activityId, w: 'waitlisted', id: s.id })
      .getCount();
    return ahead + 1;
  }

  private async signupView(s: ActivitySignup, viewer?: AuthUser) {
    const isOwner = viewer ? viewer.id === s.userId : true;
    let actions = availableActions(SIGNUP_TRANSITIONS, s.status, viewer?.roles ?? [], isOwner).filter(
      (x) => x !== 'decline' || !!s.promotedAt,
    ) as SignupAction[];
    // Only volunteer services check out; offering 签退 elsewhere leads to a refusal.
    if (actions.includes('check_out')) {
      const a = await this.dataSource.getRepository(Activity).findOne({ where: { id: s.activityId }, select: { id: true, type: true } });
      if (!a || !needsCheckout(a.type)) actions = actions.filter((x) => x !== 'check_out');
    }
    return {
      id: String(s.id),
      activityId: s.activityId,
      userId: s.userId,
      status: s.status,
      statusLabel: SIGNUP_STATUS_LABELS[s.status],
      waitlistPosition: await this.waitlistPosition(s),
      promoted: !!s.promotedAt,
      answers: s.answers,
      checkedInAt: s.checkedInAt,
      checkedOutAt: s.checkedOutAt,
      hours: s.centiHours !== null ? s.centiHours / 100 : null,
      proxy: s.proxyBy !== null,
      actions,
      createdAt: s.createdAt,
    };
  }

  async detail(user: AuthUser | undefined, id: number) {
    const a = await this.getActivity(id);
    const manage = user ? await this.managesCommunity(user, a.communityId) : false;
    if (a.status === 'draft' && !manage) throw AppError.notFound('活动');
    const mine = user ? await this.dataSource.getRepository(ActivitySignup).findOne({ where: { activeKey: `${id}:${user.id}` } }) : null;
    return this.activityView(a, this.clock.now(), {
      canManage: manage,
      scene: manage ? a.scene : undefined,
      actions: user ? availableActions(ACTIVITY_TRANSITIONS, a.status, manage ? user.roles : []) : [],
      mySignup: mine ? await this.signupView(mine, user) : null,
    });
  }

  async list(user: AuthUser | undefined, q: { type?: string; open?: string; manage?: string; cursor?: string; limit?: number }) {
    const now = this.clock.now();
    const limit = q.limit ?? 20;
    const qb = this.dataSource.getRepository(Activity).createQueryBuilder('a');
    const manage = (q.manage === '1' || q.manage === 'true') && user && (user.roles.includes('staff') || user.roles.includes('admin'));
    if (manage) {
      const scope = await this.users.scope(user!.id, user!.roles);
      if (!scope.isAdmin) qb.where('a.communityId IN (:...c)', { c: scope.communityIds.length ? scope.communityIds : [-1] });
    } else {
      qb.where('a.status = :p', { p: 'published' });
    }
    if (q.type) qb.andWhere('a.type = :type', { type: q.type });
    if (q.open === '1' || q.open === 'true') {
      qb.andWhere('a.status = :p2 AND a.signupStartAt <= :now AND a.signupEndAt >= :now', { p2: 'published', now });
    }
    if (q.cursor) qb.andWhere('a.id < :cursor', { cursor: Number(q.cursor) });
    qb.orderBy('a.id', 'DESC');
    const rows = manage ? await qb.take(limit + 1).getMany() : await pageThroughIndex(qb, 'ix_activities_status', limit + 1);
    const page = rows.slice(0, limit);
    const mine = user && page.length
      ? await this.dataSource.getRepository(ActivitySignup).find({ where: { activeKey: In(page.map((a) => `${a.id}:${user.id}`)) } })
      : [];
    const byActivity = new Map(mine.map((s) => [s.activityId, s]));
    return {
      items: page.map((a) => {
        const s = byActivity.get(a.id);
        return { ...this.activityView(a, now), description: undefined, questions: undefined, myStatus: s?.status ?? null, myStatusLabel: s ? SIGNUP_STATUS_LABELS[s.status] : null };
      }),
      nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null,
    };
  }

  async mine(user: AuthUser, q: { cursor?: string; limit?: number }) {
    const limit = q.limit ?? 20;
    const qb = this.dataSource.getRepository(ActivitySignup).createQueryBuilder('s').where('s.userId = :u', { u: user.id });
    if (q.cursor) qb.andWhere('s.id < :c', { c: q.cursor });
    const rows = await qb.orderBy('s.id', 'DESC').take(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const acts = page.length ? await this.dataSource.getRepository(Activity).find({ where: { id: In([...new Set(page.map((s) => s.activityId))]) } }) : [];
    const byId = new Map(acts.map((a) => [a.id, a]));
    const now = this.clock.now();
    const items = [];
    for (const s of page) {
      const a = byId.get(s.activityId)!;
      items.push({ signup: await this.signupView(s, user), activity: { ...this.activityView(a, now), description: undefined, questions: undefined } });
    }
    return { items, nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null };
  }

  // ───────────────────────── signing up ─────────────────────────

  private assertCanSignUp(a: Activity, who: User, now: Date) {
    if (a.status !== 'published') throw new AppError('EVENT_NOT_PUBLISHED');
    if (now < a.signupStartAt) throw new AppError('EVENT_SIGNUP_NOT_OPEN', `报名将于 ${fmtShanghai(a.signupStartAt)} 开始`);
    if (now > a.signupEndAt) throw new AppError('EVENT_SIGNUP_CLOSED');
    if (!inAudience(a.audience, a.audienceCommunityId, { roles: who.roles, isPartyMember: who.isPartyMember, communityId: who.communityId })) {
      throw new AppError('EVENT_AUDIENCE_MISMATCH', `该活动仅限${AUDIENCE_LABELS[a.audience]}报名`);
    }
  }

  private checkAnswers(a: Activity, answers: Answers | undefined) {
    const problems = validateAnswers(a.questions ?? [], answers);
    const keys = Object.keys(problems);
    if (keys.length) {
      throw new AppError('VALIDATION_FAILED', problems[keys[0]], Object.fromEntries(keys.map((k) => [`answers.${k}`, [problems[k]]])));
    }
  }

  /**
   * The seat is taken by a conditional UPDATE on the activity row before the sign-up row exists; when it
   * affects nothing the person joins the waiting list (the waitlist counter update still takes the row lock,
   * so a cancellation cannot slip between "full" and "waiting"). The unique activeKey makes a second active
   * sign-up for the same person fail, rolling the seat back with it.
   */
  private async takeSeatOrWait(em: EntityManager, a: Activity, userId: number, answers: Answers | null, proxyBy: number | null, now: Date) {
    const seat = await em
      .createQueryBuilder()
      .update(Activity)
      .set({ confirmedCount: () => 'confirmedCount + 1' })
      .where('id = :id AND status = :p AND confirmedCount < capacity', { id: a.id, p: 'published' })
      .execute();
    let status: SignupStatus = 'confirmed';
    if (!seat.affected) {
      const wait = await em
        .createQueryBuilder()
        .update(Activity)
        .set({ waitlistCount: () => 'waitlistCount + 1' })
        .where('id = :id AND status = :p', { id: a.id, p: 'published' })
        .execute();
      if (!wait.affected) throw new AppError('EVENT_NOT_PUBLISHED');
      status = 'waitlisted';
    }
    try {
      const id = await insertRow(em, ActivitySignup, {
        activityId: a.id,
        userId,
        status,
        activeKey: `${a.id}:${userId}`,
        answers,
        proxyBy,
        promotedAt: null,
        checkedInAt: null,
        checkedOutAt: null,
        cancelledAt: null,
        checkedInBy: null,
        centiHours: null,
        createdAt: now,
      });
      return { id: String(id), status };
    } catch (err) {
      if (isDuplicate(err)) throw new AppError('EVENT_ALREADY_SIGNED_UP');
      throw err;
    }
  }

  signup(user: AuthUser, activityId: number, answers: Answers | undefined, idemKey: unknown) {
    return this.gate.run(() => this.signupNow(user, activityId, answers, idemKey));
  }

  private async signupNow(user: AuthUser, activityId: number, answers: Answers | undefined, idemKey: unknown) {
    const key = validateIdempotencyKey(idemKey);
    const a = await this.getActivity(activityId);
    const me = await this.users.get(user.id);
    const now = this.clock.now();
    this.assertCanSignUp(a, me, now);
    this.checkAnswers(a, answers);
    if (!key) {
      const existing = await this.dataSource.getRepository(ActivitySignup).findOne({ where: { activeKey: `${activityId}:${user.id}` } });
      if (existing) throw new AppError('EVENT_ALREADY_SIGNED_UP');
    }
    const id = await this.tx.run(async (em) => {
      if (key) {
        const prior = await this.idempotency.claim(em, user.id, `event-signup:${activityId}`, key);
        if (prior) return prior;
      }
      const s = await this.takeSeatOrWait(em, a, user.id, answers ?? null, null, now);
      await this.audit.record(em, { actorId: user.id, actorRole: user.roles[0], action: 'signup.create', entityType: 'activity_signup', entityId: s.id, toState: s.status, data: { activityId } });
      await this.notifications.notify(em, [user.id], {
        kind: s.status === 'confirmed' ? 'event.signed_up' : 'event.waitlisted',
        title: s.status === 'confirmed' ? `报名成功：${a.title}` : `已加入候补：${a.title}`,
        body: s.status === 'confirmed' ? `活动时间 ${fmtShanghai(a.startAt)}，地点 ${a.place}。` : '名额已满，你已进入候补名单；有人取消时将按顺序递补并通知你。',
        link: DETAIL_LINK(a.id),
      });
      if (key) await this.idempotency.complete(em, user.id, `event-signup:${activityId}`, key, s.id);
      return s.id;
    });
    return this.signupView(await this.getSignup(String(id)), user);
  }

  /** A grid worker (or staff) signs up a resident who has only a phone number. */
  proxySignup(actor: AuthUser, activityId: number, dto: ProxySignupDto, idemKey: unknown) {
    return this.gate.run(() => this.proxySignupNow(actor, activityId, dto, idemKey));
  }

  private async proxySignupNow(actor: AuthUser, activityId: number, dto: ProxySignupDto, idemKey: unknown) {
    const key = validateIdempotencyKey(idemKey);
    const a = await this.getActivity(activityId);
    const now = this.clock.now();
    this.checkAnswers(a, dto.answers);
    let communityId: number | null = null;
    if (actor.roles.includes('grid_worker')) {
      const scope = await this.users.scope(actor.id, actor.roles);
      communityId = scope.gridCommunityIds[0] ?? null;
    }
    const id = await this.tx.run(async (em) => {
      if (key) {
        const prior = await this.idempotency.claim(em, actor.id, `event-proxy:${activityId}`, key);
        if (prior) return prior;
      }
      const resident = await this.users.findOrCreatePhoneOnly(em, dto.phone, dto.name.trim(), communityId);
      this.assertCanSignUp(a, resident, now);
      const s = await this.takeSeatOrWait(em, a, resident.id, dto.answers ?? null, actor.id, now);
      await this.audit.record(em, { actorId: actor.id, actorRole: actor.roles[0], action: 'signup.proxy', entityType: 'activity_signup', entityId: s.id, toState: s.status, data: { activityId, residentId: resident.id } });
      await this.notifications.notify(em, [resident.id], {
        kind: 'event.signed_up',
        title: s.status === 'confirmed' ? `已为你报名：${a.title}` : `已为你加入候补：${a.title}`,
        body: `活动时间 ${fmtShanghai(a.startAt)}，地点 ${a.place}。`,
        link: DETAIL_LINK(a.id),
      });
      if (key) await this.idempotency.complete(em, actor.id, `event-proxy:${activityId}`, key, s.id);
      return s.id;
    });
    const s = await this.getSignup(String(id));
    const resident = await this.dataSource.getRepository(User).findOneOrFail({ where: { id: s.userId } });
    return { ...(await this.signupView(s, actor)), resident: { id: resident.id, name: resident.name, phone: maskPhone(resident.phone) } };
  }

  /**
   * Cancels or declines one sign-up and, if it held a seat, promotes the first person waiting — all in the
   * caller's transaction. The activity row is locked first (counter UPDATE), so every writer of this
   * activity's sign-ups queues behind it and the waiting list read afterwards is current.
   */
  private async release(em: EntityManager, a: Activity, s: ActivitySignup, action: 'cancel' | 'decline', actor: AuthUser | null, now: Date) {
    const to = nextState(SIGNUP_TRANSITIONS, s.status, action);
    const seated = s.status !== 'waitlisted';
    await em
      .createQueryBuilder()
      .update(Activity)
      .set(seated ? { confirmedCount: () => 'confirmedCount - 1' } : { waitlistCount: () => 'waitlistCount - 1' })
      .where('id = :id', { id: a.id })
      .execute();
    const moved = await em
      .createQueryBuilder()
      .update(ActivitySignup)
      .set({ status: to, activeKey: null, cancelledAt: now })
      .where('id = :id AND status = :from', { id: s.id, from: s.status })
      .execute();
    if (!moved.affected) throw new AppError('CONFLICT', '报名状态已变化，请刷新后重试');
    await this.audit.record(em, { actorId: actor?.id ?? null, actorRole: actor?.roles[0] ?? 'system', action: `signup.${action}`, entityType: 'activity_signup', entityId: s.id, fromState: s.status, toState: to });
    if (actor && actor.id !== s.userId) {
      await this.notifications.notify(em, [s.userId], { kind: 'event.signup_cancelled', title: `你的报名已取消：${a.title}`, body: '工作人员已为你取消报名。', link: DETAIL_LINK(a.id) });
    }
    return seated ? this.promoteNext(em, a, now, 1) : [];
  }

  /** Promotes the earliest waiting people into free seats (at most `max`); returns their user ids. */
  private async promoteNext(em: EntityManager, a: Activity, now: Date, max: number): Promise<number[]> {
    const promoted: number[] = [];
    let after = '0';
    while (promoted.length < max) {
      const next = await em
        .createQueryBuilder(ActivitySignup, 's')
        .where('s.activityId = :a AND s.status = :w AND s.id > :after', { a: a.id, w: 'waitlisted', after })
        .orderBy('s.id', 'ASC')
        .limit(1)
        .getOne();
      if (!next) break;
      after = String(next.id);
      const seat = await em
        .createQueryBuilder()
        .update(Activity)
        .set({ confirmedCount: () => 'confirmedCount + 1', waitlistCount: () => 'waitlistCount - 1' })
        .where('id = :id AND confirmedCount < capacity', { id: a.id })
        .execute();
      if (!seat.affected) break;
      const up = await em
        .createQueryBuilder()
        .update(ActivitySignup)
        .set({ status: nextState(SIGNUP_TRANSITIONS, 'waitlisted', 'promote'), promotedAt: now })
        .where('id = :id AND status = :w', { id: next.id, w: 'waitlisted' })
        .execute();
      if (!up.affected) {
        await em.createQueryBuilder().update(Activity).set({ confirmedCount: () => 'confirmedCount - 1', waitlistCount: () => 'waitlistCount + 1' }).where('id = :id', { id: a.id }).execute();
        continue;
      }
      await this.audit.record(em, { actorId: null, actorRole: 'system', action: 'signup.promote', entityType: 'activity_signup', entityId: next.id, fromState: 'waitlisted', toState: 'confirmed' });
      await this.notifications.notify(em, [next.userId], {
        kind: 'event.promoted',
        title: `候补成功：${a.title}`,
        body: `有人取消了报名，你已从候补转为正式报名。活动时间 ${fmtShanghai(a.startAt)}，地点 ${a.place}。如不能参加，请在详情页放弃名额。`,
        link: DETAIL_LINK(a.id),
        purpose: 'event_waitlist',
        templateData: { thing1: a.title, time2: fmtShanghai(a.startAt), phrase3: '候补成功' },
      });
      promoted.push(next.userId);
    }
    return promoted;
  }

  cancelSignup(user: AuthUser, signupId: string, action: 'cancel' | 'decline' = 'cancel') {
    return this.gate.run(() => this.cancelSignupNow(user, signupId, action));
  }

  private async cancelSignupNow(user: AuthUser, signupId: string, action: 'cancel' | 'decline' = 'cancel') {
    const s = await this.getSignup(signupId);
    const a = await this.getActivity(s.activityId);
    const now = this.clock.now();
    const isOwner = s.userId === user.id;
    if (!isOwner) {
      if (action === 'decline') throw AppError.forbidden();
      const manager = await this.managesCommunity(user, a.communityId);
      const proxy = user.roles.includes('grid_worker') && s.proxyBy === user.id;
      if (!manager && !proxy) throw AppError.forbidden('只能取消自己的报名');
    }
    if (!canTransition(SIGNUP_TRANSITIONS, s.status, action)) throw new AppError('ILLEGAL_TRANSITION', `当前状态（${SIGNUP_STATUS_LABELS[s.status]}）不能${action === 'cancel' ? '取消' : '放弃'}`);
    if (action === 'decline' && !s.promotedAt) throw new AppError('EVENT_NOT_PROMOTED');
    if (action === 'cancel' && s.status === 'confirmed' && isOwner && now > a.cancelDeadline) throw new AppError('EVENT_CANCEL_DEADLINE_PASSED');
    await this.tx.run((em) => this.release(em, a, s, action, user, now));
    this.notifications.flushSoon();
    return this.signupView(await this.getSignup(signupId), user);
  }

  /** users.onMerge: the phone-only record survives; the retired WeChat account's sign-ups move onto it. */
  private async moveSignups(em: EntityManager, fromUserId: number, toUserId: number) {
    const moving = await em.find(ActivitySignup, { where: { userId: fromUserId }, order: { id: 'ASC' } });
    for (const s of moving) {
      if (!s.activeKey) {
        await em.update(ActivitySignup, { id: s.id }, { userId: toUserId });
        continue;
      }
      const clash = await em.findOne(ActivitySignup, { where: { activeKey: `${s.activityId}:${toUserId}` } });
      if (clash) {
        // Already signed up on the surviving record: give the duplicate's place back.
        const a = await this.getActivity(s.activityId, em);
        if (canTransition(SIGNUP_TRANSITIONS, s.status, 'cancel')) await this.release(em, a, s, 'cancel', null, this.clock.now());
        await em.update(ActivitySignup, { id: s.id }, { userId: toUserId });
      } else {
        await em.update(ActivitySignup, { id: s.id }, { userId: toUserId, activeKey: `${s.activityId}:${toUserId}` });
      }
    }
  }

  // ───────────────────────── check-in ─────────────────────────

  async myCode(user: AuthUser) {
    const code = this.personalCode(user.id);
    const qr = await QRCode.toDataURL(code, { width: 360, margin: 2, errorCorrectionLevel: 'M' });
    return { code, qr };
  }

  /** The printable check-in code for the venue: the activity's a.-scene, opened by the scan landing page. */
  async checkinQrPng(user: AuthUser, id: number, origin: string, width?: number): Promise<Buffer> {
    const a = await this.getActivity(id);
    await this.assertManage(user, a);
    if (!a.scene) throw AppError.notFound('活动签到码');
    return this.qrcodes.scenePng(a.scene, origin, width);
  }

  async checkinByScene(user: AuthUser, scene: string) {
    const a = await this.dataSource.getRepository(Activity).findOne({ where: { scene } });
    if (!a || a.status !== 'published') throw new AppError('EVENT_CODE_INVALID', '活动签到码无效或活动已取消');
    const s = await this.dataSource.getRepository(ActivitySignup).findOne({ where: { activeKey: `${a.id}:${user.id}` } });
    if (!s || s.status === 'waitlisted') throw new AppError('EVENT_NOT_SIGNED_UP');
    return this.checkIn(a, s, user);
  }

  async checkinByCode(staff: AuthUser, activityId: number, code: string) {
    const a = await this.getActivity(activityId);
    await this.assertManage(staff, a);
    const s = await this.signupForCode(a, code);
    return this.checkIn(a, s, staff);
  }

  async checkoutByCode(staff: AuthUser, activityId: number, code: string) {
    const a = await this.getActivity(activityId);
    await this.assertManage(staff, a);
    const s = await this.signupForCode(a, code);
    return this.checkOut(a, s, staff);
  }

  async checkoutSelf(user: AuthUser, signupId: string) {
    const s = await this.getSignup(signupId);
    if (s.userId !== user.id) throw AppError.forbidden('只能为自己签退');
    return this.checkOut(await this.getActivity(s.activityId), s, user);
  }

  private async signupForCode(a: Activity, code: string) {
    const userId = this.verifyToken('checkin', 'k.', code, 10);
    if (!userId) throw new AppError('EVENT_CODE_INVALID', '个人签到码无效');
    const s = await this.dataSource.getRepository(ActivitySignup).findOne({ where: { activeKey: `${a.id}:${userId}` } });
    if (!s || s.status === 'waitlisted') throw new AppError('EVENT_NOT_SIGNED_UP', '此人没有报名该活动，或尚在候补中');
    return s;
  }

  private async attendeeName(userId: number) {
    const u = await this.dataSource.getRepository(User).findOne({ where: { id: userId } });
    return u?.name ?? '';
  }

  private async checkIn(a: Activity, s: ActivitySignup, actor: AuthUser) {
    const name = await this.attendeeName(s.userId);
    if (s.status === 'checked_in' || s.status === 'checked_out') {
      return { result: 'already' as const, message: '已签到', name, signup: await this.signupView(s, actor) };
    }
    if (!canTransition(SIGNUP_TRANSITIONS, s.status, 'check_in')) throw new AppError('ILLEGAL_TRANSITION', `当前状态（${SIGNUP_STATUS_LABELS[s.status]}）不能签到`);
    const now = this.clock.now();
    const opens = a.startAt.getTime() - a.checkinOpensMinutes * 60_000;
    if (now.getTime() < opens || now.getTime() > a.endAt.getTime()) {
      throw new AppError('EVENT_CHECKIN_NOT_OPEN', `签到时间为 ${fmtShanghai(new Date(opens))} 至 ${fmtShanghai(a.endAt)}`);
    }
    const done = await this.tx.run(async (em) => {
      const moved = await em
        .createQueryBuilder()
        .update(ActivitySignup)
        .set({ status: 'checked_in', checkedInAt: now, checkedInBy: actor.id })
        .where('id = :id AND status = :from', { id: s.id, from: 'confirmed' })
        .execute();
      if (!moved.affected) return false; // a parallel scan won
      let centiHours: number | null = null;
      if (!needsCheckout(a.type) && a.centiHours > 0) {
        centiHours = a.centiHours;
        await this.credit(em, a, s, centiHours, actor, now);
        await em.update(ActivitySignup, { id: s.id }, { centiHours });
      }
      await this.audit.record(em, { actorId: actor.id, actorRole: actor.roles[0], action: 'signup.check_in', entityType: 'activity_signup', entityId: s.id, fromState: 'confirmed', toState: 'checked_in', data: { by: actor.id === s.userId ? 'scene' : 'staff' } });
      return true;
    });
    const fresh = await this.getSignup(s.id);
    return { result: done ? ('checked_in' as const) : ('already' as const), message: '已签到', name, signup: await this.signupView(fresh, actor) };
  }

  private async checkOut(a: Activity, s: ActivitySignup, actor: AuthUser) {
    if (!needsCheckout(a.type)) throw new AppError('ILLEGAL_TRANSITION', '该活动无需签退');
    const name = await this.attendeeName(s.userId);
    if (s.status === 'checked_out') return { result: 'already' as const, message: '已签退', name, signup: await this.signupView(s, actor) };
    if (s.status !== 'checked_in') throw new AppError('ILLEGAL_TRANSITION', '请先签到');
    const now = this.clock.now();
    const served = Math.max(0, now.getTime() - s.checkedInAt!.getTime());
    const centiHours = Math.min(a.centiHours, Math.floor(served / 36_000));
    const done = await this.tx.run(async (em) => {
      const moved = await em
        .createQueryBuilder()
        .update(ActivitySignup)
        .set({ status: nextState(SIGNUP_TRANSITIONS, 'checked_in', 'check_out'), checkedOutAt: now, centiHours })
        .where('id = :id AND status = :from', { id: s.id, from: 'checked_in' })
        .execute();
      if (!moved.affected) return false;
      if (centiHours > 0) await this.credit(em, a, s, centiHours, actor, now);
      await this.audit.record(em, { actorId: actor.id, actorRole: actor.roles[0], action: 'signup.check_out', entityType: 'activity_signup', entityId: s.id, fromState: 'checked_in', toState: 'checked_out', data: { centiHours } });
      return true;
    });
    const fresh = await this.getSignup(s.id);
    return { result: done ? ('checked_out' as const) : ('already' as const), message: done ? '已签退' : '已签退', name, signup: await this.signupView(fresh, actor) };
  }

  private credit(em: EntityManager, a: Activity, s: ActivitySignup, centiHours: number, actor: AuthUser, now: Date) {
    return this.ledger.credit(em, {
      userId: s.userId,
      source: 'activity',
      sourceId: s.id,
      content: `${ACTIVITY_TYPE_LABELS[a.type]}：${a.title}`,
      hours: centiHours / 100,
      points: 0,
      confirmedBy: actor.id === s.userId ? a.createdBy : actor.id,
      organisation: a.organiser,
      communityId: a.communityId,
      at: now,
    });
  }

  // ───────────────────────── staff views ─────────────────────────

  async counts(user: AuthUser, id: number) {
    const a = await this.getActivity(id);
    const rows = await this.dataSource
      .getRepository(ActivitySignup)
      .createQueryBuilder('s')
      .select('s.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('s.activityId = :id', { id })
      .groupBy('s.status')
      .getRawMany();
    const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>;
    void user;
    return {
      capacity: a.capacity,
      confirmedCount: a.confirmedCount,
      remaining: Math.max(0, a.capacity - a.confirmedCount),
      signedUp: SEATED.reduce((n, st) => n + (by[st] ?? 0), 0),
      waitlisted: by.waitlisted ?? 0,
      checkedIn: (by.checked_in ?? 0) + (by.checked_out ?? 0),
      checkedOut: by.checked_out ?? 0,
      noShow: by.no_show ?? 0,
      cancelled: (by.cancelled ?? 0) + (by.declined ?? 0),
    };
  }

  private async assertCanSeeAttendees(user: AuthUser, a: Activity) {
    const manage = await this.managesCommunity(user, a.communityId);
    if (!manage && !user.roles.some((r) => r === 'staff' || r === 'grid_worker' || r === 'admin')) throw AppError.forbidden();
    return manage;
  }

  async attendees(user: AuthUser, id: number, q: { cursor?: string; limit?: number; status?: string }) {
    const a = await this.getActivity(id);
    const fullPhones = await this.assertCanSeeAttendees(user, a);
    const limit = q.limit ?? 50;
    const qb = this.dataSource.getRepository(ActivitySignup).createQueryBuilder('s').where('s.activityId = :id', { id });
    if (q.status) qb.andWhere('s.status IN (:...st)', { st: q.status.split(',') });
    if (q.cursor) qb.andWhere('s.id > :c', { c: q.cursor });
    const rows = await qb.orderBy('s.id', 'ASC').take(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const people = page.length ? await this.dataSource.getRepository(User).find({ where: { id: In(page.map((s) => s.userId)) } }) : [];
    const byId = new Map(people.map((p) => [p.id, p]));
    if (fullPhones && page.length) {
      await this.tx.run((em) =>
        this.audit.record(em, { actorId: user.id, actorRole: user.roles[0], action: 'phone.reveal', entityType: 'activity', entityId: id, data: { userIds: page.map((s) => s.userId) } }),
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
          checkedInAt: s.checkedInAt,
          checkedOutAt: s.checkedOutAt,
          hours: s.centiHours !== null ? s.centiHours / 100 : null,
          createdAt: s.createdAt,
        };
      }),
      nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null,
      phonesMasked: !fullPhones,
    };
  }

  async exportXlsx(user: AuthUser, id: number): Promise<{ filename: string; buffer: Buffer }> {
    const a = await this.getActivity(id);
    await this.assertManage(user, a);
    const signups = await this.dataSource.getRepository(ActivitySignup).find({ where: { activityId: id }, order: { id: 'ASC' } });
    const people = signups.length ? await this.dataSource.getRepository(User).find({ where: { id: In([...new Set(signups.map((s) => s.userId))]) } }) : [];
    const byId = new Map(people.map((p) => [p.id, p]));
    const wb = new ExcelJS.Workbook();
    wb.creator = '邻里';
    const ws = wb.addWorksheet('报名名单');
    const questions = a.questions ?? [];
    ws.columns = [
      { header: '序号', key: 'n', width: 6 },
      { header: '姓名', key: 'name', width: 12 },
      { header: '手机号', key: 'phone', width: 14 },
      { header: '状态', key: 'status', width: 8 },
      { header: '报名时间', key: 'createdAt', width: 18 },
      { header: '签到时间', key: 'checkedInAt', width: 18 },
      { header: '签退时间', key: 'checkedOutAt', width: 18 },
      { header: '志愿时长（小时）', key: 'hours', width: 10 },
      { header: '代报名', key: 'proxy', width: 8 },
      ...questions.map((q) => ({ header: q.title, key: `q_${q.id}`, width: 20 })),
    ];
    const t = (d: Date | null) => (d ? dayjs(d).tz(EVENT_TZ).format('YYYY-MM-DD HH:mm') : '');
    signups.forEach((s, i) => {
      const p = byId.get(s.userId);
      const row: Record<string, unknown> = {
        n: i + 1,
        name: p?.name ?? '',
        phone: p?.phone ?? '',
        status: SIGNUP_STATUS_LABELS[s.status],
        createdAt: t(s.createdAt),
        checkedInAt: t(s.checkedInAt),
        checkedOutAt: t(s.checkedOutAt),
        hours: s.centiHours !== null ? s.centiHours / 100 : '',
        proxy: s.proxyBy ? '是' : '',
      };
      for (const q of questions) {
        const v = s.answers?.[q.id];
        row[`q_${q.id}`] = Array.isArray(v) ? v.join('、') : v ?? '';
      }
      ws.addRow(row);
    });
    ws.getRow(1).font = { bold: true };
    await this.tx.run((em) => this.audit.record(em, { actorId: user.id, actorRole: user.roles[0], action: 'phone.reveal', entityType: 'activity', entityId: id, data: { export: 'xlsx', rows: signups.length } }));
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    return { filename: `activity-${id}-attendees.xlsx`, buffer };
  }

  // ───────────────────────── calendar ─────────────────────────

  private calendar(name: string) {
    return ical({ name, prodId: { company: 'linli', product: 'events', language: 'ZH' }, timezone: { name: EVENT_TZ, generator: () => VTIMEZONE_SHANGHAI } });
  }

  private addEvent(cal: ReturnType<typeof ical>, a: Activity, origin: string, tentative = false) {
    cal.createEvent({
      id: `activity-${a.id}@linli`,
      timezone: EVENT_TZ,
      start: dayjs(a.startAt).tz(EVENT_TZ),
      end: dayjs(a.endAt).tz(EVENT_TZ),
      stamp: dayjs(a.createdAt).tz(EVENT_TZ),
      summary: `【${ACTIVITY_TYPE_LABELS[a.type]}】${a.title}`,
      description: `${a.description}\n组织方：${a.organiser}`.trim(),
      location: a.place,
      url: `${origin}/#${DETAIL_LINK(a.id)}`,
      status: a.status === 'cancelled' ? ICalEventStatus.CANCELLED : tentative ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    });
  }

  /** DTSTAMP must be UTC (RFC 5545 §3.8.7.2); ical-generator writes it in the calendar's zone. */
  private finish(cal: ReturnType<typeof ical>) {
    const stamp = dayjs(this.clock.now()).utc().format('YYYYMMDD[T]HHmmss[Z]');
    return cal.toString().replace(/^DTSTAMP:.*$/gm, `DTSTAMP:${stamp}`);
  }

  async activityIcs(user: AuthUser | undefined, id: number, origin: string) {
    const a = await this.getActivity(id);
    if (a.status === 'draft' && !(user && (await this.managesCommunity(user, a.communityId)))) throw AppError.notFound('活动');
    const cal = this.calendar(a.title);
    this.addEvent(cal, a, origin);
    return this.finish(cal);
  }

  async feedIcs(token: string, origin: string) {
    const userId = this.verifyToken('feed', 'f.', token, 16);
    if (!userId) throw new AppError('UNAUTHENTICATED', '日历订阅链接无效');
    const signups = await this.dataSource.getRepository(ActivitySignup).find({ where: { userId, status: In(['confirmed', 'waitlisted', 'checked_in', 'checked_out']) }, order: { id: 'DESC' }, take: 500 });
    const acts = signups.length ? await this.dataSource.getRepository(Activity).find({ where: { id: In(signups.map((s) => s.activityId)) } }) : [];
    const byId = new Map(acts.map((a) => [a.id, a]));
    const cal = this.calendar('邻里 · 我的活动');
    for (const s of signups) {
      const a = byId.get(s.activityId);
      if (a) this.addEvent(cal, a, origin, s.status === 'waitlisted');
    }
    return this.finish(cal);
  }

  calendarLinks(user: AuthUser, origin: string) {
    const base = (this.config.publicUrl ?? origin).replace(/\/$/, '');
    return { feedUrl: `${base}/api/events/calendar/feed.ics?token=${this.feedToken(user.id)}` };
  }

  // ───────────────────────── jobs ─────────────────────────

  async sendReminders(now: Date): Promise<number> {
    let sent = 0;
    const repo = this.dataSource.getRepository(Activity);
    const soon = await repo
      .createQueryBuilder('a')
      .where('a.status = :p AND a.reminded1At IS NULL AND a.startAt > :now AND a.startAt <= :h1', { p: 'published', now, h1: new Date(now.getTime() + HOUR) })
      .getMany();
    for (const a of soon) sent += await this.remind(a, now, 'reminded1At', '1 小时后');
    const tomorrow = await repo
      .createQueryBuilder('a')
      .where('a.status = :p AND a.reminded24At IS NULL AND a.startAt > :h1 AND a.startAt <= :h24', { p: 'published', h1: new Date(now.getTime() + HOUR), h24: new Date(now.getTime() + 24 * HOUR) })
      .getMany();
    for (const a of tomorrow) sent += await this.remind(a, now, 'reminded24At', '明天');
    if (sent) this.notifications.flushSoon();
    return sent;
  }

  private async remind(a: Activity, now: Date, column: 'reminded1At' | 'reminded24At', when: string) {
    return this.tx.run(async (em) => {
      const claimed = await em.createQueryBuilder().update(Activity).set({ [column]: now }).where(`id = :id AND ${column} IS NULL`, { id: a.id }).execute();
      if (!claimed.affected) return 0;
      const people = await em.find(ActivitySignup, { where: { activityId: a.id, status: 'confirmed' }, select: { userId: true } });
      await this.notifications.notify(em, people.map((p) => p.userId), {
        kind: 'event.reminder',
        title: `活动提醒：${a.title}`,
        body: `活动将于${when}（${fmtShanghai(a.startAt)}）开始，地点：${a.place}。请准时参加。`,
        link: DETAIL_LINK(a.id),
        purpose: 'event_reminder',
        templateData: { thing1: a.title, time2: fmtShanghai(a.startAt), thing3: a.place },
        dedupeKey: `${column}:${a.id}`,
      });
      return people.length;
    });
  }

  async markNoShows(now: Date): Promise<number> {
    const ended = await this.dataSource
      .getRepository(Activity)
      .createQueryBuilder('a')
      .where('a.status = :p AND a.noShowMarkedAt IS NULL AND a.endAt < :now', { p: 'published', now })
      .getMany();
    let marked = 0;
    for (const a of ended) {
      marked += await this.tx.run(async (em) => {
        const claimed = await em.createQueryBuilder().update(Activity).set({ noShowMarkedAt: now }).where('id = :id AND noShowMarkedAt IS NULL', { id: a.id }).execute();
        if (!claimed.affected) return 0;
        const absent = await em.find(ActivitySignup, { where: { activityId: a.id, status: 'confirmed' } });
        let n = 0;
        for (const s of absent) {
          const to = nextState(SIGNUP_TRANSITIONS, 'confirmed', 'mark_no_show');
          const moved = await em.createQueryBuilder().update(ActivitySignup).set({ status: to }).where('id = :id AND status = :from', { id: s.id, from: 'confirmed' }).execute();
          if (!moved.affected) continue;
          n++;
          await this.audit.record(em, { actorId: null, actorRole: 'system', action: 'signup.mark_no_show', entityType: 'activity_signup', entityId: s.id, fromState: 'confirmed', toState: to, at: now });
        }
        return n;
      });
    }
    return marked;
  }
}
