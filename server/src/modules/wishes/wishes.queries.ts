import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  claimPausedMessage,
  daysLeft,
  primaryRole,
  shanghaiDate,
  WISH_HELD_STATUSES,
  WISH_PUBLIC_STATUSES,
  WISH_STATUS_LABELS,
  WISH_TYPE_LABELS,
  wishActions,
  MyClaims,
  WishCard,
  WishClaimInfo,
  WishClaimStatus,
  WishDetail,
  WishHandoff,
  WishManageDetail,
  WishManagePage,
  WishPhoto,
  WishStatus,
  WishWallPage,
} from '@linli/domain';
import { Clock } from '../../common/clock';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import { pageThroughIndex } from '../../database/keyset';
import { AuditService } from '../audit/audit.service';
import { Community } from '../places/place.entities';
import { UploadsService, type UploadView } from '../uploads/uploads.service';
import { User } from '../users/user.entity';
import { InjectWishRules, WishRules } from './wishes.config';
import { ManageQuery, WallQuery } from './wishes.dto';
import { Scope, WishScope } from './wishes.scope';
import { Wish, WishBeneficiary, WishEvent, WishVolunteer } from './wish.entities';
import { HoldsService } from '../moderation/holds.service';

/** A stored instant as the ISO string JSON would have made of it. */
export function iso(at: Date | string | null | undefined): string | null {
  return at ? new Date(at).toISOString() : null;
}

/**
 * A wish's photos and proof photos may show a beneficiary's home: they leave the server only as signed URLs that
 * expire (the stored `url` is never sent), made here, where the reader has just been allowed to see the wish.
 */
const photoViews = (uploads: UploadsService, photos: UploadView[] | null | undefined): WishPhoto[] => (photos ?? []).map((p) => uploads.signedView(p.id));

