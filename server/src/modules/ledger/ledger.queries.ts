import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, LessThan } from 'typeorm';
import { maskName, maskPhone } from '@linli/domain';
import type { BranchReport, Leaderboard, MyLedger, VolunteerLedger, VolunteerPage, VolunteerRow } from '@linli/domain';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import { Community } from '../places/place.entities';
import { User } from '../users/user.entity';
import { ScopeService } from '../places/scope.service';
import { Wish, WishVolunteer } from '../wishes/wish.entities';
import { LedgerAccess } from './ledger.access';
import { LedgerEntry } from './ledger-entry.entity';
import { LedgerService } from './ledger.service';
import { entryView, rawDateIso, userNames } from './ledger.views';

const PAGE = 20;

type Member = BranchReport['branches'][number]['members'][number];

/** Views over the append-only volunteer ledger: my hours, a volunteer's record, the 支部 report, the leaderboard. */
@Injectable()
export class LedgerQueries {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly scopes: ScopeService,
    private readonly access: LedgerAccess,
  ) {}

  async mine(user: AuthUser, cursor?: number): Promise<MyLedger> {
    const [page, vol, secretaryOf] = await Promise.all([
      this.entries(user.id, cursor),
      this.dataSource.getRepository(WishVolunteer).findOne({ where: { userId: user.id } }),
      this.access.secretaryOf(user.id),
    ]);
    return { ...page, idNumber: vol?.idNumberMasked ?? null, secretaryOf };
  }

  /** One volunteer's record: staff of their community and admin (who may correct it), or their branch's secretary. */
  async volunteer(viewer: AuthUser, userId: number, cursor?: number): Promise<VolunteerLedger> {
    const target = await this.dataSource.getRepository(User).findOne({ where: { id: userId } });
    if (!target) throw AppError.notFound('志愿者');
    const may = await this.access.toRecordOf(viewer, target);
    if (!may.manages && !may.secretary) throw AppError.forbidden('只能查看自己负责社区或本支部党员的志愿记录');
    const [page, vol, rows] = await Promise.all([
      this.entries(userId, cursor),
      this.dataSource.getRepository(WishVolunteer).findOne({ where: { userId } }),
      this.rows([target]),
    ]);
    return { ...page, volunteer: { ...rows[0], idNumber: vol?.idNumberMasked ?? null }, canCorrect: may.manages, canExport: may.manages };
  }

  /** Staff: the volunteers of their communities (admin: all), by name, newest account first. */
  async volunteers(viewer: AuthUser, q: { q?: string; communityId?: number; cursor?: number }): Promise<VolunteerPage> {
    const scope = await this.scopes.of(viewer.id, viewer.roles);
    if (q.communityId && !scope.isAdmin && !scope.communityIds.includes(q.communityId)) throw AppError.forbidden('只能查看自己负责社区的志愿者');
    const qb = this.dataSource.getRepository(User).createQueryBuilder('u').where('u.roles LIKE :v', { v: '%"volunteer"%' });
    const ids = q.communityId ? [q.communityId] : scope.isAdmin ? null : scope.communityIds;
    if (ids) qb.andWhere('u.communityId IN (:...ids)', { ids: ids.length ? ids : [-1] });
    const name = q.q?.replace(/[\\%_]/g, '').trim();
    if (name) qb.andWhere('u.name LIKE :name', { name: `%${name}%` });
    if (q.cursor) qb.andWhere('u.id < :cursor', { cursor: q.cursor });
    const users = await qb.orderBy('u.id', 'DESC').take(PAGE + 1).getMany();
    const page = users.slice(0, PAGE);
    return { items: await this.rows(page), nextCursor: users.length > PAGE ? page[page.length - 1].id : null };
  }

  /**
   * 支部党员认领: which party members fulfilled which wishes, and their hours. Staff see the branches whose members
   * fulfilled wishes of their communities (admin: all); a branch's secretary sees every member of their branch.
   */
  async branchReport(user: AuthUser, communityId?: number): Promise<BranchReport> {
    const isStaff = user.roles.includes('staff') || user.roles.includes('admin');
    if (isStaff) return this.staffBranchReport(user, communityId);
    const own = await this.access.secretaryOf(user.id);
    if (!own.length) throw AppError.forbidden('只有工作人员和支部书记可以查看支部党员认领');
    if (communityId) throw AppError.field('communityId', '支部书记查看本支部，无需选择社区');
    const members = await this.dataSource.getRepository(User).find({ where: { branch: In(own), isPartyMember: true }, order: { id: 'ASC' } });
    const wishes = members.length ? await this.confirmedWishes().andWhere('u.id IN (:...ids)', { ids: members.map((m) => m.id) }).getRawMany() : [];
    const hours = await this.hoursOf(members.map((m) => m.id));
    const byBranch = new Map<string, Map<number, Member>>(own.map((b) => [b, new Map()]));
    for (const m of members) byBranch.get(m.branch!)?.set(m.id, { userId: m.id, name: m.name, hours: hours.get(m.id) ?? 0, wishes: [] });
    for (const r of wishes) byBranch.get(r.branch)?.get(Number(r.userId))?.wishes.push(wishRef(r));
    return { viewer: 'secretary', branches: summarise(byBranch) };
  }

  private async staffBranchReport(user: AuthUser, communityId?: number): Promise<BranchReport> {
    const scope = await this.scopes.of(user.id, user.roles);
    if (communityId && !scope.isAdmin && !scope.communityIds.includes(communityId)) throw new AppError('WISH_NOT_IN_SCOPE');
    const ids = communityId ? [communityId] : scope.isAdmin ? null : scope.communityIds;
    const qb = this.confirmedWishes();
    if (ids) qb.andWhere('w.communityId IN (:...ids)', { ids: ids.length ? ids : [-1] });
    const rows = await qb.limit(2000).getRawMany();
    const hours = await this.hoursOf(rows.map((r) => Number(r.userId)));
    const branches = new Map<string, Map<number, Member>>();
    for (const r of rows) {
      const branch = r.branch ?? '未登记支部';
      if (!branches.has(branch)) branches.set(branch, new Map());
      const members = branches.get(branch)!;
      const uid = Number(r.userId);
      if (!members.has(uid)) members.set(uid, { userId: uid, name: r.userName, hours: hours.get(uid) ?? 0, wishes: [] });
      members.get(uid)!.wishes.push(wishRef(r));
    }
    return { viewer: 'staff', branches: summarise(branches) };
  }

  private confirmedWishes() {
    return this.dataSource
      .getRepository(Wish)
      .createQueryBuilder('w')
      .innerJoin(User, 'u', 'u.id = w.claimerId')
      .select(['w.id AS id', 'w.title AS title', 'w.displayName AS displayName', 'w.confirmedAt AS confirmedAt', 'w.communityId AS communityId'])
      .addSelect(['u.id AS userId', 'u.name AS userName', 'u.branch AS branch'])
      .where("w.status = 'confirmed' AND u.isPartyMember = :pm", { pm: true })
      .orderBy('w.confirmedAt', 'DESC');
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

  /** A volunteer's totals and one page of entries, newest first, keyset by entry id. */
  private async entries(userId: number, cursor?: number) {
    const totals = await this.ledger.totals(this.dataSource.manager, userId);
    const where = cursor ? { userId, id: LessThan(String(cursor)) } : { userId };
    const rows = await this.dataSource.getRepository(LedgerEntry).find({ where, order: { id: 'DESC' }, take: PAGE + 1 });
    const page = rows.slice(0, PAGE);
    const names = await userNames(this.dataSource, page.map((e) => e.confirmedBy));
    return { totals, items: page.map((e) => entryView(e, names)), nextCursor: rows.length > PAGE ? Number(page[page.length - 1].id) : null };
  }

  private async rows(users: User[]): Promise<VolunteerRow[]> {
    if (!users.length) return [];
    const ids = users.map((u) => u.id);
    const sums = await this.dataSource
      .getRepository(LedgerEntry)
      .createQueryBuilder('l')
      .select('l.userId', 'userId')
      .addSelect('SUM(l.centiHours)', 'ch')
      .addSelect('SUM(l.points)', 'pts')
      .where('l.userId IN (:...ids)', { ids })
      .groupBy('l.userId')
      .getRawMany();
    const by = new Map(sums.map((s) => [Number(s.userId), s]));
    const cids = [...new Set(users.map((u) => u.communityId).filter((c): c is number => !!c))];
    const communities = cids.length ? await this.dataSource.getRepository(Community).find({ where: { id: In(cids) } }) : [];
    const cname = new Map(communities.map((c) => [c.id, c.name]));
    return users.map((u) => ({
      userId: u.id,
      name: u.name,
      phone: maskPhone(u.phone),
      communityName: u.communityId ? cname.get(u.communityId) ?? null : null,
      isPartyMember: u.isPartyMember,
      branch: u.branch,
      hours: Number(by.get(u.id)?.ch ?? 0) / 100,
      points: Number(by.get(u.id)?.pts ?? 0),
    }));
  }

  private async hoursOf(userIds: number[]): Promise<Map<number, number>> {
    const ids = [...new Set(userIds)];
    if (!ids.length) return new Map();
    const sums = await this.dataSource
      .getRepository(LedgerEntry)
      .createQueryBuilder('l')
      .select('l.userId', 'userId')
      .addSelect('SUM(l.centiHours)', 'ch')
      .where('l.userId IN (:...ids)', { ids })
      .groupBy('l.userId')
      .getRawMany();
    return new Map(sums.map((s) => [Number(s.userId), Number(s.ch) / 100]));
  }
}

function wishRef(r: any) {
  return { id: Number(r.id), title: r.title, displayName: r.displayName, confirmedAt: rawDateIso(r.confirmedAt) };
}

function summarise(branches: Map<string, Map<number, Member>>): BranchReport['branches'] {
  return [...branches.entries()].map(([branch, members]) => {
    const list = [...members.values()];
    return {
      branch,
      wishCount: list.reduce((n, m) => n + m.wishes.length, 0),
      hours: Math.round(list.reduce((n, m) => n + m.hours, 0) * 100) / 100,
      members: list,
    };
  });
}
