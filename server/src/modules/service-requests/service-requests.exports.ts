import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { maskPhone, primaryRole, shanghaiDateTime, TICKET_STATUS_LABELS } from '@linli/domain';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { Community, Point } from '../places/place.entities';
import { User } from '../users/user.entity';
import { ScopeService } from '../places/scope.service';
import { TicketCatalogue } from './service-requests.catalogue';
import { Ticket } from './service-request.entities';
import type { QueueQuery } from './service-requests.dto';

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

  async exportXlsx(user: AuthUser, q: QueueQuery): Promise<StreamableFile> {
    const scope = await this.scopes.of(user.id, user.roles);
    const qb = this.ds.getRepository(Ticket).createQueryBuilder('t');
    qb.where(scope.isAdmin ? '1 = 1' : 't.communityId IN (:...cs)', { cs: scope.communityIds.length ? scope.communityIds : [-1] });
    if (q.communityId) qb.andWhere('t.communityId = :c', { c: q.communityId });
    if (q.categoryId) qb.andWhere('t.categoryId = :cat', { cat: q.categoryId });
    if (q.status) qb.andWhere('t.status = :st', { st: q.status });
    const rows = await qb.orderBy('t.id', 'DESC').take(10000).getMany();
    const cats = await this.catalogue.categoryMap();
    const [communities, points, users] = await Promise.all([
      this.ds.getRepository(Community).find(),
      rows.length ? this.ds.getRepository(Point).find({ where: { id: In([...new Set(rows.map((r) => r.pointId))]) } }) : [],
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
    ];
    const fmt = (d: Date | null) => (d ? shanghaiDateTime(d) : '');
    for (const t of rows) {
      ws.addRow({
        number: t.number,
        status: TICKET_STATUS_LABELS[t.status],
        category: cats.get(t.categoryId)?.name ?? '',
        community: cName.get(t.communityId) ?? '',
        point: pName.get(t.pointId) ?? '',
        description: t.description,
        contact: t.anonymous ? `${t.contactName}（匿名）` : t.contactName,
        // Exports leave the system, so phones stay masked; the full number is revealed per ticket, audited.
        phone: maskPhone(t.contactPhone) ?? '',
        assignee: t.assigneeId ? uName.get(t.assigneeId) ?? '' : '',
        followers: t.followerCount,
        createdAt: fmt(t.createdAt),
        resolvedAt: fmt(t.resolvedAt),
        overdue: t.overdue ? '是' : '',
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
