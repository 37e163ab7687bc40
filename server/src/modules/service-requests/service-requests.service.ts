import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { Brackets, DataSource, EntityManager, In, LessThan, QueryFailedError } from 'typeorm';
import {
  CN_MOBILE,
  isTicketOpen,
  maskName,
  maskPhone,
  nextState,
  OPEN_TICKET_STATUSES,
  shanghaiDay,
  TICKET_ACTION_LABELS,
  TICKET_AUTO_CONFIRM_DAYS,
  TICKET_STATUS_LABELS,
  TICKET_TRANSITIONS,
  TicketAction,
  TicketAttribute,
  TicketStatus,
  ticketActions,
  ticketNumber,
  withinReopenWindow,
} from '@linli/domain';
import { Clock } from '../../common/clock';
import { insertRow } from '../../database/insert';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import type { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { IdempotencyService, validateIdempotencyKey } from '../idempotency/idempotency.service';
import { JobsService } from '../jobs/jobs.service';
import { NotificationsService } from '../notifications/notifications.service';
import { Community, Grid, Point } from '../places/place.entities';
import { UploadsService, UploadView } from '../uploads/uploads.service';
import { StaffCommunity, User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { ContentSafetyService } from '../wechat/wechat.module';
import { DEMO_OPEN311_KEY, SEED_CATEGORIES } from './catalogue';
import { Open311Key, ServiceCategory, Ticket, TicketDayCounter, TicketEvent, TicketFollower } from './service-request.entities';
import { moveTicketCount, recountTickets, TicketStatusCount } from './ticket-status-counts';
import type { BoardQuery, CategoryDto, CreateTicketDto, QueueQuery, TicketActionDto, UpdateCategoryDto } from './service-requests.dto';
import './service-requests.errors';

/** Check-in by GPS must be within this many metres of the point (env TICKET_CHECKIN_RADIUS_M). */
export function checkinRadiusMetres(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.TICKET_CHECKIN_RADIUS_M ?? 150);
  return Number.isFinite(n) && n > 0 ? n : 150;
}

export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6_371_000;
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const DETAIL_LINK = (id: number) => `/packages/service/pages/detail/index?id=${id}`;

type Actor = { id: number | null; role: string; openid?: string | null };
type Scope = Awaited<ReturnType<UsersService['scope']>>;
type Access = 'full' | 'public';

function isDuplicate(err: unknown) {
  const code = (err as any)?.driverError?.code ?? (err as any)?.code;
  return err instanceof QueryFailedError && (code === 'ER_DUP_ENTRY' || String(code).startsWith('SQLITE_CONSTRAINT'));
}

export interface NewTicketInput {
  categoryId: number;
  point: Point;
  description: string;
  photos: UploadView[];
  contactName: string;
  contactPhone: string | null;
  anonymous: boolean;
  attributes: Record<string, unknown>;
  source: 'miniapp' | 'open311';
  lat?: number | null;
  lng?: number | null;
}

@Injectable()
export class ServiceRequestsService implements OnModuleInit {
  private readonly logger = new Logger('ServiceRequests');
  private seeded: Promise<void> | null = null;

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly idempotency: IdempotencyService,
    private readonly uploads: UploadsService,
    private readonly users: UsersService,
    private readonly safety: ContentSafetyService,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit() {
    this.jobs.register({ name: 'tickets.sla', everyMs: 5 * 60_000, run: (now) => this.flagOverdue(now) });
    this.jobs.register({ name: 'tickets.auto_confirm', everyMs: 15 * 60_000, run: (now) => this.autoConfirm(now) });
  }

  /** Seeds the catalogue (and the demo Open311 key) the first time anything needs them; migrations run after module init. */
  ensureSeeded(): Promise<void> {
    if (!this.seeded) {
      this.seeded = this.seed().catch((err) => {
        this.seeded = null;
        throw err;
      });
    }
    return this.seeded;
  }

  private async seed() {
    const repo = this.ds.getRepository(ServiceCategory);
    if ((await repo.count()) === 0) {
      for (const [i, c] of SEED_CATEGORIES.entries()) {
        try {
          await repo.insert({ ...c, active: true, sortOrder: i + 1 });
        } catch (err) {
          if (!isDuplicate(err)) throw err;
        }
      }
    }
    // SQLite builds its schema by synchronize, not by the migration that backfills the counters: rebuild them once
    // for a database that had tickets before the counters existed.
    if (this.tx.isSqlite && (await this.ds.getRepository(TicketStatusCount).count()) === 0 && (await this.ds.getRepository(Ticket).count()) > 0) {
      await this.tx.run((em) => recountTickets(em));
    }
    if (this.config.demoMode) {
      const keys = this.ds.getRepository(Open311Key);
      if (!(await keys.findOne({ where: { apiKey: DEMO_OPEN311_KEY } }))) {
        try {
          await keys.insert({ apiKey: DEMO_OPEN311_KEY, name: '演示密钥（仅演示模式）', active: true, createdBy: null });
        } catch (err) {
          if (!isDuplicate(err)) throw err;
        }
      }
    }
  }

  // ───────────────────────── categories ─────────────────────────

  async categories(includeDisabled = false) {
    await this.ensureSeeded();
    const rows = await this.ds.getRepository(ServiceCategory).find({ where: includeDisabled ? {} : { active: true }, order: { sortOrder: 'ASC', id: 'ASC' } });
    return rows.map((c) => this.categoryView(c));
  }

  categoryView(c: ServiceCategory) {
    return { id: c.id, code: c.code, name: c.name, icon: c.icon, hint: c.hint, slaHours: c.slaHours, attributes: c.attributes, active: c.active };
  }

  async createCategory(user: AuthUser, dto: CategoryDto) {
    await this.ensureSeeded();
    this.validateAttributeDefs(dto.attributes ?? []);
    return this.tx.run(async (em) => {
      if (await em.findOne(ServiceCategory, { where: { code: dto.code } })) throw new AppError('CONFLICT', '分类编码已存在', { code: ['分类编码已存在'] });
      const max = await em.createQueryBuilder(ServiceCategory, 'c').select('MAX(c.sortOrder)', 'm').getRawOne();
      const c = await em.save(em.create(ServiceCategory, { ...dto, attributes: dto.attributes ?? [], active: true, sortOrder: Number(max?.m ?? 0) + 1 }));
      await this.audit.record(em, { actorId: user.id, actorRole: 'admin', action: 'service_category.create', entityType: 'service_category', entityId: c.id, data: { code: c.code } });
      return this.categoryView(c);
    });
  }

  async updateCategory(user: AuthUser, id: number, dto: UpdateCategoryDto) {
    await this.ensureSeeded();
    return this.tx.run(async (em) => {
      const c = await em.findOne(ServiceCategory, { where: { id } });
      if (!c) throw AppError.notFound('分类');
      await em.update(ServiceCategory, { id }, dto);
      await this.audit.record(em, { actorId: user.id, actorRole: 'admin', action: 'service_category.update', entityType: 'service_category', entityId: id, data: { ...dto } });
      return this.categoryView(await em.findOneOrFail(ServiceCategory, { where: { id } }));
    });
  }

  private validateAttributeDefs(attrs: TicketAttribute[]) {
    const types = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'];
    for (const a of attrs) {
      if (!a || typeof a.code !== 'string' || !/^[a-z0-9_]{1,32}$/.test(a.code) || !types.includes(a.datatype) || typeof a.description !== 'string') {
        throw AppError.field('attributes', '补充问题须有 code、datatype（string/number/datetime/text/singlevaluelist/multivaluelist）和 description');
      }
      if (a.datatype.endsWith('valuelist') && !(Array.isArray(a.values) && a.values.length)) throw AppError.field('attributes', `补充问题 ${a.code} 须列出可选值`);
    }
  }

  /** Checks answers to a category's extra questions; returns the cleaned answers. */
  validateAttributes(category: ServiceCategory, answers: Record<string, unknown>, field = 'attributes'): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const known = new Map(category.attributes.map((a) => [a.code, a]));
    for (const key of Object.keys(answers)) if (!known.has(key)) throw AppError.field(`${field}.${key}`, `未知的补充问题 ${key}`);
    for (const a of category.attributes) {
      const v = answers[a.code];
      if (v === undefined || v === null || v === '') {
        if (a.required) throw AppError.field(`${field}.${a.code}`, `请填写${a.description}`);
        continue;
      }
      const keys = new Set((a.values ?? []).map((x) => x.key));
      switch (a.datatype) {
        case 'number':
          if (!Number.isFinite(Number(v))) throw AppError.field(`${field}.${a.code}`, `${a.description}须为数字`);
          out[a.code] = Number(v);
          break;
        case 'datetime':
          if (Number.isNaN(Date.parse(String(v)))) throw AppError.field(`${field}.${a.code}`, `${a.description}须为日期时间`);
          out[a.code] = new Date(String(v)).toISOString();
          break;
        case 'singlevaluelist':
          if (!keys.has(String(v))) throw AppError.field(`${field}.${a.code}`, `${a.description}的选项无效`);
          out[a.code] = String(v);
          break;
        case 'multivaluelist': {
          const list = (Array.isArray(v) ? v : [v]).map(String);
          if (!list.every((x) => keys.has(x))) throw AppError.field(`${field}.${a.code}`, `${a.description}的选项无效`);
          out[a.code] = list;
          break;
        }
        default:
          out[a.code] = String(v).slice(0, a.datatype === 'text' ? 1000 : 200);
      }
    }
    return out;
  }

  // ───────────────────────── filing ─────────────────────────

  /** 同问: the open tickets at a point, as public entries. */
  async openAtPoint(scene: string, viewer?: AuthUser) {
    const point = await this.ds.getRepository(Point).findOne({ where: { scene, active: true } });
    if (!point) throw new AppError('PLACE_SCENE_INVALID');
    const rows = await this.ds.getRepository(Ticket).find({ where: { pointId: point.id, status: In(OPEN_TICKET_STATUSES as TicketStatus[]) }, order: { id: 'DESC' }, take: 20 });
    const following = viewer ? await this.followingSet(viewer.id, rows.map((r) => r.id)) : new Set<number>();
    const cats = await this.categoryMap();
    return rows.map((t) => ({ ...this.summary(t, cats), isMine: !!viewer && t.requesterId === viewer.id, following: following.has(t.id) }));
  }

  async submit(user: AuthUser, dto: CreateTicketDto, idempotencyKey: unknown) {
    const key = validateIdempotencyKey(idempotencyKey);
    await this.ensureSeeded();
    const me = await this.users.get(user.id);
    let point: Point | null = null;
    if (dto.scene) point = await this.ds.getRepository(Point).findOne({ where: { scene: dto.scene, active: true } });
    else if (dto.pointId) point = await this.ds.getRepository(Point).findOne({ where: { id: dto.pointId, active: true } });
    else throw AppError.field('scene', '请扫码或选择点位');
    if (!point) throw AppError.field(dto.scene ? 'scene' : 'pointId', '点位不存在或已停用');
    const category = await this.ds.getRepository(ServiceCategory).findOne({ where: { id: dto.categoryId } });
    if (!category) throw AppError.field('categoryId', '分类不存在');
    if (!category.active) throw new AppError('TICKET_CATEGORY_DISABLED', undefined, { categoryId: ['该分类已停用'] });
    const attributes = this.validateAttributes(category, dto.attributes ?? {});
    // A retry of an already-filed ticket skips the checks that call out to WeChat.
    if (key) {
      const prior = await this.ds.query('SELECT resultId FROM idempotency_keys WHERE userId = ? AND scope = ? AND `key` = ?', [user.id, 'ticket.submit', key]).catch(() => []);
      if (prior?.[0]?.resultId) return this.detail(user, Number(prior[0].resultId));
    }
    await this.safety.check('description', dto.description, me.openid);
    const photos = await this.uploads.ownedViews(user.id, dto.photoIds ?? []);
    const id = await this.tx.run(async (em) => {
      if (key) {
        const existing = await this.idempotency.claim(em, user.id, 'ticket.submit', key);
        if (existing) return Number(existing);
      }
      const ticket = await this.create(em, { id: user.id, role: this.primaryRole(user.roles) }, user.id, {
        categoryId: category.id,
        point: point!,
        description: dto.description.trim(),
        photos,
        contactName: dto.contactName.trim(),
        contactPhone: dto.contactPhone,
        anonymous: !!dto.anonymous,
        attributes,
        source: 'miniapp',
      });
      if (key) await this.idempotency.complete(em, user.id, 'ticket.submit', key, ticket.id);
      return ticket.id;
    });
    this.notifications.flushSoon();
    return this.detail(user, id);
  }

  /** Files a ticket inside the caller's transaction, then accepts and dispatches it when the grid has a worker on duty. */
  async create(em: EntityManager, actor: Actor, requesterId: number | null, input: NewTicketInput): Promise<Ticket> {
    const now = this.clock.now();
    const grid = await em.findOneOrFail(Grid, { where: { id: input.point.gridId } });
    const number = ticketNumber(shanghaiDay(now), await this.nextSeq(em, shanghaiDay(now)));
    const ticket = await em.save(
      em.create(Ticket, {
        number,
        categoryId: input.categoryId,
        pointId: input.point.id,
        gridId: grid.id,
        communityId: grid.communityId,
        requesterId,
        contactName: input.contactName,
        contactPhone: input.contactPhone,
        anonymous: input.anonymous,
        description: input.description,
        photos: input.photos,
        attributes: input.attributes,
        status: 'submitted',
        assigneeId: null,
        mergedIntoId: null,
        followerCount: 0,
        source: input.source,
        lat: input.lat ?? null,
        lng: input.lng ?? null,
        overdue: false,
        reopenCount: 0,
        createdAt: now,
        updatedAt: now,
      }),
    );
    moveTicketCount(em, ticket.communityId, null, 'submitted');
    await insertRow(em, TicketEvent, { ticketId: ticket.id, action: 'submit', fromStatus: null, toStatus: 'submitted', actorId: actor.id, actorRole: actor.role, note: null, photos: input.photos, createdAt: now });
    await this.audit.record(em, { actorId: actor.id, actorRole: actor.role, action: 'ticket.submit', entityType: 'ticket', entityId: ticket.id, toState: 'submitted', data: { number, source: input.source }, at: now });
    await this.notifications.notify(em, [requesterId], { kind: 'ticket', title: `工单 ${number} 已提交`, body: '我们已收到你反映的问题，会尽快处理。', link: DETAIL_LINK(ticket.id), purpose: 'ticket_progress', templateData: { character_string1: number, phrase2: '已提交' } });
    if (grid.workerId) {
      await this.apply(em, ticket.id, 'accept', { id: null, role: 'system' }, { note: '网格有在岗网格员，自动受理' });
      await this.apply(em, ticket.id, 'dispatch', { id: null, role: 'system' }, { note: '自动派单给本网格网格员', workerId: grid.workerId });
    } else {
      await this.notifyStaff(em, grid.communityId, { kind: 'ticket', title: `新工单待受理 ${number}`, body: input.description.slice(0, 60), link: DETAIL_LINK(ticket.id) });
    }
    return em.findOneOrFail(Ticket, { where: { id: ticket.id } });
  }

  /** The day's counter row is bumped by an UPDATE that locks it until commit; the first filing of a day inserts it. */
  private async nextSeq(em: EntityManager, day: string): Promise<number> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const res = await em.createQueryBuilder().update(TicketDayCounter).set({ seq: () => 'seq + 1' }).where('day = :day', { day }).execute();
      if (res.affected) {
        const row = await em.findOneOrFail(TicketDayCounter, { where: { day } });
        return row.seq;
      }
      try {
        await em.insert(TicketDayCounter, { day, seq: 1 });
        return 1;
      } catch (err) {
        if (!isDuplicate(err)) throw err;
      }
    }
    throw new AppError('CONFLICT', '工单编号生成冲突，请重试');
  }

  // ───────────────────────── 同问 ─────────────────────────

  async follow(user: AuthUser, id: number) {
    const done = await this.tx.run(async (em) => {
      const t = await em.findOne(Ticket, { where: { id } });
      if (!t) throw AppError.notFound('工单');
      if (!isTicketOpen(t.status)) throw new AppError('TICKET_ILLEGAL_TRANSITION', '这张工单已办结，不能再同问');
      if (t.requesterId === user.id) throw new AppError('TICKET_ALREADY_FOLLOWING', '这是你自己反映的问题');
      try {
        await em.insert(TicketFollower, { ticketId: id, userId: user.id });
      } catch (err) {
        if (isDuplicate(err)) throw new AppError('TICKET_ALREADY_FOLLOWING');
        throw err;
      }
      await em.createQueryBuilder().update(Ticket).set({ followerCount: () => 'followerCount + 1' }).where('id = :id', { id }).execute();
      await this.audit.record(em, { actorId: user.id, actorRole: this.primaryRole(user.roles), action: 'ticket.follow', entityType: 'ticket', entityId: id, at: this.clock.now() });
      return true;
    });
    if (done) this.notifications.flushSoon();
    return this.detail(user, id);
  }

  // ───────────────────────── transitions ─────────────────────────

  /** An action by a person over HTTP: checks role and scope, then applies it. */
  async act(user: AuthUser, id: number, action: TicketAction, dto: TicketActionDto) {
    const t = await this.ds.getRepository(Ticket).findOne({ where: { id } });
    if (!t) throw AppError.notFound('工单');
    const scope = await this.users.scope(user.id, user.roles);
    const role = this.authorise(user, scope, t, action);
    const me = await this.users.get(user.id);
    const rule = TICKET_TRANSITIONS[t.status]?.[action];
    if (!rule) throw new AppError('TICKET_ILLEGAL_TRANSITION', `「${TICKET_STATUS_LABELS[t.status]}」状态下不能${TICKET_ACTION_LABELS[action]}`, undefined, { from: t.status, action });
    const note = dto.note?.trim() || null;
    if (rule.needsReason && !note) throw AppError.field('note', action === 'resolve' ? '请填写办结情况' : '请填写理由');
    if (note && role === 'owner') await this.safety.check('note', note, me.openid);
    if (dto.comment?.trim()) await this.safety.check('comment', dto.comment, me.openid);
    const photos = await this.uploads.ownedViews(user.id, dto.photoIds ?? []);
    if (action === 'rate' && !dto.rating) throw AppError.field('rating', '请选择 1–5 星');
    if (action === 'reopen' && t.status === 'closed' && !withinReopenWindow(t.closedAt, this.clock.now())) throw new AppError('TICKET_REOPEN_EXPIRED');
    if (action === 'check_in') await this.checkCheckIn(t, dto);
    if (action === 'merge') {
      if (!dto.targetId || dto.targetId === t.id) throw new AppError('TICKET_MERGE_TARGET_INVALID', undefined, { targetId: ['请选择要合并到的工单'] });
      const target = await this.ds.getRepository(Ticket).findOne({ where: { id: dto.targetId } });
      if (!target || !isTicketOpen(target.status) || target.status === 'submitted' && target.id === t.id || target.communityId !== t.communityId) {
        throw new AppError('TICKET_MERGE_TARGET_INVALID', '只能合并到本社区仍在处理中的工单', { targetId: ['只能合并到本社区仍在处理中的工单'] });
      }
    }
    if (action === 'dispatch') {
      const workerId = dto.workerId ?? (await this.ds.getRepository(Grid).findOneOrFail({ where: { id: t.gridId } })).workerId;
      if (!workerId) throw new AppError('TICKET_NO_WORKER', undefined, { workerId: ['请指定处理的网格员'] });
      await this.assertWorker(workerId);
      dto = { ...dto, workerId };
    }
    await this.tx.run((em) => this.apply(em, id, action, { id: user.id, role: role === 'owner' ? 'resident' : role }, { note, photos, targetId: dto.targetId, workerId: dto.workerId, rating: dto.rating, comment: dto.comment?.trim() || null, expectFrom: t.status }));
    this.notifications.flushSoon();
    return this.detail(user, id);
  }

  /** Returns the role the user acts as, or throws. Strangers get 404, so acting reveals nothing about the ticket. */
  private authorise(user: AuthUser, scope: Scope, t: Ticket, action: TicketAction): string {
    const rule = Object.values(TICKET_TRANSITIONS).map((s) => s[action]).find(Boolean)!;
    const by = rule.by as readonly string[];
    if (by.includes('owner') && t.requesterId === user.id) return 'owner';
    if (by.includes('grid_worker') && user.roles.includes('grid_worker') && t.assigneeId === user.id) return 'grid_worker';
    if ((by.includes('staff') || by.includes('admin')) && (scope.isAdmin || (user.roles.includes('staff') && scope.communityIds.includes(t.communityId)))) return scope.isAdmin ? 'admin' : 'staff';
    if (this.access(user, scope, t) === 'full') throw new AppError('TICKET_NOT_YOURS', `只有${by.includes('owner') ? '反映人' : by.includes('grid_worker') ? '承办网格员' : '社区工作人员'}可以${TICKET_ACTION_LABELS[action]}`);
    throw AppError.notFound('工单');
  }

  private async checkCheckIn(t: Ticket, dto: TicketActionDto) {
    const point = await this.ds.getRepository(Point).findOneOrFail({ where: { id: t.pointId } });
    if (dto.scene) {
      if (dto.scene !== point.scene) throw new AppError('TICKET_CHECKIN_WRONG_CODE', undefined, { scene: ['扫的不是这张工单的点位码'] });
      return;
    }
    if (dto.lat !== undefined && dto.lng !== undefined) {
      if (point.lat === null || point.lng === null) throw new AppError('TICKET_CHECKIN_TOO_FAR', '该点位没有登记坐标，请扫点位码打卡', { scene: ['请扫点位码打卡'] });
      const d = distanceMetres({ lat: dto.lat, lng: dto.lng }, { lat: point.lat, lng: point.lng });
      if (d > checkinRadiusMetres()) throw new AppError('TICKET_CHECKIN_TOO_FAR', `距离点位约 ${Math.round(d)} 米，请到现场（${checkinRadiusMetres()} 米内）再打卡`, { lat: ['距离点位太远'] });
      return;
    }
    throw AppError.field('scene', '请扫点位码或开启定位打卡');
  }

  private async assertWorker(workerId: number) {
    const w = await this.ds.getRepository(User).findOne({ where: { id: workerId } });
    if (!w || !w.roles.includes('grid_worker')) throw AppError.field('workerId', '该用户不是网格员');
  }

  /**
   * The one place a ticket changes state: the table decides the next state, a conditional UPDATE makes sure nobody
   * moved it meanwhile, and the timeline, audit and notifications are written in the same transaction.
   */
  async apply(
    em: EntityManager,
    id: number,
    action: TicketAction,
    actor: Actor,
    opts: { note?: string | null; photos?: UploadView[]; targetId?: number; workerId?: number | null; rating?: number; comment?: string | null; expectFrom?: TicketStatus } = {},
  ): Promise<Ticket> {
    const t = await em.findOne(Ticket, { where: { id } });
    if (!t) throw AppError.notFound('工单');
    if (opts.expectFrom && t.status !== opts.expectFrom) throw new AppError('TICKET_CONCURRENT_CHANGE');
    let to: TicketStatus;
    try {
      to = nextState(TICKET_TRANSITIONS, t.status, action);
    } catch {
      throw new AppError('TICKET_ILLEGAL_TRANSITION', `「${TICKET_STATUS_LABELS[t.status]}」状态下不能${TICKET_ACTION_LABELS[action]}`, undefined, { from: t.status, action });
    }
    const now = this.clock.now();
    const set: Partial<Ticket> = { status: to, updatedAt: now };
    const category = await em.findOneOrFail(ServiceCategory, { where: { id: t.categoryId } });
    switch (action) {
      case 'dispatch':
        set.assigneeId = opts.workerId ?? t.assigneeId;
        set.dispatchedAt = now;
        if (!t.firstDispatchedAt) set.firstDispatchedAt = now;
        set.overdue = false;
        set.dueAt = null;
        break;
      case 'sign':
        set.signedAt = now;
        if (!t.firstSignedAt) set.firstSignedAt = now;
        set.dueAt = new Date(now.getTime() + category.slaHours * HOUR);
        break;
      case 'return':
        set.assigneeId = null;
        set.dueAt = null;
        set.overdue = false;
        break;
      case 'resolve':
        set.resolvedAt = now;
        set.resolutionNote = opts.note ?? null;
        set.overdue = false;
        break;
      case 'confirm':
        set.closedAt = now;
        break;
      case 'reopen':
        set.reopenCount = t.reopenCount + 1;
        set.resolvedAt = null;
        set.closedAt = null;
        break;
      case 'rate':
        set.rating = opts.rating ?? null;
        set.ratingComment = opts.comment ?? null;
        break;
      case 'merge':
        set.mergedIntoId = opts.targetId ?? null;
        break;
    }
    const res = await em.createQueryBuilder().update(Ticket).set(set as any).where('id = :id AND status = :from', { id, from: t.status }).execute();
    if (!res.affected) throw new AppError('TICKET_CONCURRENT_CHANGE');
    moveTicketCount(em, t.communityId, t.status, to);
    const note = action === 'rate' ? [`${opts.rating} 星`, opts.comment].filter(Boolean).join('：') : opts.note ?? null;
    await insertRow(em, TicketEvent, { ticketId: id, action, fromStatus: t.status, toStatus: to, actorId: actor.id, actorRole: actor.role, note, photos: opts.photos ?? [], createdAt: now });
    await this.audit.record(em, { actorId: actor.id, actorRole: actor.role, action: `ticket.${action}`, entityType: 'ticket', entityId: id, fromState: t.status, toState: to, reason: opts.note ?? null, data: opts.targetId ? { targetId: opts.targetId } : opts.workerId ? { workerId: opts.workerId } : null, at: now });

    const followers = await em.find(TicketFollower, { where: { ticketId: id } });
    const audience = [t.requesterId, ...followers.map((f) => f.userId)];
    await this.notifications.notify(em, audience, {
      kind: 'ticket',
      title: `工单 ${t.number} ${TICKET_STATUS_LABELS[to]}`,
      body: note ? `${TICKET_ACTION_LABELS[action]}：${note}`.slice(0, 200) : `你关注的问题${TICKET_STATUS_LABELS[to]}`,
      link: DETAIL_LINK(id),
      purpose: 'ticket_progress',
      templateData: { character_string1: t.number, phrase2: TICKET_STATUS_LABELS[to] },
    });
    if (action === 'dispatch' && set.assigneeId) {
      await this.notifications.notify(em, [set.assigneeId], { kind: 'ticket_task', title: `新派单 ${t.number}`, body: `${category.name}：${t.description.slice(0, 60)}`, link: `/packages/service/pages/task/index?id=${id}` });
    }
    if (action === 'return' || action === 'reopen') {
      await this.notifyStaff(em, t.communityId, { kind: 'ticket', title: `工单 ${t.number} ${TICKET_STATUS_LABELS[to]}，请重新派单`, body: note ?? '', link: DETAIL_LINK(id) });
    }
    if (action === 'merge' && opts.targetId) await this.moveFollowers(em, t, opts.targetId);
    // A reopened matter goes straight back to the grid worker on duty, like a new one.
    if (action === 'reopen') {
      const grid = await em.findOneOrFail(Grid, { where: { id: t.gridId } });
      const worker = t.assigneeId ?? grid.workerId;
      if (worker) await this.apply(em, id, 'dispatch', { id: null, role: 'system' }, { note: '重新打开，自动派回承办网格员', workerId: worker });
    }
    return em.findOneOrFail(Ticket, { where: { id } });
  }

  /** Merging moves the requester and followers of the duplicate onto the surviving ticket as followers. */
  private async moveFollowers(em: EntityManager, from: Ticket, targetId: number) {
    const target = await em.findOneOrFail(Ticket, { where: { id: targetId } });
    const movers = new Set<number>((await em.find(TicketFollower, { where: { ticketId: from.id } })).map((f) => f.userId));
    if (from.requesterId) movers.add(from.requesterId);
    if (target.requesterId) movers.delete(target.requesterId);
    const already = new Set((await em.find(TicketFollower, { where: { ticketId: targetId } })).map((f) => f.userId));
    const fresh = [...movers].filter((u) => !already.has(u));
    if (fresh.length) await em.insert(TicketFollower, fresh.map((userId) => ({ ticketId: targetId, userId })));
    await em.createQueryBuilder().update(Ticket).set({ followerCount: () => `followerCount + ${fresh.length}` }).where('id = :id', { id: targetId }).execute();
    await insertRow(em, TicketEvent, { ticketId: targetId, action: 'merged_in', fromStatus: null, toStatus: null, actorId: null, actorRole: 'system', note: `合并了工单 ${from.number}，同问 +${fresh.length}`, photos: [], createdAt: this.clock.now() });
    await this.notifications.notify(em, fresh, { kind: 'ticket', title: `你反映的问题已并入工单 ${target.number}`, body: '相同的问题已合并处理，进展会继续通知你。', link: DETAIL_LINK(targetId) });
  }

  async reassign(user: AuthUser, id: number, workerId: number, note?: string) {
    const t = await this.ds.getRepository(Ticket).findOne({ where: { id } });
    if (!t) throw AppError.notFound('工单');
    const scope = await this.users.scope(user.id, user.roles);
    if (!(scope.isAdmin || (user.roles.includes('staff') && scope.communityIds.includes(t.communityId)))) {
      if (this.access(user, scope, t) === 'full') throw new AppError('TICKET_NOT_YOURS', '只有社区工作人员可以改派');
      throw AppError.notFound('工单');
    }
    if (!['dispatched', 'signed', 'on_site'].includes(t.status)) throw new AppError('TICKET_ILLEGAL_TRANSITION', `「${TICKET_STATUS_LABELS[t.status]}」状态下不能改派`);
    await this.assertWorker(workerId);
    await this.tx.run(async (em) => {
      const now = this.clock.now();
      // Reassigning goes back to 已派单: the new worker signs for it and the SLA clock restarts with them.
      const res = await em.createQueryBuilder().update(Ticket).set({ assigneeId: workerId, status: 'dispatched', dispatchedAt: now, dueAt: null, overdue: false, updatedAt: now }).where('id = :id AND status = :from', { id, from: t.status }).execute();
      if (!res.affected) throw new AppError('TICKET_CONCURRENT_CHANGE');
      moveTicketCount(em, t.communityId, t.status, 'dispatched');
      await insertRow(em, TicketEvent, { ticketId: id, action: 'reassign', fromStatus: t.status, toStatus: 'dispatched', actorId: user.id, actorRole: scope.isAdmin ? 'admin' : 'staff', note: note ?? null, photos: [], createdAt: now });
      await this.audit.record(em, { actorId: user.id, actorRole: scope.isAdmin ? 'admin' : 'staff', action: 'ticket.reassign', entityType: 'ticket', entityId: id, fromState: t.status, toState: 'dispatched', data: { from: t.assigneeId, to: workerId }, at: now });
      await this.notifications.notify(em, [workerId], { kind: 'ticket_task', title: `改派给你 ${t.number}`, body: t.description.slice(0, 60), link: `/packages/service/pages/task/index?id=${id}` });
      if (t.assigneeId) await this.notifications.notify(em, [t.assigneeId], { kind: 'ticket_task', title: `工单 ${t.number} 已改派他人`, body: note ?? '', link: null });
    });
    this.notifications.flushSoon();
    return this.detail(user, id);
  }

  // ───────────────────────── jobs ─────────────────────────

  /** Flags signed tickets past their due time and tells the community's staff (once per ticket per signing). */
  async flagOverdue(now: Date): Promise<number> {
    const due = await this.ds.getRepository(Ticket).find({ where: { status: In(['signed', 'on_site']), overdue: false, dueAt: LessThan(now) }, take: 500 });
    let n = 0;
    for (const t of due) {
      const flagged = await this.tx.run(async (em) => {
        const res = await em.createQueryBuilder().update(Ticket).set({ overdue: true, escalatedAt: now }).where('id = :id AND overdue = :f AND status IN (:...st)', { id: t.id, f: false, st: ['signed', 'on_site'] }).execute();
        if (!res.affected) return false;
        await insertRow(em, TicketEvent, { ticketId: t.id, action: 'overdue', fromStatus: t.status, toStatus: t.status, actorId: null, actorRole: 'system', note: '已超过办理时限，已提醒社区督办', photos: [], createdAt: now });
        await this.audit.record(em, { actorId: null, actorRole: 'system', action: 'ticket.overdue', entityType: 'ticket', entityId: t.id, at: now });
        await this.notifyStaff(em, t.communityId, { kind: 'ticket_overdue', title: `工单 ${t.number} 已超时`, body: '已超过办理时限，请督办。', link: DETAIL_LINK(t.id) });
        await this.notifications.notify(em, [t.assigneeId], { kind: 'ticket_overdue', title: `工单 ${t.number} 已超时`, body: '请尽快处置。', link: `/packages/service/pages/task/index?id=${t.id}` });
        return true;
      });
      if (flagged) n++;
    }
    if (n) this.notifications.flushSoon();
    return n;
  }

  /** 3 days of silence after 办结 confirms it. */
  async autoConfirm(now: Date): Promise<number> {
    const cutoff = new Date(now.getTime() - TICKET_AUTO_CONFIRM_DAYS * DAY);
    const rows = await this.ds.getRepository(Ticket).find({ where: { status: 'resolved', resolvedAt: LessThan(cutoff) }, take: 500 });
    let n = 0;
    for (const t of rows) {
      try {
        await this.tx.run((em) => this.apply(em, t.id, 'confirm', { id: null, role: 'system' }, { note: `办结后 ${TICKET_AUTO_CONFIRM_DAYS} 天未反馈，系统自动确认`, expectFrom: 'resolved' }));
        n++;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
      }
    }
    if (n) this.notifications.flushSoon();
    return n;
  }

  private async notifyStaff(em: EntityManager, communityId: number, input: { kind: string; title: string; body: string; link: string | null }) {
    const staff = await em.find(StaffCommunity, { where: { communityId } });
    await this.notifications.notify(em, staff.map((s) => s.userId), input);
  }

  // ───────────────────────── reading ─────────────────────────

  private primaryRole(roles: readonly string[]): string {
    for (const r of ['admin', 'staff', 'grid_worker', 'volunteer', 'resident']) if (roles.includes(r)) return r;
    return 'resident';
  }

  /** Who sees the whole ticket: its requester, grid workers of its grid or its assignee, staff of its community, admin. */
  access(user: AuthUser, scope: Scope, t: Ticket): Access {
    if (t.requesterId === user.id) return 'full';
    if (scope.isAdmin) return 'full';
    if (user.roles.includes('staff') && scope.communityIds.includes(t.communityId)) return 'full';
    if (user.roles.includes('grid_worker') && (scope.gridIds.includes(t.gridId) || t.assigneeId === user.id)) return 'full';
    return 'public';
  }

  private canSeePhone(user: AuthUser, scope: Scope, t: Ticket) {
    if (scope.isAdmin) return true;
    if (user.roles.includes('staff') && scope.communityIds.includes(t.communityId)) return true;
    return user.roles.includes('grid_worker') && (scope.gridIds.includes(t.gridId) || t.assigneeId === user.id);
  }

  private async categoryMap() {
    await this.ensureSeeded();
    const rows = await this.ds.getRepository(ServiceCategory).find();
    return new Map(rows.map((c) => [c.id, c]));
  }

  private async followingSet(userId: number, ids: number[]) {
    if (!ids.length) return new Set<number>();
    const rows = await this.ds.getRepository(TicketFollower).find({ where: { userId, ticketId: In(ids) } });
    return new Set(rows.map((r) => r.ticketId));
  }

  /** A list row that anyone may see: no contact, no name, no photos. */
  private summary(t: Ticket, cats: Map<number, ServiceCategory>) {
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
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
      dueAt: t.dueAt,
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

  async detail(user: AuthUser, id: number) {
    const [found, scope] = await Promise.all([this.ticketWithContext(id), this.users.scope(user.id, user.roles)]);
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
    const roles = [...user.roles].filter((r) => {
      if (r === 'grid_worker') return t.assigneeId === user.id;
      if (r === 'staff') return scope.communityIds.includes(t.communityId);
      return r !== 'admin' || scope.isAdmin;
    });
    let actions = full ? ticketActions(t.status, roles, isOwner, { now: this.clock.now(), closedAt: t.closedAt }) : [];
    if (actions.includes('dispatch') && !roles.some((r) => r === 'staff' || r === 'admin')) actions = actions.filter((a) => a !== 'dispatch');
    const canReassign = full && (scope.isAdmin || (user.roles.includes('staff') && scope.communityIds.includes(t.communityId))) && ['dispatched', 'signed', 'on_site'].includes(t.status);
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
      source: t.source,
      resolutionNote: t.resolutionNote,
      rating: t.rating,
      ratingComment: full ? t.ratingComment : null,
      reopenCount: t.reopenCount,
      signedAt: t.signedAt,
      resolvedAt: t.resolvedAt,
      closedAt: t.closedAt,
      mergedInto: merged ? { id: merged.id, number: merged.number } : null,
      availableActions: actions,
      canReassign,
      timeline: events.map((e) => ({
        id: String(e.id),
        action: e.action,
        label: (TICKET_ACTION_LABELS as Record<string, string>)[e.action] ?? ({ submit: '提交', reassign: '改派', overdue: '超时督办', merged_in: '合并' } as Record<string, string>)[e.action] ?? e.action,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        actorRole: e.actorRole,
        note: full || e.action === 'resolve' ? e.note : null,
        photos: full || e.action === 'resolve' ? e.photos : [],
        at: e.createdAt,
      })),
    };
  }

  /** Full phone for the staff/grid worker of this ticket; audited. */
  async revealPhone(user: AuthUser, id: number) {
    const t = await this.ds.getRepository(Ticket).findOne({ where: { id } });
    if (!t) throw AppError.notFound('工单');
    const scope = await this.users.scope(user.id, user.roles);
    if (!this.canSeePhone(user, scope, t)) {
      if (this.access(user, scope, t) === 'full') throw AppError.forbidden('只有承办的网格员和社区工作人员可以查看完整号码');
      throw AppError.notFound('工单');
    }
    await this.tx.run((em) => this.audit.record(em, { actorId: user.id, actorRole: this.primaryRole(user.roles), action: 'phone.reveal', entityType: 'ticket', entityId: id, at: this.clock.now() }));
    return { phone: t.contactPhone };
  }

  /**
   * 我的诉求: tickets I filed and tickets I follow (同问), newest first. Two keyset reads merged here — my own by
   * `ix_tickets_requester (requesterId, id)`, the followed ones through `ticket_followers` — because one
   * `requesterId = ? OR id IN (…)` query can use neither index and walks the whole table from the newest ticket.
   */
  async mine(user: AuthUser, q: { status?: TicketStatus; cursor?: number; limit?: number }) {
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

  async workerList(user: AuthUser, tab: 'pending' | 'working' | 'overdue' = 'pending') {
    const where = (qb: ReturnType<typeof this.baseWorker>) => qb;
    const scope = await this.users.scope(user.id, user.roles);
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
    const cats = await this.categoryMap();
    const points = rows.length ? await this.ds.getRepository(Point).find({ where: { id: In([...new Set(rows.map((r) => r.pointId))]) } }) : [];
    const pById = new Map(points.map((p) => [p.id, p]));
    return { counts, items: rows.map((t) => ({ ...this.summary(t, cats), point: { name: pById.get(t.pointId)?.name ?? '', address: pById.get(t.pointId)?.address ?? null } })) };
  }

  /** A grid worker's tasks: the ones assigned to them. */
  private baseWorker(user: AuthUser, _scope: Scope) {
    return this.ds.getRepository(Ticket).createQueryBuilder('t').where('t.assigneeId = :me', { me: user.id });
  }

  async queue(user: AuthUser, q: QueueQuery) {
    const scope = await this.users.scope(user.id, user.roles);
    const qb = this.ds.getRepository(Ticket).createQueryBuilder('t');
    if (!scope.isAdmin) qb.where('t.communityId IN (:...cs)', { cs: scope.communityIds.length ? scope.communityIds : [-1] });
    else qb.where('1 = 1');
    if (q.communityId) qb.andWhere('t.communityId = :c', { c: q.communityId });
    if (q.categoryId) qb.andWhere('t.categoryId = :cat', { cat: q.categoryId });
    if (q.q) qb.andWhere(new Brackets((w) => w.where('t.number LIKE :q', { q: `%${q.q}%` }).orWhere('t.description LIKE :q', { q: `%${q.q}%` })));
    if (!q.status) qb.andWhere('t.status IN (:...open)', { open: ['submitted', 'accepted', 'returned', 'reopened', 'dispatched', 'signed', 'on_site'] });
    const page = await this.page(user, qb, q, q.limit ?? 20);
    // Tab badges from the per-community counters (a handful of rows), not a COUNT over every ticket.
    await this.ensureSeeded();
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
  private async pageOf(user: AuthUser, rows: Ticket[], limit: number) {
    const items = rows.slice(0, limit);
    const cats = await this.categoryMap();
    const following = await this.followingSet(user.id, items.map((r) => r.id));
    const communities = items.length ? await this.ds.getRepository(Community).find({ where: { id: In([...new Set(items.map((r) => r.communityId))]) } }) : [];
    const cById = new Map(communities.map((c) => [c.id, c.name]));
    return {
      items: items.map((t) => ({ ...this.summary(t, cats), isMine: t.requesterId === user.id, following: following.has(t.id), communityName: cById.get(t.communityId) ?? '' })),
      nextCursor: rows.length > limit ? items[items.length - 1].id : null,
    };
  }

  async workers(user: AuthUser) {
    const scope = await this.users.scope(user.id, user.roles);
    const grids = await this.ds.getRepository(Grid).find({ where: scope.isAdmin ? {} : { communityId: In(scope.communityIds.length ? scope.communityIds : [-1]) } });
    const all = await this.ds.getRepository(User).createQueryBuilder('u').where('u.roles LIKE :r', { r: '%grid_worker%' }).getMany();
    return all.map((u) => ({ id: u.id, name: u.name, grids: grids.filter((g) => g.workerId === u.id).map((g) => g.name) }));
  }

  async issueOpen311Key(user: AuthUser, name: string) {
    const apiKey = `o311_${randomBytes(18).toString('hex')}`;
    await this.tx.run(async (em) => {
      await em.insert(Open311Key, { apiKey, name, active: true, createdBy: user.id });
      await this.audit.record(em, { actorId: user.id, actorRole: 'admin', action: 'open311_key.issue', entityType: 'open311_key', entityId: apiKey.slice(0, 9), data: { name } });
    });
    return { apiKey, name };
  }

  // ───────────────────────── 三率 board ─────────────────────────

  /**
   * Public supervision board. 响应率: share of dispatched tickets signed within the category's SLA hours of their first
   * dispatch. 解决率: share of handled tickets (办结 at least once) that are closed without ever being reopened.
   * 满意率: share of rated tickets rated ≥ 4. Handling time: filing → 办结. Counts only, never a name or a phone.
   */
  async board(q: BoardQuery) {
    await this.ensureSeeded();
    const now = this.clock.now();
    const to = q.to ? new Date(`${q.to}T23:59:59.999+08:00`) : now;
    const from = q.from ? new Date(`${q.from}T00:00:00+08:00`) : new Date(to.getTime() - 30 * DAY);
    if (from > to) throw AppError.field('from', '开始日期不能晚于结束日期');
    if (to.getTime() - from.getTime() > 366 * DAY) throw AppError.field('from', '统计区间最长一年');
    const qb = this.ds.getRepository(Ticket).createQueryBuilder('t').where('t.createdAt >= :from AND t.createdAt <= :to', { from, to });
    if (q.communityId) qb.andWhere('t.communityId = :c', { c: q.communityId });
    if (q.categoryId) qb.andWhere('t.categoryId = :cat', { cat: q.categoryId });
    const rows = await qb
      .select(['t.id', 't.status', 't.categoryId', 't.communityId', 't.createdAt', 't.firstDispatchedAt', 't.firstSignedAt', 't.resolvedAt', 't.closedAt', 't.reopenCount', 't.rating'])
      .getMany();
    const cats = await this.categoryMap();
    const communities = await this.ds.getRepository(Community).find({ order: { id: 'ASC' } });
    const stats = (list: Ticket[]) => {
      const byStatus: Record<string, number> = {};
      for (const t of list) byStatus[t.status] = (byStatus[t.status] ?? 0) + 1;
      const dispatched = list.filter((t) => t.firstDispatchedAt);
      const onTime = dispatched.filter((t) => t.firstSignedAt && t.firstSignedAt.getTime() - t.firstDispatchedAt!.getTime() <= (cats.get(t.categoryId)?.slaHours ?? 24) * HOUR);
      const handled = list.filter((t) => t.resolvedAt || ['closed', 'rated', 'reopened'].includes(t.status) || t.reopenCount > 0);
      const solved = handled.filter((t) => ['closed', 'rated'].includes(t.status) && t.reopenCount === 0);
      const rated = list.filter((t) => t.rating);
      const happy = rated.filter((t) => (t.rating ?? 0) >= 4);
      const times = list.filter((t) => t.resolvedAt).map((t) => (t.resolvedAt!.getTime() - t.createdAt.getTime()) / HOUR);
      const rate = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : null);
      return {
        total: list.length,
        byStatus,
        responseRate: rate(onTime.length, dispatched.length),
        resolutionRate: rate(solved.length, handled.length),
        satisfactionRate: rate(happy.length, rated.length),
        avgHandlingHours: times.length ? Math.round((times.reduce((a, b) => a + b, 0) / times.length) * 10) / 10 : null,
        samples: { dispatched: dispatched.length, handled: handled.length, rated: rated.length },
      };
    };
    const days: Array<{ day: string; filed: number; resolved: number }> = [];
    const dayIndex = new Map<string, { day: string; filed: number; resolved: number }>();
    for (let d = new Date(from.getTime()); d <= to && days.length < 370; d = new Date(d.getTime() + DAY)) {
      const key = shanghaiDay(d);
      if (!dayIndex.has(key)) {
        const row = { day: `${key.slice(0, 4)}-${key.slice(4, 6)}-${key.slice(6)}`, filed: 0, resolved: 0 };
        days.push(row);
        dayIndex.set(key, row);
      }
    }
    for (const t of rows) {
      const f = dayIndex.get(shanghaiDay(t.createdAt));
      if (f) f.filed++;
      if (t.resolvedAt) {
        const r = dayIndex.get(shanghaiDay(t.resolvedAt));
        if (r) r.resolved++;
      }
    }
    return {
      period: { from: from.toISOString(), to: to.toISOString() },
      filter: { communityId: q.communityId ?? null, categoryId: q.categoryId ?? null },
      statusLabels: TICKET_STATUS_LABELS,
      overall: stats(rows),
      byCommunity: communities.map((c) => ({ id: c.id, name: c.name, ...stats(rows.filter((t) => t.communityId === c.id)) })).filter((c) => c.total || !q.communityId),
      byCategory: [...cats.values()].filter((c) => c.active || rows.some((t) => t.categoryId === c.id)).map((c) => ({ id: c.id, name: c.name, icon: c.icon, ...stats(rows.filter((t) => t.categoryId === c.id)) })),
      trend: days,
      communities: communities.map((c) => ({ id: c.id, name: c.name })),
      categories: [...cats.values()].map((c) => ({ id: c.id, name: c.name })),
    };
  }

  // ───────────────────────── export ─────────────────────────

  async exportXlsx(user: AuthUser, q: QueueQuery): Promise<Buffer> {
    const scope = await this.users.scope(user.id, user.roles);
    const qb = this.ds.getRepository(Ticket).createQueryBuilder('t');
    qb.where(scope.isAdmin ? '1 = 1' : 't.communityId IN (:...cs)', { cs: scope.communityIds.length ? scope.communityIds : [-1] });
    if (q.communityId) qb.andWhere('t.communityId = :c', { c: q.communityId });
    if (q.categoryId) qb.andWhere('t.categoryId = :cat', { cat: q.categoryId });
    if (q.status) qb.andWhere('t.status = :st', { st: q.status });
    const rows = await qb.orderBy('t.id', 'DESC').take(10000).getMany();
    const cats = await this.categoryMap();
    const [communities, points, users] = await Promise.all([
      this.ds.getRepository(Community).find(),
      rows.length ? this.ds.getRepository(Point).find({ where: { id: In([...new Set(rows.map((r) => r.pointId))]) } }) : [],
      rows.length ? this.ds.getRepository(User).find({ where: { id: In([...new Set(rows.map((r) => r.assigneeId).filter((x): x is number => !!x)).values(), -1]) } }) : [],
    ]);
    const cName = new Map(communities.map((c) => [c.id, c.name]));
    const pName = new Map(points.map((p) => [p.id, p.name]));
    const uName = new Map(users.map((u) => [u.id, u.name]));
    const ExcelJS = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    wb.creator = '邻里 linli';
    const ws = wb.addWorksheet('工单');
    ws.columns = [
      { header: '工单编号', key: 'number', width: 20 },
      { header: '状态', key: 'status', width: 10 },
      { header: '分类', key: 'category', width: 12 },
      { header: '社区', key: 'community', width: 18 },
      { header: '点位', key: 'point', width: 18 },
      { header: '描述', key: 'description', width: 50 },
      { header: '联系人', key: 'contact', width: 10 },
      { header: '联系电话', key: 'phone', width: 14 },
      { header: '承办网格员', key: 'assignee', width: 10 },
      { header: '同问', key: 'followers', width: 6 },
      { header: '提交时间', key: 'createdAt', width: 20 },
      { header: '办结时间', key: 'resolvedAt', width: 20 },
      { header: '超时', key: 'overdue', width: 6 },
      { header: '评分', key: 'rating', width: 6 },
    ];
    const fmt = (d: Date | null) => (d ? new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ') : '');
    for (const t of rows) {
      ws.addRow({
        number: t.number,
        status: TICKET_STATUS_LABELS[t.status],
        category: cats.get(t.categoryId)?.name ?? '',
        community: cName.get(t.communityId) ?? '',
        point: pName.get(t.pointId) ?? '',
        description: t.description,
        contact: t.anonymous ? `${t.contactName}（匿名）` : t.contactName,
        // Exports leave the system, so phones stay masked; the full number is revealed per ticket, audited.
        phone: maskPhone(t.contactPhone) ?? '',
        assignee: t.assigneeId ? uName.get(t.assigneeId) ?? '' : '',
        followers: t.followerCount,
        createdAt: fmt(t.createdAt),
        resolvedAt: fmt(t.resolvedAt),
        overdue: t.overdue ? '是' : '',
        rating: t.rating ?? '',
      });
    }
    ws.getRow(1).font = { bold: true };
    await this.tx.run((em) => this.audit.record(em, { actorId: user.id, actorRole: this.primaryRole(user.roles), action: 'ticket.export', entityType: 'ticket', entityId: 0, data: { rows: rows.length, ...q } }));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  // used by Open311
  get dataSource() {
    return this.ds;
  }
  get transactions() {
    return this.tx;
  }
  get now() {
    return this.clock.now();
  }
  isPhone(p: string) {
    return CN_MOBILE.test(p);
  }
}
