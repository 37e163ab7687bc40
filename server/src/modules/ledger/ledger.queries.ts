import { Inject, Injectable } from '@nestjs/common';
import { DataSource, LessThan } from 'typeorm';
import { maskName, BranchReport, Leaderboard, MyLedger } from '@linli/domain';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import { Community } from '../places/place.entities';
import { User } from '../users/user.entity';
import { ScopeService } from '../places/scope.service';
import { Wish } from '../wishes/wish.entities';
import { LedgerEntry } from './ledger-entry.entity';
import { LedgerService } from './ledger.service';
import { entryView, rawDateIso, userNames } from './ledger.views';

const PAGE = 20;

/** Views over the append-only volunteer ledger: my hours, the 支部 report, the leaderboard. */
@Injectable()
export class LedgerQueries {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly scopes: ScopeService,
  ) {}

  async mine(user: AuthUser, cursor?: number): Promise<MyLedger> {
    const totals = await this.ledger.totals(this.dataSource.manager, user.id);
    const where = cursor ? { userId: user.id, id: LessThan(String(cursor)) } : { userId: user.id };
    const rows = await this.dataSource.getRepository(LedgerEntry).find({ where, order: { id: 'DESC' }, take: PAGE + 1 });
    const page = rows.slice(0, PAGE);
    const names = await userNames(this.dataSource, page.map((e) => e.confirmedBy));
    return {
      totals,
      items: page.map((e) => entryView(e, names)),
      nextCursor: rows.length > PAGE ? Number(page[page.length - 1].id) : null,
    };
  }

  /** 支部党员认领: which party members fulfilled which wishes, by branch, in the staff member's communities. */
  async branchReport(user: AuthUser, communityId?: number): Promise<BranchReport> {
    const scope = await this.scopes.of(user.id, user.roles);
    if (communityId && !scope.isAdmin && !scope.communityIds.includes(communityId)) throw new AppError('WISH_NOT_IN_SCOPE');
    const ids = communityId ? [communityId] : scope.isAdmin ? null : scope.communityIds;
    const qb = this.dataSource
      .getRepository(Wish)
      .createQueryBuilder('w')
      .innerJoin(User, 'u', 'u.id = w.claimerId')
      .select(['w.id AS id', 'w.title AS title', 'w.displayName AS displayName', 'w.confirmedAt AS confirmedAt', 'w.communityId AS communityId'])
      .addSelect(['u.id AS userId', 'u.name AS userName', 'u.branch AS branch'])
      .where("w.status = 'confirmed' AND u.isPartyMember = :pm", { pm: true });
    if (ids) qb.andWhere('w.communityId IN (:...ids)', { ids: ids.length ? ids : [-1] });
    const rows = await qb.orderBy('w.confirmedAt', 'DESC').limit(2000).getRawMany();
    type Member = BranchReport['branches'][number]['members'][number];
    const branches = new Map<string, Map<number, Member>>();
    for (const r of rows) {
      const branch = r.branch ?? '未登记支部';
      if (!branches.has(branch)) branches.set(branch, new Map());
      const members = branches.get(branch)!;
      const uid = Number(r.userId);
      if (!members.has(uid)) members.set(uid, { userId: uid, name: r.userName, wishes: [] });
      members.get(uid)!.wishes.push({ id: Number(r.id), title: r.title, displayName: r.displayName, confirmedAt: rawDateIso(r.confirmedAt) });
    }
    return {
      branches: [...branches.entries()].map(([branch, members]) => ({
        branch,
        wishCount: [...members.values()].reduce((n, m) => n + m.wishes.length, 0),
        members: [...members.values()],
      })),
    };
  }

  /** Hours by community, and the volunteers with the most hours (names masked) overall or in one community. */
  async leaderboard(communityId?: number): Promise<Leaderboard> {
    const byCommunity = await this.dataSource
      .getRepository(LedgerEntry)
      .createQueryBuilder('l')
      .select('l.communityId', 'communityId')
      .addSelect('SUM(l.centiHours)', 'ch')
      .addSelect('COUNT(DISTINCT l.userId)', 'volunteers')
      .where('l.communityId IS NOT NULL')
      .groupBy('l.communityId')
      .getRawMany();
    const communities = await this.dataSource.getRepository(Community).find();
    const cname = new Map(communities.map((c) => [c.id, c.name]));
    const qb = this.dataSource
      .getRepository(LedgerEntry)
      .createQueryBuilder('l')
      .select('l.userId', 'userId')
      .addSelect('SUM(l.centiHours)', 'ch')
      .addSelect('SUM(l.points)', 'pts');
    if (communityId) qb.where('l.communityId = :communityId', { communityId });
    const top = await qb.groupBy('l.userId').orderBy('ch', 'DESC').addOrderBy('l.userId', 'ASC').limit(20).getRawMany();
    const names = await userNames(this.dataSource, top.map((t) => Number(t.userId)));
    return {
      communities: byCommunity
        .map((r) => ({ communityId: Number(r.communityId), name: cname.get(Number(r.communityId)) ?? '', hours: Number(r.ch) / 100, volunteers: Number(r.volunteers) }))
        .sort((a, b) => b.hours - a.hours),
      volunteers: top
        .filter((t) => Number(t.ch) > 0)
        .map((t, i) => ({ rank: i + 1, name: maskName(names.get(Number(t.userId)) ?? '') ?? '', hours: Number(t.ch) / 100, points: Number(t.pts) })),
    };
  }
}
