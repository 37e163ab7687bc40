import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { Branch } from '../people/people.entities';
import { ScopeService } from '../places/scope.service';
import type { User } from '../users/user.entity';

/** What the viewer may do with one volunteer's record. */
export interface RecordAccess {
  /** admin, or staff of the volunteer's community: corrections and the 志愿服务记录 download */
  manages: boolean;
  /** the 支部书记 of the volunteer's branch: reads the record */
  secretary: boolean;
  self: boolean;
}

/**
 * Who reads whose volunteer record. A volunteer's community is the one on their profile (`users.communityId`);
 * their 支部 is `users.branch` (the name of a row in `branches`, whose `secretaryId` is the secretary).
 */
@Injectable()
export class LedgerAccess {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly scopes: ScopeService,
  ) {}

  /** The names of the branches this person is the secretary of. */
  async secretaryOf(userId: number): Promise<string[]> {
    const rows = await this.dataSource.getRepository(Branch).find({ where: { secretaryId: userId }, order: { id: 'ASC' } });
    return rows.map((b) => b.name);
  }

  async toRecordOf(viewer: AuthUser, target: Pick<User, 'id' | 'communityId' | 'branch' | 'isPartyMember'>): Promise<RecordAccess> {
    const self = viewer.id === target.id;
    let manages = viewer.roles.includes('admin');
    if (!manages && viewer.roles.includes('staff') && target.communityId) {
      manages = (await this.scopes.of(viewer.id, viewer.roles)).communityIds.includes(target.communityId);
    }
    let secretary = false;
    if (target.isPartyMember && target.branch) {
      secretary = (await this.dataSource.getRepository(Branch).count({ where: { name: In([target.branch]), secretaryId: viewer.id } })) > 0;
    }
    return { manages, secretary, self };
  }
}
