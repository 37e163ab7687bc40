import { Injectable } from '@nestjs/common';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ErrorCode, primaryRole, ruleFor, TransitionRule, TransitionTable } from '@linli/domain';
import { Clock } from '../clock';
import { AppError } from '../errors/app-error';
import { AuditService } from '../../modules/audit/audit.service';
import { NotificationsService, NotifyInput } from '../../modules/notifications/notifications.service';

/** Who moves a record: a person (id + roles) or the scheduler. */
export interface Actor {
  id: number | null;
  roles: readonly string[];
}
export const SYSTEM: Actor = Object.freeze({ id: null, roles: Object.freeze(['system']) });

export type Stateful<S extends string> = ObjectLiteral & { id: number | string; status: S };

/**
 * One stateful thing, described once per module (`<flow>.lifecycle.ts`): its table, its entity, its coded refusals
 * and the scope hook that says what an actor is to one record.
 */
export interface Flow<S extends string, A extends string, E extends Stateful<S>> {
  /** Audit actions are `<name>.<action>`. */
  name: string;
  /** Audit `entityType`, when it differs from `name` (sign-ups: 'activity_signup'). */
  entityType?: string;
  entity: EntityTarget<E>;
  table: TransitionTable<S, A, string>;
  statusLabels: Record<S, string>;
  codes: {
    /** The table has no such move from the current state. */
    illegal: ErrorCode;
    /** Someone else moved the record between our read and our UPDATE. */
    changed: ErrorCode;
    /** The actor holds no standing the rule names. */
    forbidden: ErrorCode;
  };
  /**
   * The scope hook: the `by` entries the actor holds for this record — 'owner', or a role within its scope (the
   * grid worker of its grid, staff of its community…). The same answer decides the buttons the actor is shown.
   */
  standing(row: E, actor: Actor, em: EntityManager): readonly string[] | Promise<readonly string[]>;
  /** The error when the actor stands nowhere (e.g. 404 for a stranger, so acting reveals nothing). */
  refuse?(row: E, actor: Actor, action: A, rule: TransitionRule<S, string>): Error;
  /** The field named when a reason is required and missing (default 'note'), and its message. */
  reason?: { field: string; message(action: A): string };
  /** Writes the flow's own timeline row, in the same transaction. */
  timeline?(em: EntityManager, step: Step<S, A, E>): Promise<void>;
}

export interface Step<S extends string, A extends string, E> {
  row: E;
  action: A;
  from: S;
  to: S;
  actor: Actor;
  /** The standing the move was allowed by ('owner', 'grid_worker', 'system'…). */
  as: string;
  /** The role recorded in audit and timeline: the standing, or for 'owner' the person's own strongest role. */
  actorRole: string;
  note: string | null;
  at: Date;
  /** What the caller passed in `Move.extra`, for the flow's timeline (photos, a rating…). */
  extra: Record<string, unknown>;
}

export interface Move<S extends string, A extends string, E extends Stateful<S>> {
  action: A;
  actor: Actor;
  /** The record as read; its `status` is the state we move from. */
  row: E;
  /** Columns written with the status, in the same conditional UPDATE. */
  set?: Partial<E> | ((step: Step<S, A, E>) => Partial<E>);
  /** Extra guard on the UPDATE (e.g. `claimerId = :claimerId`): the move happens only while it holds. */
  where?: { sql: string; params: Record<string, unknown> };
  /** The reason or note: timeline note and audit reason. */
  note?: string | null;
  data?: Record<string, unknown> | null;
  /** Already computed standing (when the caller needed it to validate input first). */
  standing?: readonly string[];
  /** Messages, written in the transaction and pushed after it commits. */
  notify?: Array<{ to: Iterable<number | null | undefined>; message: NotifyInput }> | ((step: Step<S, A, E>) => Array<{ to: Iterable<number | null | undefined>; message: NotifyInput }>);
  /** The error when the guarded UPDATE matched no row; default the flow's `changed` code. */
  onConflict?: () => Error;
  at?: Date;
  /** Handed to the flow's timeline hook as `step.extra`. */
  extra?: Record<string, unknown>;
}

