import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@linli/domain';
import { CreatedAtColumn, JsonColumn } from '../../database/columns';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn() id: number;

  /** WeChat openid; null for staff accounts and phone-only residents signed up by a grid worker. */
  @Index('uq_users_openid', { unique: true }) @Column({ type: 'varchar', length: 64, nullable: true }) openid: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) unionid: string | null;
  @Index('uq_users_username', { unique: true }) @Column({ type: 'varchar', length: 64, nullable: true }) username: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) passwordHash: string | null;
  @Column({ type: 'varchar', length: 50 }) name: string;
  @Index('ix_users_phone') @Column({ type: 'varchar', length: 20, nullable: true }) phone: string | null;
  @JsonColumn() roles: Role[];
  @Column({ type: 'boolean', default: false }) isPartyMember: boolean;
  /** 党支部 name for party members */
  @Column({ type: 'varchar', length: 100, nullable: true }) branch: string | null;
  /** The community a resident lives in. */
  @Column({ type: 'int', nullable: true }) communityId: number | null;
  /** 楼栋 / 门牌 a resident gave in their profile ("12幢 302"), so a grid worker knows where to come */
  @Column({ type: 'varchar', length: 50, nullable: true }) building: string | null;
  /** A demo persona key, so demo login finds the same user each time. */
  @Index('uq_users_demo_key', { unique: true }) @Column({ type: 'varchar', length: 32, nullable: true }) demoKey: string | null;
  @CreatedAtColumn() createdAt: Date;
}

/** Which communities a staff member supervises. */
@Entity('staff_communities')
@Index('uq_staff_community', ['userId', 'communityId'], { unique: true })
export class StaffCommunity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) userId: number;
  @Column({ type: 'int' }) communityId: number;
}
