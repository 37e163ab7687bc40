import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isTicketOpen, link, pointSceneKey, TICKET_ACTION_LABELS, TICKET_DEFAULT_SIGN_FOR_HOURS, TICKET_STATUS_LABELS, TICKET_TRANSITIONS, TicketAction, TicketStatus, withinReopenWindow } from '@linli/domain';
import { Clock } from '../../common/clock';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import { Actor, Flow, Lifecycle, Step, SYSTEM } from '../../common/state-machine';
import type { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { insertRow } from '../../database/insert';
import { TransactionService } from '../../database/transaction.service';
import { NotificationsService, NotifyInput } from '../notifications/notifications.service';
import { Grid, Point } from '../places/place.entities';
import { UploadsService, UploadView } from '../uploads/uploads.service';
import { StaffCommunity, User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { Scope, ScopeService } from '../places/scope.service';
import { ContentSafetyService } from '../wechat/wechat.module';
import { HoldsService } from '../moderation/holds.service';
import { distanceMetres } from './geo';
import { ServiceCategory, Ticket, TicketEvent, TicketFollower } from './service-request.entities';
import type { TicketActionDto } from './service-requests.dto';
import { moveTicketRollup } from './ticket-rollups';
import { moveTicketCount } from './ticket-status-counts';

const HOUR = 3_600_000;
export type TicketScope = Scope;

/**
 * What someone is to one ticket — the scope hook of the ticket flow, and what decides the buttons they see:
 * its requester ('owner'), a resident who 同问'd it ('follower': they met the same matter, so they too may confirm
 * the fix or reopen it), its assignee ('grid_worker'), staff of its community, or an admin. A ticket in the
 * street's queue (no community) is the admin's alone.
 */
export function ticketStanding(user: { id: number; roles: readonly string[] }, scope: TicketScope, t: Ticket, following = false): string[] {
  const s: string[] = [];
  if (t.requesterId === user.id) s.push('owner');
  else if (following) s.push('follower');
  if (user.roles.includes('grid_worker') && t.assigneeId === user.id) s.push('grid_worker');
  if (scope.isAdmin) s.push('admin');
  else if (user.roles.includes('staff') && t.communityId !== null && scope.communityIds.includes(t.communityId)) s.push('staff');
  return s;
}

/** Who sees the whole ticket: its requester, grid workers of its grid or its assignee, staff of its community, admin. */
export function ticketAccess(user: AuthUser, scope: TicketScope, t: Ticket): 'full' | 'public' {
  if (t.requesterId === user.id || scope.isAdmin) return 'full';
  if (user.roles.includes('staff') && t.communityId !== null && scope.communityIds.includes(t.communityId)) return 'full';
  if (user.roles.includes('grid_worker') && ((t.gridId !== null && scope.gridIds.includes(t.gridId)) || t.assigneeId === user.id)) return 'full';
  return 'public';
}

/** Whether this person 同问'd this ticket. */
export async function isFollowing(em: { getRepository: DataSource['getRepository'] }, ticketId: number, userId: number): Promise<boolean> {
  return !!(await em.getRepository(TicketFollower).findOne({ where: { ticketId, userId } }));
}

type Extra = { note?: string | null; photos?: UploadView[]; targetId?: number; workerId?: number | null; rating?: number; comment?: string | null; expectFrom?: TicketStatus };

/**
 * Every status change of a ticket: the ticket flow for the lifecycle layer, and what each move writes besides the
 * status (dates, assignee, SLA clock), whom it tells, and what follows (a reopened matter goes back to its worker).
 */
@Injectable()
export class TicketLifecycle {
  readonly flow: Flow<TicketStatus, TicketAction, Ticket>;

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly lifecycle: Lifecycle,
    private readonly tx: TransactionService,
    private readonly notifications: NotificationsService,
    private readonly uploads: UploadsService,
    private readonly users: UsersService,
    private readonly scopes: ScopeService,
    private readonly safety: ContentSafetyService,
    private readonly holds: HoldsService,
    private readonly clock: Clock,
  ) {
    this.flow = {
      name: 'ticket',
      entity: Ticket,
      table: TICKET_TRANSITIONS,
      statusLabels: TICKET_STATUS_LABELS,
      codes: { illegal: 'TICKET_ILLEGAL_TRANSITION', changed: 'TICKET_CONCURRENT_CHANGE', forbidden: 'TICKET_NOT_YOURS' },
      standing: async (t, actor) => ticketStanding({ id: actor.id!, roles: actor.roles }, await this.scopes.of(actor.id!, actor.roles), t, await isFollowing(this.ds, t.id, actor.id!)),
      // Strangers get 404, so acting reveals nothing about the ticket; those who can see it are told who may act.
      refuse: (t, actor, action, rule) => {
        const by = rule.by as readonly string[];
        const who = by.includes('follower') ? '反映人或同问的居民' : by.includes('owner') ? '反映人' : by.includes('grid_worker') ? '承办网格员' : '社区工作人员';
        return new AppError('TICKET_NOT_YOURS', `只有${who}可以${TICKET_ACTION_LABELS[action]}`);
      },
      reason: { field: 'note', message: (action) => (action === 'resolve' ? '请填写办结情况' : '请填写理由') },
      // The timeline row, and the per-community status counters moved in the same transaction.
      timeline: async (em, step) => {
        moveTicketCount(em, step.row.communityId ?? 0, step.from, step.to);
        await insertRow(em, TicketEvent, { ticketId: step.row.id, action: step.action, fromStatus: step.from, toStatus: step.to, actorId: step.actor.id, actorRole: step.actorRole, note: this.timelineNote(step), photos: (step.extra.photos as UploadView[] | undefined) ?? [], createdAt: step.at });
      },
    };
  }

  /** A rating is shown in the timeline as "5 星：很及时". */
  private timelineNote(step: Step<TicketStatus, TicketAction, Ticket>): string | null {
    return step.action === 'rate' ? [`${step.extra.rating} 星`, step.extra.comment].filter(Boolean).join('：') : step.note;
  }

  /** An action by a person over HTTP: checks the table and the scope, validates what the action needs, applies it. */
  async act(user: AuthUser, id: number, action: TicketAction, dto: TicketActionDto): Promise<void> {
    const t = await this.ds.getRepository(Ticket).findOne({ where: { id } });
    if (!t) throw AppError.notFound('工单');
    const scope = await this.scopes.of(user.id, user.roles);
    const standing = ticketStanding(user, scope, t, await isFollowing(this.ds, t.id, user.id));
    const rule = Object.values(TICKET_TRANSITIONS).map((s) => s[action]).find(Boolean);
    if (!rule) throw new AppError('TICKET_ILLEGAL_TRANSITION');
    if (!rule.by.some((who) => standing.includes(who))) {
      if (ticketAccess(user, scope, t) === 'full' || standing.includes('follower')) throw this.flow.refuse!(t, user, action, rule);
      throw AppError.notFound('工单');
    }
    this.lifecycle.rule(this.flow, t.status, action);
    const me = await this.users.get(user.id);
    const note = dto.note?.trim() || null;
    // A resident's words (requester or follower) are public-facing text: checked like the description was.
    const resident = (['owner', 'follower'] as const).some((w) => standing.includes(w) && (rule.by as readonly string[]).includes(w));
    const unchecked = [
      note && resident ? await this.safety.check('note', note, me.openid) : null,
      dto.comment?.trim() ? await this.safety.check('comment', dto.comment, me.openid) : null,
    ];
    const photos = await this.uploads.ownedViews(user.id, dto.photoIds ?? []);
    if (action === 'rate' && !dto.rating) throw AppError.field('rating', '请选择 1–5 星');
    if (action === 'reopen' && t.status === 'closed' && !withinReopenWindow(t.closedAt, this.clock.now())) throw new AppError('TICKET_REOPEN_EXPIRED');
    if (action === 'check_in') await this.checkCheckIn(t, dto);
    if (action === 'merge') await this.checkMergeTarget(t, dto.targetId);
    let workerId = dto.workerId;
    if (action === 'dispatch') {
      workerId = dto.workerId ?? (t.gridId ? (await this.ds.getRepository(Grid).findOne({ where: { id: t.gridId } }))?.workerId : null) ?? undefined;
      if (!workerId) throw new AppError('TICKET_NO_WORKER', undefined, { workerId: ['请指定处理的网格员'] });
    }
    if (action === 'reassign' && !workerId) throw AppError.field('workerId', '请选择改派的网格员');
    if (workerId && (action === 'dispatch' || action === 'reassign')) await this.assertWorker(workerId);
    await this.tx.run(async (em) => {
      await this.apply(em, id, action, user, { note, photos, targetId: dto.targetId, workerId, rating: dto.rating, comment: dto.comment?.trim() || null, expectFrom: t.status }, standing);
      await this.holds.hold(em, { entityType: 'ticket', entityId: id, authorId: user.id, communityId: t.communityId }, unchecked);
    });
  }

  private async checkMergeTarget(t: Ticket, targetId?: number) {
    if (!targetId || targetId === t.id) throw new AppError('TICKET_MERGE_TARGET_INVALID', undefined, { targetId: ['请选择要合并到的工单'] });
    const target = await this.ds.getRepository(Ticket).findOne({ where: { id: targetId } });
    if (!target || !isTicketOpen(target.status) || target.communityId !== t.communityId) {
      throw new AppError('TICKET_MERGE_TARGET_INVALID', '只能合并到本社区仍在处理中的工单', { targetId: ['只能合并到本社区仍在处理中的工单'] });
    }
  }

  private checkinRadius(): number {
    return this.config.tickets.checkinRadiusMetres;
  }

  private async checkCheckIn(t: Ticket, dto: TicketActionDto) {
    // A ticket filed by coordinates alone has no point code: the worker checks in where the client said it was.
    const point = t.pointId
      ? await this.ds.getRepository(Point).findOneOrFail({ where: { id: t.pointId } })
      : { scene: null, lat: t.lat, lng: t.lng };
    if (dto.scene) {
      if (!point.scene) throw new AppError('TICKET_CHECKIN_WRONG_CODE', '这张工单按坐标定位，没有点位码，请用定位打卡', { scene: ['请用定位打卡'] });
      if (pointSceneKey(dto.scene) !== pointSceneKey(point.scene)) throw new AppError('TICKET_CHECKIN_WRONG_CODE', undefined, { scene: ['扫的不是这张工单的点位码'] });
      return;
    }
    if (dto.lat !== undefined && dto.lng !== undefined) {
      if (point.lat === null || point.lng === null) throw new AppError('TICKET_CHECKIN_TOO_FAR', '该点位没有登记坐标，请扫点位码打卡', { scene: ['请扫点位码打卡'] });
      const d = distanceMetres({ lat: dto.lat, lng: dto.lng }, { lat: point.lat, lng: point.lng });
      const r = this.checkinRadius();
      if (d > r) throw new AppError('TICKET_CHECKIN_TOO_FAR', `距离点位约 ${Math.round(d)} 米，请到现场（${r} 米内）再打卡`, { lat: ['距离点位太远'] });
      return;
    }
    throw AppError.field('scene', '请扫点位码或开启定位打卡');
  }

  private async assertWorker(workerId: number) {
    const w = await this.ds.getRepository(User).findOne({ where: { id: workerId } });
    if (!w || !w.roles.includes('grid_worker')) throw AppError.field('workerId', '该用户不是网格员');
  }

  /**
   * One move of a ticket through the lifecycle layer, inside the caller's transaction. `SYSTEM` moves are the
   * scheduler's and auto-dispatch's; `standing` is passed when the caller has already computed it.
   */
  async apply(em: EntityManager, id: number, action: TicketAction, actor: Actor, opts: Extra = {}, standing?: readonly string[]): Promise<Ticket> {
    const t = await em.findOne(Ticket, { where: { id } });
    if (!t) throw AppError.notFound('工单');
    if (opts.expectFrom && t.status !== opts.expectFrom) throw new AppError('TICKET_CONCURRENT_CHANGE');
    const category = await em.findOneOrFail(ServiceCategory, { where: { id: t.categoryId } });
    const now = this.clock.now();
    const set = this.columnsFor(action, t, category, opts, now);
    const followers = (await em.find(TicketFollower, { where: { ticketId: id } })).map((f) => f.userId);
    const step = await this.lifecycle.transition(em, this.flow, {
      action,
      actor,
      row: t,
      standing: actor.id === null ? undefined : standing,
      at: now,
      set,
      note: opts.note ?? null,
      data: opts.targetId ? { targetId: opts.targetId } : opts.workerId ? { workerId: opts.workerId, ...(action === 'reassign' ? { from: t.assigneeId } : {}) } : null,
      extra: { photos: opts.photos ?? [], rating: opts.rating, comment: opts.comment },
      notify: (s) => this.messages(s, t, category, set, followers),
    });
    // The board's rollups, moved in the same transaction (netted and written just before commit).
    moveTicketRollup(em, t, { ...t, ...set, status: step.to });
    await this.followUps(em, step, t, opts);
    return em.findOneOrFail(Ticket, { where: { id } });
  }

  /** The columns each move writes besides the status. */
  private columnsFor(action: TicketAction, t: Ticket, category: ServiceCategory, opts: Extra, now: Date): Partial<Ticket> {
    const set: Partial<Ticket> = { updatedAt: now };
    switch (action) {
      case 'dispatch':
      case 'reassign':
        set.assigneeId = opts.workerId ?? t.assigneeId;
        set.dispatchedAt = now;
        if (!t.firstDispatchedAt) set.firstDispatchedAt = now;
        set.overdue = false;
        set.dueAt = null;
        // The sign-for clock: the new worker has the category's sign-for hours to sign before it is escalated.
        set.signDueAt = new Date(now.getTime() + (category.signForHours ?? TICKET_DEFAULT_SIGN_FOR_HOURS) * HOUR);
        set.signOverdue = false;
        break;
      case 'sign':
        set.signDueAt = null;
        set.signOverdue = false;
        set.signedAt = now;
        if (!t.firstSignedAt) {
          set.firstSignedAt = now;
          // 响应率 is decided at the first signing, against the SLA then in force.
          set.respondedInTime = t.firstDispatchedAt ? now.getTime() - t.firstDispatchedAt.getTime() <= category.slaHours * HOUR : null;
        }
        set.dueAt = new Date(now.getTime() + category.slaHours * HOUR);
        break;
      case 'return':
        set.assigneeId = null;
        set.dueAt = null;
        set.overdue = false;
        set.signDueAt = null;
        set.signOverdue = false;
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
    return set;
  }

  private messages(step: Step<TicketStatus, TicketAction, Ticket>, t: Ticket, category: ServiceCategory, set: Partial<Ticket>, followers: number[]) {
    const note = this.timelineNote(step) || null;
    const out: Array<{ to: Iterable<number | null | undefined>; message: NotifyInput }> = [];
    const detail = link('serviceDetail', { id: t.id });
    if (step.action === 'reassign') {
      out.push({ to: [set.assigneeId], message: { kind: 'ticket_task', title: `改派给你 ${t.number}`, body: t.description.slice(0, 60), link: detail } });
      if (t.assigneeId) out.push({ to: [t.assigneeId], message: { kind: 'ticket_task', title: `工单 ${t.number} 已改派他人`, body: step.note ?? '', link: null } });
      return out;
    }
    out.push({
      to: [t.requesterId, ...followers],
      message: {
        kind: 'ticket',
        // residents and followers: their words, not the office's 工单
        title: `你反映的问题${TICKET_STATUS_LABELS[step.to]}（编号 ${t.number}）`,
        body: note ? `${TICKET_ACTION_LABELS[step.action]}：${note}`.slice(0, 200) : `你关注的问题${TICKET_STATUS_LABELS[step.to]}`,
        link: detail,
        purpose: 'ticket_progress',
        templateData: { character_string1: t.number, phrase2: TICKET_STATUS_LABELS[step.to] },
      },
    });
    if (step.action === 'dispatch' && set.assigneeId) {
      out.push({ to: [set.assigneeId], message: { kind: 'ticket_task', title: `新派单 ${t.number}`, body: `${category.name}：${t.description.slice(0, 60)}`, link: detail, purpose: 'task_assigned', templateData: { character_string1: t.number, thing2: `${category.name}：${t.description}` } } });
    }
    return out;
  }

  private async followUps(em: EntityManager, step: Step<TicketStatus, TicketAction, Ticket>, t: Ticket, opts: Extra) {
    if (step.action === 'return' || step.action === 'reopen') {
      await this.notifyStaff(em, t.communityId, { kind: 'ticket', title: `工单 ${t.number} ${TICKET_STATUS_LABELS[step.to]}，请重新派单`, body: step.note ?? '', link: link('serviceDetail', { id: t.id }) });
    }
    if (step.action === 'merge' && opts.targetId) await this.moveFollowers(em, t, opts.targetId);
    // A reopened matter goes straight back to the grid worker on duty, like a new one.
    if (step.action === 'reopen') {
      const grid = t.gridId ? await em.findOne(Grid, { where: { id: t.gridId } }) : null;
      const worker = t.assigneeId ?? grid?.workerId;
      if (worker) await this.apply(em, t.id, 'dispatch', SYSTEM, { note: '重新打开，自动派回承办网格员', workerId: worker });
    }
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
    await this.notifications.notify(em, fresh, { kind: 'ticket', title: `你反映的问题已并入 ${target.number} 一起办理`, body: '相同的问题已合并处理，进展会继续通知你。', link: link('serviceDetail', { id: targetId }) });
  }

  /** Staff of the community; for a ticket in the street's queue (no community), the admins. */
  async notifyStaff(em: EntityManager, communityId: number | null, input: NotifyInput) {
    if (communityId === null) {
      const admins = await em.createQueryBuilder(User, 'u').where('u.roles LIKE :r', { r: '%"admin"%' }).getMany();
      await this.notifications.notify(em, admins.map((u) => u.id), input);
      return;
    }
    const staff = await em.find(StaffCommunity, { where: { communityId } });
    await this.notifications.notify(em, staff.map((s) => s.userId), input);
  }
}
