import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BigIdColumn, CreatedAtColumn, DateTimeColumn, JsonColumn } from '../../database/columns';

/** none: message centre only; pending → sending → sent, or back to pending (transient error), skipped (no grant) or failed. */
export type PushStatus = 'none' | 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';

@Entity('notifications')
@Index('ix_notifications_user', ['userId', 'id'])
@Index('ix_notifications_push', ['pushStatus', 'id'])
export class Notification {
  @BigIdColumn() id: string;
  @Column({ type: 'int' }) userId: number;
  /** e.g. ticket.signed, wish.claim_expiring, event.promoted */
  @Column({ type: 'varchar', length: 50 }) kind: string;
  @Column({ type: 'varchar', length: 100 }) title: string;
  @Column({ type: 'varchar', length: 500 }) body: string;
  /** Mini-program page path with query, opened when the message is tapped. */
  @Column({ type: 'varchar', length: 200, nullable: true }) link: string | null;
  /** Which subscribe-message purpose this maps to (see TEMPLATE_PURPOSES); null = message centre only. */
  @Column({ type: 'varchar', length: 40, nullable: true }) purpose: string | null;
  @JsonColumn({ nullable: true }) templateData: Record<string, string> | null;
  @Column({ type: 'varchar', length: 10, default: 'none' }) pushStatus: PushStatus;
  @Column({ type: 'varchar', length: 200, nullable: true }) pushError: string | null;
  /** sends tried so far; a transient WeChat error waits `pushNextAt` before the next try */
  @Column({ type: 'int', default: 0 }) pushAttempts: number;
  @DateTimeColumn({ nullable: true }) pushNextAt: Date | null;
  /** Groups the messages of one job run or one event, so a job that runs twice is visible. */
  @Column({ type: 'varchar', length: 120, nullable: true }) dedupeKey: string | null;
  @DateTimeColumn({ nullable: true }) readAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}

/** One accepted template in wx.requestSubscribeMessage allows one send. */
@Entity('subscription_grants')
@Index('uq_grant_user_template', ['userId', 'templateId'], { unique: true })
export class SubscriptionGrant {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) userId: number;
  @Column({ type: 'varchar', length: 64 }) templateId: string;
  @Column({ type: 'int', default: 0 }) remaining: number;
}
