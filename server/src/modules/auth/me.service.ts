import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { maskPhone, Role } from '@linli/domain';
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
  grids: Array<{ id: number; name: string; communityId: number }>;
  communities: Array<{ id: number; name: string }>;
}

@Injectable()
export class MeService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly users: UsersService,
  ) {}

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
      grids: grids.map((g) => ({ id: g.id, name: g.name, communityId: g.communityId })),
      communities: communities.map((c) => ({ id: c.id, name: c.name })),
    };
  }
}
