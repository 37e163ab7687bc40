import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { primaryRole, shanghaiDate } from '@linli/domain';
import { Clock } from '../../common/clock';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import { User } from '../users/user.entity';
import { WishVolunteer } from '../wishes/wish.entities';
import { LedgerEntry } from './ledger-entry.entity';
import { LedgerAccess } from './ledger.access';
import { LedgerService } from './ledger.service';
import { SOURCE_LABELS, userNames } from './ledger.views';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@Injectable()
export class LedgerExports {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly access: LedgerAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * 志愿服务记录 (民政部令第67号《志愿服务记录与证明出具办法》): name, masked ID number, service content, time,
   * hours, recording organisation — one row per ledger entry, corrections included, and the total.
   */
  async exportXlsx(user: AuthUser, userId?: number): Promise<StreamableFile> {
    const targetId = userId ?? user.id;
    const target = await this.dataSource.getRepository(User).findOne({ where: { id: targetId } });
    // Someone else's record: only staff of that volunteer's community, and the admin (a stranger learns nothing).
    if (targetId !== user.id && (!target || !(await this.access.toRecordOf(user, target)).manages)) throw AppError.forbidden('只能导出自己或自己负责社区志愿者的志愿服务记录');
    if (!target) throw AppError.notFound('志愿者');
    const vol = await this.dataSource.getRepository(WishVolunteer).findOne({ where: { userId: targetId } });
    const entries = await this.dataSource.getRepository(LedgerEntry).find({ where: { userId: targetId }, order: { id: 'ASC' } });
    const totals = await this.ledger.totals(this.dataSource.manager, targetId);
    if (targetId !== user.id) {
      await this.audit.record(this.dataSource.manager, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'ledger.export', entityType: 'user', entityId: targetId });
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
    const names = await userNames(this.dataSource, entries.map((e) => e.confirmedBy));
    entries.forEach((e, i) => {
      ws.addRow([
        i + 1,
        shanghaiDate(e.createdAt),
        SOURCE_LABELS[e.source] ?? e.source,
        e.content,
        e.organisation,
        e.centiHours / 100,
        e.confirmedBy ? names.get(e.confirmedBy) ?? '' : '',
        [e.correctsEntryId ? `更正第 ${entries.findIndex((x) => x.id === e.correctsEntryId) + 1} 条` : '', e.remark ?? ''].filter(Boolean).join('；'),
      ]);
    });
    ws.addRow(['合计', '', '', '', '', totals.hours, '', '']).font = { bold: true };
    return new StreamableFile(Buffer.from(await wb.xlsx.writeBuffer()), { type: XLSX, disposition: `attachment; filename="volunteer-record-${targetId}.xlsx"` });
  }
}
