import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/** A job runs on whichever server process holds its lease; the others skip that tick. */
@Entity('job_leases')
export class JobLease {
  @PrimaryColumn({ type: 'varchar', length: 60 }) name: string;
  @Column({ type: 'varchar', length: 80 }) holder: string;
  @DateTimeColumn() leaseUntil: Date;
  @DateTimeColumn({ nullable: true }) lastRunAt: Date | null;
  @Column({ type: 'int', default: 0 }) runs: number;
}
