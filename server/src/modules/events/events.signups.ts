import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { activityTimeText, AUDIENCE_LABELS, inAudience, link, maskPhone, primaryRole, ruleFor, SIGNUP_INITIAL_STATUS, SIGNUP_TRANSITIONS, validateAnswers } from '@linli/domain';
import type { ActivityStatus, Answers, ProxySignupView, SignupStatus, SignupView } from '@linli/domain';
import { Clock } from '../../common/clock';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import { SYSTEM } from '../../common/state-machine';
import { insertRow } from '../../database/insert';
import { TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { IdempotencyService, validateIdempotencyKey } from '../idempotency/idempotency.service';
import { NotificationsService } from '../notifications/notifications.service';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { ScopeService } from '../places/scope.service';
import { Activity, ActivitySignup } from './activity.entities';
import { ProxySignupDto } from './events.dto';
import { SignupGate } from './events.gate';
import { EventLifecycle } from './events.lifecycle';
import { EventQueries } from './events.queries';

const PUBLISHED: ActivityStatus = 'published';

function isDuplicate(err: unknown) {
  const code = (err as any)?.driverError?.code ?? (err as any)?.code;
  return err instanceof QueryFailedError && (code === 'ER_DUP_ENTRY' || String(code).startsWith('SQLITE_CONSTRAINT'));
}

/**
 * Signing up: the one place a sign-up row is created, in the state the seat decides. Every later change of it is a
 * lifecycle move (`events.lifecycle.ts`).
 */
@Injectable()
export class EventSignups implements OnModuleInit {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
    private readonly scopes: ScopeService,
    private readonly idempotency: IdempotencyService,
    private readonly gate: SignupGate,
    private readonly queries: EventQueries,
    private readonly lifecycle: EventLifecycle,
  ) {}

  onModuleInit() {
    this.users.onMerge((em, from, to) => this.moveSignups(em, from, to));
  }

  signup(user: AuthUser, activityId: number, answers: Answers | undefined, idemKey: unknown): Promise<SignupView> {
    return this.gate.run(() => this.signupNow(user, activityId, answers, idemKey));
  }

  /** A grid worker (or staff) signs up a resident who has only a phone number. */
  proxySignup(actor: AuthUser, activityId: number, dto: ProxySignupDto, idemKey: unknown): Promise<ProxySignupView> {
    return this.gate.run(() => this.proxySignupNow(actor, activityId, dto, idemKey));
  }

  private async signupNow(user: AuthUser, activityId: number, answers: Answers | undefined, idemKey: unknown): Promise<SignupView> {
    const key = validateIdempotencyKey(idemKey);
    const a = await this.queries.getActivity(activityId);
    const me = await this.users.get(user.id);
    const now = this.clock.now();
    assertCanSignUp(a, me, now);
    checkAnswers(a, answers);
    if (!key) {
      const existing = await this.ds.getRepository(ActivitySignup).findOne({ where: { activeKey: `${activityId}:${user.id}` } });
      if (existing) throw new AppError('EVENT_ALREADY_SIGNED_UP');
    }
    const id = await this.tx.run(async (em) => {
      if (key) {
        const prior = await this.idempotency.claim(em, user.id, `event-signup:${activityId}`, key);
        if (prior) return prior;
      }
      const s = await this.takeSeatOrWait(em, a, user.id, answers ?? null, null, now);
      const seated = s.status === SIGNUP_INITIAL_STATUS.seated;
      await this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'signup.create', entityType: 'activity_signup', entityId: s.id, toState: s.status, data: { activityId } });
      await this.notifications.notify(em, [user.id], {
        kind: seated ? 'event.signed_up' : 'event.waitlisted',
        title: seated ? `报名成功：${a.title}` : `已加入候补：${a.title}`,
        body: seated ? `活动时间 ${activityTimeText(a.startAt)}，地点 ${a.place}。` : '名额已满，你已进入候补名单；有人取消时将按顺序递补并通知你。',
        link: link('eventDetail', { id: a.id }),
        purpose: 'event_signup',
        templateData: { thing1: a.title, time2: new Date(a.startAt).toISOString(), phrase3: seated ? '报名成功' : '已候补' },
      });
      if (key) await this.idempotency.complete(em, user.id, `event-signup:${activityId}`, key, s.id);
      return s.id;
    });
    return this.queries.signupViewFor(user, await this.queries.getSignup(String(id)), a);
  }

  private async proxySignupNow(actor: AuthUser, activityId: number, dto: ProxySignupDto, idemKey: unknown): Promise<ProxySignupView> {
    const key = validateIdempotencyKey(idemKey);
    const a = await this.queries.getActivity(activityId);
    const now = this.clock.now();
    checkAnswers(a, dto.answers);
    let communityId: number | null = null;
    if (actor.roles.includes('grid_worker')) {
      const scope = await this.scopes.of(actor.id, actor.roles);
      communityId = scope.gridCommunityIds[0] ?? null;
    }
    const id = await this.tx.run(async (em) => {
      if (key) {
        const prior = await this.idempotency.claim(em, actor.id, `event-proxy:${activityId}`, key);
        if (prior) return prior;
      }
      const resident = await this.users.findOrCreatePhoneOnly(em, dto.phone, dto.name.trim(), communityId);
      assertCanSignUp(a, resident, now);
      const s = await this.takeSeatOrWait(em, a, resident.id, dto.answers ?? null, actor.id, now);
      await this.audit.record(em, { actorId: actor.id, actorRole: primaryRole(actor.roles), action: 'signup.proxy', entityType: 'activity_signup', entityId: s.id, toState: s.status, data: { activityId, residentId: resident.id } });
      await this.notifications.notify(em, [resident.id], {
        kind: 'event.signed_up',
        title: s.status === SIGNUP_INITIAL_STATUS.seated ? `已为你报名：${a.title}` : `已为你加入候补：${a.title}`,
        body: `活动时间 ${activityTimeText(a.startAt)}，地点 ${a.place}。`,
        link: link('eventDetail', { id: a.id }),
      });
      if (key) await this.idempotency.complete(em, actor.id, `event-proxy:${activityId}`, key, s.id);
      return s.id;
    });
    const s = await this.queries.getSignup(String(id));
    const resident = await this.ds.getRepository(User).findOneOrFail({ where: { id: s.userId } });
    return { ...(await this.queries.signupViewFor(actor, s, a)), resident: { id: resident.id, name: resident.name, phone: maskPhone(resident.phone) } };
  }

  /**
   * The seat is taken by a conditional UPDATE on the activity row before the sign-up row exists; when it affects
   * nothing the person joins the waiting list (the waitlist counter update still takes the row lock, so a
   * cancellation cannot slip between "full" and "waiting"). The unique activeKey makes a second active sign-up for
   * the same person fail, rolling the seat back with it. Seat first, then the INSERT: the other order deadlocks on
   * MariaDB.
   */
  private async takeSeatOrWait(em: EntityManager, a: Activity, userId: number, answers: Answers | null, proxyBy: number | null, now: Date) {
    const seat = await em
      .createQueryBuilder()
      .update(Activity)
      .set({ confirmedCount: () => 'confirmedCount + 1' })
      .where('id = :id AND status = :p AND confirmedCount < capacity', { id: a.id, p: PUBLISHED })
      .execute();
    let initial: SignupStatus = SIGNUP_INITIAL_STATUS.seated;
    if (!seat.affected) {
      const wait = await em
        .createQueryBuilder()
        .update(Activity)
        .set({ waitlistCount: () => 'waitlistCount + 1' })
        .where('id = :id AND status = :p', { id: a.id, p: PUBLISHED })
        .execute();
      if (!wait.affected) throw new AppError('EVENT_NOT_PUBLISHED');
      initial = SIGNUP_INITIAL_STATUS.waiting;
    }
    try {
      const id = await insertRow(em, ActivitySignup, {
        activityId: a.id,
        userId,
        status: initial,
        activeKey: `${a.id}:${userId}`,
        answers,
        proxyBy,
        promotedAt: null,
        checkedInAt: null,
        checkedOutAt: null,
        cancelledAt: null,
        checkedInBy: null,
        centiHours: null,
        autoCheckedOut: false,
        createdAt: now,
      });
      return { id: String(id), status: initial };
    } catch (err) {
      if (isDuplicate(err)) throw new AppError('EVENT_ALREADY_SIGNED_UP');
      throw err;
    }
  }

  /** users.onMerge: the phone-only record survives; the retired WeChat account's sign-ups move onto it. */
  private async moveSignups(em: EntityManager, fromUserId: number, toUserId: number) {
    const moving = await em.find(ActivitySignup, { where: { userId: fromUserId }, order: { id: 'ASC' } });
    for (const s of moving) {
      if (!s.activeKey) {
        await em.update(ActivitySignup, { id: s.id }, { userId: toUserId });
        continue;
      }
      const clash = await em.findOne(ActivitySignup, { where: { activeKey: `${s.activityId}:${toUserId}` } });
      if (clash) {
        // Already signed up on the surviving record: give the duplicate's place back.
        const a = await this.queries.getActivity(s.activityId, em);
        if (ruleFor(SIGNUP_TRANSITIONS, s.status, 'cancel')) await this.lifecycle.release(em, a, s, 'cancel', SYSTEM, this.clock.now());
        await em.update(ActivitySignup, { id: s.id }, { userId: toUserId });
      } else {
        await em.update(ActivitySignup, { id: s.id }, { userId: toUserId, activeKey: `${s.activityId}:${toUserId}` });
      }
    }
  }
}

function assertCanSignUp(a: Activity, who: User, now: Date) {
  if (a.status !== PUBLISHED) throw new AppError('EVENT_NOT_PUBLISHED');
  if (now < a.signupStartAt) throw new AppError('EVENT_SIGNUP_NOT_OPEN', `报名将于 ${activityTimeText(a.signupStartAt)} 开始`);
  if (now > a.signupEndAt) throw new AppError('EVENT_SIGNUP_CLOSED');
  if (!inAudience(a.audience, a.audienceCommunityId, { roles: who.roles, isPartyMember: who.isPartyMember, communityId: who.communityId })) {
    throw new AppError('EVENT_AUDIENCE_MISMATCH', `该活动仅限${AUDIENCE_LABELS[a.audience]}报名`);
  }
}

function checkAnswers(a: Activity, answers: Answers | undefined) {
  const problems = validateAnswers(a.questions ?? [], answers);
  const keys = Object.keys(problems);
  if (keys.length) {
    throw new AppError('VALIDATION_FAILED', problems[keys[0]], Object.fromEntries(keys.map((k) => [`answers.${k}`, [problems[k]]])));
  }
}
