import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CN_MOBILE, isTicketOpen, link, pointSceneKey, primaryRole, shanghaiDay, TICKET_INITIAL_STATUS, ticketNumber } from '@linli/domain';
import { Clock } from '../../common/clock';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import { SYSTEM } from '../../common/state-machine';
import { insertRow } from '../../database/insert';
import { TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { IdempotencyService, validateIdempotencyKey } from '../idempotency/idempotency.service';
import { NotificationsService } from '../notifications/notifications.service';
import { Grid, Point } from '../places/place.entities';
import { UploadsService, UploadView } from '../uploads/uploads.service';
import { UsersService } from '../users/users.service';
import { ContentSafetyService } from '../wechat/wechat.module';
import { HoldsService } from '../moderation/holds.service';
import { isDuplicate, TicketCatalogue } from './service-requests.catalogue';
import { TicketLifecycle } from './service-requests.lifecycle';
import { TicketQueries } from './service-requests.queries';
import { ServiceCategory, Ticket, TicketDayCounter, TicketEvent, TicketFollower } from './service-request.entities';
import { moveTicketRollup } from './ticket-rollups';
import { moveTicketCount } from './ticket-status-counts';
import type { CreateTicketDto, TicketActionDto } from './service-requests.dto';
import type { TicketAction } from '@linli/domain';

type Filer = { id: number | null; role: string };

export interface NewTicketInput {
  categoryId: number;
  /** null: Open311 by coordinates far from every point, filed into `triageCommunityId`'s queue (null: the street's) */
  point: Point | null;
  triageCommunityId?: number | null;
  addressString?: string | null;
  description: string;
  photos: UploadView[];
  contactName: string;
  contactPhone: string | null;
  anonymous: boolean;
  attributes: Record<string, unknown>;
  source: 'miniapp' | 'open311';
  lat?: number | null;
  lng?: number | null;
}

/**
 * 码上办 as residents meet it: filing a matter (from the mini-program or Open311), 同问, and acting on a ticket —
 * each answered with the detail the caller sees. Moves go through `TicketLifecycle`; reads through `TicketQueries`.
 */
@Injectable()
export class ServiceRequestsService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly idempotency: IdempotencyService,
    private readonly uploads: UploadsService,
    private readonly users: UsersService,
    private readonly safety: ContentSafetyService,
    private readonly holds: HoldsService,
    private readonly clock: Clock,
    private readonly catalogue: TicketCatalogue,
    private readonly lifecycle: TicketLifecycle,
    private readonly queries: TicketQueries,
  ) {}

  async submit(user: AuthUser, dto: CreateTicketDto, idempotencyKey: unknown) {
    const key = validateIdempotencyKey(idempotencyKey);
    await this.catalogue.ensureSeeded();
    const me = await this.users.get(user.id);
    let point: Point | null = null;
    // A typed code is compared as resolveScene does: case-insensitively (the DTO has folded full-width already).
    if (dto.scene) point = await this.ds.getRepository(Point).findOne({ where: { scene: pointSceneKey(dto.scene), active: true } });
    else if (dto.pointId) point = await this.ds.getRepository(Point).findOne({ where: { id: dto.pointId, active: true } });
    else throw AppError.field('scene', '请扫码或选择点位');
    if (!point) throw AppError.field(dto.scene ? 'scene' : 'pointId', '点位不存在或已停用');
    const category = await this.ds.getRepository(ServiceCategory).findOne({ where: { id: dto.categoryId } });
    if (!category) throw AppError.field('categoryId', '分类不存在');
    if (!category.active) throw new AppError('TICKET_CATEGORY_DISABLED', undefined, { categoryId: ['该分类已停用'] });
    const attributes = this.catalogue.validateAttributes(category, dto.attributes ?? {});
    // A retry of an already-filed ticket skips the checks that call out to WeChat.
    if (key) {
      const prior = await this.ds.query('SELECT resultId FROM idempotency_keys WHERE userId = ? AND scope = ? AND `key` = ?', [user.id, 'ticket.submit', key]).catch(() => []);
      if (prior?.[0]?.resultId) return this.queries.detail(user, Number(prior[0].resultId));
    }
    const contactPhone = dto.contactPhone ?? me.phone;
    if (!contactPhone) throw AppError.field('contactPhone', '请填写 11 位手机号，网格员需要联系您');
    const unchecked = await this.safety.check('description', dto.description, me.openid);
    const photos = await this.uploads.ownedViews(user.id, dto.photoIds ?? []);
    const id = await this.tx.run(async (em) => {
      if (key) {
        const existing = await this.idempotency.claim(em, user.id, 'ticket.submit', key);
        if (existing) return Number(existing);
      }
      const ticket = await this.create(em, { id: user.id, role: primaryRole(user.roles) }, user.id, {
        categoryId: category.id,
        point: point!,
        description: dto.description.trim(),
        photos,
        contactName: dto.contactName.trim(),
        contactPhone,
        anonymous: !!dto.anonymous,
        attributes,
        source: 'miniapp',
      });
      // Not checked by WeChat (unreachable, or a password account): handled as usual, kept from the point's public list.
      await this.holds.hold(em, { entityType: 'ticket', entityId: ticket.id, authorId: user.id, communityId: ticket.communityId }, [unchecked]);
      if (key) await this.idempotency.complete(em, user.id, 'ticket.submit', key, ticket.id);
      return ticket.id;
    });
    return this.queries.detail(user, id);
  }

  /**
   * Files a ticket inside the caller's transaction, then accepts and dispatches it when the grid has a worker on duty.
   * One without a point (Open311, far from every point) waits in its community's — or the street's — triage queue.
   */
  async create(em: EntityManager, actor: Filer, requesterId: number | null, input: NewTicketInput): Promise<Ticket> {
    const now = this.clock.now();
    const grid = input.point ? await em.findOneOrFail(Grid, { where: { id: input.point.gridId } }) : null;
    const communityId = grid ? grid.communityId : input.triageCommunityId ?? null;
    const number = ticketNumber(shanghaiDay(now), await this.nextSeq(em, shanghaiDay(now)));
    const ticket = await em.save(
      em.create(Ticket, {
        number,
        categoryId: input.categoryId,
        pointId: input.point?.id ?? null,
        gridId: grid?.id ?? null,
        communityId,
        addressString: input.addressString ?? null,
        requesterId,
        contactName: input.contactName,
        contactPhone: input.contactPhone,
        anonymous: input.anonymous,
        description: input.description,
        photos: input.photos,
        attributes: input.attributes,
        status: TICKET_INITIAL_STATUS,
        assigneeId: null,
        mergedIntoId: null,
        followerCount: 0,
        source: input.source,
        lat: input.lat ?? null,
        lng: input.lng ?? null,
        overdue: false,
        reopenCount: 0,
        createdAt: now,
        updatedAt: now,
      }),
    );
    moveTicketCount(em, ticket.communityId ?? 0, null, TICKET_INITIAL_STATUS);
    moveTicketRollup(em, null, ticket);
    await insertRow(em, TicketEvent, { ticketId: ticket.id, action: 'submit', fromStatus: null, toStatus: TICKET_INITIAL_STATUS, actorId: actor.id, actorRole: actor.role, note: null, photos: input.photos, createdAt: now });
    await this.audit.record(em, { actorId: actor.id, actorRole: actor.role, action: 'ticket.submit', entityType: 'ticket', entityId: ticket.id, toState: TICKET_INITIAL_STATUS, data: { number, source: input.source }, at: now });
    await this.notifications.notify(em, [requesterId], { kind: 'ticket', title: `你反映的问题已提交（编号 ${number}）`, body: '我们已收到你反映的问题，会尽快处理。', link: link('serviceDetail', { id: ticket.id }), purpose: 'ticket_progress', templateData: { character_string1: number, phrase2: '已提交' } });
    if (grid?.workerId) {
      await this.lifecycle.apply(em, ticket.id, 'accept', SYSTEM, { note: '网格有在岗网格员，自动受理' });
      await this.lifecycle.apply(em, ticket.id, 'dispatch', SYSTEM, { note: '自动派单给本网格网格员', workerId: grid.workerId });
    } else {
      const where = grid ? '' : communityId ? '（按坐标转入本社区分拣）' : '（按坐标转入街道分拣）';
      await this.lifecycle.notifyStaff(em, communityId, { kind: 'ticket', title: `新工单待受理 ${number}${where}`, body: input.description.slice(0, 60), link: link('serviceDetail', { id: ticket.id }) });
    }
    return em.findOneOrFail(Ticket, { where: { id: ticket.id } });
  }

  /** The day's counter row is bumped by an UPDATE that locks it until commit; the first filing of a day inserts it. */
  private async nextSeq(em: EntityManager, day: string): Promise<number> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const res = await em.createQueryBuilder().update(TicketDayCounter).set({ seq: () => 'seq + 1' }).where('day = :day', { day }).execute();
      if (res.affected) {
        const row = await em.findOneOrFail(TicketDayCounter, { where: { day } });
        return row.seq;
      }
      try {
        await em.insert(TicketDayCounter, { day, seq: 1 });
        return 1;
      } catch (err) {
        if (!isDuplicate(err)) throw err;
      }
    }
    throw new AppError('CONFLICT', '工单编号生成冲突，请重试');
  }

  async follow(user: AuthUser, id: number) {
    await this.tx.run(async (em) => {
      const t = await em.findOne(Ticket, { where: { id } });
      if (!t) throw AppError.notFound('工单');
      if (!isTicketOpen(t.status)) throw new AppError('TICKET_ILLEGAL_TRANSITION', '这件事已办结，不能再同问');
      if (t.requesterId === user.id) throw new AppError('TICKET_ALREADY_FOLLOWING', '这是你自己反映的问题');
      try {
        await em.insert(TicketFollower, { ticketId: id, userId: user.id });
      } catch (err) {
        if (isDuplicate(err)) throw new AppError('TICKET_ALREADY_FOLLOWING');
        throw err;
      }
      await em.createQueryBuilder().update(Ticket).set({ followerCount: () => 'followerCount + 1' }).where('id = :id', { id }).execute();
      await this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'ticket.follow', entityType: 'ticket', entityId: id, at: this.clock.now() });
    });
    return this.queries.detail(user, id);
  }

  /** An action on a ticket, answered with the updated detail. */
  async act(user: AuthUser, id: number, action: TicketAction, dto: TicketActionDto) {
    await this.lifecycle.act(user, id, action, dto);
    return this.queries.detail(user, id);
  }

  // used by Open311
  get dataSource() {
    return this.ds;
  }
  get transactions() {
    return this.tx;
  }
  get now() {
    return this.clock.now();
  }
  isPhone(p: string) {
    return CN_MOBILE.test(p);
  }
}
