import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { AgeGroup, Gender, WishStatus, WishType } from '@linli/domain';
import { BigIdColumn, CreatedAtColumn, DateTimeColumn, JsonColumn } from '../../database/columns';
import type { UploadView } from '../uploads/uploads.service';

/**
 * The person a wish is for. Private: only staff of the community and the worker of their grid ever read this table;
 * the public sees the wish's derived display name ("王阿姨 · 漕湖花园二社区") and nothing from here.
 */
@Entity('wish_beneficiaries')
export class WishBeneficiary {
  @PrimaryGeneratedColumn() id: number;
  @Index('ix_wish_beneficiaries_community') @Column({ type: 'int' }) communityId: number;
  /** The grid they live in: its worker serves them. NULL: staff of the community only. */
  @Index('ix_wish_beneficiaries_grid') @Column({ type: 'int', nullable: true }) gridId: number | null;
  @Column({ type: 'varchar', length: 50 }) name: string;
  @Column({ type: 'varchar', length: 10 }) gender: Gender;
  @Column({ type: 'varchar', length: 10 }) ageGroup: AgeGroup;
  /** 楼栋/门牌 */
  @Column({ type: 'varchar', length: 100 }) building: string;
  @Column({ type: 'varchar', length: 20, nullable: true }) phone: string | null;
  /** 困难情况说明, from the home visit */
  @Column({ type: 'varchar', length: 500, default: '' }) situation: string;
  @Column({ type: 'int' }) createdBy: number;
  @CreatedAtColumn() createdAt: Date;
}

@Entity('wishes')
/** On MySQL the migration BenchIndexes1795836745000 makes `id` descending, matching the wall's `wishBy ASC, id DESC`. */
@Index('ix_wishes_wall', ['status', 'wishBy', 'id'])
@Index('ix_wishes_community_status', ['communityId', 'status', 'id'])
@Index('ix_wishes_grid_status', ['gridId', 'status', 'id'])
@Index('ix_wishes_claimer', ['claimerId', 'status'])
@Index('ix_wishes_claim_expiry', ['status', 'claimExpiresAt'])
export class Wish {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) beneficiaryId: number;
  @Column({ type: 'int' }) communityId: number;
  @Column({ type: 'int', nullable: true }) gridId: number | null;
  /** Derived from the beneficiary at recording time; never typed by anyone. */
  @Column({ type: 'varchar', length: 80 }) displayName: string;
  @Column({ type: 'varchar', length: 40 }) title: string;
  @Column({ type: 'varchar', length: 300 }) story: string;
  @Column({ type: 'varchar', length: 20 }) type: WishType;
  /** whole yuan */
  @Column({ type: 'int' }) estimatedValue: number;
  @JsonColumn() photos: UploadView[];
  /** YYYY-MM-DD (Asia/Shanghai): the wish should come true by this day. Sorted as text. */
  @Column({ type: 'varchar', length: 10 }) wishBy: string;
  @Column({ type: 'boolean', default: false }) partyPriority: boolean;
  @Column({ type: 'varchar', length: 20 }) status: WishStatus;
  /** who recorded it (grid worker or staff) */
  @Column({ type: 'int' }) createdBy: number;
  /** the person the volunteer hands over to: the grid worker on duty, else whoever recorded it */
  @Column({ type: 'int' }) handlerId: number;
  @Column({ type: 'int', nullable: true }) claimerId: number | null;
  @DateTimeColumn({ nullable: true }) claimedAt: Date | null;
  @DateTimeColumn({ nullable: true }) claimExpiresAt: Date | null;
  @DateTimeColumn({ nullable: true }) reminderSentAt: Date | null;
  @JsonColumn({ nullable: true }) proofPhotos: UploadView[] | null;
  @Column({ type: 'varchar', length: 300, nullable: true }) proofNote: string | null;
  @DateTimeColumn({ nullable: true }) fulfilledAt: Date | null;
  @DateTimeColumn({ nullable: true }) confirmedAt: Date | null;
  @Column({ type: 'int', nullable: true }) confirmedBy: number | null;
  /** reason of the last reject / withdraw / send-back, shown to the people concerned */
  @Column({ type: 'varchar', length: 200, nullable: true }) lastReason: string | null;
  @DateTimeColumn({ nullable: true }) publishedAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}

/** The wish's timeline: one row per transition, written in the same transaction as the change. */
@Entity('wish_events')
@Index('ix_wish_events_wish', ['wishId', 'id'])
export class WishEvent {
  @BigIdColumn() id: string;
  @Column({ type: 'int' }) wishId: number;
  @Column({ type: 'varchar', length: 20 }) action: string;
  @Column({ type: 'varchar', length: 20, nullable: true }) fromStatus: WishStatus | null;
  @Column({ type: 'varchar', length: 20 }) toStatus: WishStatus;
  @Column({ type: 'int', nullable: true }) actorId: number | null;
  @Column({ type: 'varchar', length: 20 }) actorRole: string;
  /** the volunteer the event is about (claim, release, expiry) */
  @Column({ type: 'int', nullable: true }) volunteerId: number | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) reason: string | null;
  @CreatedAtColumn() createdAt: Date;
}

/**
 * One row per volunteer who ever claimed. `activeClaims` is the scarce resource: a claim first raises it with
 * `UPDATE … WHERE activeClaims < N`, so concurrent claims by one person can never exceed N.
 */
@Entity('wish_volunteers')
export class WishVolunteer {
  @PrimaryColumn({ type: 'int' }) userId: number;
  @Column({ type: 'int', default: 0 }) activeClaims: number;
  @DateTimeColumn({ nullable: true }) pausedAt: Date | null;
  @DateTimeColumn({ nullable: true }) pausedUntil: Date | null;
  /** 身份证号, masked at entry (3205**********1234); the full number is never stored. */
  @Column({ type: 'varchar', length: 20, nullable: true }) idNumberMasked: string | null;
}

/** A claim that ran out. Two within the window pause the volunteer. */
@Entity('wish_claim_lapses')
@Index('ix_wish_claim_lapses_user', ['userId', 'at'])
export class WishClaimLapse {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) userId: number;
  @Column({ type: 'int' }) wishId: number;
  @DateTimeColumn() at: Date;
}

export const WISH_ENTITIES = [WishBeneficiary, Wish, WishEvent, WishVolunteer, WishClaimLapse];
