import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  ACTIVITY_STATUS_LABELS,
  ACTIVITY_TRANSITIONS,
  ACTIVITY_TYPE_LABELS,
  ActivityAction,
  ActivityDetail,
  ActivityStatus,
  activityTimeText,
  AUTO_CHECKOUT_REMARK,
  CheckinResult,
  link,
  needsCheckout,
  PENDING_SIGNUP_STATUSES,
  rolesFor,
  ruleFor,
  SIGNUP_INITIAL_STATUS,
  SIGNUP_ROUTE_ACTIONS,
  SIGNUP_STATUS_LABELS,
  SIGNUP_TRANSITIONS,
  SignupAction,
  SignupStatus,
} from '@linli/domain';
import { Clock } from '../../common/clock';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import { Actor, Flow, Lifecycle, Step, SYSTEM } from '../../common/state-machine';
import { TransactionService } from '../../database/transaction.service';
import { LedgerService } from '../ledger/ledger.service';
import { NotificationsService } from '../notifications/notifications.service';
import { User } from '../users/user.entity';
import { Activity, ActivitySignup } from './activity.entities';
import { SignupGate } from './events.gate';
import { EventQueries } from './events.queries';
import { EventScope } from './events.scope';

export type ActivityFlow = Flow<ActivityStatus, ActivityAction, Activity>;
export type SignupFlow = Flow<SignupStatus, SignupAction, ActivitySignup>;
type SignupRouteAction = (typeof SIGNUP_ROUTE_ACTIONS)[number];

/** Thrown inside a transaction when a guarded move found nothing to change (a parallel scan or promotion won). */
class NothingMoved extends Error {}

const EVENTS = { codes: { illegal: 'EVENT_ILLEGAL_TRANSITION', changed: 'EVENT_STATE_CHANGED', forbidden: 'FORBIDDEN' } } as const;

/**
 * Every status change of an activity (publish, cancel) and of a sign-up (cancel, decline, promote, check-in,
 * check-out, no-show) goes through `Lifecycle.transition` with one of these two flows: the domain tables decide the
 * next state, `EventScope` who may. Creating a sign-up (the seat gate) is in `events.signups.ts`.
 */
