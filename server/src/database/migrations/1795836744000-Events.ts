import { MigrationInterface, QueryRunner } from 'typeorm';

/** 活动报名: activities and their sign-ups. */
export class Events1795836744000 implements MigrationInterface {
  name = 'Events1795836744000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      "CREATE TABLE `activities` (`id` int NOT NULL AUTO_INCREMENT, `type` varchar(20) NOT NULL, `title` varchar(100) NOT NULL, `cover` text NULL, `description` text NOT NULL, `organiser` varchar(100) NOT NULL, `communityId` int NOT NULL, `place` varchar(200) NOT NULL, `pointId` int NULL, `startAt` datetime(3) NOT NULL, `endAt` datetime(3) NOT NULL, `signupStartAt` datetime(3) NOT NULL, `signupEndAt` datetime(3) NOT NULL, `cancelDeadline` datetime(3) NOT NULL, `checkinOpensMinutes` int NOT NULL DEFAULT '30', `capacity` int NOT NULL, `confirmedCount` int NOT NULL DEFAULT '0', `waitlistCount` int NOT NULL DEFAULT '0', `audience` varchar(20) NOT NULL, `audienceCommunityId` int NULL, `questions` text NOT NULL, `centiHours` int NOT NULL DEFAULT '0', `status` varchar(12) NOT NULL, `scene` varchar(32) NULL, `createdBy` int NOT NULL, `reminded24At` datetime(3) NULL, `reminded1At` datetime(3) NULL, `noShowMarkedAt` datetime(3) NULL, `cancelReason` varchar(200) NULL, `createdAt` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX `uq_activities_scene` (`scene`), INDEX `ix_activities_start` (`startAt`), INDEX `ix_activities_status` (`status`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query(
      "CREATE TABLE `activity_signups` (`id` bigint NOT NULL AUTO_INCREMENT, `activityId` int NOT NULL, `userId` int NOT NULL, `status` varchar(12) NOT NULL, `activeKey` varchar(40) NULL, `answers` text NULL, `proxyBy` int NULL, `promotedAt` datetime(3) NULL, `checkedInAt` datetime(3) NULL, `checkedOutAt` datetime(3) NULL, `cancelledAt` datetime(3) NULL, `checkedInBy` int NULL, `centiHours` int NULL, `createdAt` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX `uq_signups_active` (`activeKey`), INDEX `ix_signups_user` (`userId`, `id`), INDEX `ix_signups_activity` (`activityId`, `status`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `activity_signups`');
    await q.query('DROP TABLE `activities`');
  }
}
