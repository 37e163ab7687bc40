import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { isValidScene, primaryRole, randomSceneCode, ResolvedScene } from '@linli/domain';
import { AppError } from '../../common/errors/app-error';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { User } from '../users/user.entity';
import { Community, Grid, Point, Street } from './place.entities';
import { AssignWorkerDto, CreateCommunityDto, CreateGridDto, CreatePointDto } from './places.dto';
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
  ) {}

  /** The code is the location: point, grid, community, street and the grid worker on duty. */
  async resolveScene(scene: string): Promise<ResolvedScene> {
    if (!isValidScene(scene)) throw new AppError('PLACE_SCENE_INVALID');
    const point = await this.dataSource.getRepository(Point).findOne({ where: { scene, active: true } });
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
      .filter((s) => s.communities.length);
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
      let scene = dto.scene;
      if (scene) {
        if (await em.findOne(Point, { where: { scene } })) throw new AppError('PLACE_SCENE_TAKEN', undefined, { scene: ['该点位编码已被使用'] });
      } else {
        do scene = randomSceneCode('p', 6);
        while (await em.findOne(Point, { where: { scene } }));
      }
      const point = await em.save(em.create(Point, { gridId: grid.id, name: dto.name, kind: dto.kind, address: dto.address ?? null, scene, active: true }));
      await this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'point.create', entityType: 'point', entityId: point.id, data: { scene } });
      return point;
    });
  }

  async createCommunity(user: AuthUser, dto: CreateCommunityDto) {
    if (!(await this.dataSource.getRepository(Street).findOne({ where: { id: dto.streetId } }))) throw AppError.field('streetId', '街道不存在');
    return this.tx.run(async (em) => {
      const c = await em.save(em.create(Community, { streetId: dto.streetId, name: dto.name, kind: dto.kind, servicePoint: dto.servicePoint ?? null }));
      await this.audit.record(em, { actorId: user.id, actorRole: 'admin', action: 'community.create', entityType: 'community', entityId: c.id });
      return c;
    });
  }

  async createGrid(user: AuthUser, dto: CreateGridDto) {
    await this.assertCommunityScope(user, dto.communityId);
    if (dto.workerId) await this.assertGridWorker(dto.workerId);
    return this.tx.run(async (em) => {
      const g = await em.save(em.create(Grid, { communityId: dto.communityId, name: dto.name, workerId: dto.workerId ?? null }));
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
    const point = await this.dataSource.getRepository(Point).findOne({ where: { id: pointId } });
    if (!point) throw AppError.notFound('点位');
    const grid = await this.dataSource.getRepository(Grid).findOneOrFail({ where: { id: point.gridId } });
    await this.assertCommunityScope(user, grid.communityId);
    return this.qrcodes.scenePng(point.scene, origin, width);
  }
}
