import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { idNumberProblem, maskIdNumber, primaryRole, LedgerCorrection, LedgerIdNumber } from '@linli/domain';
import { Clock } from '../../common/clock';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import { TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { ScopeService } from '../places/scope.service';
import { WishVolunteer } from '../wishes/wish.entities';
import { CorrectionDto } from './ledger.dto';
import { LedgerEntry } from './ledger-entry.entity';
import { LedgerService } from './ledger.service';

/** What a person writes to the ledger by hand: a staff correction, a volunteer's own (masked) ID number. */
@Injectable()
export class LedgerCorrections {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly scopes: ScopeService,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** A correction is a new entry pointing at the one it corrects; the ledger is never edited. */
  async correct(user: AuthUser, dto: CorrectionDto): Promise<LedgerCorrection> {
    const entry = await this.dataSource.getRepository(LedgerEntry).findOne({ where: { id: String(dto.entryId) } });
    if (!entry) throw AppError.notFound('志愿记录');
    const scope = await this.scopes.of(user.id, user.roles);
    if (!scope.isAdmin && !(entry.communityId && scope.communityIds.includes(entry.communityId))) throw new AppError('WISH_NOT_IN_SCOPE', '只能更正自己负责社区的志愿记录');
    if (entry.source === 'correction') throw AppError.field('entryId', '请更正原始记录，而不是更正记录本身');
    if (!dto.hours && !dto.points) throw AppError.field('hours', '更正的时长和积分不能都为 0');
    const reason = dto.reason.trim();
    if (reason.length < 2) throw AppError.field('reason', '更正原因须为 2–200 个字');
    const now = this.clock.now();
    const id = await this.tx.run(async (em) => {
      const n = await em.count(LedgerEntry, { where: { correctsEntryId: entry.id } });
      const inserted = await em.insert(LedgerEntry, {
        userId: entry.userId,
        source: 'correction',
        sourceId: `c${entry.id}-${n + 1}`,
        content: `更正：${entry.content}（${reason}）`.slice(0, 200),
        centiHours: Math.round(dto.hours * 100),
        points: dto.points ?? 0,
        confirmedBy: user.id,
        organisation: entry.organisation,
        communityId: entry.communityId,
        correctsEntryId: entry.id,
        remark: null,
        createdAt: now,
      });
      await this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'ledger.correct', entityType: 'ledger', entityId: entry.id, reason, data: { hours: dto.hours, points: dto.points ?? 0 }, at: now });
      return inserted.identifiers[0].id;
    });
    const totals = await this.ledger.totals(this.dataSource.manager, entry.userId);
    return { id: Number(id), userId: entry.userId, totals };
  }

  /**
   * The 公民身份号码 for the 67号令 record. Checked (birth date, check character), then only its mask is kept: the
   * full number is never stored, logged or returned, so there is nothing to leak. The audit row records the mask.
   */
  async setIdNumber(user: AuthUser, idNumber: string): Promise<LedgerIdNumber> {
    const problem = idNumberProblem(idNumber);
    if (problem) throw AppError.field('idNumber', problem);
    const masked = maskIdNumber(idNumber.trim().toUpperCase())!;
    await this.dataSource.createQueryBuilder().insert().into(WishVolunteer).values({ userId: user.id, activeClaims: 0, pausedAt: null, pausedUntil: null, idNumberMasked: null }).orIgnore().updateEntity(false).execute();
    await this.tx.run(async (em) => {
      await em.update(WishVolunteer, { userId: user.id }, { idNumberMasked: masked });
      await this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'ledger.id_number', entityType: 'user', entityId: user.id, data: { masked } });
    });
    return { idNumber: masked };
  }
}
