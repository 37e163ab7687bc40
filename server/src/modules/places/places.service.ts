import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { isValidScene, pointSceneKey, primaryRole, randomSceneCode, sceneKind, type CommunityOption, type CursorPage, type PointView, type ResolvedScene, type StickerView } from '@linli/domain';
import { AppError } from '../../common/errors/app-error';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { QR_URL_SECONDS, SignedUrls, type SignedUrl } from '../../common/signed-urls/signed-urls';
import { User } from '../users/user.entity';
import { Community, Grid, Point, Street } from './place.entities';
import { AssignWorkerDto, CreateCommunityDto, CreateGridDto, CreatePointDto, CreateStreetDto, PointListQuery, UpdateCommunityDto, UpdateGridDto, UpdatePointDto } from './places.dto';
import { QrCodeService } from './qrcode.service';
import { ScopeService } from './scope.service';

export { SCAN_LANDING_PAGE } from './qrcode.service';

@Injectable()
export class PlacesService {
  private readonly logger = new Logger('Places');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly qrcodes: QrCodeService,
    private readonly scopes: ScopeService,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly signedUrls: SignedUrls,
  ) {}

  /** The code is the location: point, grid, community, street and the grid worker on duty. */
  async resolveScene(scene: string): Promise<ResolvedScene> {
    // Compared case-insensitively and with full-width folded: a phone capitalises `Hy2-b12`, a Chinese keyboard types `－`.
    const key = pointSceneKey(scene);
    if (!isValidScene(key)) throw new AppError('PLACE_SCENE_INVALID');
    // Stored in lower case (createPoint folds a custom code), so the unique index answers: no LOWER() on the column.
    const point = await this.dataSource.getRepository(Point).findOne({ where: { scene: key, active: true } });
    if (!point) throw new AppError('PLACE_SCENE_INVALID');
    return this.describePoint(point);
  }

  async describePoint(point: Point): Promise<ResolvedScene> {
    const grid = await this.dataSource.getRepository(Grid).findOneOrFail({ where: { id: point.gridId } });
    const community = await this.dataSource.getRepository(Community).findOneOrFail({ where: { id: grid.communityId } });
    const street = await this.dataSource.getRepository(Street).findOneOrFail({ where: { id: community.streetId } });
    const worker = grid.workerId ? await this.dataSource.getRepository(User).findOne({ where: { id: grid.workerId } }) : null;
    return {
      scene: point.scene,
      point: { id: point.id, name: point.name, kind: point.kind, address: point.address },
      grid: { id: grid.id, name: grid.name },
      community: { id: community.id, name: community.name, kind: community.kind },
      street: { id: street.id, name: street.name },
      // A resident may call their grid worker, but the number printed on a public sticker is masked here;
      // the full number appears only to the roles that dispatch work.
      gridWorker: worker ? { id: worker.id, name: worker.name, phone: worker.phone ? worker.phone.replace(/^(\d{3})\d{4}(\d{4})$/, '$1****$2') : null } : null,
    };
  }

  async tree(user: AuthUser) {
    const scope = await this.scopes.of(user.id, user.roles);
    const communities = await this.dataSource.getRepository(Community).find({
      where: scope.isAdmin ? {} : { id: In(scope.communityIds.length ? scope.communityIds : [-1]) },
      order: { id: 'ASC' },
    });
    const communityIds = communities.map((c) => c.id);
    const grids = communityIds.length ? await this.dataSource.getRepository(Grid).find({ where: { communityId: In(communityIds) }, order: { id: 'ASC' } }) : [];
    const points = grids.length ? await this.dataSource.getRepository(Point).find({ where: { gridId: In(grids.map((g) => g.id)) }, order: { id: 'ASC' } }) : [];
    const workers = await this.dataSource.getRepository(User).find({ where: { id: In(grids.map((g) => g.workerId).filter((x): x is number => !!x).concat(-1)) } });
    const workerById = new Map(workers.map((w) => [w.id, w]));
    const streets = await this.dataSource.getRepository(Street).find({ order: { id: 'ASC' } });
    return streets
      .map((s) => ({
        id: s.id,
        name: s.name,
        communities: communities
          .filter((c) => c.streetId === s.id)
          .map((c) => ({
            id: c.id,
            name: c.name,
            kind: c.kind,
            grids: grids
              .filter((g) => g.communityId === c.id)
              .map((g) => ({
                id: g.id,
                name: g.name,
                worker: g.workerId && workerById.has(g.workerId) ? { id: g.workerId, name: workerById.get(g.workerId)!.name } : null,
                points: points.filter((p) => p.gridId === g.id).map((p) => ({ id: p.id, name: p.name, kind: p.kind, scene: p.scene, address: p.address, active: p.active })),
              })),
          })),
      }))
      // The admin sees a street before it has communities (they are about to add them); staff only their own.
      .filter((s) => scope.isAdmin || s.communities.length);
  }

  /** Staff manage points in their communities; admin everywhere. */
  private async assertCommunityScope(user: AuthUser, communityId: number) {
    const scope = await this.scopes.of(user.id, user.roles);
    if (!scope.isAdmin && !scope.communityIds.includes(communityId)) throw AppError.forbidden('只能管理自己负责社区的点位');
  }

  async createPoint(user: AuthUser, dto: CreatePointDto) {
    const grid = await this.dataSource.getRepository(Grid).findOne({ where: { id: dto.gridId } });
    if (!grid) throw AppError.field('gridId', '网格不存在');
    await this.assertCommunityScope(user, grid.communityId);
    return this.tx.run(async (em) => {
      // Kept in lower case: codes are read case-insensitively (pointSceneKey), and then one index lookup finds them.
      let scene = dto.scene ? pointSceneKey(dto.scene) : undefined;
      if (scene && sceneKind(scene) !== 'point') throw AppError.field('scene', '点位编码不能以 a. 或 i. 开头（那是活动签到码和邀请码）');
      if (scene) {
        if (await em.findOne(Point, { where: { scene } })) throw new AppError('PLACE_SCENE_TAKEN', undefined, { scene: ['该点位编码已被使用'] });
      } else {
        do scene = randomSceneCode('p', 6);
        while (await em.findOne(Point, { where: { scene } }));
      }
      if ((dto.lat === undefined) !== (dto.lng === undefined)) throw AppError.field(dto.lat === undefined ? 'lat' : 'lng', '经纬度须同时填写');
      const point = await em.save(em.create(Point, { gridId: grid.id, name: dto.name.trim(), kind: dto.kind, address: dto.address?.trim() || null, scene, lat: dto.lat ?? null, lng: dto.lng ?? null, active: true }));
      await this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'point.create', entityType: 'point', entityId: point.id, data: { scene } });
      return point;
    });
  }

  /** The 街道 itself: the first thing an admin creates on an empty database. */
  async createStreet(user: AuthUser, dto: CreateStreetDto) {
    return this.tx.run(async (em) => {
      const s = await em.save(em.create(Street, { name: dto.name.trim(), district: dto.district?.trim() || null }));
      await this.audit.record(em, { actorId: user.id, actorRole: 'admin', action: 'street.create', entityType: 'street', entityId: s.id, data: { name: s.name } });
      return s;
    });
  }

  async updateStreet(user: AuthUser, id: number, dto: CreateStreetDto) {
    const street = await this.dataSource.getRepository(Street).findOne({ where: { id } });
    if (!street) throw AppError.notFound('街道');
    return this.tx.run(async (em) => {
      await em.update(Street, { id }, { name: dto.name.trim(), district: dto.district?.trim() || null });
      await this.audit.record(em, { actorId: user.id, actorRole: 'admin', action: 'street.update', entityType: 'street', entityId: id, data: { from: street.name, to: dto.name.trim() } });
      return em.findOneByOrFail(Street, { id });
    });
  }

  async updateCommunity(user: AuthUser, id: number, dto: UpdateCommunityDto) {
    const c = await this.dataSource.getRepository(Community).findOne({ where: { id } });
    if (!c) throw AppError.notFound('社区');
    await this.assertCommunityScope(user, id);
    const patch = clean({ name: dto.name?.trim(), kind: dto.kind, servicePoint: dto.servicePoint === undefined ? undefined : dto.servicePoint.trim() || null });
    return this.tx.run(async (em) => {
      if (Object.keys(patch).length) await em.update(Community, { id }, patch);
      await this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'community.update', entityType: 'community', entityId: id, data: { fields: Object.keys(patch) } });
      return em.findOneByOrFail(Community, { id });
    });
  }

  async updateGrid(user: AuthUser, id: number, dto: UpdateGridDto) {
    const g = await this.dataSource.getRepository(Grid).findOne({ where: { id } });
    if (!g) throw AppError.notFound('网格');
    await this.assertCommunityScope(user, g.communityId);
    return this.tx.run(async (em) => {
      await em.update(Grid, { id }, { name: dto.name.trim() });
      await this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'grid.update', entityType: 'grid', entityId: id, data: { from: g.name, to: dto.name.trim() } });
      return em.findOneByOrFail(Grid, { id });
    });
  }

  async updatePoint(user: AuthUser, id: number, dto: UpdatePointDto): Promise<PointView> {
    const p = await this.dataSource.getRepository(Point).findOne({ where: { id } });
    if (!p) throw AppError.notFound('点位');
    const grid = await this.dataSource.getRepository(Grid).findOneOrFail({ where: { id: p.gridId } });
    await this.assertCommunityScope(user, grid.communityId);
    if ((dto.lat === undefined) !== (dto.lng === undefined)) throw AppError.field(dto.lat === undefined ? 'lat' : 'lng', '经纬度须同时填写');
    const patch = clean({ name: dto.name?.trim(), kind: dto.kind, address: dto.address === undefined ? undefined : dto.address.trim() || null, lat: dto.lat, lng: dto.lng, active: dto.active });
    return this.tx.run(async (em) => {
      if (Object.keys(patch).length) await em.update(Point, { id }, patch);
      await this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'point.update', entityType: 'point', entityId: id, data: { fields: Object.keys(patch), active: dto.active } });
      return pointView(await em.findOneByOrFail(Point, { id }));
    });
  }

  /** A grid's points, a keyset page at a time (a street has thousands). */
  async points(user: AuthUser, q: PointListQuery, size = 20): Promise<CursorPage<PointView>> {
    const grid = await this.dataSource.getRepository(Grid).findOne({ where: { id: q.gridId } });
    if (!grid) throw AppError.field('gridId', '网格不存在');
    await this.assertCommunityScope(user, grid.communityId);
    const qb = this.dataSource.getRepository(Point).createQueryBuilder('p').where('p.gridId = :g', { g: grid.id }).orderBy('p.id', 'ASC').take(size + 1);
    if (q.cursor) qb.andWhere('p.id > :cursor', { cursor: Number(q.cursor) });
    const rows = await qb.getMany();
    const page = rows.slice(0, size);
    return { items: page.map(pointView), nextCursor: rows.length > size ? String(page[page.length - 1].id) : null };
  }

  /** One A4 sheet of stickers (12): each point with its code as an image. */
  async sheet(user: AuthUser, q: PointListQuery, origin: string): Promise<CursorPage<StickerView>> {
    const page = await this.points(user, q, 12);
    const grid = await this.dataSource.getRepository(Grid).findOneOrFail({ where: { id: q.gridId } });
    const community = await this.dataSource.getRepository(Community).findOneOrFail({ where: { id: grid.communityId } });
    const items: StickerView[] = [];
    for (const p of page.items.filter((x) => x.active)) {
      const png = await this.qrcodes.scenePng(p.scene, origin, 430);
      const mime = png[0] === 0xff && png[1] === 0xd8 ? 'image/jpeg' : 'image/png';
      items.push({ ...p, communityName: community.name, gridName: grid.name, qr: `data:${mime};base64,${png.toString('base64')}` });
    }
    return { items, nextCursor: page.nextCursor };
  }

  /** For 完善资料: every community and village of the street(s), by name. */
  async communityOptions(): Promise<CommunityOption[]> {
    const [streets, communities] = await Promise.all([
      this.dataSource.getRepository(Street).find(),
      this.dataSource.getRepository(Community).find({ order: { streetId: 'ASC', id: 'ASC' } }),
    ]);
    return communities.map((c) => ({ id: c.id, name: c.name, kind: c.kind, streetName: streets.find((s) => s.id === c.streetId)?.name ?? '' }));
  }

  async createCommunity(user: AuthUser, dto: CreateCommunityDto) {
    if (!(await this.dataSource.getRepository(Street).findOne({ where: { id: dto.streetId } }))) throw AppError.field('streetId', '街道不存在');
    return this.tx.run(async (em) => {
      const c = await em.save(em.create(Community, { streetId: dto.streetId, name: dto.name.trim(), kind: dto.kind, servicePoint: dto.servicePoint?.trim() || null }));
      await this.audit.record(em, { actorId: user.id, actorRole: 'admin', action: 'community.create', entityType: 'community', entityId: c.id });
      return c;
    });
  }

  async createGrid(user: AuthUser, dto: CreateGridDto) {
    if (!(await this.dataSource.getRepository(Community).findOne({ where: { id: dto.communityId } }))) throw AppError.field('communityId', '社区不存在');
    await this.assertCommunityScope(user, dto.communityId);
    if (dto.workerId) await this.assertGridWorker(dto.workerId);
    return this.tx.run(async (em) => {
      const g = await em.save(em.create(Grid, { communityId: dto.communityId, name: dto.name.trim(), workerId: dto.workerId ?? null }));
      await this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'grid.create', entityType: 'grid', entityId: g.id });
      return g;
    });
  }

  async assignWorker(user: AuthUser, gridId: number, dto: AssignWorkerDto) {
    const grid = await this.dataSource.getRepository(Grid).findOne({ where: { id: gridId } });
    if (!grid) throw AppError.notFound('网格');
    await this.assertCommunityScope(user, grid.communityId);
    if (dto.workerId) await this.assertGridWorker(dto.workerId);
    return this.tx.run(async (em) => {
      await em.update(Grid, { id: gridId }, { workerId: dto.workerId ?? null });
      await this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'grid.assign_worker', entityType: 'grid', entityId: gridId, data: { from: grid.workerId, to: dto.workerId ?? null } });
      return { id: gridId, workerId: dto.workerId ?? null };
    });
  }

  private async assertGridWorker(userId: number) {
    const u = await this.dataSource.getRepository(User).findOne({ where: { id: userId } });
    if (!u || !u.roles.includes('grid_worker')) throw AppError.field('workerId', '该用户不是网格员');
  }

  /** The printable code for a point's sticker (see QrCodeService). */
  async pointQrPng(user: AuthUser, pointId: number, origin: string, width = 430): Promise<Buffer> {
    const point = await this.printablePoint(user, pointId);
    return this.qrcodes.scenePng(point.scene, origin, width);
  }

  /** The sticker's image address for an <Image>, which cannot send the login: signed for this person, minutes long. */
  async pointQrUrl(user: AuthUser, pointId: number): Promise<SignedUrl> {
    await this.printablePoint(user, pointId);
    return this.signedUrls.sign(`/api/places/points/${pointId}/qrcode.png`, QR_URL_SECONDS, user.id);
  }

  private async printablePoint(user: AuthUser, pointId: number): Promise<Point> {
    const point = await this.dataSource.getRepository(Point).findOne({ where: { id: pointId } });
    if (!point) throw AppError.notFound('点位');
    const grid = await this.dataSource.getRepository(Grid).findOneOrFail({ where: { id: point.gridId } });
    await this.assertCommunityScope(user, grid.communityId);
    return point;
  }
}

function pointView(p: Point): PointView {
  return { id: p.id, gridId: p.gridId, name: p.name, kind: p.kind, address: p.address, scene: p.scene, lat: p.lat, lng: p.lng, active: p.active };
}

/** Only the fields that were sent. */
function clean<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
