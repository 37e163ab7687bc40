import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ActivityQuestion, ActivityStatus, ActivityType, Answers, Audience, SignupStatus } from '@linli/domain';
import { BigIdColumn, CreatedAtColumn, DateTimeColumn, JsonColumn } from '../../database/columns';
import type { UploadView } from '../uploads/uploads.service';

@Entity('activities')
@Index('ix_activities_status', ['status', 'id'])
@Index('ix_activities_start', ['startAt'])
export class Activity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 20 }) type: ActivityType;
  @Column({ type: 'varchar', length: 100 }) title: string;
  @JsonColumn({ nullable: true }) cover: UploadView | null;
  @Column({ type: 'text' }) description: string;
  /** 组织方: community or 支部 name */
  @Column({ type: 'varchar', length: 100 }) organiser: string;
  /** The community whose staff manage this activity. */
  @Column({ type: 'int' }) communityId: number;
  @Column({ type: 'varchar', length: 200 }) place: string;
  @Column({ type: 'int', nullable: true }) pointId: number | null;
  @DateTimeColumn() startAt: Date;
  @DateTimeColumn() endAt: Date;
  @DateTimeColumn() signupStartAt: Date;
  @DateTimeColumn() signupEndAt: Date;
  @DateTimeColumn() cancelDeadline: Date;
  @Column({ type: 'int', default: 30 }) checkinOpensMinutes: number;
  @Column({ type: 'int' }) capacity: number;
  /** Seats taken. Only ever changed by conditional UPDATEs, so it cannot pass capacity. */
  @Column({ type: 'int', default: 0 }) confirmedCount: number;
  @Column({ type: 'int', default: 0 }) waitlistCount: number;
  @Column({ type: 'varchar', length: 20 }) audience: Audience;
  @Column({ type: 'int', nullable: true }) audienceCommunityId: number | null;
  @JsonColumn() questions: ActivityQuestion[];
  /** planned volunteer hours × 100 */
  @Column({ type: 'int', default: 0 }) centiHours: number;
  @Column({ type: 'varchar', length: 12 }) status: ActivityStatus;
  /** check-in QR scene, `a.<id36>.<rand>` */
  @Index('uq_activities_scene', { unique: true }) @Column({ type: 'varchar', length: 32, nullable: true }) scene: string | null;
  @Column({ type: 'int' }) createdBy: number;
  @DateTimeColumn({ nullable: true }) reminded24At: Date | null;
  @DateTimeColumn({ nullable: true }) reminded1At: Date | null;
  @DateTimeColumn({ nullable: true }) noShowMarkedAt: Date | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) cancelReason: string | null;
  @CreatedAtColumn() createdAt: Date;
}

@Entity('activity_signups')
@Index('ix_signups_activity', ['activityId', 'status', 'id'])
@Index('ix_signups_user', ['userId', 'id'])
export class ActivitySignup {
  /** Monotonic: the waiting list is ordered by id, i.e. by arrival. */
  @BigIdColumn() id: string;
  @Column({ type: 'int' }) activityId: number;
  @Column({ type: 'int' }) userId: number;
  @Column({ type: 'varchar', length: 12 }) status: SignupStatus;
  /** `${activityId}:${userId}` while the sign-up is active, NULL once cancelled/declined: one active sign-up per person. */
  @Index('uq_signups_active', { unique: true }) @Column({ type: 'varchar', length: 40, nullable: true }) activeKey: string | null;
  @JsonColumn({ nullable: true }) answers: Answers | null;
  /** grid worker who signed up a phone-only resident */
  @Column({ type: 'int', nullable: true }) proxyBy: number | null;
  @DateTimeColumn({ nullable: true }) promotedAt: Date | null;
  @DateTimeColumn({ nullable: true }) checkedInAt: Date | null;
  @DateTimeColumn({ nullable: true }) checkedOutAt: Date | null;
  @DateTimeColumn({ nullable: true }) cancelledAt: Date | null;
  @Column({ type: 'int', nullable: true }) checkedInBy: number | null;
  @Column({ type: 'int', nullable: true }) centiHours: number | null;
  /** Never checked out: the job closed the hours at the planned end. */
  @Column({ type: 'boolean', default: false }) autoCheckedOut: boolean;
  @CreatedAtColumn() createdAt: Date;
}
