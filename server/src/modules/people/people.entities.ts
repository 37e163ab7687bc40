import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ApplicationStatus, InviteRole } from '@linli/domain';
import { CreatedAtColumn, DateTimeColumn } from '../../database/columns';

/**
 * A 党支部, kept by the admin. A party member's `users.branch` holds the branch's name (the ledger and the 67号令
 * record print it); this table is the list they choose from and says who the branch's secretary is.
 */
@Entity('branches')
export class Branch {
  @PrimaryGeneratedColumn() id: number;
  @Index('uq_branches_name', { unique: true }) @Column({ type: 'varchar', length: 100 }) name: string;
  /** the community the branch belongs to, when it belongs to one (a 社区党委's branch); null for street-level ones */
  @Column({ type: 'int', nullable: true }) communityId: number | null;
  /** the 支部书记, who sees the branch's members' records */
  @Index('ix_branches_secretary') @Column({ type: 'int', nullable: true }) secretaryId: number | null;
  @CreatedAtColumn() createdAt: Date;
}

/**
 * An invite to a role: grid worker of a grid, staff of a community, or volunteer (party member of a branch, or not).
 * Single use; `code` is what is typed (8 characters, no look-alikes) and, prefixed `i.`, the QR code's scene.
 */
@Entity('invites')
export class Invite {
  @PrimaryGeneratedColumn() id: number;
  @Index('uq_invites_code', { unique: true }) @Column({ type: 'varchar', length: 16 }) code: string;
  @Column({ type: 'varchar', length: 16 }) role: InviteRole;
  @Column({ type: 'int', nullable: true }) gridId: number | null;
  /** staff: the community; grid worker: the grid's community; volunteer: the inviter's community (for scope) */
  @Index('ix_invites_community') @Column({ type: 'int', nullable: true }) communityId: number | null;
  @Column({ type: 'int', nullable: true }) branchId: number | null;
  @Column({ type: 'boolean', default: false }) isPartyMember: boolean;
  /** who it is meant for, as the inviter wrote it (shown to both sides) */
  @Column({ type: 'varchar', length: 50, nullable: true }) note: string | null;
  @Column({ type: 'int' }) createdById: number;
  @DateTimeColumn() expiresAt: Date;
  @Column({ type: 'int', nullable: true }) usedById: number | null;
  @DateTimeColumn({ nullable: true }) usedAt: Date | null;
  @DateTimeColumn({ nullable: true }) revokedAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}

/** A resident asks to be a volunteer (as a party member of a branch, or not); staff of their community decide. */
@Entity('volunteer_applications')
@Index('ix_applications_community_status', ['communityId', 'status', 'id'])
export class VolunteerApplication {
  @PrimaryGeneratedColumn() id: number;
  @Index('ix_applications_user') @Column({ type: 'int' }) userId: number;
  @Column({ type: 'int' }) communityId: number;
  @Column({ type: 'boolean', default: false }) isPartyMember: boolean;
  @Column({ type: 'int', nullable: true }) branchId: number | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) note: string | null;
  @Column({ type: 'varchar', length: 16, default: 'pending' }) status: ApplicationStatus;
  @Column({ type: 'varchar', length: 200, nullable: true }) reason: string | null;
  @Column({ type: 'int', nullable: true }) decidedById: number | null;
  @DateTimeColumn({ nullable: true }) decidedAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}
