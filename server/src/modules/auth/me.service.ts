import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { DEFAULT_WECHAT_NAME, maskPhone, profileMissing, Role } from '@linli/domain';
import { AppError } from '../../common/errors/app-error';
import { TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { User } from '../users/user.entity';
import { Community, Grid } from '../places/place.entities';
import { StaffCommunity } from '../users/user.entity';
import { UsersService } from '../users/users.service';

/** Who I am, as a login answers it and `GET /api/me` repeats it: the account and where it stands on the map. */
export interface UserView {
  id: number;
  name: string;
  roles: Role[];
  phone: string | null;
  isPartyMember: boolean;
  branch: string | null;
  communityId: number | null;
  communityName: string | null;
  /** 楼栋门牌 */
  building: string | null;
  /** what the profile still lacks: a real name; for a resident the community and building too */
  profileMissing: Array<'name' | 'communityId' | 'building'>;
  grids: Array<{ id: number; name: string; communityId: number }>;
  communities: Array<{ id: number; name: string }>;
}

@Injectable()
export class MeService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
  ) {}

  /** 完善资料: a name instead of 微信用户, and for a resident where they live. */
  async update(id: number, dto: { name?: string; communityId?: number; building?: string }): Promise<UserView> {
    const patch: Partial<User> = {};
    if (dto.name !== undefined) {
      const name = dto.name.trim();
      if (name === DEFAULT_WECHAT_NAME) throw AppError.field('name', '请填写您的真实称呼，方便工作人员联系');
      patch.name = name;
    }
    if (dto.communityId !== undefined) {
      if (!(await this.dataSource.getRepository(Community).findOne({ where: { id: dto.communityId } }))) throw AppError.field('communityId', '所选社区不存在');
      patch.communityId = dto.communityId;
    }
    if (dto.building !== undefined) patch.building = dto.building.trim() || null;
    if (Object.keys(patch).length) {
      await this.tx.run(async (em) => {
        const before = await em.findOneByOrFail(User, { id });
        await em.update(User, { id }, patch);
        await this.audit.record(em, {
          actorId: id,
          actorRole: 'resident',
          action: 'user.update_profile',
          entityType: 'user',
          entityId: id,
          data: { fields: Object.keys(patch), communityFrom: patch.communityId !== undefined ? before.communityId : undefined },
        });
      });
    }
    return this.view(id);
  }

  async view(id: number): Promise<UserView> {
    const user = await this.users.get(id);
    const [grids, staffLinks, community] = await Promise.all([
      this.dataSource.getRepository(Grid).find({ where: { workerId: id }, order: { id: 'ASC' } }),
      this.dataSource.getRepository(StaffCommunity).find({ where: { userId: id } }),
      user.communityId ? this.dataSource.getRepository(Community).findOne({ where: { id: user.communityId } }) : null,
    ]);
    const communities = staffLinks.length
      ? await this.dataSource.getRepository(Community).find({ where: { id: In(staffLinks.map((s) => s.communityId)) }, order: { id: 'ASC' } })
      : [];
    return {
      id: user.id,
      name: user.name,
      roles: user.roles,
      // Your own number, still masked on screen; it is shown in full only where someone needs to call you.
      phone: maskPhone(user.phone),
      isPartyMember: user.isPartyMember,
      branch: user.branch,
      communityId: user.communityId,
      communityName: community?.name ?? null,
      building: user.building,
      profileMissing: profileMissing(user),
      grids: grids.map((g) => ({ id: g.id, name: g.name, communityId: g.communityId })),
      communities: communities.map((c) => ({ id: c.id, name: c.name })),
    };
  }
}
