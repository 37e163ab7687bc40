import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../../database/columns';

/**
 * A submission's Idempotency-Key, claimed by INSERT inside the submission's transaction.
 * The unique index makes a concurrent retry wait for the first attempt and then find its result.
 */
@Entity('idempotency_keys')
@Index('uq_idem_user_scope_key', ['userId', 'scope', 'key'], { unique: true })
export class IdempotencyKey {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) userId: number;
  @Column({ type: 'varchar', length: 40 }) scope: string;
  @Column({ type: 'varchar', length: 80 }) key: string;
  @Column({ type: 'varchar', length: 40, nullable: true }) resultId: string | null;
  @CreatedAtColumn() createdAt: Date;
}
