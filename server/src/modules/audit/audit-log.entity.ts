import { Column, Entity, Index } from 'typeorm';
import { BigIdColumn, CreatedAtColumn, JsonColumn } from '../../database/columns';

/** Append-only: the database refuses UPDATE and DELETE on this table (triggers, see migrations). */
@Entity('audit_logs')
@Index('ix_audit_entity', ['entityType', 'entityId'])
export class AuditLog {
  @BigIdColumn() id: string;
  @Column({ type: 'int', nullable: true }) actorId: number | null;
  /** resident / grid_worker / staff / admin / system */
  @Column({ type: 'varchar', length: 20 }) actorRole: string;
  @Column({ type: 'varchar', length: 60 }) action: string;
  @Column({ type: 'varchar', length: 40 }) entityType: string;
  @Column({ type: 'varchar', length: 40 }) entityId: string;
  @Column({ type: 'varchar', length: 30, nullable: true }) fromState: string | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) toState: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) reason: string | null;
  @JsonColumn({ nullable: true }) data: Record<string, unknown> | null;
  @CreatedAtColumn() createdAt: Date;
}
