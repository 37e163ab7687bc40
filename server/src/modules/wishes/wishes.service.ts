import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  claimPausedMessage,
  daysLeft,
  maskPhone,
  nextState,
  shanghaiDate,
  WISH_STATUS_LABELS,
  WISH_TRANSITIONS,
  WISH_TYPE_LABELS,
  wishDisplayName,
  WishAction,
  WishStatus,
} from '@linli/domain';
import { Clock } from '../../common/clock';
import { insertRow } from '../../database/insert';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import { pageThroughIndex } from '../../database/keyset';
import { affectedRows, TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { IdempotencyService, validateIdempotencyKey } from '../idempotency/idempotency.service';
import { JobsService } from '../jobs/jobs.service';
import { LedgerService } from '../ledger/ledger.service';
import { NotificationsService } from '../notifications/notifications.service';
import { Community, Grid } from '../places/place.entities';
import { UploadsService } from '../uploads/uploads.service';
import { StaffCommunity, User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { ContentSafetyService } from '../wechat/wechat.module';
import { WishesConfig } from './wishes.config';
import { CreateWishDto, ManageQuery, ProofDto, PublishDto, WallQuery } from './wishes.dto';
import { Wish, WishBeneficiary, WishClaimLapse, WishEvent, WishVolunteer } from './wish.entities';
import './wishes.errors';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
export const WISH_EXPIRY_JOB = 'wishes.claim-expiry';

/** Thrown inside a transaction to roll it back when a conditional UPDATE found nothing to change. */
class NothingMoved extends Error {}

type Scope = Awaited<ReturnType<UsersService['scope']>>;

const VOLUNTEER_CLAIMS_LINK = '/packages/wishes/pages/claims/index';
const manageLink = (id: number) => `/packages/wishes/pages/manage-detail/index?id=${id}`;

@Injectable()
export class WishesService implements OnModuleInit {
  private readonly logger = new Logger('Wishes');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly config: WishesConfig,
    private readonly clock: Clock,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
    private readonly uploads: UploadsService,
    private readonly safety: ContentSafetyService,
    private readonly ledger: LedgerService,
    private readonly jobs: JobsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  onModuleInit() {
    this.jobs.register({ name: WISH_EXPIRY_JOB, everyMs: 5 * 60_000, run: (now) => this.runClaimClock(now) });
  }

  // ───────────────────────────── who may do what ─────────────────────────────

  private async scope(user: AuthUser): Promise<Scope> {
    return this.users.scope(user.id, user.roles);
  }

  /** Staff of the community, its grid workers, admin. */
  private canManage(scope: Scope, communityId: number) {
    return scope.isAdmin || scope.communityIds.includes(communityId) || scope.gridCommunityIds.includes(communityId);
  }

  private isStaffOf(scope: Scope, communityId: number) {
    return scope.isAdmin || scope.communityIds.includes(communityId);
  }

  private async managedCommunityIds(scope: Scope): Promise<number[] | 'all'> {
    if (scope.isAdmin) return 'all';
    return [...new Set([...scope.communityIds, ...scope.gridCommunityIds])];
  }

  private roleOf(user: AuthUser) {
    for (const r of ['admin', 'staff', 'grid_worker', 'volunteer'] as const) if (user.roles.includes(r)) return r;
    return user.roles[0] ?? 'resident';
  }

  // ───────────────────────────── recording ─────────────────────────────

  async create(user: AuthUser, dto: CreateWishDto, idempotencyKey?: string) {
    const key = validateIdempotencyKey(idempotencyKey);
    const scope = await this.scope(user);
    if (!this.canManage(scope, dto.communityId)) throw new AppError('WISH_NOT_IN_SCOPE');
    const community = await this.dataSource.getRepository(Community).findOne({ where: { id: dto.communityId } });
    if (!community) throw AppError.field('communityId', '社区不存在');
    if (dto.estimatedValue > this.config.valueCap) {
      throw new AppError('WISH_VALUE_TOO_HIGH', `心愿预估价值不能超过 ${this.config.valueCap} 元`, { estimatedValue: [`不能超过 ${this.config.valueCap} 元`] }, { cap: this.config.valueCap });
    }
    const now = this.clock.now();
    if (dto.wishBy <= shanghaiDate(now) || Number.isNaN(Date.parse(`${dto.wishBy}T00:00:00+08:00`))) {
      throw new AppError('WISH_DATE_INVALID', undefined, { wishBy: ['心愿截止日期须在今天之后'] });
    }
    if (!dto.beneficiary === !dto.beneficiaryId) throw AppError.field('beneficiary', '请填写心愿对象，或选择已登记的心愿对象');

    let grid: Grid | null = null;
    if (dto.gridId) {
      grid = await this.dataSource.getRepository(Grid).findOne({ where: { id: dto.gridId } });
      if (!grid || grid.communityId !== dto.communityId) throw AppError.field('gridId', '网格不属于该社区');
    } else if (scope.gridIds.length) {
      grid = await this.dataSource.getRepository(Grid).findOne({ where: { id: In(scope.gridIds), communityId: dto.communityId } });
    }
    const handlerId = user.roles.includes('grid_worker') && grid?.workerId === user.id ? user.id : grid?.workerId ?? user.id;

    const me = await this.users.get(user.id);
    await this.safety.check('title', dto.title, me.openid);
    await this.safety.check('story', dto.story, me.openid);
    const photos = await this.uploads.ownedViews(user.id, dto.photoIds ?? []);

    const result = await this.tx.run(async (em) => {
      if (key) {
        const earlier = await this.idempotency.claim(em, user.id, 'wish.create', key);
        if (earlier) return { id: Number(earlier), repeated: true };
      }
      let beneficiary: WishBeneficiary | null;
      if (dto.beneficiaryId) {
        beneficiary = await em.findOne(WishBeneficiary, { where: { id: dto.beneficiaryId } });
        if (!beneficiary || beneficiary.communityId !== dto.communityId) throw AppError.field('beneficiaryId', '心愿对象不存在或不属于该社区');
      } else {
        const b = dto.beneficiary!;
        beneficiary = await em.save(
          em.create(WishBeneficiary, {
            communityId: dto.communityId,
            name: b.name.trim(),
            gender: b.gender,
            ageGroup: b.ageGroup,
            building: b.building.trim(),
            phone: b.phone ?? null,
            situation: b.situation ?? '',
            createdBy: user.id,
          }),
        );
      }
      this.assertNoPrivateDetails(dto, beneficiary);
      const wish = await em.save(
        em.create(Wish, {
          beneficiaryId: beneficiary.id,
          communityId: dto.communityId,
          gridId: grid?.id ?? null,
          displayName: wishDisplayName(beneficiary.name, beneficiary.gender, beneficiary.ageGroup, community.name),
          title: dto.title.trim(),
          story: dto.story.trim(),
          type: dto.type,
          estimatedValue: dto.estimatedValue,
          photos,
          wishBy: dto.wishBy,
          partyPriority: dto.partyPriority ?? false,
          status: 'pending_review',
          createdBy: user.id,
          handlerId,
          claimerId: null,
          proofPhotos: null,
          createdAt: now,
        }),
      );
      await this.record(em, wish, 'create', null, 'pending_review', user, null, null);
      const staff = await em.find(StaffCommunity, { where: { communityId: wish.communityId } });
      await this.notifications.notify(em, staff.map((s) => s.userId).filter((id) => id !== user.id), {
        kind: 'wish.review',
        title: '有新的微心愿待审核',
        body: `${wish.displayName}：${wish.title}`,
        link: '/packages/wishes/pages/review/index',
      });
      if (key) await this.idempotency.complete(em, user.id, 'wish.create', key, wish.id);
      return { id: wish.id, repeated: false };
    });
    this.notifications.flushSoon();
    return this.manageDetail(user, result.id);
  }

  /** The story is public: it must not carry the beneficiary's full name, phone or address (PIPL art. 28). */
  private assertNoPrivateDetails(dto: CreateWishDto, b: WishBeneficiary) {
    const secrets = [b.name.length >= 2 ? b.name : null, b.phone, b.building.length >= 3 ? b.building : null].filter((x): x is string => !!x);
    for (const field of ['title', 'story'] as const) {
      if (secrets.some((s) => dto[field].includes(s))) {
        throw AppError.field(field, '公开内容不能包含心愿对象的姓名、电话或住址');
      }
    }
  }

  /** The communities this grid worker or staff member may record wishes for. */
  async myCommunities(user: AuthUser) {
    const managed = await this.managedCommunityIds(await this.scope(user));
    const rows = await this.dataSource.getRepository(Community).find({ where: managed === 'all' ? {} : { id: In(managed.length ? managed : [-1]) }, order: { id: 'ASC' } });
    return rows.map((c) => ({ id: c.id, name: c.name, servicePoint: c.servicePoint }));
  }

  async beneficiaries(user: AuthUser, communityId?: number) {
    const scope = await this.scope(user);
    const managed = await this.managedCommunityIds(scope);
    if (communityId && !this.canManage(scope, communityId)) throw new AppError('WISH_NOT_IN_SCOPE');
    const ids = communityId ? [communityId] : managed;
    const rows = await this.dataSource.getRepository(WishBeneficiary).find({
      where: ids === 'all' ? {} : { communityId: In(ids.length ? ids : [-1]) },
      order: { id: 'DESC' },
      take: 200,
    });
    return rows.map((b) => ({ id: b.id, communityId: b.communityId, name: b.name, gender: b.gender, ageGroup: b.ageGroup, building: b.building, phone: maskPhone(b.phone), situation: b.situation }));
  }

  // ───────────────────────────── review (staff) ─────────────────────────────

  async publish(user: AuthUser, id: number, dto: PublishDto) {
    return this.staffMove(user, id, 'publish', null, (now) => ({ publishedAt: now, lastReason: null, ...(dto.partyPriority === undefined ? {} : { partyPriority: dto.partyPriority }) }));
  }

  async reject(user: AuthUser, id: number, reason: string) {
    return this.staffMove(user, id, 'reject', reason, () => ({ lastReason: reason }));
  }

  async withdraw(user: AuthUser, id: number, reason: string) {
    return this.staffMove(user, id, 'withdraw', reason, () => ({ lastReason: reason }));
  }

  private async staffMove(user: AuthUser, id: number, action: 'publish' | 'reject' | 'withdraw', reason: string | null, set: (now: Date) => Partial<Wish>) {
    const wish = await this.findWish(id);
    const scope = await this.scope(user);
    if (!this.isStaffOf(scope, wish.communityId)) throw new AppError('WISH_NOT_IN_SCOPE');
    const to = nextState(WISH_TRANSITIONS, wish.status, action);
    const now = this.clock.now();
    await this.tx.run(async (em) => {
      if (!(await this.move(em, id, wish.status, to, set(now)))) throw new AppError('WISH_STATE_CHANGED');
      await this.record(em, wish, action, wish.status, to, user, reason, null);
      const text =
        action === 'publish' ? `「${wish.title}」已通过审核，发布到心愿墙` : action === 'reject' ? `「${wish.title}」未通过审核：${reason}` : `「${wish.title}」已撤回：${reason}`;
      await this.notifications.notify(em, [wish.createdBy, wish.handlerId].filter((u) => u !== user.id), {
        kind: `wish.${action}`,
        title: `微心愿${WISH_STATUS_LABELS[to]}`,
        body: text,
        link: manageLink(id),
        purpose: 'wish_update',
        templateData: { thing1: wish.title, phrase2: WISH_STATUS_LABELS[to] },
      });
    });
    this.notifications.flushSoon();
    return this.manageDetail(user, id);
  }

  // ───────────────────────────── claiming (volunteer) ─────────────────────────────

  /**
   * One claimer, at most N active claims, no claims while paused — all decided by conditional UPDATEs in one
   * transaction. The volunteer's slot is taken first (the row every claim by this person must lock), then the
   * wish; a wish that is no longer 待认领 rolls the slot back. Every path locks volunteer row → wish row, in that
   * order, so claims, releases and expiries cannot deadlock each other.
   */
  async claim(user: AuthUser, id: number) {
    if (!user.roles.includes('volunteer')) throw new AppError('WISH_NOT_VOLUNTEER');
    await this.ensureVolunteerRow(user.id);
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.claimHours * HOUR);
    try {
      await this.tx.run(async (em) => {
        const slot = await em
          .createQueryBuilder()
          .update(WishVolunteer)
          .set({ activeClaims: () => 'activeClaims + 1' })
          .where('userId = :userId AND activeClaims < :limit AND (pausedUntil IS NULL OR pausedUntil <= :now)', { userId: user.id, limit: this.config.claimLimit, now })
          .execute();
        if (!affectedRows(slot)) {
          const v = await em.findOneOrFail(WishVolunteer, { where: { userId: user.id } });
          if (v.pausedUntil && v.pausedUntil.getTime() > now.getTime()) {
            throw new AppError('WISH_CLAIM_PAUSED', claimPausedMessage(v.pausedUntil), undefined, { pausedUntil: v.pausedUntil.toISOString() });
          }
          const mine = await em.findOne(Wish, { where: { id, claimerId: user.id, status: 'claimed' } });
          if (mine) return; // a repeated tap on a wish already ours
          throw new AppError('WISH_CLAIM_LIMIT', `你已认领 ${this.config.claimLimit} 个心愿，完成或放弃后再来认领`, undefined, { limit: this.config.claimLimit });
        }
        const moved = await this.move(em, id, 'published', 'claimed', {
          claimerId: user.id,
          claimedAt: now,
          claimExpiresAt: expiresAt,
          reminderSentAt: null,
          lastReason: null,
        });
        if (!moved) throw new NothingMoved();
        const wish = await em.findOneOrFail(Wish, { where: { id } });
        await this.record(em, wish, 'claim', 'published', 'claimed', user, null, user.id);
        const handoff = await this.handoff(em, wish);
        await this.notifications.notify(em, [user.id], {
          kind: 'wish.claimed',
          title: '认领成功',
          body: `你认领了「${wish.title}」。请在 ${shanghaiDate(expiresAt)} 前联系网格员${handoff.gridWorker?.name ?? ''}，到${handoff.meetingPoint}交接。`,
          link: VOLUNTEER_CLAIMS_LINK,
          purpose: 'wish_update',
          templateData: { thing1: wish.title, phrase2: '已认领' },
        });
        await this.notifications.notify(em, [wish.handlerId], {
          kind: 'wish.claimed',
          title: '心愿已被认领',
          body: `「${wish.title}」（${wish.displayName}）已有志愿者认领，请留意交接。`,
          link: manageLink(id),
        });
      });
    } catch (err) {
      if (!(err instanceof NothingMoved)) throw err;
      const wish = await this.dataSource.getRepository(Wish).findOne({ where: { id } });
      if (!wish || !this.isPublic(wish.status)) throw AppError.notFound('心愿');
      if (wish.status === 'claimed' && wish.claimerId === user.id) return this.detail(user, id);
      if (wish.status === 'claimed' || wish.status === 'fulfilled' || wish.status === 'confirmed') throw new AppError('WISH_ALREADY_CLAIMED');
      throw new AppError('WISH_STATE_CHANGED');
    }
    this.notifications.flushSoon();
    return this.detail(user, id);
  }

  /** The per-volunteer row must exist before the claim transaction locks it; made outside it so that concurrent
   * first claims don't share a gap lock (INSERT IGNORE then UPDATE in one transaction deadlocks on MariaDB). */
  private async ensureVolunteerRow(userId: number) {
    await this.dataSource.createQueryBuilder().insert().into(WishVolunteer).values({ userId, activeClaims: 0, pausedAt: null, pausedUntil: null, idNumberMasked: null }).orIgnore().updateEntity(false).execute();
  }

  async release(user: AuthUser, id: number) {
    const wish = await this.findWish(id);
    if (wish.claimerId !== user.id) throw new AppError('WISH_NOT_CLAIMER');
    nextState(WISH_TRANSITIONS, wish.status, 'release');
    await this.tx.run(async (em) => {
      await this.freeSlot(em, user.id);
      const moved = await this.move(em, id, 'claimed', 'published', this.unclaimed(), { sql: 'claimerId = :claimerId', params: { claimerId: user.id } });
      if (!moved) throw new AppError('WISH_STATE_CHANGED');
      await this.record(em, wish, 'release', 'claimed', 'published', user, null, user.id);
      await this.notifications.notify(em, [wish.handlerId], {
        kind: 'wish.released',
        title: '志愿者放弃了认领',
        body: `「${wish.title}」已重新回到心愿墙，等待新的志愿者认领。`,
        link: manageLink(id),
      });
    });
    this.notifications.flushSoon();
    return this.detail(user, id);
  }

  async submitProof(user: AuthUser, id: number, dto: ProofDto) {
    const wish = await this.findWish(id);
    if (wish.claimerId !== user.id) throw new AppError('WISH_NOT_CLAIMER');
    nextState(WISH_TRANSITIONS, wish.status, 'fulfil');
    if (!dto.photoIds.length) throw AppError.field('photoIds', '请至少上传一张圆梦凭证照片');
    const me = await this.users.get(user.id);
    await this.safety.check('note', dto.note, me.openid);
    const photos = await this.uploads.ownedViews(user.id, dto.photoIds);
    const now = this.clock.now();
    await this.tx.run(async (em) => {
      const moved = await this.move(em, id, 'claimed', 'fulfilled', { proofPhotos: photos, proofNote: dto.note.trim(), fulfilledAt: now }, { sql: 'claimerId = :claimerId', params: { claimerId: user.id } });
      if (!moved) throw new AppError('WISH_STATE_CHANGED');
      await this.record(em, wish, 'fulfil', 'claimed', 'fulfilled', user, null, user.id);
      await this.notifications.notify(em, [wish.handlerId], {
        kind: 'wish.fulfilled',
        title: '请确认心愿是否达成',
        body: `志愿者已上传「${wish.title}」的圆梦凭证，请与${wish.displayName.split(' · ')[0]}确认。`,
        link: manageLink(id),
        purpose: 'wish_update',
        templateData: { thing1: wish.title, phrase2: '待确认' },
      });
    });
    this.notifications.flushSoon();
    return this.detail(user, id);
  }

  // ───────────────────────────── confirmation (grid worker / staff) ─────────────────────────────

  async confirm(user: AuthUser, id: number) {
    const wish = await this.findWish(id);
    const scope = await this.scope(user);
    if (!this.canManage(scope, wish.communityId)) throw new AppError('WISH_NOT_IN_SCOPE');
    nextState(WISH_TRANSITIONS, wish.status, 'confirm');
    const claimerId = wish.claimerId!;
    const community = await this.dataSource.getRepository(Community).findOneOrFail({ where: { id: wish.communityId } });
    const now = this.clock.now();
    await this.tx.run(async (em) => {
      await this.freeSlot(em, claimerId);
      const moved = await this.move(em, id, 'fulfilled', 'confirmed', { confirmedAt: now, confirmedBy: user.id }, { sql: 'claimerId = :claimerId', params: { claimerId } });
      if (!moved) throw new AppError('WISH_STATE_CHANGED');
      await this.record(em, wish, 'confirm', 'fulfilled', 'confirmed', user, null, claimerId);
      await this.ledger.credit(em, {
        userId: claimerId,
        source: 'wish',
        sourceId: id,
        content: `微心愿：${wish.title}（${wish.displayName}）`,
        hours: this.config.creditHours,
        points: this.config.creditPoints,
        confirmedBy: user.id,
        confirmedByRole: user.roles.includes('grid_worker') ? 'grid_worker' : 'staff',
        organisation: community.name,
        communityId: community.id,
        at: now,
      });
      await this.notifications.notify(em, [claimerId], {
        kind: 'wish.confirmed',
        title: '心愿已圆梦',
        body: `「${wish.title}」已确认完成，感谢你！志愿时长 +${this.config.creditHours} 小时，积分 +${this.config.creditPoints}。`,
        link: '/packages/wishes/pages/ledger/index',
        purpose: 'wish_update',
        templateData: { thing1: wish.title, phrase2: '已圆梦' },
      });
    });
    this.notifications.flushSoon();
    return this.manageDetail(user, id);
  }

  async sendBack(user: AuthUser, id: number, reason: string) {
    const wish = await this.findWish(id);
    const scope = await this.scope(user);
    if (!this.canManage(scope, wish.communityId)) throw new AppError('WISH_NOT_IN_SCOPE');
    nextState(WISH_TRANSITIONS, wish.status, 'send_back');
    const now = this.clock.now();
    await this.tx.run(async (em) => {
      const moved = await this.move(em, id, 'fulfilled', 'claimed', {
        lastReason: reason,
        fulfilledAt: null,
        claimExpiresAt: new Date(now.getTime() + this.config.claimHours * HOUR),
        reminderSentAt: null,
      });
      if (!moved) throw new AppError('WISH_STATE_CHANGED');
      await this.record(em, wish, 'send_back', 'fulfilled', 'claimed', user, reason, wish.claimerId);
      await this.notifications.notify(em, [wish.claimerId], {
        kind: 'wish.sent_back',
        title: '圆梦凭证需要补充',
        body: `「${wish.title}」：${reason}`,
        link: VOLUNTEER_CLAIMS_LINK,
        purpose: 'wish_update',
        templateData: { thing1: wish.title, phrase2: '需补充' },
      });
    });
    this.notifications.flushSoon();
    return this.manageDetail(user, id);
  }

  // ───────────────────────────── the claim clock (job) ─────────────────────────────

  /** Reminds claims ending within `reminderHours`, returns expired claims to 待认领 and pauses repeat lapsers. */
  async runClaimClock(now: Date): Promise<number> {
    let done = 0;
    const repo = this.dataSource.getRepository(Wish);
    const soon = new Date(now.getTime() + this.config.reminderHours * HOUR);
    const toRemind = await repo
      .createQueryBuilder('w')
      .where("w.status = 'claimed' AND w.claimExpiresAt > :now AND w.claimExpiresAt <= :soon AND w.reminderSentAt IS NULL", { now, soon })
      .orderBy('w.id', 'ASC')
      .take(500)
      .getMany();
    for (const wish of toRemind) {
      await this.tx.run(async (em) => {
        const r = await em
          .createQueryBuilder()
          .update(Wish)
          .set({ reminderSentAt: now })
          .where("id = :id AND status = 'claimed' AND claimerId = :c AND reminderSentAt IS NULL", { id: wish.id, c: wish.claimerId })
          .execute();
        if (!affectedRows(r)) return;
        done++;
        await this.notifications.notify(em, [wish.claimerId], {
          kind: 'wish.claim_reminder',
          title: '认领即将到期',
          body: `「${wish.title}」的认领将于 ${shanghaiDate(wish.claimExpiresAt!)} 到期，请尽快完成并上传圆梦凭证，或主动放弃。`,
          link: VOLUNTEER_CLAIMS_LINK,
          purpose: 'wish_update',
          templateData: { thing1: wish.title, phrase2: '即将到期' },
          dedupeKey: `wish-reminder:${wish.id}:${wish.claimedAt?.getTime()}`,
        });
      });
    }

    const expired = await repo
      .createQueryBuilder('w')
      .where("w.status = 'claimed' AND w.claimExpiresAt <= :now", { now })
      .orderBy('w.id', 'ASC')
      .take(500)
      .getMany();
    for (const wish of expired) {
      const volunteerId = wish.claimerId!;
      try {
        await this.tx.run(async (em) => {
          await this.freeSlot(em, volunteerId);
          const moved = await this.move(em, wish.id, 'claimed', 'published', this.unclaimed(), {
            sql: 'claimerId = :claimerId AND claimExpiresAt <= :now',
            params: { claimerId: volunteerId, now },
          });
          if (!moved) throw new NothingMoved();
          await em.insert(WishClaimLapse, { userId: volunteerId, wishId: wish.id, at: now });
          const pausedUntil = await this.pauseIfRepeated(em, volunteerId, now);
          await this.record(em, wish, 'expire', 'claimed', 'published', null, '认领超时', volunteerId);
          await this.notifications.notify(em, [volunteerId], {
            kind: 'wish.claim_expired',
            title: '认领已超时',
            body: `「${wish.title}」的认领已超时，心愿已回到心愿墙。${pausedUntil ? claimPausedMessage(pausedUntil) + '。' : ''}`,
            link: VOLUNTEER_CLAIMS_LINK,
            purpose: 'wish_update',
            templateData: { thing1: wish.title, phrase2: '认领超时' },
          });
          await this.notifications.notify(em, [wish.handlerId], {
            kind: 'wish.claim_expired',
            title: '认领超时，心愿已重新上墙',
            body: `「${wish.title}」（${wish.displayName}）的认领超时未完成，已回到待认领。`,
            link: manageLink(wish.id),
          });
        });
        done++;
      } catch (err) {
        if (!(err instanceof NothingMoved)) this.logger.warn(`expiring wish ${wish.id} failed: ${(err as Error).message}`);
      }
    }
    if (done) this.notifications.flushSoon();
    return done;
  }

  /** Counts lapses since the window start (or since the last pause began) and pauses at the threshold. */
  private async pauseIfRepeated(em: EntityManager, userId: number, now: Date): Promise<Date | null> {
    const v = await em.findOneOrFail(WishVolunteer, { where: { userId } });
    const windowStart = new Date(now.getTime() - this.config.lapseWindowDays * DAY);
    const since = v.pausedAt && v.pausedAt.getTime() > windowStart.getTime() ? v.pausedAt : windowStart;
    const lapses = await em.createQueryBuilder(WishClaimLapse, 'l').where('l.userId = :userId AND l.at > :since', { userId, since }).getCount();
    if (lapses < this.config.lapsesForPause) return null;
    const until = new Date(now.getTime() + this.config.pauseDays * DAY);
    await em.update(WishVolunteer, { userId }, { pausedAt: now, pausedUntil: until });
    await this.audit.record(em, { actorId: null, actorRole: 'system', action: 'wish.claims_paused', entityType: 'user', entityId: userId, reason: `${lapses} 次认领超时`, data: { until: until.toISOString() }, at: now });
    return until;
  }

  // ───────────────────────────── reading ─────────────────────────────

  /** 心愿墙: published wishes whose date has not passed, nearest wish-by date first, then newest. Keyset paged. */
  async wall(viewer: AuthUser | undefined, q: WallQuery) {
    const now = this.clock.now();
    const limit = q.limit ?? 20;
    const qb = this.dataSource
      .getRepository(Wish)
      .createQueryBuilder('w')
      .where("w.status = 'published' AND w.wishBy >= :today", { today: shanghaiDate(now) });
    if (q.communityId) qb.andWhere('w.communityId = :communityId', { communityId: q.communityId });
    if (q.type) qb.andWhere('w.type = :type', { type: q.type });
    if (q.cursor) {
      const [cwb, cid] = q.cursor.split('_');
      qb.andWhere('(w.wishBy > :cwb OR (w.wishBy = :cwb AND w.id < :cid))', { cwb, cid: Number(cid) });
    }
    const rows = await pageThroughIndex(qb.orderBy('w.wishBy', 'ASC').addOrderBy('w.id', 'DESC'), 'ix_wishes_wall', limit + 1);
    const page = rows.slice(0, limit);
    const seesPriority = await this.seesPartyPriority(viewer);
    const names = await this.communityNames(page.map((w) => w.communityId));
    const last = page[page.length - 1];
    return {
      items: page.map((w) => this.publicView(w, now, names, seesPriority, viewer?.id)),
      nextCursor: rows.length > limit && last ? `${last.wishBy}_${last.id}` : null,
    };
  }

  /** A wish as the public and volunteers see it; the claimer also gets the hand-off (grid worker + meeting point). */
  async detail(viewer: AuthUser | undefined, id: number) {
    const wish = await this.dataSource.getRepository(Wish).findOne({ where: { id } });
    if (!wish) throw AppError.notFound('心愿');
    if (!this.isPublic(wish.status)) {
      const scope = viewer ? await this.users.scope(viewer.id, viewer.roles) : null;
      if (!scope || !this.canManage(scope, wish.communityId)) throw AppError.notFound('心愿');
    }
    const now = this.clock.now();
    const names = await this.communityNames([wish.communityId]);
    const view: Record<string, unknown> = this.publicView(wish, now, names, await this.seesPartyPriority(viewer), viewer?.id);
    if (viewer && wish.claimerId === viewer.id && (wish.status === 'claimed' || wish.status === 'fulfilled' || wish.status === 'confirmed')) {
      view.claim = await this.claimView(wish);
    }
    return view;
  }

  /** 我的认领: wishes I hold or held, newest claim first. */
  async myClaims(user: AuthUser) {
    const rows = await this.dataSource.getRepository(Wish).find({
      where: { claimerId: user.id, status: In(['claimed', 'fulfilled', 'confirmed']) },
      order: { claimedAt: 'DESC', id: 'DESC' },
      take: 100,
    });
    const now = this.clock.now();
    const names = await this.communityNames(rows.map((w) => w.communityId));
    const items = [];
    for (const w of rows) items.push({ ...this.publicView(w, now, names, true, user.id), claim: await this.claimView(w) });
    return { items, status: await this.claimStatus(user) };
  }

  async claimStatus(user: AuthUser) {
    const v = await this.dataSource.getRepository(WishVolunteer).findOne({ where: { userId: user.id } });
    const now = this.clock.now();
    const paused = v?.pausedUntil && v.pausedUntil.getTime() > now.getTime() ? v.pausedUntil : null;
    return {
      activeClaims: v?.activeClaims ?? 0,
      limit: this.config.claimLimit,
      claimHours: this.config.claimHours,
      pausedUntil: paused ? paused.toISOString() : null,
      pausedMessage: paused ? claimPausedMessage(paused) : null,
    };
  }

  /** Grid workers and staff: their communities' wishes, optionally by status; newest first, keyset by id. */
  async manageList(user: AuthUser, q: ManageQuery) {
    const scope = await this.scope(user);
    const managed = await this.managedCommunityIds(scope);
    if (q.communityId && !this.canManage(scope, q.communityId)) throw new AppError('WISH_NOT_IN_SCOPE');
    const limit = q.limit ?? 20;
    const qb = this.dataSource.getRepository(Wish).createQueryBuilder('w');
    if (q.communityId) qb.where('w.communityId = :c', { c: q.communityId });
    else if (managed !== 'all') qb.where('w.communityId IN (:...ids)', { ids: managed.length ? managed : [-1] });
    if (q.status) qb.andWhere('w.status = :s', { s: q.status });
    if (q.cursor) qb.andWhere('w.id < :cursor', { cursor: q.cursor });
    const rows = await qb.orderBy('w.id', 'DESC').take(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const now = this.clock.now();
    const names = await this.communityNames(page.map((w) => w.communityId));
    const bens = page.length ? await this.dataSource.getRepository(WishBeneficiary).find({ where: { id: In(page.map((w) => w.beneficiaryId)) } }) : [];
    const benById = new Map(bens.map((b) => [b.id, b]));
    const counts = await this.statusCounts(q.communityId ? [q.communityId] : managed);
    return {
      items: page.map((w) => ({
        ...this.publicView(w, now, names, true, user.id),
        beneficiaryName: benById.get(w.beneficiaryId)?.name ?? null,
        lastReason: w.lastReason,
        claimExpiresAt: w.claimExpiresAt,
      })),
      counts,
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    };
  }

  private async statusCounts(ids: number[] | 'all') {
    const qb = this.dataSource.getRepository(Wish).createQueryBuilder('w').select('w.status', 'status').addSelect('COUNT(*)', 'n');
    if (ids !== 'all') qb.where('w.communityId IN (:...ids)', { ids: ids.length ? ids : [-1] });
    const rows = await qb.groupBy('w.status').getRawMany();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  /** Everything about one wish for those who serve the beneficiary; full phone numbers are audited reveals. */
  async manageDetail(user: AuthUser, id: number) {
    const wish = await this.findWish(id);
    const scope = await this.scope(user);
    if (!this.canManage(scope, wish.communityId)) throw AppError.notFound('心愿');
    const em = this.dataSource.manager;
    const [beneficiary, claimer, events, names] = await Promise.all([
      em.findOne(WishBeneficiary, { where: { id: wish.beneficiaryId } }),
      wish.claimerId ? em.findOne(User, { where: { id: wish.claimerId } }) : null,
      em.find(WishEvent, { where: { wishId: id }, order: { id: 'ASC' } }),
      this.communityNames([wish.communityId]),
    ]);
    const actors = await this.userNames(events.map((e) => e.actorId));
    const revealed = [beneficiary?.phone ? 'beneficiary' : null, claimer?.phone ? 'claimer' : null].filter(Boolean);
    if (revealed.length) {
      await this.audit.record(em, { actorId: user.id, actorRole: this.roleOf(user), action: 'phone.reveal', entityType: 'wish', entityId: id, data: { whose: revealed } });
    }
    const now = this.clock.now();
    return {
      ...this.publicView(wish, now, names, true, user.id),
      beneficiary: beneficiary
        ? { id: beneficiary.id, name: beneficiary.name, gender: beneficiary.gender, ageGroup: beneficiary.ageGroup, building: beneficiary.building, phone: beneficiary.phone, situation: beneficiary.situation }
        : null,
      claimer: claimer ? { id: claimer.id, name: claimer.name, phone: claimer.phone, isPartyMember: claimer.isPartyMember, branch: claimer.branch } : null,
      claimedAt: wish.claimedAt,
      claimExpiresAt: wish.claimExpiresAt,
      proofPhotos: wish.proofPhotos ?? [],
      proofNote: wish.proofNote,
      fulfilledAt: wish.fulfilledAt,
      confirmedAt: wish.confirmedAt,
      lastReason: wish.lastReason,
      canReview: this.isStaffOf(scope, wish.communityId),
      timeline: events.map((e) => ({
        action: e.action,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        label: WISH_STATUS_LABELS[e.toStatus],
        actorName: e.actorId ? actors.get(e.actorId) ?? null : '系统',
        reason: e.reason,
        at: e.createdAt,
      })),
    };
  }

  // ───────────────────────────── helpers ─────────────────────────────

  private isPublic(status: WishStatus) {
    return status === 'published' || status === 'claimed' || status === 'fulfilled' || status === 'confirmed';
  }

  private async findWish(id: number) {
    const wish = await this.dataSource.getRepository(Wish).findOne({ where: { id } });
    if (!wish) throw AppError.notFound('心愿');
    return wish;
  }

  /** The only fields of a wish that ever leave the server for the public: nothing from the beneficiary record. */
  private publicView(w: Wish, now: Date, communityNames: Map<number, string>, seesPriority: boolean, viewerId?: number) {
    return {
      id: w.id,
      title: w.title,
      story: w.story,
      type: w.type,
      typeLabel: WISH_TYPE_LABELS[w.type],
      estimatedValue: w.estimatedValue,
      photos: (w.photos ?? []).map((p) => ({ id: p.id, url: p.url, thumbUrl: p.thumbUrl })),
      wishBy: w.wishBy,
      daysLeft: daysLeft(w.wishBy, now),
      displayName: w.displayName,
      communityId: w.communityId,
      communityName: communityNames.get(w.communityId) ?? '',
      status: w.status,
      statusLabel: WISH_STATUS_LABELS[w.status],
      partyPriority: seesPriority ? w.partyPriority : false,
      claimedByMe: !!viewerId && w.claimerId === viewerId,
      publishedAt: w.publishedAt,
    };
  }

  private async claimView(w: Wish) {
    return {
      claimedAt: w.claimedAt,
      expiresAt: w.status === 'claimed' ? w.claimExpiresAt : null,
      proofPhotos: (w.proofPhotos ?? []).map((p) => ({ id: p.id, url: p.url, thumbUrl: p.thumbUrl })),
      proofNote: w.proofNote,
      lastReason: w.lastReason,
      handoff: await this.handoff(this.dataSource.manager, w),
    };
  }

  /** Who and where the volunteer hands over to: the grid worker (who calls the beneficiary) at the service station. */
  private async handoff(em: EntityManager, w: Wish) {
    const [worker, community] = await Promise.all([em.findOne(User, { where: { id: w.handlerId } }), em.findOne(Community, { where: { id: w.communityId } })]);
    return {
      gridWorker: worker ? { name: worker.name, phone: worker.phone } : null,
      meetingPoint: community?.servicePoint ?? `${community?.name ?? ''}邻里空间服务站`,
    };
  }

  private async seesPartyPriority(viewer: AuthUser | undefined) {
    if (!viewer) return false;
    if (viewer.roles.some((r) => r === 'staff' || r === 'admin' || r === 'grid_worker')) return true;
    const u = await this.dataSource.getRepository(User).findOne({ where: { id: viewer.id } });
    return !!u?.isPartyMember;
  }

  private async communityNames(ids: number[]) {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map<number, string>();
    const rows = await this.dataSource.getRepository(Community).find({ where: { id: In(unique) } });
    return new Map(rows.map((c) => [c.id, c.name]));
  }

  private async userNames(ids: Array<number | null>) {
    const unique = [...new Set(ids.filter((x): x is number => !!x))];
    if (!unique.length) return new Map<number, string>();
    const rows = await this.dataSource.getRepository(User).find({ where: { id: In(unique) } });
    return new Map(rows.map((u) => [u.id, u.name]));
  }

  private unclaimed(): Partial<Wish> {
    return { claimerId: null, claimedAt: null, claimExpiresAt: null, reminderSentAt: null, proofPhotos: null, proofNote: null, fulfilledAt: null };
  }

  private async freeSlot(em: EntityManager, userId: number) {
    await em.createQueryBuilder().update(WishVolunteer).set({ activeClaims: () => 'activeClaims - 1' }).where('userId = :userId AND activeClaims > 0', { userId }).execute();
  }

  /** The one way a wish changes status: a conditional UPDATE from the state we read. */
  private async move(em: EntityManager, id: number, from: WishStatus, to: WishStatus, set: Partial<Wish>, extra?: { sql: string; params: Record<string, unknown> }) {
    const qb = em
      .createQueryBuilder()
      .update(Wish)
      .set({ ...set, status: to } as any)
      .where('id = :id AND status = :from', { id, from });
    if (extra) qb.andWhere(extra.sql, extra.params);
    return affectedRows(await qb.execute()) === 1;
  }

  private async record(em: EntityManager, wish: Wish, action: WishAction | 'create', from: WishStatus | null, to: WishStatus, actor: AuthUser | null, reason: string | null, volunteerId: number | null) {
    const at = this.clock.now();
    const actorRole = actor ? this.roleOf(actor) : 'system';
    await insertRow(em, WishEvent, { wishId: wish.id, action, fromStatus: from, toStatus: to, actorId: actor?.id ?? null, actorRole, volunteerId, reason, createdAt: at });
    await this.audit.record(em, { actorId: actor?.id ?? null, actorRole, action: `wish.${action}`, entityType: 'wish', entityId: wish.id, fromState: from, toState: to, reason, at });
  }
}
