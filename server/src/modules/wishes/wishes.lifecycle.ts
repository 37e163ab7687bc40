import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  claimPausedMessage,
  link,
  rolesFor,
  ruleFor,
  shanghaiDate,
  WISH_HELD_STATUSES,
  WISH_PUBLIC_STATUSES,
  WISH_STATUS_LABELS,
  WISH_TRANSITIONS,
  WishAction,
  WishDetail,
  WishManageDetail,
  WishStatus,
} from '@linli/domain';
import { Clock } from '../../common/clock';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import { Flow, Lifecycle, Step } from '../../common/state-machine';
import { insertRow } from '../../database/insert';
import { affectedRows, TransactionService } from '../../database/transaction.service';
import { LedgerService } from '../ledger/ledger.service';
import { NotificationsService, NotifyInput } from '../notifications/notifications.service';
import { Community } from '../places/place.entities';
import { UploadsService } from '../uploads/uploads.service';
import { UsersService } from '../users/users.service';
import { ContentSafetyService } from '../wechat/wechat.module';
import { HoldsService } from '../moderation/holds.service';
import { InjectWishRules, WishRules } from './wishes.config';
import { WishActionDto } from './wishes.dto';
import { WishQueries } from './wishes.queries';
import { WishScope } from './wishes.scope';
import { Wish, WishEvent, WishVolunteer } from './wish.entities';
import { IdempotencyService, validateIdempotencyKey } from '../idempotency/idempotency.service';

const HOUR = 3600_000;
const REASON_MAX = 200;

export type WishFlow = Flow<WishStatus, WishAction, Wish>;
type Notice = { to: Array<number | null>; message: NotifyInput };

/** Thrown inside a transaction to roll it back when a conditional UPDATE found nothing to change. */
export class NothingMoved extends Error {}

/** The columns a claim fills, cleared when the wish goes back to the wall. */
export function unclaimed(): Partial<Wish> {
  return { claimerId: null, claimedAt: null, claimExpiresAt: null, reminderSentAt: null, proofPhotos: null, proofNote: null, fulfilledAt: null };
}

/** Gives back one of the volunteer's claim slots (the row every claim by this person locks first). */
export async function freeSlot(em: EntityManager, userId: number) {
  await em.createQueryBuilder().update(WishVolunteer).set({ activeClaims: () => 'activeClaims - 1' }).where('userId = :userId AND activeClaims > 0', { userId }).execute();
}

/**
 * Every status change of a wish goes through `Lifecycle.transition` with this flow: the table decides the next
 * state, `WishScope.standing` who may, and the flow writes the wish's own timeline (`wish_events`).
 */
