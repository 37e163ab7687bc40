import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, LessThanOrEqual } from 'typeorm';
import {
  HOLD_ENTITY_LABELS,
  HOLD_FIELD_LABELS,
  HOLD_REASON_LABELS,
  HOLD_STATUS_LABELS,
  HOLD_TRANSITIONS,
  holdActions,
  link,
  type CursorPage,
  type HeldItemView,
  type HoldAction,
  type HoldEntity,
  type HoldStatus,
} from '@linli/domain';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { Clock } from '../../common/clock';
import { AppError } from '../../common/errors/app-error';
import { Actor, Flow, Lifecycle, SYSTEM } from '../../common/state-machine';
import { TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { Community } from '../places/place.entities';
import { ScopeService } from '../places/scope.service';
import { User } from '../users/user.entity';
import { ContentSafetyService, ContentVerdict } from '../wechat/wechat.module';
import { ContentHold } from './content-hold.entity';

const PAGE = 20;
/** A held text is asked about again after 1, 2, 4 … minutes, at most hourly, and given to staff alone after this many. */
const MAX_CHECKS = 24;
const backoffMs = (checks: number) => Math.min(60, 2 ** Math.min(checks, 6)) * 60_000;
/** Holds that keep their record from the public. */
const WITHHOLDING: HoldStatus[] = ['held', 'refused'];

export interface HoldTarget {
  entityType: HoldEntity;
  entityId: number;
  authorId: number | null;
  communityId: number | null;
}

type HoldFlow = Flow<HoldStatus, HoldAction, ContentHold>;

/**
 * Public text is never published unchecked: what msgSecCheck could not pass is held here, in the transaction that
 * saves it, and its record (a ticket at its point, a wish on the wall) stays out of public views until every hold is
 * released — by the `moderation.recheck` job once WeChat answers again, or by staff of the record's community.
 */
@Injectable()
export class HoldsService {
  readonly flow: HoldFlow;

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    private readonly tx: TransactionService,
    private readonly lifecycle: Lifecycle,
    private readonly audit: AuditService,
    private readonly scopes: ScopeService,
    private readonly safety: ContentSafetyService,
    private readonly clock: Clock,
  ) {
    this.flow = {
      name: 'hold',
      entityType: 'content_hold',
      entity: ContentHold,
      table: HOLD_TRANSITIONS,
      statusLabels: HOLD_STATUS_LABELS,
      codes: { illegal: 'HOLD_ILLEGAL_TRANSITION', changed: 'HOLD_STATE_CHANGED', forbidden: 'HOLD_FORBIDDEN' },
      standing: (row, actor) => this.standing(row, actor),
      refuse: () => AppError.notFound('待审核内容'),
      reason: { field: 'reason', message: () => '请填写不予公开的理由，作者会看到' },
    };
  }

  private async standing(row: ContentHold, actor: Actor): Promise<string[]> {
    if (actor.id === null) return ['system'];
    const scope = await this.scopes.of(actor.id, actor.roles);
    const out: string[] = [];
    if (scope.isAdmin) out.push('admin');
    if (actor.roles.includes('staff') && row.communityId !== null && scope.communityIds.includes(row.communityId)) out.push('staff');
    return out;
  }

  /** Holds the verdicts' text for the record, in the caller's transaction (the one that saves the text). */
  async hold(em: EntityManager, target: HoldTarget, verdicts: Array<ContentVerdict | null>): Promise<number> {
    const now = this.clock.now();
    let held = 0;
    for (const v of verdicts) {
      if (!v) continue;
      const row = await em.save(
        em.create(ContentHold, {
          ...target,
          field: v.field,
          content: v.content,
          scene: v.scene,
          reason: v.reason,
          checks: 0,
          nextCheckAt: v.reason === 'unreachable' ? new Date(now.getTime() + backoffMs(0)) : null,
          decidedById: null,
          decidedAt: null,
          decisionNote: null,
        }),
      );
      await this.audit.record(em, { actorId: null, actorRole: 'system', action: 'hold.create', entityType: 'content_hold', entityId: row.id, toState: 'held', data: { entityType: target.entityType, entityId: target.entityId, field: v.field, reason: v.reason }, at: now });
      held++;
    }
    return held;
  }

  /** The records of `ids` the public must not see: some text of theirs is held or was refused. */
  async withheld(entityType: HoldEntity, ids: number[]): Promise<Set<number>> {
    if (!ids.length) return new Set();
    const rows = await this.ds.getRepository(ContentHold).find({ select: { entityId: true }, where: { entityType, entityId: In([...new Set(ids)]), status: In(WITHHOLDING) } });
    return new Set(rows.map((r) => r.entityId));
  }

  /** SQL for a query builder: `NOT EXISTS` a withholding hold of `alias`.id (public lists, so paging stays exact). */
  notWithheldSql(entityType: HoldEntity, alias: string): string {
    return `NOT EXISTS (SELECT 1 FROM content_holds ch WHERE ch.entityType = '${entityType}' AND ch.entityId = ${alias}.id AND ch.status IN ('held', 'refused'))`;
  }

  /** 待审核内容 for staff of the holds' communities (admin: all), newest first, keyset paged. */
  async list(user: AuthUser, status: HoldStatus | undefined, cursor: string | undefined): Promise<CursorPage<HeldItemView>> {
    const scope = await this.scopes.of(user.id, user.roles);
    const qb = this.ds.getRepository(ContentHold).createQueryBuilder('h').orderBy('h.id', 'DESC').take(PAGE + 1);
    if (!scope.isAdmin) qb.andWhere('h.communityId IN (:...c)', { c: scope.communityIds.length ? scope.communityIds : [-1] });
    qb.andWhere('h.status = :status', { status: status ?? 'held' });
    if (cursor) qb.andWhere('h.id < :cursor', { cursor: Number(cursor) });
    const rows = await qb.getMany();
    const page = rows.slice(0, PAGE);
    return { items: await this.views(page, user), nextCursor: rows.length > PAGE ? String(page[page.length - 1].id) : null };
  }

  async act(user: AuthUser, id: number, action: HoldAction, reason?: string): Promise<HeldItemView> {
    const row = await this.ds.getRepository(ContentHold).findOneBy({ id });
    if (!row) throw AppError.notFound('待审核内容');
    await this.tx.run((em) => this.decide(em, row, action, user, reason ?? null));
    const after = await this.ds.getRepository(ContentHold).findOneByOrFail({ id });
    return (await this.views([after], user))[0];
  }

  private decide(em: EntityManager, row: ContentHold, action: HoldAction, actor: Actor, note: string | null) {
    return this.lifecycle.transition(em, this.flow, {
      action,
      actor,
      row,
      note,
      set: (s) => ({ decidedById: actor.id, decidedAt: s.at, decisionNote: s.note, nextCheckAt: null }),
      notify:
        action === 'refuse' && row.authorId
          ? (s) => [
              {
                to: [row.authorId],
                message: {
                  kind: 'hold.refused',
                  title: '您提交的内容未公开',
                  body: `您在${HOLD_ENTITY_LABELS[row.entityType]}中填写的${HOLD_FIELD_LABELS[row.field] ?? '文字'}未公开显示${s.note ? `：${s.note}` : ''}。办理不受影响。`,
                  link: this.recordLink(row),
                },
              },
            ]
          : [],
    });
  }

  /**
   * The `moderation.recheck` job: asks WeChat again about text held while it was unreachable. A pass releases it, a
   * risky answer refuses it, "review" or too many tries leave it to staff; still unreachable waits longer.
   */
  async recheckDue(now: Date): Promise<number> {
    const due = await this.ds.getRepository(ContentHold).find({ where: { status: 'held', nextCheckAt: LessThanOrEqual(now) }, order: { nextCheckAt: 'ASC' }, take: 50 });
    if (!due.length) return 0;
    const authors = await this.ds.getRepository(User).find({ where: { id: In(due.map((h) => h.authorId ?? -1)) } });
    let decided = 0;
    for (const h of due) {
      const openid = authors.find((u) => u.id === h.authorId)?.openid ?? null;
      const answer = openid ? await this.safety.ask(h.content, openid, h.scene as 1 | 2 | 3 | 4) : 'review';
      if (answer === 'pass' || answer === 'risky') {
        await this.tx.run((em) => this.decide(em, h, answer === 'pass' ? 'release' : 'refuse', SYSTEM, answer === 'pass' ? null : '未通过微信内容安全检测'));
        decided++;
        continue;
      }
      const checks = h.checks + 1;
      const next = answer === 'unreachable' && checks < MAX_CHECKS ? new Date(now.getTime() + backoffMs(checks)) : null;
      await this.ds
        .createQueryBuilder()
        .update(ContentHold)
        .set({ checks, nextCheckAt: next, reason: answer === 'review' ? 'review' : h.reason })
        .where('id = :id', { id: h.id })
        .andWhere('checks = :checks', { checks: h.checks })
        .execute();
    }
    return decided;
  }

  /** Wishes are written by grid workers and staff, so their manage page serves the author and the reviewer alike. */
  private recordLink(h: ContentHold): string {
    return h.entityType === 'ticket' ? link('serviceDetail', { id: h.entityId }) : link('wishManageDetail', { id: h.entityId });
  }

  private async views(rows: ContentHold[], viewer: AuthUser): Promise<HeldItemView[]> {
    if (!rows.length) return [];
    const ids = (xs: Array<number | null>) => [...new Set(xs.filter((x): x is number => !!x))].concat(-1);
    const [users, communities] = await Promise.all([
      this.ds.getRepository(User).find({ where: { id: In(ids(rows.flatMap((r) => [r.authorId, r.decidedById]))) } }),
      this.ds.getRepository(Community).find({ where: { id: In(ids(rows.map((r) => r.communityId))) } }),
    ]);
    const out: HeldItemView[] = [];
    for (const r of rows) {
      const author = users.find((u) => u.id === r.authorId);
      const decider = r.decidedAt ? (r.decidedById ? users.find((u) => u.id === r.decidedById)?.name ?? '' : '微信内容安全检测') : null;
      out.push({
        id: r.id,
        status: r.status,
        statusLabel: HOLD_STATUS_LABELS[r.status],
        entityType: r.entityType,
        entityLabel: HOLD_ENTITY_LABELS[r.entityType],
        entityId: r.entityId,
        field: r.field,
        fieldLabel: HOLD_FIELD_LABELS[r.field] ?? r.field,
        content: r.content,
        reason: r.reason,
        reasonLabel: HOLD_REASON_LABELS[r.reason],
        author: author ? { id: author.id, name: author.name } : null,
        communityName: communities.find((c) => c.id === r.communityId)?.name ?? '',
        checks: r.checks,
        createdAt: r.createdAt.toISOString(),
        decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
        decidedBy: decider,
        decisionNote: r.decisionNote,
        link: this.recordLink(r),
        actions: holdActions(r.status, await this.standing(r, viewer)),
      });
    }
    return out;
  }
}
