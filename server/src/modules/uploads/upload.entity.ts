import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../../database/columns';

@Entity('uploads')
export class Upload {
  @PrimaryGeneratedColumn() id: number;
  @Index('ix_uploads_owner') @Column({ type: 'int' }) ownerId: number;
  /** storage key of the re-encoded image (EXIF removed) */
  @Column({ type: 'varchar', length: 200 }) key: string;
  @Column({ type: 'varchar', length: 200 }) thumbKey: string;
  @Column({ type: 'varchar', length: 30 }) mime: string;
  @Column({ type: 'int' }) bytes: number;
  @Column({ type: 'int' }) width: number;
  @Column({ type: 'int' }) height: number;
  @CreatedAtColumn() createdAt: Date;
}
