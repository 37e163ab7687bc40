import { Inject, Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { DataSource, In, LessThan } from 'typeorm';
import { maskIdNumber, maskName, shanghaiDate } from '@linli/domain';
import { Clock } from '../../common/clock';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import { TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { LedgerEntry } from '../ledger/ledger-entry.entity';
import { LedgerService } from '../ledger/ledger.service';
import { Community } from '../places/place.entities';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { CorrectionDto } from './wishes.dto';
import { Wish, WishVolunteer } from './wish.entities';

/** A raw-query datetime: mysql2 gives a Date, SQLite the UTC text TypeORM wrote. */
function rawDateIso(v: unknown): string | null {
  if (!v) return null;
  if (v instanceof Date) return v.toISOString();
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`).toISOString();
}

const SOURCE_LABELS: Record<string, string> = { wish: '微心愿', activity: '志愿活动', correction: '更正' };

/** Views over the append-only volunteer ledger: my hours, the 支部 report, the leaderboard, the 67号令 export. */
@Injectable()
export class WishLedgerService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly users: UsersService,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async mine(user: AuthUser, cursor?: number) {
    const totals = await this.ledger.totals(this.dataSource.manager, user.id);
    const where = cursor ? { userId: user.id, id: LessThan(String(cursor)) } : { userId: user.id };
    const rows = await this.dataSource.getRepository(LedgerEntry).find({ where, order: { id: 'DESC' }, take: 21 });
    const page = rows.slice(0, 20);
    const names = await this.userNames(page.map((e) => e.confirmedBy));
    return {
      totals,
      items: page.map((e) => this.entryView(e, names)),
      nextCursor: rows.length > 20 ? Number(page[page.length - 1].id) : null,
    };
  }

  private entryView(e: LedgerEntry, names: Map<number, string>) {
    return {
      id: Number(e.id),
      source: e.source,
      sourceLabel: SOURCE_LABELS[e.source] ?? e.source,
      content: e.content,
      hours: e.centiHours / 100,
      points: e.points,
      organisation: e.organisation,
      confirmedByName: e.confirmedBy ? names.get(e.confirmedBy) ?? null : null,
      correctsEntryId: e.correctsEntryId ? Number(e.correctsEntryId) : null,
      createdAt: e.createdAt,
    };
  }

  /** 支部党员认领: which party members fulfilled which wishes, by branch, in the staff member's communities. */
  async branchReport(user: AuthUser, communityId?: number) {
    const scope = await this.users.scope(user.id, user.roles);
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
    const branches = new Map<string, Map<number, { userId: number; name: string; wishes: Array<{ id: number; title: string; displayName: string; confirmedAt: string | null }> }>>();
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
  async leaderboard(communityId?: number) {
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
    const names = await this.userNames(top.map((t) => Number(t.userId)));
    return {
      communities: byCommunity
        .map((r) => ({ communityId: Number(r.communityId), name: cname.get(Number(r.communityId)) ?? '', hours: Number(r.ch) / 100, volunteers: Number(r.volunteers) }))
        .sort((a, b) => b.hours - a.hours),
      volunteers: top
        .filter((t) => Number(t.ch) > 0)
        .map((t, i) => ({ rank: i + 1, name: maskName(names.get(Number(t.userId)) ?? '') ?? '', hours: Number(t.ch) / 100, points: Number(t.pts) })),
    };
  }

  /** A correction is a new entry pointing at the one it corrects; the ledger is never edited. */
  async correct(user: AuthUser, dto: CorrectionDto) {
    const entry = await this.dataSource.getRepository(LedgerEntry).findOne({ where: { id: String(dto.entryId) } });
    if (!entry) throw AppError.notFound('志愿记录');
    const scope = await this.users.scope(user.id, user.roles);
    if (!scope.isAdmin && !(entry.communityId && scope.communityIds.includes(entry.communityId))) throw new AppError('WISH_NOT_IN_SCOPE', '只能更正自己负责社区的志愿记录');
    if (!dto.hours && !dto.points) throw AppError.field('hours', '更正的时长和积分不能都为 0');
    const now = this.clock.now();
    const id = await this.tx.run(async (em) => {
      const n = await em.count(LedgerEntry, { where: { correctsEntryId: entry.id } });
      const inserted = await em.insert(LedgerEntry, {
        userId: entry.userId,
        source: 'correction',
        sourceId: `c${entry.id}-${n + 1}`,
        content: `更正：${entry.content}（${dto.reason}）`.slice(0, 200),
        centiHours: Math.round(dto.hours * 100),
        points: dto.points ?? 0,
        confirmedBy: user.id,
        organisation: entry.organisation,
        communityId: entry.communityId,
        correctsEntryId: entry.id,
        createdAt: now,
      });
      await this.audit.record(em, { actorId: user.id, actorRole: user.roles.includes('admin') ? 'admin' : 'staff', action: 'ledger.correct', entityType: 'ledger', entityId: entry.id, reason: dto.reason, data: { hours: dto.hours, points: dto.points ?? 0 }, at: now });
      return inserted.identifiers[0].id;
    });
    const totals = await this.ledger.totals(this.dataSource.manager, entry.userId);
    return { id: Number(id), userId: entry.userId, totals };
  }

  async setIdNumber(user: AuthUser, idNumber: string) {
    const masked = maskIdNumber(idNumber.toUpperCase());
    await this.dataSource.createQueryBuilder().insert().into(WishVolunteer).values({ userId: user.id, activeClaims: 0, pausedAt: null, pausedUntil: null, idNumberMasked: null }).orIgnore().execute();
    await this.dataSource.getRepository(WishVolunteer).update({ userId: user.id }, { idNumberMasked: masked });
    return { idNumber: masked };
  }

  /**
   * 志愿服务记录 (民政部令第67号《志愿服务记录与证明出具办法》): name, masked ID number, service content, time,
   * hours, recording organisation — one row per ledger entry, corrections included, and the total.
   */
  async exportXlsx(user: AuthUser, userId?: number): Promise<{ buffer: Buffer; filename: string }> {
    const targetId = userId ?? user.id;
    if (targetId !== user.id && !user.roles.some((r) => r === 'staff' || r === 'admin')) throw AppError.forbidden('只能导出自己的志愿服务记录');
    const target = await this.dataSource.getRepository(User).findOne({ where: { id: targetId } });
    if (!target) throw AppError.notFound('志愿者');
    const vol = await this.dataSource.getRepository(WishVolunteer).findOne({ where: { userId: targetId } });
    const entries = await this.dataSource.getRepository(LedgerEntry).find({ where: { userId: targetId }, order: { id: 'ASC' } });
    const totals = await this.ledger.totals(this.dataSource.manager, targetId);
    if (targetId !== user.id) {
      await this.audit.record(this.dataSource.manager, { actorId: user.id, actorRole: 'staff', action: 'ledger.export', entityType: 'user', entityId: targetId });
    }

    const wb = new ExcelJS.Workbook();
    wb.creator = '邻里';
    wb.created = this.clock.now();
    const ws = wb.addWorksheet('志愿服务记录');
    ws.columns = [{ width: 8 }, { width: 16 }, { width: 24 }, { width: 44 }, { width: 20 }, { width: 14 }, { width: 28 }, { width: 12 }];
    ws.mergeCells('A1:H1');
    ws.getCell('A1').value = '志愿服务记录';
    ws.getCell('A1').font = { bold: true, size: 16 };
    ws.getCell('A1').alignment = { horizontal: 'center' };
    ws.mergeCells('A2:H2');
    ws.getCell('A2').value = '依据《志愿服务记录与证明出具办法》（民政部令第67号）';
    ws.addRow([]);
    ws.addRow(['姓名', target.name, '公民身份号码', vol?.idNumberMasked ?? '未登记']);
    ws.addRow(['累计服务时长（小时）', totals.hours, '累计积分', totals.points]);
    ws.addRow([]);
    const header = ws.addRow(['序号', '服务时间', '服务项目', '服务内容', '记录单位', '服务时长（小时）', '证明人', '备注']);
    header.font = { bold: true };
    const names = await this.userNames(entries.map((e) => e.confirmedBy));
    entries.forEach((e, i) => {
      ws.addRow([
        i + 1,
        shanghaiDate(e.createdAt),
        SOURCE_LABELS[e.source] ?? e.source,
        e.content,
        e.organisation,
        e.centiHours / 100,
        e.confirmedBy ? names.get(e.confirmedBy) ?? '' : '',
        e.correctsEntryId ? `更正第 ${entries.findIndex((x) => x.id === e.correctsEntryId) + 1} 条` : '',
      ]);
    });
    ws.addRow(['合计', '', '', '', '', totals.hours, '', '']).font = { bold: true };
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    return { buffer, filename: `volunteer-record-${targetId}.xlsx` };
  }

  private async userNames(ids: Array<number | null>) {
    const unique = [...new Set(ids.filter((x): x is number => !!x))];
    if (!unique.length) return new Map<number, string>();
    const rows = await this.dataSource.getRepository(User).find({ where: { id: In(unique) } });
    return new Map(rows.map((u) => [u.id, u.name]));
  }
}