@Injectable()
export class WishLifecycle {
  readonly flow: WishFlow;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @InjectWishRules() private readonly rules: WishRules,
    private readonly clock: Clock,
    private readonly tx: TransactionService,
    private readonly lifecycle: Lifecycle,
    private readonly scope: WishScope,
    private readonly queries: WishQueries,
    private readonly users: UsersService,
    private readonly uploads: UploadsService,
    private readonly safety: ContentSafetyService,
    private readonly holds: HoldsService,
    private readonly ledger: LedgerService,
    private readonly notifications: NotificationsService,
    private readonly idempotency: IdempotencyService,
  ) {
    this.flow = {
      name: 'wish',
      entity: Wish,
      table: WISH_TRANSITIONS,
      statusLabels: WISH_STATUS_LABELS,
      codes: { illegal: 'WISH_ILLEGAL_TRANSITION', changed: 'WISH_STATE_CHANGED', forbidden: 'WISH_NOT_IN_SCOPE' },
      standing: async (row, actor) => this.scope.standing(row, actor, await this.scope.of(actor)),
      refuse: (_row, _actor, action) => refusal(action),
      reason: { field: 'note', message: () => `原因须为 2–${REASON_MAX} 个字` },
      timeline: (em, step) => this.timeline(em, step),
    };
  }

  /**
   * `POST /api/wishes/:id/actions/:action`. The volunteer's moves (claim, release, fulfil) answer with the wish as
   * the volunteer sees it; the moves of those who serve the wish answer with the manage detail.
   */
  async act(user: AuthUser, id: number, action: WishAction, dto: WishActionDto, idempotencyKey?: unknown): Promise<WishDetail | WishManageDetail> {
    const idemKey = validateIdempotencyKey(idempotencyKey);
    switch (action) {
      case 'claim':
        await this.claim(user, id, idemKey);
        return this.queries.detail(user, id);
      case 'release':
        await this.release(user, id);
        return this.queries.detail(user, id);
      case 'fulfil':
        await this.fulfil(user, id, dto);
        return this.queries.detail(user, id);
      case 'confirm':
        await this.confirm(user, id);
        return this.queries.manageDetail(user, id);
      case 'publish':
      case 'reject':
      case 'withdraw':
      case 'send_back':
        await this.review(user, id, action, dto);
        return this.queries.manageDetail(user, id);
      default:
        throw new AppError('WISH_ILLEGAL_TRANSITION');
    }
  }

  // ───────────────────────────── review (staff) and send-back (grid worker / staff) ─────────────────────────────

  private async review(user: AuthUser, id: number, action: 'publish' | 'reject' | 'withdraw' | 'send_back', dto: WishActionDto) {
    const { wish, standing } = await this.prepare(user, id, action);
    const rule = this.lifecycle.rule(this.flow, wish.status, action);
    // 待审核 can be withdrawn only by the wish-by job; staff 驳回 it instead.
    if (!rule.by.some((who) => standing.includes(who))) throw new AppError('WISH_ILLEGAL_TRANSITION', `「${WISH_STATUS_LABELS[wish.status]}」状态下不能${rule.label}`);
    const note = dto.note?.trim() || null;
    if (rule.needsReason && note && note.length > REASON_MAX) throw AppError.field('note', `原因须为 2–${REASON_MAX} 个字`);
    const set = (step: Step<WishStatus, WishAction, Wish>): Partial<Wish> => {
      if (action === 'publish') return { publishedAt: step.at, lastReason: null, ...(dto.partyPriority === undefined ? {} : { partyPriority: dto.partyPriority }) };
      if (action === 'send_back') return { lastReason: step.note, fulfilledAt: null, claimExpiresAt: new Date(step.at.getTime() + this.rules.claimHours * HOUR), reminderSentAt: null };
      return { lastReason: step.note };
    };
    await this.tx.run((em) =>
      this.lifecycle.transition(em, this.flow, {
        action,
        actor: user,
        row: wish,
        standing,
        note,
        set,
        notify: (step) => (action === 'send_back' ? sentBackNotice(step) : reviewNotice(step, user.id)),
      }),
    );
  }

  // ───────────────────────────── claiming (volunteer) ─────────────────────────────

  /**
   * One claimer, at most N active claims, no claims while paused — all decided by conditional UPDATEs in one
   * transaction. The volunteer's slot is taken first (the row every claim by this person must lock), then the
   * wish; a wish that is no longer 待认领 rolls the slot back. Every path locks volunteer row → wish row, in that
   * order, so claims, releases and expiries cannot deadlock each other.
   */
  private async claim(user: AuthUser, id: number, idemKey: string | null = null) {
    const { wish, standing } = await this.prepare(user, id, 'claim');
    await this.ensureVolunteerRow(user.id);
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.rules.claimHours * HOUR);
    try {
      await this.tx.run(async (em) => {
        // The same 认领 retried (lost answer, second tap): already done, nothing to count twice.
        if (idemKey && (await this.idempotency.claim(em, user.id, `wish.claim:${id}`, idemKey))) return;
        const slot = await em
          .createQueryBuilder()
          .update(WishVolunteer)
          .set({ activeClaims: () => 'activeClaims + 1' })
          .where('userId = :userId AND activeClaims < :limit AND (pausedUntil IS NULL OR pausedUntil <= :now)', { userId: user.id, limit: this.rules.claimLimit, now })
          .execute();
        if (!affectedRows(slot)) {
          const v = await em.findOneOrFail(WishVolunteer, { where: { userId: user.id } });
          if (v.pausedUntil && v.pausedUntil.getTime() > now.getTime()) {
            throw new AppError('WISH_CLAIM_PAUSED', claimPausedMessage(v.pausedUntil), undefined, { pausedUntil: v.pausedUntil.toISOString() });
          }
          if (await this.isMyClaim(em, id, user.id)) return; // a repeated tap on a wish already ours
          throw new AppError('WISH_CLAIM_LIMIT', `你已认领 ${this.rules.claimLimit} 个心愿，完成或放弃后再来认领`, undefined, { limit: this.rules.claimLimit });
        }
        // Read before the transaction: no longer 待认领 means someone was faster (decided after the rollback).
        if (!ruleFor(WISH_TRANSITIONS, wish.status, 'claim')) throw new NothingMoved();
        await this.lifecycle.transition(em, this.flow, {
          action: 'claim',
          actor: user,
          row: wish,
          standing,
          set: { claimerId: user.id, claimedAt: now, claimExpiresAt: expiresAt, reminderSentAt: null, lastReason: null },
          onConflict: () => new NothingMoved(),
          at: now,
        });
        if (idemKey) await this.idempotency.complete(em, user.id, `wish.claim:${id}`, idemKey, id);
        const handoff = await this.queries.handoff(em, wish);
        await this.notifyAll(em, [
          {
            to: [user.id],
            message: {
              kind: 'wish.claimed',
              title: '认领成功',
              body: `你认领了「${wish.title}」。请在 ${shanghaiDate(expiresAt)} 前联系网格员${handoff.gridWorker?.name ?? ''}，到${handoff.meetingPoint}交接。`,
              link: link('wishClaims'),
            },
          },
          {
            to: [wish.handlerId],
            message: { kind: 'wish.claimed', title: '心愿已被认领', body: `「${wish.title}」（${wish.displayName}）已有志愿者认领，请留意交接。`, link: link('wishManageDetail', { id }) },
          },
        ]);
      });
    } catch (err) {
      if (!(err instanceof NothingMoved)) throw err;
      const current = await this.dataSource.getRepository(Wish).findOne({ where: { id } });
      if (!current || !WISH_PUBLIC_STATUSES.includes(current.status)) throw AppError.notFound('心愿');
      if (isRunningClaimOf(current, user.id)) return;
      if (WISH_HELD_STATUSES.includes(current.status)) throw new AppError('WISH_ALREADY_CLAIMED');
      throw new AppError('WISH_STATE_CHANGED');
    }
  }

  private async isMyClaim(em: EntityManager, id: number, userId: number) {
    const mine = await em.findOne(Wish, { where: { id, claimerId: userId } });
    return !!mine && isRunningClaimOf(mine, userId);
  }

  /** The per-volunteer row must exist before the claim transaction locks it; made outside it so that concurrent
   * first claims don't share a gap lock (INSERT IGNORE then UPDATE in one transaction deadlocks on MariaDB). */
  private async ensureVolunteerRow(userId: number) {
    await this.dataSource.createQueryBuilder().insert().into(WishVolunteer).values({ userId, activeClaims: 0, pausedAt: null, pausedUntil: null, idNumberMasked: null }).orIgnore().updateEntity(false).execute();
  }

  private async release(user: AuthUser, id: number) {
    const { wish, standing } = await this.prepare(user, id, 'release');
    this.lifecycle.rule(this.flow, wish.status, 'release');
    await this.tx.run(async (em) => {
      await freeSlot(em, user.id);
      await this.lifecycle.transition(em, this.flow, {
        action: 'release',
        actor: user,
        row: wish,
        standing,
        set: unclaimed(),
        where: { sql: 'claimerId = :claimerId', params: { claimerId: user.id } },
        notify: [{ to: [wish.handlerId], message: { kind: 'wish.released', title: '志愿者放弃了认领', body: `「${wish.title}」已重新回到心愿墙，等待新的志愿者认领。`, link: link('wishManageDetail', { id }) } }],
      });
    });
  }

  private async fulfil(user: AuthUser, id: number, dto: WishActionDto) {
    const { wish, standing } = await this.prepare(user, id, 'fulfil');
    this.lifecycle.rule(this.flow, wish.status, 'fulfil');
    if (!dto.photoIds?.length) throw AppError.field('photoIds', '请至少上传一张圆梦凭证照片');
    const note = dto.note?.trim();
    if (!note || note.length < 2) throw AppError.field('note', '圆梦说明须为 2–300 个字');
    const me = await this.users.get(user.id);
    const unchecked = await this.safety.check('note', note, me.openid);
    const photos = await this.uploads.ownedViews(user.id, dto.photoIds);
    await this.tx.run(async (em) => {
      await this.holds.hold(em, { entityType: 'wish', entityId: wish.id, authorId: user.id, communityId: wish.communityId }, [unchecked]);
      await this.lifecycle.transition(em, this.flow, {
        action: 'fulfil',
        actor: user,
        row: wish,
        standing,
        set: (step) => ({ proofPhotos: photos, proofNote: note, fulfilledAt: step.at }),
        where: { sql: 'claimerId = :claimerId', params: { claimerId: user.id } },
        notify: [
          {
            to: [wish.handlerId],
            message: {
              kind: 'wish.fulfilled',
              title: '请确认心愿是否达成',
              body: `志愿者已上传「${wish.title}」的圆梦凭证，请与${wish.displayName.split(' · ')[0]}确认。`,
              link: link('wishManageDetail', { id }),
            },
          },
        ],
      });
    });
  }

  // ───────────────────────────── confirmation (grid worker / staff) ─────────────────────────────

  private async confirm(user: AuthUser, id: number) {
    const { wish, standing } = await this.prepare(user, id, 'confirm');
    this.lifecycle.rule(this.flow, wish.status, 'confirm');
    const claimerId = wish.claimerId!;
    const community = await this.dataSource.getRepository(Community).findOneOrFail({ where: { id: wish.communityId } });
    const { creditHours, creditPoints } = this.rules;
    await this.tx.run(async (em) => {
      await freeSlot(em, claimerId);
      const step = await this.lifecycle.transition(em, this.flow, {
        action: 'confirm',
        actor: user,
        row: wish,
        standing,
        set: (s) => ({ confirmedAt: s.at, confirmedBy: user.id }),
        where: { sql: 'claimerId = :claimerId', params: { claimerId } },
        notify: [
          {
            to: [claimerId],
            message: {
              kind: 'wish.confirmed',
              title: '心愿已圆梦',
              body: `「${wish.title}」已确认完成，感谢你！志愿时长 +${creditHours} 小时，积分 +${creditPoints}。`,
              link: link('wishLedger'),
              purpose: 'wish_confirmed',
              templateData: { thing1: wish.title, phrase2: '已圆梦' },
            },
          },
        ],
      });
      await this.ledger.credit(em, {
        userId: claimerId,
        source: 'wish',
        sourceId: id,
        content: `微心愿：${wish.title}（${wish.displayName}）`,
        hours: creditHours,
        points: creditPoints,
        confirmedBy: user.id,
        confirmedByRole: step.as,
        organisation: community.name,
        communityId: community.id,
        at: step.at,
      });
    });
  }

  // ───────────────────────────── shared ─────────────────────────────

  /**
   * The wish and what the actor is to it. Refuses first whoever could never take this action on this wish (not a
   * volunteer, not the claimer, not serving its community), whatever its state — as the role guard did.
   */
  private async prepare(user: AuthUser, id: number, action: WishAction) {
    const wish = await this.dataSource.getRepository(Wish).findOne({ where: { id } });
    if (!wish) throw AppError.notFound('心愿');
    const needsScope = rolesFor(WISH_TRANSITIONS, action).some((who) => who !== 'owner' && who !== 'volunteer' && who !== 'system');
    const standing = this.scope.standing(wish, user, needsScope ? await this.scope.of(user) : null);
    if (!rolesFor(WISH_TRANSITIONS, action).some((who) => standing.includes(who))) throw refusal(action);
    return { wish, standing };
  }

  private async notifyAll(em: EntityManager, notices: Notice[]) {
    for (const n of notices) await this.notifications.notify(em, n.to, n.message);
  }

  private async timeline(em: EntityManager, step: Step<WishStatus, WishAction, Wish>) {
    await insertRow(em, WishEvent, {
      wishId: step.row.id,
      action: step.action,
      fromStatus: step.from,
      toStatus: step.to,
      actorId: step.actor.id,
      actorRole: step.actorRole,
      // the volunteer the event is about: the claimer, or for a claim the one claiming
      volunteerId: step.action === 'claim' ? step.actor.id : step.row.claimerId,
      reason: step.note,
      createdAt: step.at,
    });
  }
}