/** The lists and details of wishes, each scoped to who asks, each detail with the asker's `actions`. */
@Injectable()
export class WishQueries {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @InjectWishRules() private readonly rules: WishRules,
    private readonly clock: Clock,
    private readonly scope: WishScope,
    private readonly audit: AuditService,
    private readonly holds: HoldsService,
    private readonly uploads: UploadsService,
  ) {}

  /** 心愿墙: published wishes whose date has not passed, nearest wish-by date first, then newest. Keyset paged. */
  async wall(viewer: AuthUser | undefined, q: WallQuery): Promise<WishWallPage> {
    const now = this.clock.now();
    const limit = q.limit ?? 20;
    const qb = this.dataSource
      .getRepository(Wish)
      .createQueryBuilder('w')
      .where("w.status = 'published' AND w.wishBy >= :today", { today: shanghaiDate(now) })
      .andWhere(this.holds.notWithheldSql('wish', 'w'));
    if (q.communityId) qb.andWhere('w.communityId = :communityId', { communityId: q.communityId });
    if (q.type) qb.andWhere('w.type = :type', { type: q.type });
    if (q.cursor) {
      const [cwb, cid] = q.cursor.split('_');
      qb.andWhere('(w.wishBy > :cwb OR (w.wishBy = :cwb AND w.id < :cid))', { cwb, cid: Number(cid) });
    }
    const rows = await pageThroughIndex(qb.orderBy('w.wishBy', 'ASC').addOrderBy('w.id', 'DESC'), 'ix_wishes_wall', limit + 1);
    const page = rows.slice(0, limit);
    const seesPriority = await this.seesPartyPriority(viewer);
    const names = await this.communityNames(page.map((w) => w.communityId));
    const last = page[page.length - 1];
    return {
      items: page.map((w) => this.card(w, now, names, seesPriority, viewer?.id)),
      nextCursor: rows.length > limit && last ? `${last.wishBy}_${last.id}` : null,
    };
  }

  /** A wish as the public and volunteers see it; the claimer also gets the hand-off (grid worker + meeting point). */
  async detail(viewer: AuthUser | undefined, id: number): Promise<WishDetail> {
    const wish = await this.dataSource.getRepository(Wish).findOne({ where: { id } });
    if (!wish) throw AppError.notFound('心愿');
    if (!WISH_PUBLIC_STATUSES.includes(wish.status)) {
      const scope = viewer ? await this.scope.of(viewer) : null;
      if (!scope || !this.scope.serves(scope, wish)) throw AppError.notFound('心愿');
    }
    // Text WeChat has not passed (or staff refused) is shown to the wish's claimer and those who handle it only.
    if ((await this.holds.withheld('wish', [wish.id])).size) {
      const standing = this.scope.standing(wish, viewer, viewer ? await this.scope.of(viewer) : null);
      if (!standing.some((s) => s !== 'volunteer')) throw AppError.notFound('心愿');
    }
    const now = this.clock.now();
    const names = await this.communityNames([wish.communityId]);
    const view: WishDetail = {
      ...this.card(wish, now, names, await this.seesPartyPriority(viewer), viewer?.id),
      actions: wishActions(wish.status, this.scope.standing(wish, viewer, null), 'volunteer'),
    };
    if (viewer && wish.claimerId === viewer.id && WISH_HELD_STATUSES.includes(wish.status)) view.claim = await this.claimInfo(wish);
    return view;
  }

  /** 我的认领: wishes I hold or held, newest claim first. */
  async myClaims(user: AuthUser): Promise<MyClaims> {
    const rows = await this.dataSource.getRepository(Wish).find({
      where: { claimerId: user.id, status: In([...WISH_HELD_STATUSES]) },
      order: { claimedAt: 'DESC', id: 'DESC' },
      take: 100,
    });
    const now = this.clock.now();
    const names = await this.communityNames(rows.map((w) => w.communityId));
    const items: MyClaims['items'] = [];
    for (const w of rows) {
      items.push({ ...this.card(w, now, names, true, user.id), claim: await this.claimInfo(w), actions: wishActions(w.status, this.scope.standing(w, user, null), 'volunteer') });
    }
    return { items, status: await this.claimStatus(user) };
  }

  async claimStatus(user: AuthUser): Promise<WishClaimStatus> {
    const v = await this.dataSource.getRepository(WishVolunteer).findOne({ where: { userId: user.id } });
    const now = this.clock.now();
    const paused = v?.pausedUntil && v.pausedUntil.getTime() > now.getTime() ? v.pausedUntil : null;
    return {
      activeClaims: v?.activeClaims ?? 0,
      limit: this.rules.claimLimit,
      claimHours: this.rules.claimHours,
      pausedUntil: paused ? paused.toISOString() : null,
      pausedMessage: paused ? claimPausedMessage(paused) : null,
    };
  }

  /**
   * Staff: their communities' wishes; grid workers: the wishes of beneficiaries living in their grids; optionally by
   * status; newest first, keyset by id. The beneficiaries' names it shows are an audited view.
   */
  async manageList(user: AuthUser, q: ManageQuery): Promise<WishManagePage> {
    const scope = await this.scope.of(user);
    if (q.communityId && !this.scope.canRecordIn(scope, q.communityId)) throw new AppError('WISH_NOT_IN_SCOPE');
    const limit = q.limit ?? 20;
    const qb = this.scope.filter(this.dataSource.getRepository(Wish).createQueryBuilder('w'), 'w', scope, q.communityId);
    if (q.status) qb.andWhere('w.status = :s', { s: q.status });
    if (q.cursor) qb.andWhere('w.id < :cursor', { cursor: q.cursor });
    const rows = await qb.orderBy('w.id', 'DESC').take(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const now = this.clock.now();
    const names = await this.communityNames(page.map((w) => w.communityId));
    const bens = page.length ? await this.dataSource.getRepository(WishBeneficiary).find({ where: { id: In(page.map((w) => w.beneficiaryId)) } }) : [];
    const benById = new Map(bens.map((b) => [b.id, b]));
    const counts = await this.statusCounts(scope, q.communityId);
    if (bens.length) await this.auditBeneficiaryView(user, 'wish_list', null, bens.map((b) => b.id));
    return {
      items: page.map((w) => ({
        ...this.card(w, now, names, true, user.id),
        beneficiaryName: benById.get(w.beneficiaryId)?.name ?? null,
        lastReason: w.lastReason,
        claimExpiresAt: iso(w.claimExpiresAt),
      })),
      counts,
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    };
  }

  private async statusCounts(scope: Scope, communityId?: number): Promise<Partial<Record<WishStatus, number>>> {
    const qb = this.scope.filter(this.dataSource.getRepository(Wish).createQueryBuilder('w').select('w.status', 'status').addSelect('COUNT(*)', 'n'), 'w', scope, communityId);
    const rows = await qb.groupBy('w.status').getRawMany();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  /** Everything about one wish for those who serve the beneficiary; full phone numbers are audited reveals. */
  async manageDetail(user: AuthUser, id: number): Promise<WishManageDetail> {
    const wish = await this.dataSource.getRepository(Wish).findOne({ where: { id } });
    if (!wish) throw AppError.notFound('心愿');
    const scope = await this.scope.of(user);
    if (!this.scope.serves(scope, wish)) throw AppError.notFound('心愿');
    const em = this.dataSource.manager;
    const [beneficiary, claimer, events, names] = await Promise.all([
      em.findOne(WishBeneficiary, { where: { id: wish.beneficiaryId } }),
      wish.claimerId ? em.findOne(User, { where: { id: wish.claimerId } }) : null,
      em.find(WishEvent, { where: { wishId: id }, order: { id: 'ASC' } }),
      this.communityNames([wish.communityId]),
    ]);
    const actors = await this.userNames(events.map((e) => e.actorId));
    const revealed = [beneficiary?.phone ? 'beneficiary' : null, claimer?.phone ? 'claimer' : null].filter(Boolean);
    if (beneficiary) await this.auditBeneficiaryView(user, 'wish', id, [beneficiary.id]);
    if (revealed.length) {
      await this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'phone.reveal', entityType: 'wish', entityId: id, data: { whose: revealed } });
    }
    const now = this.clock.now();
    return {
      ...this.card(wish, now, names, true, user.id),
      beneficiary: beneficiary
        ? { id: beneficiary.id, name: beneficiary.name, gender: beneficiary.gender, ageGroup: beneficiary.ageGroup, building: beneficiary.building, phone: beneficiary.phone, situation: beneficiary.situation }
        : null,
      claimer: claimer ? { id: claimer.id, name: claimer.name, phone: claimer.phone, isPartyMember: claimer.isPartyMember, branch: claimer.branch } : null,
      claimedAt: iso(wish.claimedAt),
      claimExpiresAt: iso(wish.claimExpiresAt),
      proofPhotos: photoViews(this.uploads, wish.proofPhotos),
      proofNote: wish.proofNote,
      fulfilledAt: iso(wish.fulfilledAt),
      confirmedAt: iso(wish.confirmedAt),
      lastReason: wish.lastReason,
      canReview: this.scope.isStaffOf(scope, wish.communityId),
      timeline: events.map((e) => ({
        action: e.action,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        label: WISH_STATUS_LABELS[e.toStatus],
        actorName: e.actorId ? actors.get(e.actorId) ?? null : '系统',
        reason: e.reason,
        at: iso(e.createdAt)!,
      })),
      actions: wishActions(wish.status, this.scope.standing(wish, user, scope), 'manage'),
    };
  }

  /**
   * A beneficiary's details were shown (the name in a list; name, address, health note and phone in a detail): one
   * audit row per beneficiary per view, like a phone reveal, saying where (`wish` + its id, `wish_list`, `beneficiary_list`).
   */
  async auditBeneficiaryView(user: AuthUser, via: 'wish' | 'wish_list' | 'beneficiary_list', wishId: number | null, beneficiaryIds: number[]) {
    await this.audit.recordEach(
      this.dataSource.manager,
      { actorId: user.id, actorRole: primaryRole(user.roles), action: 'beneficiary.view', entityType: 'wish_beneficiary', data: wishId ? { via, wishId } : { via } },
      [...new Set(beneficiaryIds)],
    );
  }

  /** Who and where the volunteer hands over to: the grid worker (who calls the beneficiary) at the service station. */
  async handoff(em: EntityManager, w: Wish): Promise<WishHandoff> {
    const [worker, community] = await Promise.all([em.findOne(User, { where: { id: w.handlerId } }), em.findOne(Community, { where: { id: w.communityId } })]);
    return {
      gridWorker: worker ? { name: worker.name, phone: worker.phone } : null,
      meetingPoint: community?.servicePoint ?? `${community?.name ?? ''}邻里空间服务站`,
    };
  }

  /** The only fields of a wish that ever leave the server for the public: nothing from the beneficiary record. */
  private card(w: Wish, now: Date, communityNames: Map<number, string>, seesPriority: boolean, viewerId?: number): WishCard {
    return {
      id: w.id,
      title: w.title,
      story: w.story,
      type: w.type,
      typeLabel: WISH_TYPE_LABELS[w.type],
      estimatedValue: w.estimatedValue,
      photos: photoViews(this.uploads, w.photos),
      wishBy: w.wishBy,
      daysLeft: daysLeft(w.wishBy, now),
      displayName: w.displayName,
      communityId: w.communityId,
      communityName: communityNames.get(w.communityId) ?? '',
      status: w.status,
      statusLabel: WISH_STATUS_LABELS[w.status],
      partyPriority: seesPriority ? w.partyPriority : false,
      claimedByMe: !!viewerId && w.claimerId === viewerId,
      publishedAt: iso(w.publishedAt),
    };
  }

  private async claimInfo(w: Wish): Promise<WishClaimInfo> {
    return {
      claimedAt: iso(w.claimedAt),
      expiresAt: w.status === 'claimed' ? iso(w.claimExpiresAt) : null,
      proofPhotos: photoViews(this.uploads, w.proofPhotos),
      proofNote: w.proofNote,
      lastReason: w.lastReason,
      handoff: await this.handoff(this.dataSource.manager, w),
    };
  }

  private async seesPartyPriority(viewer: AuthUser | undefined) {
    if (!viewer) return false;
    if (viewer.roles.some((r) => r === 'staff' || r === 'admin' || r === 'grid_worker')) return true;
    const u = await this.dataSource.getRepository(User).findOne({ where: { id: viewer.id } });
    return !!u?.isPartyMember;
  }

  private async communityNames(ids: number[]) {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map<number, string>();
    const rows = await this.dataSource.getRepository(Community).find({ where: { id: In(unique) } });
    return new Map(rows.map((c) => [c.id, c.name]));
  }

  private async userNames(ids: Array<number | null>) {
    const unique = [...new Set(ids.filter((x): x is number => !!x))];
    if (!unique.length) return new Map<number, string>();
    const rows = await this.dataSource.getRepository(User).find({ where: { id: In(unique) } });
    return new Map(rows.map((u) => [u.id, u.name]));
  }
}
