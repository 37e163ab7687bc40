import { once } from 'events';
import { PassThrough } from 'stream';
import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { maskPhone, primaryRole, shanghaiDateTime, shanghaiDayEnd, shanghaiDayStart, TICKET_STATUS_LABELS } from '@linli/domain';
import { AppError } from '../../common/errors/app-error';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { Community, Point } from '../places/place.entities';
import { User } from '../users/user.entity';
import { ScopeService } from '../places/scope.service';
import { TicketCatalogue } from './service-requests.catalogue';
import { Ticket } from './service-request.entities';
import type { ExportQuery } from './service-requests.dto';
import { scopedTickets } from './service-requests.queries';

/** Tickets per keyset page of an export. */
export const EXPORT_PAGE = 1000;
/** Rows in one export at most (an XLSX sheet holds 1,048,576). */
export const EXPORT_MAX_ROWS = 1_000_000;
const EXPORT_COLUMNS = ['id', 'number', 'status', 'categoryId', 'communityId', 'pointId', 'addressString', 'description', 'contactName', 'contactPhone', 'anonymous', 'assigneeId', 'followerCount', 'createdAt', 'resolvedAt', 'overdue', 'signOverdue', 'rating'] as const;

/**
 * Waits until what was written has left: exceljs's sheet stream writes into the zip without heeding backpressure
 * (its buffer grew by the whole uncompressed sheet while deflate lagged), so the wait is on that buffer, then on the
 * response when the client reads slower than we compress.
 */
async function caughtUp(ws: unknown, out: PassThrough): Promise<void> {
  const sink = (ws as { stream?: { pipes?: Array<NodeJS.EventEmitter & { _writableState?: { length: number } }> } }).stream?.pipes?.[0];
  // A client that went away closes the response: stop waiting then (the loop sees `out.destroyed` and ends).
  const or = (e: NodeJS.EventEmitter) => Promise.race([once(e, 'drain'), once(out, 'close')]);
  if (!out.destroyed && sink?._writableState && sink._writableState.length > ZIP_BACKLOG) await or(sink);
  if (!out.destroyed && out.writableNeedDrain) await or(out);
}
const ZIP_BACKLOG = 1 << 20;

