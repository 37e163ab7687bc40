import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn } from '../../database/columns';

/**
 * One refresh token of a sign-in. Every sign-in starts a family; each renewal marks the presented row used and adds
 * the next one to the family. Only the SHA-256 of the token is kept, so a copy of this table signs nobody in.
 * A used row presented again means the token was copied: the whole family is revoked.
 */
@Entity('refresh_tokens')
@Index('uq_refresh_tokens_hash', ['tokenHash'], { unique: true })
@Index('ix_refresh_tokens_family', ['familyId'])
@Index('ix_refresh_tokens_user', ['userId', 'revokedAt'])
export class RefreshToken {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) userId: number;
  /** the sign-in this token belongs to; the access tokens carry it as `sid` */
  @Column({ type: 'varchar', length: 32 }) familyId: string;
  /** hex SHA-256 of the token */
  @Column({ type: 'varchar', length: 64 }) tokenHash: string;
  @DateTimeColumn() expiresAt: Date;
  /** set when it was exchanged for the next one */
  @DateTimeColumn({ nullable: true }) usedAt: Date | null;
  @DateTimeColumn({ nullable: true }) revokedAt: Date | null;
  /** logout, reuse, role_change */
  @Column({ type: 'varchar', length: 20, nullable: true }) revokeReason: string | null;
  @CreatedAtColumn() createdAt: Date;
}