/** Held by this volunteer and still running (they may release it) — a second tap on 认领 answers like the first. */
function isRunningClaimOf(wish: Wish, userId: number) {
  return wish.claimerId === userId && !!ruleFor(WISH_TRANSITIONS, wish.status, 'release');
}

/** The refusal for someone who holds no standing the table names for this action. */
function refusal(action: WishAction): AppError {
  const by = rolesFor(WISH_TRANSITIONS, action);
  if (by.includes('volunteer')) return new AppError('WISH_NOT_VOLUNTEER');
  if (by.includes('owner')) return new AppError('WISH_NOT_CLAIMER');
  return new AppError('WISH_NOT_IN_SCOPE');
}

function reviewNotice(step: Step<WishStatus, WishAction, Wish>, actorId: number): Notice[] {
  const { row: wish, action, to, note } = step;
  const text = action === 'publish' ? `「${wish.title}」已通过审核，发布到心愿墙` : action === 'reject' ? `「${wish.title}」未通过审核：${note}` : `「${wish.title}」已撤回：${note}`;
  return [
    {
      to: [wish.createdBy, wish.handlerId].filter((u) => u !== actorId),
      message: {
        kind: `wish.${action}`,
        title: `微心愿${WISH_STATUS_LABELS[to]}`,
        body: text,
        link: link('wishManageDetail', { id: wish.id }),
      },
    },
  ];
}

function sentBackNotice(step: Step<WishStatus, WishAction, Wish>): Notice[] {
  const wish = step.row;
  return [
    {
      to: [wish.claimerId],
      message: {
        kind: 'wish.sent_back',
        title: '圆梦凭证需要补充',
        body: `「${wish.title}」：${step.note}`,
        link: link('wishClaims'),
        purpose: 'wish_claim_reminder',
        templateData: { thing1: wish.title, phrase2: '需补充' },
      },
    },
  ];
}