@Injectable()
export class EventLifecycle {
  readonly activityFlow: ActivityFlow;
  readonly signupFlow: SignupFlow;

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly tx: TransactionService,
    private readonly lifecycle: Lifecycle,
    private readonly scope: EventScope,
    private readonly queries: EventQueries,
    private readonly gate: SignupGate,
    private readonly ledger: LedgerService,
    private readonly notifications: NotificationsService,
  ) {
    this.activityFlow = {
      name: 'activity',
      entity: Activity,
      table: ACTIVITY_TRANSITIONS,
      statusLabels: ACTIVITY_STATUS_LABELS,
      ...EVENTS,
      standing: async (row, actor) => this.scope.activityStanding(await this.scope.of(actor), row),
      refuse: () => activityRefusal(),
      reason: { field: 'note', message: () => '请填写取消原因' },
    };
    this.signupFlow = {
      name: 'signup',
      entityType: 'activity_signup',
      entity: ActivitySignup,
      table: SIGNUP_TRANSITIONS,
      statusLabels: SIGNUP_STATUS_LABELS,
      ...EVENTS,
      standing: async (row, actor, em) => {
        const a = await em.findOneOrFail(Activity, { where: { id: row.activityId }, select: { id: true, communityId: true } });
        return this.scope.signupStanding(actor, await this.scope.of(actor), row, a);
      },
      refuse: (_row, _actor, action) => signupRefusal(action),
    };
  }

  // ───────────────────────── the activity: publish, cancel ─────────────────────────

  /** `POST /api/activities/:id/actions/:action`; answers with the activity as the actor now sees it. */
  async actOnActivity(user: AuthUser, id: number, action: ActivityAction, note?: string): Promise<ActivityDetail> {
    const a = await this.queries.getActivity(id);
    const standing = this.scope.activityStanding(await this.scope.of(user), a);
    if (!rolesFor(ACTIVITY_TRANSITIONS, action).some((who) => standing.includes(who))) throw activityRefusal();
    this.lifecycle.rule(this.activityFlow, a.status, action);
    await this.tx.run(async (em) => {
      const step = await this.lifecycle.transition(em, this.activityFlow, {
        action,
        actor: user,
        row: a,
        standing,
        note,
        set: action === 'cancel' ? (s) => ({ cancelReason: s.note }) : undefined,
      });
      if (action === 'cancel') await this.cancelSignupsOf(em, step);
    });
    return this.queries.detail(user, id);
  }

  /** Publishing right at creation: the draft just inserted, in the creating transaction. */
  async publishNew(em: EntityManager, a: Activity, user: AuthUser, standing: readonly string[]) {
    await this.lifecycle.transition(em, this.activityFlow, { action: 'publish', actor: user, row: a, standing });
  }

  /**
   * An activity's cancellation takes every pending sign-up with it, each a `cancel` move by the same actor, in the
   * same transaction — the activity row is already locked by its own move, so no sign-up or cancellation of this
   * activity runs between. Everyone who held a seat or a place in the queue is told once.
   */
  private async cancelSignupsOf(em: EntityManager, step: Step<ActivityStatus, ActivityAction, Activity>) {
    const a = step.row;
    const pending = await em.find(ActivitySignup, { where: { activityId: a.id, status: In([...PENDING_SIGNUP_STATUSES]) }, order: { id: 'ASC' } });
    for (const s of pending) {
      await this.lifecycle.transition(em, this.signupFlow, {
        action: 'cancel',
        actor: step.actor,
        row: s,
        standing: [step.as],
        note: step.note,
        set: { activeKey: null, cancelledAt: step.at },
        at: step.at,
        data: { activityCancelled: true },
      });
    }
    if (pending.length) await em.createQueryBuilder().update(Activity).set({ confirmedCount: 0, waitlistCount: 0 }).where('id = :id', { id: a.id }).execute();
    await this.notifications.notify(em, pending.map((s) => s.userId), {
      kind: 'event.cancelled',
      title: `活动已取消：${a.title}`,
      body: `原定 ${activityTimeText(a.startAt)} 的活动已取消。原因：${step.note ?? '组织方取消'}`,
      link: link('eventDetail', { id: a.id }),
      purpose: 'event_cancelled',
      templateData: { thing1: a.title, time2: new Date(a.startAt).toISOString(), thing3: '活动已取消' },
    });
  }

  // ───────────────────────── a sign-up: cancel, decline, check-out ─────────────────────────

  /** `POST /api/signups/:id/actions/:action`; answers with the sign-up's activity as the actor now sees it. */
  async actOnSignup(user: AuthUser, signupId: string, action: SignupRouteAction): Promise<ActivityDetail> {
    const act = async () => {
      const s = await this.queries.getSignup(signupId);
      const a = await this.queries.getActivity(s.activityId);
      const standing = this.scope.signupStanding(user, await this.scope.of(user), s, a);
      if (!rolesFor(SIGNUP_TRANSITIONS, action).some((who) => standing.includes(who))) throw signupRefusal(action);
      if (action === 'check_out') await this.checkOut(a, s, user, standing);
      else await this.giveBack(a, s, action, user, standing);
      return a.id;
    };
    // Giving a seat back promotes the next in the queue: it waits at the same gate as signing up.
    const activityId = action === 'check_out' ? await act() : await this.gate.run(act);
    return this.queries.detail(user, activityId);
  }

  private async giveBack(a: Activity, s: ActivitySignup, action: 'cancel' | 'decline', user: AuthUser, standing: readonly string[]) {
    const as = await this.lifecycle.authorise(this.signupFlow, s, action, user, this.ds.manager, standing);
    const now = this.clock.now();
    if (action === 'decline' && !s.promotedAt) throw new AppError('EVENT_NOT_PROMOTED');
    if (action === 'cancel' && s.status === SIGNUP_INITIAL_STATUS.seated && as === 'owner' && now > a.cancelDeadline) throw new AppError('EVENT_CANCEL_DEADLINE_PASSED');
    await this.tx.run((em) => this.release(em, a, s, action, user, now, standing));
  }

  /**
   * Cancels or declines one sign-up and, if it held a seat, promotes the first person waiting — all in the caller's
   * transaction. The activity row is locked first (counter UPDATE), so every writer of this activity's sign-ups
   * queues behind it and the waiting list read afterwards is current.
   */
  async release(em: EntityManager, a: Activity, s: ActivitySignup, action: 'cancel' | 'decline', actor: Actor, now: Date, standing?: readonly string[]) {
    const seated = s.status !== SIGNUP_INITIAL_STATUS.waiting;
    await em
      .createQueryBuilder()
      .update(Activity)
      .set(seated ? { confirmedCount: () => 'confirmedCount - 1' } : { waitlistCount: () => 'waitlistCount - 1' })
      .where('id = :id', { id: a.id })
      .execute();
    const byStaff = actor.id !== null && actor.id !== s.userId;
    await this.lifecycle.transition(em, this.signupFlow, {
      action,
      actor,
      row: s,
      standing,
      set: { activeKey: null, cancelledAt: now },
      at: now,
      notify: byStaff
        ? [{ to: [s.userId], message: { kind: 'event.signup_cancelled', title: `你的报名已取消：${a.title}`, body: '工作人员已为你取消报名。', link: link('eventDetail', { id: a.id }) } }]
        : [],
    });
    return seated ? this.promoteNext(em, a, now, 1) : [];
  }

  /** Promotes the earliest waiting people into free seats (at most `max`), each a `promote` move; returns their ids. */
  async promoteNext(em: EntityManager, a: Activity, now: Date, max: number): Promise<number[]> {
    const promoted: number[] = [];
    let after = '0';
    while (promoted.length < max) {
      const next = await em
        .createQueryBuilder(ActivitySignup, 's')
        .where('s.activityId = :a AND s.status = :w AND s.id > :after', { a: a.id, w: SIGNUP_INITIAL_STATUS.waiting, after })
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
      try {
        await this.lifecycle.transition(em, this.signupFlow, {
          action: 'promote',
          actor: SYSTEM,
          row: next,
          set: { promotedAt: now },
          at: now,
          onConflict: () => new NothingMoved(),
          notify: [
            {
              to: [next.userId],
              message: {
                kind: 'event.promoted',
                title: `候补成功：${a.title}`,
                body: `有人取消了报名，你已从候补转为正式报名。活动时间 ${activityTimeText(a.startAt)}，地点 ${a.place}。如不能参加，请在详情页放弃名额。`,
                link: link('eventDetail', { id: a.id }),
                purpose: 'event_promoted',
                templateData: { thing1: a.title, time2: new Date(a.startAt).toISOString(), phrase3: '候补成功' },
              },
            },
          ],
        });
      } catch (err) {
        if (!(err instanceof NothingMoved)) throw err;
        await em.createQueryBuilder().update(Activity).set({ confirmedCount: () => 'confirmedCount - 1', waitlistCount: () => 'waitlistCount + 1' }).where('id = :id', { id: a.id }).execute();
        continue;
      }
      promoted.push(next.userId);
    }
    return promoted;
  }

  // ───────────────────────── check-in and check-out ─────────────────────────

  /** 签到, by the activity's scene (the owner) or by staff scanning a personal code; a repeat answers 'already'. */
  async checkIn(a: Activity, s: ActivitySignup, actor: AuthUser, standing: readonly string[]): Promise<CheckinResult> {
    const name = await this.attendeeName(s.userId);
    if (s.status === 'checked_in' || s.status === 'checked_out') return this.result('already', '已签到', name, s, a, actor);
    this.lifecycle.rule(this.signupFlow, s.status, 'check_in');
    const now = this.clock.now();
    const opens = a.startAt.getTime() - a.checkinOpensMinutes * 60_000;
    if (now.getTime() < opens || now.getTime() > a.endAt.getTime()) {
      throw new AppError('EVENT_CHECKIN_NOT_OPEN', `签到时间为 ${activityTimeText(new Date(opens))} 至 ${activityTimeText(a.endAt)}`);
    }
    // Fixed hours are credited on check-in; timed activities (志愿服务) credit the time served at check-out.
    const centiHours = !needsCheckout(a.type) && a.centiHours > 0 ? a.centiHours : null;
    const done = await this.tx.run(async (em) => {
      try {
        const step = await this.lifecycle.transition(em, this.signupFlow, {
          action: 'check_in',
          actor,
          row: s,
          standing,
          set: { checkedInAt: now, checkedInBy: actor.id, ...(centiHours ? { centiHours } : {}) },
          at: now,
          data: { by: actor.id === s.userId ? 'scene' : 'staff' },
          onConflict: () => new NothingMoved(),
        });
        if (centiHours) await this.credit(em, a, s, centiHours, step);
        return true;
      } catch (err) {
        if (err instanceof NothingMoved) return false; // a parallel scan won
        throw err;
      }
    });
    return this.result(done ? 'checked_in' : 'already', '已签到', name, await this.queries.getSignup(s.id), a, actor);
  }

  /** 签退, for timed activities: the hours served, capped at the planned hours, go to the ledger. */
  async checkOut(a: Activity, s: ActivitySignup, actor: AuthUser, standing: readonly string[]): Promise<CheckinResult> {
    if (!needsCheckout(a.type)) throw new AppError('EVENT_ILLEGAL_TRANSITION', '该活动无需签退');
    const name = await this.attendeeName(s.userId);
    if (s.status === 'checked_out') return this.result('already', '已签退', name, s, a, actor);
    if (!ruleFor(SIGNUP_TRANSITIONS, s.status, 'check_out')) throw new AppError('EVENT_ILLEGAL_TRANSITION', '请先签到');
    const now = this.clock.now();
    const served = Math.max(0, now.getTime() - s.checkedInAt!.getTime());
    const centiHours = Math.min(a.centiHours, Math.floor(served / 36_000));
    const done = await this.tx.run(async (em) => {
      try {
        const step = await this.lifecycle.transition(em, this.signupFlow, {
          action: 'check_out',
          actor,
          row: s,
          standing,
          set: { checkedOutAt: now, centiHours },
          at: now,
          data: { centiHours },
          onConflict: () => new NothingMoved(),
        });
        if (centiHours > 0) await this.credit(em, a, s, centiHours, step);
        return true;
      } catch (err) {
        if (err instanceof NothingMoved) return false;
        throw err;
      }
    });
    return this.result(done ? 'checked_out' : 'already', '已签退', name, await this.queries.getSignup(s.id), a, actor);
  }

  /**
   * The job, for a timed activity that has ended: someone who checked in and never checked out is checked out by the
   * system at the planned end, with the time from check-in to the end (capped at the planned hours), and the sign-up
   * and the ledger entry say so — nobody silently gets 0, and nobody mistakes it for a scanned 签退.
   */
  async closeOpenCheckout(em: EntityManager, a: Activity, s: ActivitySignup, now: Date): Promise<boolean> {
    const served = Math.max(0, a.endAt.getTime() - (s.checkedInAt ?? a.endAt).getTime());
    const centiHours = Math.min(a.centiHours, Math.floor(served / 36_000));
    try {
      const step = await this.lifecycle.transition(em, this.signupFlow, {
        action: 'check_out',
        actor: SYSTEM,
        row: s,
        set: { checkedOutAt: a.endAt, centiHours, autoCheckedOut: true },
        at: now,
        note: AUTO_CHECKOUT_REMARK,
        data: { centiHours, auto: true },
        onConflict: () => new NothingMoved(),
        notify: [
          {
            to: [s.userId],
            message: {
              kind: 'event.auto_checked_out',
              title: `未签退，已自动结算：${a.title}`,
              body: `你在「${a.title}」签到后没有签退，系统按计划结束时间（${activityTimeText(a.endAt)}）结算志愿时长 ${centiHours / 100} 小时。如有出入，请联系组织方更正。`,
              link: link('wishLedger'),
            },
          },
        ],
      });
      if (centiHours > 0) await this.credit(em, a, s, centiHours, step, AUTO_CHECKOUT_REMARK);
      return true;
    } catch (err) {
      if (err instanceof NothingMoved) return false;
      throw err;
    }
  }

  /** The job: confirmed people who never came are 缺席 once the activity is over. */
  async markNoShow(em: EntityManager, s: ActivitySignup, at: Date): Promise<boolean> {
    try {
      await this.lifecycle.transition(em, this.signupFlow, { action: 'mark_no_show', actor: SYSTEM, row: s, at, onConflict: () => new NothingMoved() });
      return true;
    } catch (err) {
      if (err instanceof NothingMoved) return false;
      throw err;
    }
  }

  private credit(em: EntityManager, a: Activity, s: ActivitySignup, centiHours: number, step: Step<SignupStatus, SignupAction, ActivitySignup>, remark?: string) {
    const self = step.actor.id === s.userId;
    const bySystem = step.actor.id === null;
    return this.ledger.credit(em, {
      userId: s.userId,
      source: 'activity',
      sourceId: s.id,
      content: `${ACTIVITY_TYPE_LABELS[a.type]}：${a.title}`,
      hours: centiHours / 100,
      points: 0,
      // A self scan is vouched for by the activity's organiser; hours the job closed are vouched for by nobody.
      confirmedBy: bySystem ? null : self ? a.createdBy : step.actor.id,
      confirmedByRole: self || bySystem ? undefined : step.as,
      remark: remark ?? null,
      organisation: a.organiser,
      communityId: a.communityId,
      at: step.at,
    });
  }

  private async result(result: CheckinResult['result'], message: string, name: string, s: ActivitySignup, a: Activity, viewer: AuthUser): Promise<CheckinResult> {
    return { result, message, name, signup: await this.queries.signupViewFor(viewer, s, a) };
  }

  private async attendeeName(userId: number) {
    const u = await this.ds.manager.findOne(User, { where: { id: userId }, select: { id: true, name: true } });
    return u?.name ?? '';
  }
}

function activityRefusal(): AppError {
  return AppError.forbidden('只能管理自己负责社区的活动');
}

/** The refusal for someone who holds no standing the sign-up table names for this action. */
function signupRefusal(action: SignupAction): AppError {
  if (action === 'cancel') return AppError.forbidden('只能取消自己的报名');
  if (action === 'check_out') return AppError.forbidden('只能为自己签退');
  return AppError.forbidden();
}
