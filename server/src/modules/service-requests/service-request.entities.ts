import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { TicketAttribute, TicketStatus } from '@linli/domain';
import { BigIdColumn, CreatedAtColumn, DateTimeColumn, JsonColumn } from '../../database/columns';
import type { UploadView } from '../uploads/uploads.service';

/** 码上办 categories (Open311 services). Admin-managed; a disabled one takes no new tickets. */
@Entity('service_categories')
export class ServiceCategory {
  @PrimaryGeneratedColumn() id: number;
  /** Open311 service_code */
  @Index('uq_service_categories_code', { unique: true }) @Column({ type: 'varchar', length: 32 }) code: string;
  @Column({ type: 'varchar', length: 30 }) name: string;
  @Column({ type: 'varchar', length: 16 }) icon: string;
  @Column({ type: 'varchar', length: 200 }) hint: string;
  @Column({ type: 'int' }) slaHours: number;
  /** Hours a dispatched ticket may wait for its grid worker to sign before it is flagged and escalated. */
  @Column({ type: 'int', default: 4 }) signForHours: number;
  @JsonColumn() attributes: TicketAttribute[];
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ type: 'int', default: 0 }) sortOrder: number;
}

@Entity('tickets')
@Index('ix_tickets_point_status', ['pointId', 'status'])
@Index('ix_tickets_community_status', ['communityId', 'status'])
@Index('ix_tickets_grid_status', ['gridId', 'status'])
@Index('ix_tickets_requester', ['requesterId', 'id'])
@Index('ix_tickets_assignee', ['assigneeId', 'status'])
@Index('ix_tickets_status_due', ['status', 'dueAt'])
@Index('ix_tickets_created', ['createdAt'])
@Index('ix_tickets_status_signdue', ['status', 'signDueAt'])
export class Ticket {
  @PrimaryGeneratedColumn() id: number;
  /** MSB-YYYYMMDD-NNNN, the Shanghai date of filing. */
  @Index('uq_tickets_number', { unique: true }) @Column({ type: 'varchar', length: 24 }) number: string;
  @Column({ type: 'int' }) categoryId: number;
  /**
   * Null for an Open311 request filed by coordinates far from every point: it sits in the triage queue of the
   * nearest community (communityId set) or, farther still, of the street (communityId null, the admin's queue).
   */
  @Column({ type: 'int', nullable: true }) pointId: number | null;
  @Column({ type: 'int', nullable: true }) gridId: number | null;
  @Column({ type: 'int', nullable: true }) communityId: number | null;
  /** Open311 address_string: the client's own words for where it is. */
  @Column({ type: 'varchar', length: 200, nullable: true }) addressString: string | null;
  /** null for tickets filed through Open311 without a resident account */
  @Column({ type: 'int', nullable: true }) requesterId: number | null;
  @Column({ type: 'varchar', length: 50 }) contactName: string;
  @Column({ type: 'varchar', length: 20, nullable: true }) contactPhone: string | null;
  @Column({ type: 'boolean', default: false }) anonymous: boolean;
  @Column({ type: 'text' }) description: string;
  @JsonColumn() photos: UploadView[];
  @JsonColumn() attributes: Record<string, unknown>;
  @Column({ type: 'varchar', length: 16 }) status: TicketStatus;
  @Column({ type: 'int', nullable: true }) assigneeId: number | null;
  @Column({ type: 'int', nullable: true }) mergedIntoId: number | null;
  @Column({ type: 'int', default: 0 }) followerCount: number;
  @Column({ type: 'varchar', length: 12, default: 'miniapp' }) source: string;
  @Column({ type: 'double', nullable: true }) lat: number | null;
  @Column({ type: 'double', nullable: true }) lng: number | null;
  @Column({ type: 'boolean', default: false }) overdue: boolean;
  /** Dispatched and not signed for by `signDueAt`: flagged by the sign-for job and escalated to staff. */
  @Column({ type: 'boolean', default: false }) signOverdue: boolean;
  @Column({ type: 'int', default: 0 }) reopenCount: number;
  @Column({ type: 'varchar', length: 1000, nullable: true }) resolutionNote: string | null;
  @Column({ type: 'int', nullable: true }) rating: number | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) ratingComment: string | null;
  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn() updatedAt: Date;
  @DateTimeColumn({ nullable: true }) firstDispatchedAt: Date | null;
  @DateTimeColumn({ nullable: true }) dispatchedAt: Date | null;
  @DateTimeColumn({ nullable: true }) signedAt: Date | null;
  @DateTimeColumn({ nullable: true }) firstSignedAt: Date | null;
  /** Whether the first signing came within the category's SLA hours of the first dispatch (null until signed): decided then, so a later SLA change does not rewrite the board's 响应率. */
  @Column({ type: 'boolean', nullable: true }) respondedInTime: boolean | null;
  @DateTimeColumn({ nullable: true }) dueAt: Date | null;
  /** dispatch + the category's sign-for hours; null once signed (or not dispatched) */
  @DateTimeColumn({ nullable: true }) signDueAt: Date | null;
  @DateTimeColumn({ nullable: true }) resolvedAt: Date | null;
  @DateTimeColumn({ nullable: true }) closedAt: Date | null;
  @DateTimeColumn({ nullable: true }) escalatedAt: Date | null;
}

/** The timeline: one row per transition (and per escalation), never updated. */
@Entity('ticket_events')
@Index('ix_ticket_events_ticket', ['ticketId', 'id'])
export class TicketEvent {
  @BigIdColumn() id: string;
  @Column({ type: 'int' }) ticketId: number;
  @Column({ type: 'varchar', length: 16 }) action: string;
  @Column({ type: 'varchar', length: 16, nullable: true }) fromStatus: string | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) toStatus: string | null;
  @Column({ type: 'int', nullable: true }) actorId: number | null;
  @Column({ type: 'varchar', length: 16 }) actorRole: string;
  @Column({ type: 'varchar', length: 1000, nullable: true }) note: string | null;
  @JsonColumn() photos: UploadView[];
  @DateTimeColumn() createdAt: Date;
}

/** 同问: a resident who met the same matter follows the ticket instead of filing a duplicate. */
@Entity('ticket_followers')
@Index('uq_ticket_followers', ['ticketId', 'userId'], { unique: true })
@Index('ix_ticket_followers_user', ['userId', 'ticketId'])
export class TicketFollower {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) ticketId: number;
  @Column({ type: 'int' }) userId: number;
  @CreatedAtColumn() createdAt: Date;
}

/** Per-day ticket sequence, bumped with a row-locking UPDATE so two filings never share a number. */
@Entity('ticket_day_counters')
export class TicketDayCounter {
  @PrimaryColumn({ type: 'varchar', length: 8 }) day: string;
  @Column({ type: 'int' }) seq: number;
}

/** Open311 api_key, issued by an admin. */
@Entity('open311_keys')
export class Open311Key {
  @PrimaryGeneratedColumn() id: number;
  @Index('uq_open311_keys_key', { unique: true }) @Column({ type: 'varchar', length: 64 }) apiKey: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ type: 'int', nullable: true }) createdBy: number | null;
  @CreatedAtColumn() createdAt: Date;
  @DateTimeColumn({ nullable: true }) revokedAt: Date | null;
}
