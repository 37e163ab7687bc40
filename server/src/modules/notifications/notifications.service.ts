import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, In, LessThan } from 'typeorm';
import { Clock } from '../../common/clock';
import { afterCommit } from '../../database/before-commit';
import { insertRow } from '../../database/insert';
import { User } from '../users/user.entity';
import { WechatClient } from '../wechat/wechat.client';
import { Notification, SubscriptionGrant } from './notification.entities';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app.config';
import type { TemplatePurpose } from './templates';

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
  /** template id by purpose (config: WECHAT_TEMPLATES over the demo ids) */
  readonly templates: Readonly<Record<string, string>>;
  private flushing: Promise<void> | null = null;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly wechat: WechatClient,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.templates = config.wechat.templates;
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
    const templateId = input.purpose ? this.templates[input.purpose] : undefined;
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

  /** Sends pending subscribe messages; each one consumes one grant. Safe to run on several processes. */
  async flush(limit = 100): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = this.doFlush(limit).finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async doFlush(limit: number) {
    const repo = this.dataSource.getRepository(Notification);
    const pending = await repo.find({ where: { pushStatus: 'pending' }, order: { id: 'ASC' }, take: limit });
    if (!pending.length) return;
    const users = await this.dataSource.getRepository(User).find({ where: { id: In([...new Set(pending.map((n) => n.userId))]) } });
    const openids = new Map(users.map((u) => [u.id, u.openid]));
    for (const n of pending) {
      const claimed = await repo.update({ id: n.id, pushStatus: 'pending' }, { pushStatus: 'sent' });
      if (!claimed.affected) continue;
      const templateId = n.purpose ? this.templates[n.purpose] : undefined;
      const openid = openids.get(n.userId);
      if (!templateId || !openid) {
        await repo.update({ id: n.id }, { pushStatus: 'skipped', pushError: openid ? 'no template' : 'no openid' });
        continue;
      }
      const grant = await this.dataSource
        .createQueryBuilder()
        .update(SubscriptionGrant)
        .set({ remaining: () => 'remaining - 1' })
        .where('userId = :userId AND templateId = :templateId AND remaining > 0', { userId: n.userId, templateId })
        .execute();
      if (!grant.affected) {
        await repo.update({ id: n.id }, { pushStatus: 'skipped', pushError: 'not granted' });
        continue;
      }
      try {
        await this.wechat.sendSubscribeMessage({
          touser: openid,
          template_id: templateId,
          page: n.link?.replace(/^\//, '') ?? undefined,
          data: Object.fromEntries(Object.entries(n.templateData ?? { thing1: n.title }).map(([k, v]) => [k, { value: String(v).slice(0, 20) }])),
        });
      } catch (err) {
        await repo.update({ id: n.id }, { pushStatus: 'failed', pushError: String((err as Error).message).slice(0, 200) });
      }
    }
  }

  async list(userId: number, cursor?: string, limit = 20) {
    const where = cursor ? { userId, id: LessThan(cursor) } : { userId };
    const items = await this.dataSource.getRepository(Notification).find({ where, order: { id: 'DESC' }, take: limit + 1 });
    const page = items.slice(0, limit);
    return {
      items: page.map((n) => ({ id: String(n.id), kind: n.kind, title: n.title, body: n.body, link: n.link, readAt: n.readAt, createdAt: n.createdAt })),
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
