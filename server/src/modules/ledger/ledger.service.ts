import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { LedgerEntry, LedgerSource } from './ledger-entry.entity';

export interface CreditInput {
  userId: number;
  source: Exclude<LedgerSource, 'correction'>;
  sourceId: string | number;
  content: string;
  hours: number;
  points: number;
  confirmedBy: number | null;
  /** role the confirmer acted in, for the audit trail (default staff) */
  confirmedByRole?: string;
  organisation: string;
  communityId?: number | null;
  /** how the entry came about when not the usual way (e.g. AUTO_CHECKOUT_REMARK) */
  remark?: string | null;
  at?: Date;
}

@Injectable()
export class LedgerService {
  constructor(private readonly audit: AuditService) {}

  /**
   * Credits hours inside the caller's transaction. The unique (source, sourceId, userId) index means a second
   * credit for the same wish or sign-up is a no-op rather than double hours; returns false then.
   */
  async credit(em: EntityManager, input: CreditInput): Promise<boolean> {
    const existing = await em.findOne(LedgerEntry, { where: { source: input.source, sourceId: String(input.sourceId), userId: input.userId } });
    if (existing) return false;
    const centiHours = Math.round(input.hours * 100);
    await em.insert(LedgerEntry, {
      userId: input.userId,
      source: input.source,
      sourceId: String(input.sourceId),
      content: input.content.slice(0, 200),
      centiHours,
      points: input.points,
      confirmedBy: input.confirmedBy,
      organisation: input.organisation.slice(0, 100),
      communityId: input.communityId ?? null,
      correctsEntryId: null,
      remark: input.remark ?? null,
      ...(input.at ? { createdAt: input.at } : {}),
    });
    await this.audit.record(em, {
      actorId: input.confirmedBy,
      actorRole: input.confirmedBy ? input.confirmedByRole ?? 'staff' : 'system',
      action: 'ledger.credit',
      entityType: 'ledger',
      entityId: `${input.source}:${input.sourceId}`,
      data: { userId: input.userId, centiHours, points: input.points, ...(input.remark ? { remark: input.remark } : {}) },
    });
    return true;
  }

  /** Sum of a volunteer's entries, corrections included. */
  async totals(em: EntityManager, userId: number): Promise<{ hours: number; points: number; entries: number }> {
    const row = await em
      .createQueryBuilder(LedgerEntry, 'l')
      .select('COALESCE(SUM(l.centiHours), 0)', 'ch')
      .addSelect('COALESCE(SUM(l.points), 0)', 'pts')
      .addSelect('COUNT(*)', 'n')
      .where('l.userId = :userId', { userId })
      .getRawOne();
    return { hours: Number(row.ch) / 100, points: Number(row.pts), entries: Number(row.n) };
  }
}
