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
   * (Shanghai dates, both ends included; at most a year), newest first, at most 10,000 rows.
   */
  async exportXlsx(user: AuthUser, q: ExportQuery): Promise<StreamableFile> {
    const from = q.from ? shanghaiDayStart(q.from) : null;
    const to = q.to ? shanghaiDayEnd(q.to) : null;
    if (from && to && from > to) throw AppError.field('from', '开始日期不能晚于结束日期');
    if (from && to && to.getTime() - from.getTime() > 367 * 86_400_000) throw AppError.field('from', '导出区间最长一年');
    const scope = await this.scopes.of(user.id, user.roles);
    if (q.communityId && !scope.isAdmin && !scope.communityIds.includes(q.communityId)) throw AppError.field('communityId', '只能导出你负责的社区');
    const qb = scopedTickets(this.ds.getRepository(Ticket).createQueryBuilder('t'), scope, q);
    if (q.status) qb.andWhere('t.status = :st', { st: q.status });
    if (from) qb.andWhere('t.createdAt >= :from', { from });
    if (to) qb.andWhere('t.createdAt <= :to', { to });
    const rows = await qb.orderBy('t.id', 'DESC').take(10000).getMany();
    const cats = await this.catalogue.categoryMap();
    const [communities, points, users] = await Promise.all([
      this.ds.getRepository(Community).find(),
      rows.length ? this.ds.getRepository(Point).find({ where: { id: In([...new Set(rows.map((r) => r.pointId).filter((x): x is number => x !== null)), -1]) } }) : [],
      rows.length ? this.ds.getRepository(User).find({ where: { id: In([...new Set(rows.map((r) => r.assigneeId).filter((x): x is number => !!x)).values(), -1]) } }) : [],
    ]);
    const cName = new Map(communities.map((c) => [c.id, c.name]));
    const pName = new Map(points.map((p) => [p.id, p.name]));
    const uName = new Map(users.map((u) => [u.id, u.name]));
    const ExcelJS = await import('exceljs');
    const wb = new ExcelJS.Workbook();
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
    const fmt = (d: Date | null) => (d ? shanghaiDateTime(d) : '');
    for (const t of rows) {
      ws.addRow({
        number: t.number,
        status: TICKET_STATUS_LABELS[t.status],
        category: cats.get(t.categoryId)?.name ?? '',
        community: t.communityId !== null ? cName.get(t.communityId) ?? '' : '街道分拣',
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
      });
    }
    ws.getRow(1).font = { bold: true };
    await this.tx.run((em) => this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'ticket.export', entityType: 'ticket', entityId: 0, data: { rows: rows.length, ...q } }));
    return new StreamableFile(Buffer.from(await wb.xlsx.writeBuffer()), {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="tickets.xlsx"; filename*=UTF-8''${encodeURIComponent('码上办工单.xlsx')}`,
    });
  }
}
