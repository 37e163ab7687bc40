import { Column, Entity, Index } from 'typeorm';
import { BigIdColumn, CreatedAtColumn } from '../../database/columns';

export type LedgerSource = 'wish' | 'activity' | 'correction';

/**
 * The volunteer ledger (志愿服务记录, 民政部令第67号): append-only. A correction is a new entry with
 * negative hours/points that points at the entry it corrects, never an edit.
 */
@Entity('ledger_entries')
@Index('ix_ledger_user', ['userId', 'id'])
@Index('uq_ledger_source', ['source', 'sourceId', 'userId'], { unique: true })
export class LedgerEntry {
  @BigIdColumn() id: string;
  @Column({ type: 'int' }) userId: number;
  @Column({ type: 'varchar', length: 20 }) source: LedgerSource;
  /** wish id, activity sign-up id, or for a correction "c<entry id>-<n>" — unique per user, so a credit is never made twice */
  @Column({ type: 'varchar', length: 40 }) sourceId: string;
  /** what was done, e.g. 微心愿：给王阿姨送米面油 */
  @Column({ type: 'varchar', length: 200 }) content: string;
  /** hours × 100 as an integer, so sums are exact */
  @Column({ type: 'int' }) centiHours: number;
  @Column({ type: 'int', default: 0 }) points: number;
  /** who confirmed the service (谁记录谁证明) */
  @Column({ type: 'int', nullable: true }) confirmedBy: number | null;
  /** the recording organisation (community or 支部) */
  @Column({ type: 'varchar', length: 100 }) organisation: string;
  @Column({ type: 'int', nullable: true }) communityId: number | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) correctsEntryId: string | null;
  /** how the entry came about when that is not the usual way (hours closed by the job without a 签退) */
  @Column({ type: 'varchar', length: 100, nullable: true }) remark: string | null;
  @CreatedAtColumn() createdAt: Date;
}
