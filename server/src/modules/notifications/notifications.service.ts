import { Inject, Injectable, Logger } from '@nestjs/common';
import { Brackets, DataSource, EntityManager, In, LessThan } from 'typeorm';
import { Clock } from '../../common/clock';
import { afterCommit } from '../../database/before-commit';
import { insertRow } from '../../database/insert';
import { User } from '../users/user.entity';
import { WechatClient } from '../wechat/wechat.client';
import { Notification, PushStatus, SubscriptionGrant } from './notification.entities';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app.config';
import { TEMPLATE_PURPOSES, type TemplatePurpose, type TemplateSpec } from './templates';
import { templateData } from './template-values';
import { WechatApiError, WX_ERR } from '../wechat/wechat.errors';

/** WeChat answers worth another try later: system busy and an access token that stayed bad after one refresh. */
const TRANSIENT = new Set<number>([WX_ERR.SYSTEM_BUSY, WX_ERR.INVALID_CREDENTIAL, WX_ERR.ACCESS_TOKEN_EXPIRED, WX_ERR.RATE_LIMITED]);
/** tries in all, and the wait after the n-th failure (30 s, 1 min, 2 min, 4 min …) */
export const PUSH_MAX_ATTEMPTS = 5;
export const pushBackoffMs = (attempts: number) => 30_000 * 2 ** Math.max(0, attempts - 1);

export interface NotifyInput {
  kind: string;
  title: string;
  body: string;
  link?: string | null;
  /** subscribe-message purpose; sent only to users who granted that template */
  purpose?: TemplatePurpose;
  templateData?: Record<string, string>;
  dedupeKey?: string;
}

