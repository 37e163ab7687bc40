import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import {
  ACTIVITY_INITIAL_STATUS,
  activityTimeText,
  DEFAULT_CHECKIN_OPENS_MINUTES,
  link,
  PENDING_SIGNUP_STATUSES,
  primaryRole,
  randomSceneCode,
} from '@linli/domain';
import type { ActivityDetail } from '@linli/domain';
import { Clock } from '../../common/clock';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import { TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { Community } from '../places/place.entities';
import { UploadsService } from '../uploads/uploads.service';
import { Activity, ActivitySignup } from './activity.entities';
import { CreateActivityDto, UpdateActivityDto } from './events.dto';
import { EventLifecycle } from './events.lifecycle';
import { EventQueries } from './events.queries';
import { EventScope } from './events.scope';

type Times = Pick<Activity, 'startAt' | 'endAt' | 'signupStartAt' | 'signupEndAt' | 'cancelDeadline'>;

/** Staff create and edit activities. Publishing (at creation or later) and cancelling are lifecycle moves. */
@Injectable()
export class EventRecords {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly uploads: UploadsService,
    private readonly scope: EventScope,
    private readonly queries: EventQueries,
    private readonly lifecycle: EventLifecycle,
  ) {}

  async create(user: AuthUser, dto: CreateActivityDto): Promise<ActivityDetail> {
    const scope = await this.scope.of(user);
    if (!this.scope.manages(scope, dto.communityId)) throw AppError.forbidden('只能为自己负责的社区创建活动');
    if (!(await this.ds.getRepository(Community).findOne({ where: { id: dto.communityId } }))) throw AppError.field('communityId', '社区不存在');
    checkQuestions(dto.questions);
    const now = this.clock.now();
    const startAt = new Date(dto.startAt);
    const fields = {
      type: dto.type,
      title: dto.title.trim(),
      description: dto.description ?? '',
      organiser: dto.organiser.trim(),
      communityId: dto.communityId,
      place: dto.place.trim(),
      pointId: dto.pointId ?? null,
      startAt,
      endAt: new Date(dto.endAt),
      signupStartAt: dto.signupStartAt ? new Date(dto.signupStartAt) : now,
      signupEndAt: dto.signupEndAt ? new Date(dto.signupEndAt) : startAt,
      cancelDeadline: dto.cancelDeadline ? new Date(dto.cancelDeadline) : startAt,
      checkinOpensMinutes: dto.checkinOpensMinutes ?? DEFAULT_CHECKIN_OPENS_MINUTES,
      capacity: dto.capacity,
      audience: dto.audience,
      audienceCommunityId: dto.audience === 'community' ? (dto.audienceCommunityId ?? dto.communityId) : null,
      questions: (dto.questions ?? []) as any,
      centiHours: Math.round((dto.hours ?? 0) * 100),
    };
    checkTimes(fields);
    const cover = dto.coverId ? (await this.uploads.ownedViews(user.id, [dto.coverId], 'coverId'))[0] : null;
    const id = await this.tx.run(async (em) => {
      const status = ACTIVITY_INITIAL_STATUS;
      const res = await em.insert(Activity, { ...fields, cover, status, createdBy: user.id, scene: null, confirmedCount: 0, waitlistCount: 0 });
      const id = Number(res.identifiers[0].id);
      const scene = randomSceneCode(`a.${id.toString(36)}.`, 4);
      await em.update(Activity, { id }, { scene });
      await this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'activity.create', entityType: 'activity', entityId: id, toState: status });
      if (dto.publish) await this.lifecycle.publishNew(em, await this.queries.getActivity(id, em), user, this.scope.activityStanding(scope, fields));
      return id;
    });
    return this.queries.detail(user, id);
  }

  /**
   * Edits; a larger capacity promotes the people waiting, and everyone still signed up is told. Capacity is
   * changed first, conditionally, on the activity row: it also serialises with sign-ups and cancellations.
   */
  async update(user: AuthUser, id: number, dto: UpdateActivityDto): Promise<ActivityDetail> {
    const a = await this.queries.getActivity(id);
    if (!(await this.scope.managesCommunity(user, a.communityId))) throw AppError.forbidden('只能管理自己负责社区的活动');
    if (a.status === 'cancelled') throw new AppError('EVENT_ILLEGAL_TRANSITION', '活动已取消，不能再修改');
    if (dto.communityId && dto.communityId !== a.communityId) throw AppError.field('communityId', '不能更改活动所属社区');
    if (dto.questions) checkQuestions(dto.questions);
    const patch: Partial<Activity> = {};
    for (const k of ['type', 'title', 'description', 'organiser', 'place', 'pointId', 'checkinOpensMinutes', 'audience'] as const) {
      if (dto[k] !== undefined) (patch as any)[k] = dto[k];
    }
    for (const k of ['startAt', 'endAt', 'signupStartAt', 'signupEndAt', 'cancelDeadline'] as const) {
      if (dto[k] !== undefined) (patch as any)[k] = new Date(dto[k]!);
    }
    if (dto.questions) patch.questions = dto.questions as any;
    if (dto.hours !== undefined) patch.centiHours = Math.round(dto.hours * 100);
    const audience = dto.audience ?? a.audience;
    patch.audienceCommunityId = audience === 'community' ? (dto.audienceCommunityId ?? a.audienceCommunityId ?? a.communityId) : null;
    if (dto.coverId !== undefined) patch.cover = dto.coverId ? (await this.uploads.ownedViews(user.id, [dto.coverId], 'coverId'))[0] : null;
    checkTimes({ ...a, ...patch });
    const changedTimes = ['startAt', 'endAt', 'place'].some((k) => k in patch);
    await this.tx.run(async (em) => {
      const cap = dto.capacity ?? a.capacity;
      const locked = await em
        .createQueryBuilder()
        .update(Activity)
        .set({ ...patch, capacity: cap })
        .where('id = :id AND confirmedCount <= :cap AND status <> :cancelled', { id, cap, cancelled: 'cancelled' })
        .execute();
      if (!locked.affected) throw new AppError('EVENT_CAPACITY_TOO_SMALL', undefined, { capacity: ['名额不能少于已报名人数'] });
      const fresh = await this.queries.getActivity(id, em);
      const promoted = await this.lifecycle.promoteNext(em, fresh, this.clock.now(), fresh.capacity);
      await this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'activity.update', entityType: 'activity', entityId: id, data: { fields: Object.keys(dto) } });
      if (fresh.status !== 'published') return;
      const people = await em.find(ActivitySignup, { where: { activityId: id, status: In([...PENDING_SIGNUP_STATUSES]) }, select: { userId: true } });
      await this.notifications.notify(
        em,
        people.map((p) => p.userId).filter((u) => !promoted.includes(u)),
        {
          kind: 'event.updated',
          title: `活动信息有变更：${fresh.title}`,
          body: changedTimes ? `时间：${activityTimeText(fresh.startAt)}，地点：${fresh.place}。请留意最新安排。` : '活动信息已更新，请查看详情。',
          link: link('eventDetail', { id }),
          purpose: 'event_reminder',
          templateData: { thing1: fresh.title, time2: new Date(fresh.startAt).toISOString(), thing3: '活动信息有变更' },
        },
      );
    });
    return this.queries.detail(user, id);
  }
}

function checkTimes(a: Times) {
  const bad = (field: string, msg: string) => new AppError('EVENT_TIMES_INVALID', msg, { [field]: [msg] });
  if (!(a.startAt < a.endAt)) throw bad('endAt', '结束时间须晚于开始时间');
  if (!(a.signupStartAt <= a.signupEndAt)) throw bad('signupEndAt', '报名截止时间须晚于报名开始时间');
  if (a.signupEndAt > a.endAt) throw bad('signupEndAt', '报名截止时间不能晚于活动结束');
  if (a.cancelDeadline > a.endAt) throw bad('cancelDeadline', '取消截止时间不能晚于活动结束');
}

function checkQuestions(questions: CreateActivityDto['questions']) {
  const ids = new Set<string>();
  for (const q of questions ?? []) {
    if (ids.has(q.id)) throw AppError.field('questions', `问题编号 ${q.id} 重复`);
    ids.add(q.id);
    if (q.kind !== 'text' && (q.options?.length ?? 0) < 2) throw AppError.field('questions', `“${q.title}”至少需要两个选项`);
    if (q.kind === 'text') delete q.options;
  }
}
