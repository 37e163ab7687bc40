import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { HoldEntity, HoldReason, HoldStatus } from '@linli/domain';
import { CreatedAtColumn, DateTimeColumn } from '../../database/columns';

/**
 * One piece of public text that msgSecCheck did not pass (WeChat unreachable, no openid, or "review"). While any hold
 * of a record is `held` or `refused`, the public does not see the record (`HoldsService.withheld`).
 */
@Entity('content_holds')
@Index('ix_holds_entity', ['entityType', 'entityId'])
@Index('ix_holds_recheck', ['status', 'nextCheckAt'])
@Index('ix_holds_community_status', ['communityId', 'status', 'id'])
export class ContentHold {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 16 }) entityType: HoldEntity;
  @Column({ type: 'int' }) entityId: number;
  @Column({ type: 'varchar', length: 32 }) field: string;
  @Column({ type: 'text' }) content: string;
  /** msgSecCheck's scene: 1 资料, 2 评论, 3 论坛, 4 社交日志 */
  @Column({ type: 'int', default: 2 }) scene: number;
  @Column({ type: 'int', nullable: true }) authorId: number | null;
  @Column({ type: 'int', nullable: true }) communityId: number | null;
  @Column({ type: 'varchar', length: 16 }) reason: HoldReason;
  @Column({ type: 'varchar', length: 16, default: 'held' }) status: HoldStatus;
  /** automatic re-checks so far */
  @Column({ type: 'int', default: 0 }) checks: number;
  /** when the job asks WeChat again; null: only staff decide */
  @DateTimeColumn({ nullable: true }) nextCheckAt: Date | null;
  @Column({ type: 'int', nullable: true }) decidedById: number | null;
  @DateTimeColumn({ nullable: true }) decidedAt: Date | null;
  @Column({ type: 'varchar', length: 300, nullable: true }) decisionNote: string | null;
  @CreatedAtColumn() createdAt: Date;
}
