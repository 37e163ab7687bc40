import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { type BranchView } from '@linli/domain';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import { TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { Community } from '../places/place.entities';
import { User } from '../users/user.entity';
import { BranchDto } from './people.dto';
import { Branch } from './people.entities';

/** The admin's list of 党支部; a party member's `users.branch` names one of them. */
@Injectable()
export class BranchesService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<BranchView[]> {
    const rows = await this.dataSource.getRepository(Branch).find({ order: { name: 'ASC' } });
    return this.views(rows);
  }

  async create(user: AuthUser, dto: BranchDto): Promise<BranchView> {
    await this.check(dto, null);
    const id = await this.tx.run(async (em) => {
      const row = await em.save(em.create(Branch, { name: dto.name.trim(), communityId: dto.communityId ?? null, secretaryId: dto.secretaryId ?? null }));
      await this.audit.record(em, { actorId: user.id, actorRole: 'admin', action: 'branch.create', entityType: 'branch', entityId: row.id, data: { name: row.name } });
      return row.id;
    });
    return (await this.views([await this.dataSource.getRepository(Branch).findOneByOrFail({ id })]))[0];
  }

  /** Renaming a branch renames it on its members too, in the same transaction. */
  async update(user: AuthUser, id: number, dto: BranchDto): Promise<BranchView> {
    const row = await this.dataSource.getRepository(Branch).findOneBy({ id });
    if (!row) throw AppError.notFound('党支部');
    await this.check(dto, id);
    const name = dto.name.trim();
    await this.tx.run(async (em) => {
      await em.update(Branch, { id }, { name, communityId: dto.communityId ?? null, secretaryId: dto.secretaryId ?? null });
      if (name !== row.name) await em.update(User, { branch: row.name }, { branch: name });
      await this.audit.record(em, { actorId: user.id, actorRole: 'admin', action: 'branch.update', entityType: 'branch', entityId: id, data: { from: { name: row.name, secretaryId: row.secretaryId }, to: { name, secretaryId: dto.secretaryId ?? null } } });
    });
    return (await this.views([await this.dataSource.getRepository(Branch).findOneByOrFail({ id })]))[0];
  }

  private async check(dto: BranchDto, id: number | null) {
    const same = await this.dataSource.getRepository(Branch).findOneBy({ name: dto.name.trim() });
    if (same && same.id !== id) throw AppError.field('name', '已有同名的党支部');
    if (dto.communityId && !(await this.dataSource.getRepository(Community).findOneBy({ id: dto.communityId }))) throw AppError.field('communityId', '社区不存在');
    if (dto.secretaryId) {
      const s = await this.dataSource.getRepository(User).findOneBy({ id: dto.secretaryId });
      if (!s || !s.isPartyMember) throw AppError.field('secretaryId', '支部书记须为已登记的党员');
    }
  }

  private async views(rows: Branch[]): Promise<BranchView[]> {
    if (!rows.length) return [];
    const [secretaries, communities, counts] = await Promise.all([
      this.dataSource.getRepository(User).find({ where: { id: In(rows.map((r) => r.secretaryId ?? -1)) } }),
      this.dataSource.getRepository(Community).find({ where: { id: In(rows.map((r) => r.communityId ?? -1)) } }),
      this.dataSource
        .getRepository(User)
        .createQueryBuilder('u')
        .select('u.branch', 'branch')
        .addSelect('COUNT(*)', 'n')
        .where('u.isPartyMember = :t AND u.branch IN (:...names)', { t: true, names: rows.map((r) => r.name) })
        .groupBy('u.branch')
        .getRawMany<{ branch: string; n: string | number }>(),
    ]);
    return rows.map((r) => {
      const s = secretaries.find((x) => x.id === r.secretaryId);
      return {
        id: r.id,
        name: r.name,
        communityId: r.communityId,
        communityName: communities.find((c) => c.id === r.communityId)?.name ?? null,
        secretary: s ? { id: s.id, name: s.name } : null,
        members: Number(counts.find((c) => c.branch === r.name)?.n ?? 0),
      };
    });
  }
}