/** Downloads: the staff queue as XLSX (phones masked; each export audited). */
@Injectable()
export class TicketExports {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly scopes: ScopeService,
    private readonly catalogue: TicketCatalogue,
  ) {}

  /**
   * The tickets the viewer's queue covers, with its filters (community, category, status) and a period of filing
   * (Shanghai dates, both ends included; at most a year), newest first, at most `EXPORT_MAX_ROWS` rows.
   * The workbook streams to the response as it is written (exceljs's WorkbookWriter), from keyset pages of
   * `EXPORT_PAGE` tickets, waiting for the client whenever it reads slower than the pages come: memory stays flat
   * however many rows there are. Refusals (422) come before the first byte; the audit row, with the row count, is
   * written before the workbook is finished, so a complete file was always audited.
   */
  async exportXlsx(user: AuthUser, q: ExportQuery): Promise<StreamableFile> {
    const from = q.from ? shanghaiDayStart(q.from) : null;
    const to = q.to ? shanghaiDayEnd(q.to) : null;
    if (from && to && from > to) throw AppError.field('from', '开始日期不能晚于结束日期');
    if (from && to && to.getTime() - from.getTime() > 367 * 86_400_000) throw AppError.field('from', '导出区间最长一年');
    const scope = await this.scopes.of(user.id, user.roles);
    if (q.communityId && !scope.isAdmin && !scope.communityIds.includes(q.communityId)) throw AppError.field('communityId', '只能导出你负责的社区');
    const cats = await this.catalogue.categoryMap();
    const communities = new Map((await this.ds.getRepository(Community).find()).map((c) => [c.id, c.name]));
    const page = (cursor: number | null, limit: number) => {
      const qb = scopedTickets(this.ds.getRepository(Ticket).createQueryBuilder('t'), scope, q).select(EXPORT_COLUMNS.map((c) => `t.${c}`));
      if (q.status) qb.andWhere('t.status = :st', { st: q.status });
      if (from) qb.andWhere('t.createdAt >= :from', { from });
      if (to) qb.andWhere('t.createdAt <= :to', { to });
      if (cursor !== null) qb.andWhere('t.id < :cursor', { cursor });
      return qb.orderBy('t.id', 'DESC').limit(limit).getMany();
    };
    const out = new PassThrough();
    this.write(out, page, cats, communities, (rows, aborted) =>
      this.tx.run((em) => this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'ticket.export', entityType: 'ticket', entityId: 0, data: { rows, ...q, ...(aborted ? { aborted } : {}) } })),
    ).catch((err) => out.destroy(err));
    return new StreamableFile(out, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="tickets.xlsx"; filename*=UTF-8''${encodeURIComponent('码上办工单.xlsx')}`,
    });
  }

  private async write(
    out: PassThrough,
    page: (cursor: number | null, limit: number) => Promise<Ticket[]>,
    cats: Map<number, { name: string }>,
    communities: Map<number, string>,
    audited: (rows: number, aborted: boolean) => Promise<unknown>,
  ): Promise<void> {
    const ExcelJS = await import('exceljs');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    wb.creator = '邻里 linli';
    const ws = wb.addWorksheet('工单');
    ws.columns = [
      { header: '工单编号', key: 'number', width: 20 },
      { header: '状态', key: 'status', width: 10 },
      { header: '分类', key: 'category', width: 12 },
      { header: '社区', key: 'community', width: 18 },
      { header: '点位', key: 'point', width: 18 },
      { header: '描述', key: 'description', width: 50 },
      { header: '联系人', key: 'contact', width: 10 },
      { header: '联系电话', key: 'phone', width: 14 },
      { header: '承办网格员', key: 'assignee', width: 10 },
      { header: '同问', key: 'followers', width: 6 },
      { header: '提交时间', key: 'createdAt', width: 20 },
      { header: '办结时间', key: 'resolvedAt', width: 20 },
      { header: '超时', key: 'overdue', width: 6 },
      { header: '评分', key: 'rating', width: 6 },
      { header: '位置描述', key: 'address', width: 24 },
    ];
    ws.getRow(1).font = { bold: true };
    const fmt = (d: Date | null) => (d ? shanghaiDateTime(d) : '');
    // Names are looked up per page for the ids not seen yet (a street has a few hundred points and workers).
    const pName = new Map<number, string>();
    const uName = new Map<number, string>();
    let count = 0;
    // The next page is read while this one is written and compressed.
    let next: Promise<Ticket[]> | null = page(null, Math.min(EXPORT_PAGE, EXPORT_MAX_ROWS));
    while (next) {
      const rows: Ticket[] = await next;
      count += rows.length;
      next = rows.length === EXPORT_PAGE && count < EXPORT_MAX_ROWS && !out.destroyed ? page(rows[rows.length - 1].id, Math.min(EXPORT_PAGE, EXPORT_MAX_ROWS - count)) : null;
      next?.catch(() => undefined); // awaited (and so thrown) on the next turn; not unhandled meanwhile
      const newPoints = [...new Set(rows.map((r) => r.pointId).filter((x): x is number => x !== null && !pName.has(x)))];
      const newUsers = [...new Set(rows.map((r) => r.assigneeId).filter((x): x is number => !!x && !uName.has(x)))];
      if (newPoints.length) for (const p of await this.ds.getRepository(Point).find({ where: { id: In(newPoints) }, select: { id: true, name: true } })) pName.set(p.id, p.name);
      if (newUsers.length) for (const u of await this.ds.getRepository(User).find({ where: { id: In(newUsers) }, select: { id: true, name: true } })) uName.set(u.id, u.name);
      for (const t of rows) {
        ws.addRow({
          number: t.number,
          status: TICKET_STATUS_LABELS[t.status],
          category: cats.get(t.categoryId)?.name ?? '',
          community: t.communityId !== null ? communities.get(t.communityId) ?? '' : '街道分拣',
          point: t.pointId !== null ? pName.get(t.pointId) ?? '' : '按坐标定位',
          address: t.addressString ?? '',
          description: t.description,
          contact: t.anonymous ? `${t.contactName}（匿名）` : t.contactName,
          // Exports leave the system, so phones stay masked; the full number is revealed per ticket, audited.
          phone: maskPhone(t.contactPhone) ?? '',
          assignee: t.assigneeId ? uName.get(t.assigneeId) ?? '' : '',
          followers: t.followerCount,
          createdAt: fmt(t.createdAt),
          resolvedAt: fmt(t.resolvedAt),
          overdue: t.overdue ? '处置超时' : t.signOverdue ? '签收超时' : '',
          rating: t.rating ?? '',
        }).commit();
      }
      await caughtUp(ws, out);
    }
    // A download the client gave up on is audited too, with the rows it was sent.
    await audited(count, out.destroyed);
    if (out.destroyed) return;
    ws.commit();
    await wb.commit();
  }
}
