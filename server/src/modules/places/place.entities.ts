import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CommunityKind, PointKind } from '@linli/domain';
import { CreatedAtColumn } from '../../database/columns';

@Entity('streets')
export class Street {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 50 }) name: string;
  /** 区县, e.g. 相城区 */
  @Column({ type: 'varchar', length: 50, nullable: true }) district: string | null;
}

@Entity('communities')
export class Community {
  @PrimaryGeneratedColumn() id: number;
  @Index('ix_communities_street') @Column({ type: 'int' }) streetId: number;
  @Column({ type: 'varchar', length: 50 }) name: string;
  @Column({ type: 'varchar', length: 16, default: 'community' }) kind: CommunityKind;
  /** Where volunteers hand over wishes by default: the community's 邻里空间服务站. */
  @Column({ type: 'varchar', length: 100, nullable: true }) servicePoint: string | null;
}

@Entity('grids')
export class Grid {
  @PrimaryGeneratedColumn() id: number;
  @Index('ix_grids_community') @Column({ type: 'int' }) communityId: number;
  @Column({ type: 'varchar', length: 50 }) name: string;
  /** The grid worker on duty; null sends new matters to the staff queue. */
  @Index('ix_grids_worker') @Column({ type: 'int', nullable: true }) workerId: number | null;
}

@Entity('points')
export class Point {
  @PrimaryGeneratedColumn() id: number;
  @Index('ix_points_grid') @Column({ type: 'int' }) gridId: number;
  @Column({ type: 'varchar', length: 80 }) name: string;
  @Column({ type: 'varchar', length: 20, default: 'building' }) kind: PointKind;
  @Column({ type: 'varchar', length: 200, nullable: true }) address: string | null;
  /** wxacode scene: ≤ 32 chars from WeChat's allowed set. Generated lower-case, so the _ci collation loses nothing. */
  @Index('uq_points_scene', { unique: true }) @Column({ type: 'varchar', length: 32 }) scene: string;
  @Column({ type: 'double', nullable: true }) lat: number | null;
  @Column({ type: 'double', nullable: true }) lng: number | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @CreatedAtColumn() createdAt: Date;
}