/**
 * The one way any status changes — tickets, wishes, sign-ups, activities. In the caller's transaction:
 *   1. the next state from the domain table (or the flow's `illegal` code);
 *   2. the table's `by`, checked against the flow's scope hook (or `forbidden`);
 *   3. `UPDATE … SET status = :to WHERE id = :id AND status = :from` (+ the caller's guard), one row or `changed`;
 *   4. the flow's timeline row and the audit row;
 *   5. the notifications, whose subscribe messages go out after commit.
 */
@Injectable()
export class Lifecycle {
  constructor(
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /** The rule for a move, or the flow's coded refusal. Usable before the transaction to validate input. */
  rule<S extends string, A extends string, E extends Stateful<S>>(flow: Flow<S, A, E>, from: S, action: A): TransitionRule<S, string> {
    const rule = ruleFor(flow.table, from, action);
    if (!rule) {
      const label = Object.values(flow.table).map((s: any) => s[action]?.label).find(Boolean) ?? action;
      throw new AppError(flow.codes.illegal, `「${flow.statusLabels[from]}」状态下不能${label}`, undefined, { from, action });
    }
    return rule;
  }

  async standing<S extends string, A extends string, E extends Stateful<S>>(flow: Flow<S, A, E>, row: E, actor: Actor, em: EntityManager): Promise<readonly string[]> {
    if (actor.id === null) return ['system'];
    return flow.standing(row, actor, em);
  }

  /** The standing that allows `action` from the record's state, or the flow's refusal. */
  async authorise<S extends string, A extends string, E extends Stateful<S>>(flow: Flow<S, A, E>, row: E, action: A, actor: Actor, em: EntityManager, standing?: readonly string[]): Promise<string> {
    const rule = this.rule(flow, row.status, action);
    const held = standing ?? (await this.standing(flow, row, actor, em));
    const as = rule.by.find((who) => held.includes(who));
    if (as) return as;
    throw flow.refuse ? flow.refuse(row, actor, action, rule) : new AppError(flow.codes.forbidden);
  }

  async transition<S extends string, A extends string, E extends Stateful<S>>(em: EntityManager, flow: Flow<S, A, E>, move: Move<S, A, E>): Promise<Step<S, A, E>> {
    const { row, action, actor } = move;
    const from = row.status;
    const rule = this.rule(flow, from, action);
    const as = await this.authorise(flow, row, action, actor, em, move.standing);
    const note = move.note?.trim() || null;
    if (rule.needsReason && !note && as !== 'system') {
      throw AppError.field(flow.reason?.field ?? 'note', flow.reason?.message(action) ?? '请填写理由');
    }
    const at = move.at ?? this.clock.now();
    const step: Step<S, A, E> = { row, action, from, to: rule.to, actor, as, actorRole: as === 'owner' ? primaryRole(actor.roles) : as, note, at, extra: move.extra ?? {} };
    const set = typeof move.set === 'function' ? move.set(step) : move.set ?? {};
    const qb = em
      .createQueryBuilder()
      .update(flow.entity)
      .set({ ...set, status: rule.to } as any)
      .where('id = :id AND status = :from', { id: row.id, from });
    if (move.where) qb.andWhere(move.where.sql, move.where.params);
    const res = await qb.execute();
    if (!res.affected) throw move.onConflict ? move.onConflict() : new AppError(flow.codes.changed);
    if (flow.timeline) await flow.timeline(em, step);
    await this.audit.record(em, {
      actorId: actor.id,
      actorRole: step.actorRole,
      action: `${flow.name}.${action}`,
      entityType: flow.entityType ?? flow.name,
      entityId: row.id,
      fromState: from,
      toState: rule.to,
      reason: note,
      data: move.data ?? null,
      at,
    });
    const notices = typeof move.notify === 'function' ? move.notify(step) : move.notify ?? [];
    for (const n of notices) await this.notifications.notify(em, n.to, n.message);
    return step;
  }
}
