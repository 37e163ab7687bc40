import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { insertRow } from '../../database/insert';
import { AuditLog } from './audit-log.entity';

export interface AuditEntry {
  actorId: number | null;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string | number;
  fromState?: string | null;
  toState?: string | null;
  reason?: string | null;
  data?: Record<string, unknown> | null;
  at?: Date;
}

@Injectable()
export class AuditService {
  /** Always called with the transaction's manager, so the audit row commits or rolls back with the change. */
  async record(em: EntityManager, entry: AuditEntry): Promise<void> {
    await insertRow(em, AuditLog, {
      actorId: entry.actorId,
      actorRole: entry.actorRole,
      action: entry.action,
      entityType: entry.entityType,
      entityId: String(entry.entityId),
      fromState: entry.fromState ?? null,
      toState: entry.toState ?? null,
      reason: entry.reason ?? null,
      data: (entry.data ?? null) as any,
      ...(entry.at ? { createdAt: entry.at } : {}),
    });
  }

  /** The same entry about several records (one view of a list), in one INSERT: one row per record. */
  async recordEach(em: EntityManager, entry: Omit<AuditEntry, 'entityId'>, entityIds: Array<string | number>): Promise<void> {
    if (!entityIds.length) return;
    await insertRow(
      em,
      AuditLog,
      entityIds.map((entityId) => ({
        actorId: entry.actorId,
        actorRole: entry.actorRole,
        action: entry.action,
        entityType: entry.entityType,
        entityId: String(entityId),
        fromState: entry.fromState ?? null,
        toState: entry.toState ?? null,
        reason: entry.reason ?? null,
        data: (entry.data ?? null) as any,
        ...(entry.at ? { createdAt: entry.at } : {}),
      })),
    );
  }

  list(em: EntityManager, entityType: string, entityId: string | number) {
    return em.find(AuditLog, { where: { entityType, entityId: String(entityId) }, order: { id: 'ASC' } });
  }
}
