import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { link, maskPhone, primaryRole, shanghaiDate, WISH_INITIAL_STATUS, wishDisplayName, WishBeneficiaryView, WishCommunity, WishManageDetail } from '@linli/domain';
import { Clock } from '../../common/clock';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import { insertRow } from '../../database/insert';
import { TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { IdempotencyService, validateIdempotencyKey } from '../idempotency/idempotency.service';
import { NotificationsService } from '../notifications/notifications.service';
import { Community, Grid } from '../places/place.entities';
import { UploadsService } from '../uploads/uploads.service';
import { StaffCommunity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { ContentSafetyService } from '../wechat/wechat.module';
import { HoldsService } from '../moderation/holds.service';
import { InjectWishRules, WishRules } from './wishes.config';
import { CreateWishDto } from './wishes.dto';
import { WishQueries } from './wishes.queries';
import { WishScope } from './wishes.scope';
import { Wish, WishBeneficiary, WishEvent } from './wish.entities';

/** Recording a wish (grid workers and staff) and what the form needs: their communities and known beneficiaries. */
@Injectable()
export class WishRecords {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @InjectWishRules() private readonly rules: WishRules,
    private readonly clock: Clock,
    private readonly tx: TransactionService,
    private readonly scope: WishScope,
    private readonly queries: WishQueries,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
    private readonly uploads: UploadsService,
    private readonly safety: ContentSafetyService,
    private readonly holds: HoldsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  async create(user: AuthUser, dto: CreateWishDto, idempotencyKey?: string): Promise<WishManageDetail> {
    const key = validateIdempotencyKey(idempotencyKey);
    const scope = await this.scope.of(user);
    if (!this.scope.canRecordIn(scope, dto.communityId)) throw new AppError('WISH_NOT_IN_SCOPE');
    const staffHere = this.scope.isStaffOf(scope, dto.communityId);
    const community = await this.dataSource.getRepository(Community).findOne({ where: { id: dto.communityId } });
    if (!community) throw AppError.field('communityId', '社区不存在');
    const cap = this.rules.valueCap;
    if (dto.estimatedValue > cap) throw new AppError('WISH_VALUE_TOO_HIGH', `心愿预估价值不能超过 ${cap} 元`, { estimatedValue: [`不能超过 ${cap} 元`] }, { cap });
    const now = this.clock.now();
    if (dto.wishBy <= shanghaiDate(now) || Number.isNaN(Date.parse(`${dto.wishBy}T00:00:00+08:00`))) {
      throw new AppError('WISH_DATE_INVALID', undefined, { wishBy: ['心愿截止日期须在今天之后'] });
    }
    if (!dto.beneficiary === !dto.beneficiaryId) throw AppError.field('beneficiary', '请填写心愿对象，或选择已登记的心愿对象');

    // The grid the beneficiary lives in. A grid worker (not staff here) records only for their own grids.
    let grid: Grid | null = null;
    if (dto.gridId) {
      grid = await this.dataSource.getRepository(Grid).findOne({ where: { id: dto.gridId } });
      if (!grid || grid.communityId !== dto.communityId) throw AppError.field('gridId', '网格不属于该社区');
      if (!staffHere && !scope.gridIds.includes(grid.id)) throw new AppError('WISH_NOT_IN_SCOPE', '只能为自己负责的网格录入心愿');
    } else if (dto.beneficiaryId) {
      // a known beneficiary: the wish goes to the grid they live in
      const known = await this.dataSource.getRepository(WishBeneficiary).findOne({ where: { id: dto.beneficiaryId } });
      if (known?.gridId) grid = await this.dataSource.getRepository(Grid).findOne({ where: { id: known.gridId } });
    }
    if (!grid && !dto.gridId && scope.gridIds.length) {
      grid = await this.dataSource.getRepository(Grid).findOne({ where: { id: In(scope.gridIds), communityId: dto.communityId }, order: { id: 'ASC' } });
    }
    const handlerId = user.roles.includes('grid_worker') && grid?.workerId === user.id ? user.id : grid?.workerId ?? user.id;

    const me = await this.users.get(user.id);
    // Wishes are mostly recorded by staff on password accounts, which WeChat cannot check: those wait for review.
    const unchecked = [await this.safety.check('title', dto.title, me.openid), await this.safety.check('story', dto.story, me.openid)];
    const photos = await this.uploads.ownedViews(user.id, dto.photoIds ?? []);

    const id = await this.tx.run(async (em) => {
      if (key) {
        const earlier = await this.idempotency.claim(em, user.id, 'wish.create', key);
        if (earlier) return Number(earlier);
      }
      let beneficiary: WishBeneficiary | null;
      if (dto.beneficiaryId) {
        beneficiary = await em.findOne(WishBeneficiary, { where: { id: dto.beneficiaryId } });
        if (!beneficiary || beneficiary.communityId !== dto.communityId || !this.scope.serves(scope, beneficiary)) throw AppError.field('beneficiaryId', '心愿对象不存在或不属于你负责的网格');
        if (beneficiary.gridId === null && grid) {
          await em.update(WishBeneficiary, { id: beneficiary.id }, { gridId: grid.id });
          beneficiary.gridId = grid.id;
        }
      } else {
        const b = dto.beneficiary!;
        beneficiary = await em.save(
          em.create(WishBeneficiary, {
            communityId: dto.communityId,
            gridId: grid?.id ?? null,
            name: b.name.trim(),
            gender: b.gender,
            ageGroup: b.ageGroup,
            building: b.building.trim(),
            phone: b.phone ?? null,
            situation: b.situation ?? '',
            createdBy: user.id,
          }),
        );
      }
      assertNoPrivateDetails(dto, beneficiary);
      const wish = await em.save(
        em.create(Wish, {
          beneficiaryId: beneficiary.id,
          communityId: dto.communityId,
          gridId: beneficiary.gridId ?? grid?.id ?? null,
          displayName: wishDisplayName(beneficiary.name, beneficiary.gender, beneficiary.ageGroup, community.name),
          title: dto.title.trim(),
          story: dto.story.trim(),
          type: dto.type,
          estimatedValue: dto.estimatedValue,
          photos,
          wishBy: dto.wishBy,
          partyPriority: dto.partyPriority ?? false,
          status: WISH_INITIAL_STATUS,
          createdBy: user.id,
          handlerId,
          claimerId: null,
          proofPhotos: null,
          createdAt: now,
        }),
      );
      // Being recorded is the timeline's first row, not a transition: there is no state it moves from.
      const actorRole = primaryRole(user.roles);
      await insertRow(em, WishEvent, { wishId: wish.id, action: 'create', fromStatus: null, toStatus: wish.status, actorId: user.id, actorRole, volunteerId: null, reason: null, createdAt: now });
      await this.audit.record(em, { actorId: user.id, actorRole, action: 'wish.create', entityType: 'wish', entityId: wish.id, fromState: null, toState: wish.status, reason: null, at: now });
      await this.holds.hold(em, { entityType: 'wish', entityId: wish.id, authorId: user.id, communityId: wish.communityId }, unchecked);
      const staff = await em.find(StaffCommunity, { where: { communityId: wish.communityId } });
      await this.notifications.notify(em, staff.map((s) => s.userId).filter((uid) => uid !== user.id), {
        kind: 'wish.review',
        title: '有新的微心愿待审核',
        body: `${wish.displayName}：${wish.title}`,
        link: link('wishManageDetail', { id: wish.id }),
      });
      if (key) await this.idempotency.complete(em, user.id, 'wish.create', key, wish.id);
      return wish.id;
    });
    return this.queries.manageDetail(user, id);
  }

  /** The communities this grid worker or staff member may record wishes for. */
  async myCommunities(user: AuthUser): Promise<WishCommunity[]> {
    const scope = await this.scope.of(user);
    const managed = this.scope.recordingCommunityIds(scope);
    const rows = await this.dataSource.getRepository(Community).find({ where: managed === 'all' ? {} : { id: In(managed.length ? managed : [-1]) }, order: { id: 'ASC' } });
    const grids = rows.length ? await this.dataSource.getRepository(Grid).find({ where: { communityId: In(rows.map((c) => c.id)) }, order: { id: 'ASC' } }) : [];
    // Staff of the community (or the admin) may record in any of its grids; a grid worker only in their own.
    const mayUse = (g: Grid) => scope.isAdmin || scope.communityIds.includes(g.communityId) || scope.gridIds.includes(g.id);
    return rows.map((c) => ({ id: c.id, name: c.name, servicePoint: c.servicePoint, grids: grids.filter((g) => g.communityId === c.id && mayUse(g)).map((g) => ({ id: g.id, name: g.name })) }));
  }

  /** The beneficiaries the person serves (staff: the community's; a grid worker: their grids'), an audited view. */
  async beneficiaries(user: AuthUser, communityId?: number): Promise<WishBeneficiaryView[]> {
    const scope = await this.scope.of(user);
    if (communityId && !this.scope.canRecordIn(scope, communityId)) throw new AppError('WISH_NOT_IN_SCOPE');
    const rows = await this.scope
      .filter(this.dataSource.getRepository(WishBeneficiary).createQueryBuilder('b'), 'b', scope, communityId)
      .orderBy('b.id', 'DESC')
      .take(200)
      .getMany();
    await this.queries.auditBeneficiaryView(user, 'beneficiary_list', null, rows.map((b) => b.id));
    return rows.map((b) => ({ id: b.id, communityId: b.communityId, name: b.name, gender: b.gender, ageGroup: b.ageGroup, building: b.building, phone: maskPhone(b.phone), situation: b.situation }));
  }
}

/** The story is public: it must not carry the beneficiary's full name, phone or address (PIPL art. 28). */
function assertNoPrivateDetails(dto: CreateWishDto, b: WishBeneficiary) {
  const secrets = [b.name.length >= 2 ? b.name : null, b.phone, b.building.length >= 3 ? b.building : null].filter((x): x is string => !!x);
  for (const field of ['title', 'story'] as const) {
    if (secrets.some((s) => dto[field].includes(s))) {
      throw AppError.field(field, '公开内容不能包含心愿对象的姓名、电话或住址');
    }
  }
}
