import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, In, LessThan } from 'typeorm';
import { claimPausedMessage, link, shanghaiDate, WISH_LAPSING_STATUSES, wishLapsedReason } from '@linli/domain';
import { Lifecycle, SYSTEM } from '../../common/state-machine';
import { affectedRows, TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { JobsService } from '../jobs/jobs.service';
import { NotificationsService } from '../notifications/notifications.service';
import { InjectWishRules, WishRules } from './wishes.config';
import { freeSlot, NothingMoved, unclaimed, WishLifecycle } from './wishes.lifecycle';
import { Wish, WishClaimLapse, WishVolunteer } from './wish.entities';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
export const WISH_EXPIRY_JOB = 'wishes.claim-expiry';
export const WISH_LAPSE_JOB = 'wishes.wish-by';

/** The claim clock: reminders before a claim runs out, expiry back to 待认领, and the pause for repeat lapsers. */
@Injectable()
export class WishJobs implements OnModuleInit {
  private readonly logger = new Logger('Wishes');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @InjectWishRules() private readonly rules: WishRules,
    private readonly tx: TransactionService,
    private readonly jobs: JobsService,
    private readonly lifecycle: Lifecycle,
    private readonly wishes: WishLifecycle,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit() {
    this.jobs.register({ name: WISH_EXPIRY_JOB, everyMs: 5 * 60_000, run: (now) => this.runClaimClock(now) });
    this.jobs.register({ name: WISH_LAPSE_JOB, everyMs: 30 * 60_000, run: (now) => this.withdrawLapsed(now) });
  }

  /**
   * Wishes nobody has taken on (待审核 or 待认领) whose wish-by day is over (Asia/Shanghai) leave the wall: each a
   * `withdraw` move by the system, with the reason, and the person who recorded it (and the handler) are told.
   */
  async withdrawLapsed(now: Date): Promise<number> {
    const today = shanghaiDate(now);
    const lapsed = await this.dataSource
      .getRepository(Wish)
      .find({ where: { status: In([...WISH_LAPSING_STATUSES]), wishBy: LessThan(today) }, order: { id: 'ASC' }, take: 500 });
    let done = 0;
    for (const wish of lapsed) {
      const reason = wishLapsedReason(wish.wishBy);
      try {
        await this.tx.run((em) =>
          this.lifecycle.transition(em, this.wishes.flow, {
            action: 'withdraw',
            actor: SYSTEM,
            row: wish,
            note: reason,
            set: { lastReason: reason },
            onConflict: () => new NothingMoved(),
            at: now,
            notify: [
              {
                to: new Set([wish.createdBy, wish.handlerId]),
                message: {
                  kind: 'wish.withdraw',
                  title: '心愿已过期限，已自动撤回',
                  body: `「${wish.title}」（${wish.displayName}）${reason}。如仍需要帮助，可重新录入并设定新的期限。`,
                  link: link('wishManageDetail', { id: wish.id }),
                },
              },
            ],
          }),
        );
        done++;
      } catch (err) {
        if (!(err instanceof NothingMoved)) this.logger.warn(`withdrawing lapsed wish ${wish.id} failed: ${(err as Error).message}`);
      }
    }
    return done;
  }

  /** Reminds claims ending within `reminderHours`, returns expired claims to 待认领 and pauses repeat lapsers. */
  async runClaimClock(now: Date): Promise<number> {
    return (await this.remind(now)) + (await this.expire(now));
  }

  private async remind(now: Date): Promise<number> {
    let done = 0;
    const soon = new Date(now.getTime() + this.rules.reminderHours * HOUR);
    const toRemind = await this.dataSource
      .getRepository(Wish)
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
          link: link('wishClaims'),
          purpose: 'wish_claim_reminder',
          templateData: { thing1: wish.title, phrase2: '即将到期', time3: wish.claimExpiresAt!.toISOString() },
          dedupeKey: `wish-reminder:${wish.id}:${wish.claimedAt?.getTime()}`,
        });
      });
    }
    return done;
  }

  /** Same lock order as a claim: the volunteer's slot row, then the wish. */
  private async expire(now: Date): Promise<number> {
    let done = 0;
    const expired = await this.dataSource
      .getRepository(Wish)
      .createQueryBuilder('w')
      .where("w.status = 'claimed' AND w.claimExpiresAt <= :now", { now })
      .orderBy('w.id', 'ASC')
      .take(500)
      .getMany();
    for (const wish of expired) {
      const volunteerId = wish.claimerId!;
      try {
        await this.tx.run(async (em) => {
          await freeSlot(em, volunteerId);
          await this.lifecycle.transition(em, this.wishes.flow, {
            action: 'expire',
            actor: SYSTEM,
            row: wish,
            note: '认领超时',
            set: unclaimed(),
            where: { sql: 'claimerId = :claimerId AND claimExpiresAt <= :now', params: { claimerId: volunteerId, now } },
            onConflict: () => new NothingMoved(),
            at: now,
          });
          await em.insert(WishClaimLapse, { userId: volunteerId, wishId: wish.id, at: now });
          const pausedUntil = await this.pauseIfRepeated(em, volunteerId, now);
          await this.notifications.notify(em, [volunteerId], {
            kind: 'wish.claim_expired',
            title: '认领已超时',
            body: `「${wish.title}」的认领已超时，心愿已回到心愿墙。${pausedUntil ? claimPausedMessage(pausedUntil) + '。' : ''}`,
            link: link('wishClaims'),
            purpose: 'wish_claim_reminder',
            templateData: { thing1: wish.title, phrase2: '认领超时', time3: now.toISOString() },
          });
          await this.notifications.notify(em, [wish.handlerId], {
            kind: 'wish.claim_expired',
            title: '认领超时，心愿已重新上墙',
            body: `「${wish.title}」（${wish.displayName}）的认领超时未完成，已回到待认领。`,
            link: link('wishManageDetail', { id: wish.id }),
          });
        });
        done++;
      } catch (err) {
        if (!(err instanceof NothingMoved)) this.logger.warn(`expiring wish ${wish.id} failed: ${(err as Error).message}`);
      }
    }
    return done;
  }

  /** Counts lapses since the window start (or since the last pause began) and pauses at the threshold. */
  private async pauseIfRepeated(em: EntityManager, userId: number, now: Date): Promise<Date | null> {
    const v = await em.findOneOrFail(WishVolunteer, { where: { userId } });
    const windowStart = new Date(now.getTime() - this.rules.lapseWindowDays * DAY);
    const since = v.pausedAt && v.pausedAt.getTime() > windowStart.getTime() ? v.pausedAt : windowStart;
    const lapses = await em.createQueryBuilder(WishClaimLapse, 'l').where('l.userId = :userId AND l.at > :since', { userId, since }).getCount();
    if (lapses < this.rules.lapsesForPause) return null;
    const until = new Date(now.getTime() + this.rules.pauseDays * DAY);
    await em.update(WishVolunteer, { userId }, { pausedAt: now, pausedUntil: until });
    await this.audit.record(em, { actorId: null, actorRole: 'system', action: 'wish.claims_paused', entityType: 'user', entityId: userId, reason: `${lapses} 次认领超时`, data: { until: until.toISOString() }, at: now });
    return until;
  }
}