@Injectable()
export class NotificationsService {
  private readonly logger = new Logger('Notifications');
  /** template id by purpose (config: WECHAT_TEMPLATES over the demo ids), as the client asks for them */
  readonly templates: Readonly<Record<string, string>>;
  private readonly specs: Readonly<Record<TemplatePurpose, TemplateSpec>>;
  private flushing: Promise<number> | null = null;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly wechat: WechatClient,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.specs = config.wechat.templates;
    this.templates = Object.fromEntries(TEMPLATE_PURPOSES.map((p) => [p, this.specs[p].id]));
  }

  /**
   * Writes message-centre rows inside the caller's transaction. Subscribe messages go out after it commits (an
   * after-commit hook of `TransactionService.run`), so a rolled-back change never reaches a phone and no service
   * has to remember to send them.
   */
  async notify(em: EntityManager, userIds: Iterable<number | null | undefined>, input: NotifyInput): Promise<void> {
    const unique = [...new Set([...userIds].filter((id): id is number => typeof id === 'number'))];
    if (!unique.length) return;
    if (!afterCommit(em, 'notifications.flush', () => this.flushSoon())) this.flushSoon();
    const templateId = input.purpose ? this.specs[input.purpose]?.id : undefined;
    await insertRow(
      em,
      Notification,
      unique.map((userId) => ({
        userId,
        kind: input.kind,
        title: input.title.slice(0, 100),
        body: input.body.slice(0, 500),
        link: input.link ?? null,
        purpose: templateId ? input.purpose! : null,
        templateData: input.templateData ?? null,
        pushStatus: templateId ? ('pending' as const) : ('none' as const),
        dedupeKey: input.dedupeKey ?? null,
        createdAt: this.clock.now(),
      })),
    );
  }

  /** Call after a transaction that notified someone commits. */
  flushSoon() {
    setImmediate(() => {
      this.flush().catch((err) => this.logger.warn(`push flush failed: ${err.message}`));
    });
  }

  /**
   * Sends pending subscribe messages (the `notifications.push` job, and right after a commit); each send uses up one
   * grant. A transient WeChat error gives the grant back and tries again after a backoff; 43101 (the user has no
   * subscription left) and the other permanent codes fail the message at once. Safe to run on several processes: a
   * message is claimed with a conditional update before it is sent.
   */
  async flush(limit = 100): Promise<number> {
    if (this.flushing) return this.flushing;
    this.flushing = this.doFlush(limit).finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async doFlush(limit: number): Promise<number> {
    const repo = this.dataSource.getRepository(Notification);
    const now = this.clock.now();
    const pending = await repo
      .createQueryBuilder('n')
      .where("n.pushStatus = 'pending'")
      .andWhere(new Brackets((w) => w.where('n.pushNextAt IS NULL').orWhere('n.pushNextAt <= :now', { now })))
      .orderBy('n.id', 'ASC')
      .take(limit)
      .getMany();
    if (!pending.length) return 0;
    const users = await this.dataSource.getRepository(User).find({ where: { id: In([...new Set(pending.map((n) => n.userId))]) } });
    const openids = new Map(users.map((u) => [u.id, u.openid]));
    let sent = 0;
    for (const n of pending) {
      const claimed = await repo.update({ id: n.id, pushStatus: 'pending', pushAttempts: n.pushAttempts }, { pushStatus: 'sending', pushAttempts: n.pushAttempts + 1 });
      if (!claimed.affected) continue;
      const attempts = n.pushAttempts + 1;
      const spec = n.purpose ? this.specs[n.purpose as TemplatePurpose] : undefined;
      const openid = openids.get(n.userId);
      if (!spec || !openid) {
        await repo.update({ id: n.id }, { pushStatus: 'skipped', pushError: openid ? 'no template' : 'no openid' });
        continue;
      }
      const grant = await this.changeGrant(n.userId, spec.id, -1);
      if (!grant) {
        await repo.update({ id: n.id }, { pushStatus: 'skipped', pushError: 'not granted' });
        continue;
      }
      try {
        await this.wechat.sendSubscribeMessage({
          touser: openid,
          template_id: spec.id,
          page: n.link?.replace(/^\//, '') || undefined,
          data: templateData(spec.keys, n.templateData, n.title, n.createdAt ?? now),
        });
        await repo.update({ id: n.id }, { pushStatus: 'sent', pushError: null, pushNextAt: null });
        sent++;
      } catch (err) {
        const code = err instanceof WechatApiError ? err.errcode : WX_ERR.SYSTEM_BUSY;
        const message = String((err as Error).message).slice(0, 200);
        if (code === WX_ERR.USER_REFUSED) {
          // WeChat holds no subscription for this user and template: what we counted is stale.
          await this.dataSource.getRepository(SubscriptionGrant).update({ userId: n.userId, templateId: spec.id }, { remaining: 0 });
          await repo.update({ id: n.id }, { pushStatus: 'failed', pushError: message, pushNextAt: null });
        } else if (TRANSIENT.has(code) && attempts < PUSH_MAX_ATTEMPTS) {
          await this.changeGrant(n.userId, spec.id, +1);
          await repo.update({ id: n.id }, { pushStatus: 'pending', pushError: message, pushNextAt: new Date(now.getTime() + pushBackoffMs(attempts)) });
        } else {
          // Nothing reached the phone, so the user's grant is still theirs.
          await this.changeGrant(n.userId, spec.id, +1);
          await repo.update({ id: n.id }, { pushStatus: 'failed', pushError: message, pushNextAt: null });
        }
      }
    }
    return sent;
  }

  private async changeGrant(userId: number, templateId: string, by: 1 | -1): Promise<boolean> {
    const r = await this.dataSource
      .createQueryBuilder()
      .update(SubscriptionGrant)
      .set({ remaining: () => (by > 0 ? 'remaining + 1' : 'remaining - 1') })
      .where(`userId = :userId AND templateId = :templateId${by < 0 ? ' AND remaining > 0' : ''}`, { userId, templateId })
      .execute();
    return !!r.affected;
  }

  /** What 消息提醒 shows: each purpose, its template id and how many sends the user has granted. */
  async grants(userId: number) {
    const rows = await this.dataSource.getRepository(SubscriptionGrant).find({ where: { userId } });
    const left = new Map(rows.map((g) => [g.templateId, g.remaining]));
    return { items: TEMPLATE_PURPOSES.map((purpose) => ({ purpose, templateId: this.specs[purpose].id, remaining: left.get(this.specs[purpose].id) ?? 0 })) };
  }

  async list(userId: number, cursor?: string, limit = 20) {
    const where = cursor ? { userId, id: LessThan(cursor) } : { userId };
    const items = await this.dataSource.getRepository(Notification).find({ where, order: { id: 'DESC' }, take: limit + 1 });
    const page = items.slice(0, limit);
    return {
      items: page.map((n) => ({ id: String(n.id), kind: n.kind, title: n.title, body: n.body, link: n.link, push: pushView(n.pushStatus), readAt: n.readAt, createdAt: n.createdAt })),
      nextCursor: items.length > limit ? String(page[page.length - 1].id) : null,
    };
  }

  async unreadCount(userId: number) {
    const count = await this.dataSource.getRepository(Notification).createQueryBuilder('n').where('n.userId = :userId AND n.readAt IS NULL', { userId }).getCount();
    return { count };
  }

  async markRead(userId: number, id: string) {
    await this.dataSource.getRepository(Notification).createQueryBuilder().update().set({ readAt: this.clock.now() }).where('id = :id AND userId = :userId AND readAt IS NULL', { id, userId }).execute();
    return { ok: true };
  }

  async markAllRead(userId: number) {
    await this.dataSource.getRepository(Notification).createQueryBuilder().update().set({ readAt: this.clock.now() }).where('userId = :userId AND readAt IS NULL', { userId }).execute();
    return { ok: true };
  }

  /** Records the templates a user accepted in wx.requestSubscribeMessage: one accept, one send. */
  async grant(userId: number, accepted: string[]) {
    const known = new Set(Object.values(this.templates));
    const ids = [...new Set(accepted)].filter((id) => known.has(id));
    for (const templateId of ids) {
      const updated = await this.dataSource
        .createQueryBuilder()
        .update(SubscriptionGrant)
        .set({ remaining: () => 'remaining + 1' })
        .where('userId = :userId AND templateId = :templateId', { userId, templateId })
        .execute();
      if (!updated.affected) {
        try {
          await this.dataSource.getRepository(SubscriptionGrant).insert({ userId, templateId, remaining: 1 });
        } catch {
          await this.dataSource.createQueryBuilder().update(SubscriptionGrant).set({ remaining: () => 'remaining + 1' }).where('userId = :userId AND templateId = :templateId', { userId, templateId }).execute();
        }
      }
    }
    return { granted: ids };
  }
}

/** Whether a subscribe message went out, for the message centre: null when the message is for the centre only. */
export type PushView = 'sent' | 'pending' | 'not_sent' | null;
function pushView(status: PushStatus): PushView {
  if (status === 'sent') return 'sent';
  if (status === 'pending' || status === 'sending') return 'pending';
  if (status === 'skipped' || status === 'failed') return 'not_sent';
  return null;
}
