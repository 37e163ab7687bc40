import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StaffCommunity } from '../users/user.entity';
import { Grid } from './place.entities';

/** The part of the map a person answers for. */
export interface Scope {
  isAdmin: boolean;
  /** the grids a grid worker is on duty for */
  gridIds: number[];
  /** the communities those grids are in */
  gridCommunityIds: number[];
  /** the communities a staff member supervises */
  communityIds: number[];
}

/**
 * Which grids and communities a person answers for (admin: all). Every "may this person see or handle that record"
 * question starts here. It lives with the map because it is read from the map's assignments — the grid's worker on
 * duty and a community's staff — and `users` stays the plain accounts everything else builds on.
 */
@Injectable()
export class ScopeService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async of(userId: number, roles: readonly string[]): Promise<Scope> {
    const isAdmin = roles.includes('admin');
    const grids = roles.includes('grid_worker') ? await this.dataSource.getRepository(Grid).find({ where: { workerId: userId } }) : [];
    const staff = roles.includes('staff') ? await this.dataSource.getRepository(StaffCommunity).find({ where: { userId } }) : [];
    return {
      isAdmin,
      gridIds: grids.map((g) => g.id),
      gridCommunityIds: [...new Set(grids.map((g) => g.communityId))],
      communityIds: staff.map((s) => s.communityId),
    };
  }
}
