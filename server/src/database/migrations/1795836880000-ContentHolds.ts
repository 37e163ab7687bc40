import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public text that WeChat's content check could not pass waits here, unseen by the public, for a re-check by the
 * `moderation.recheck` job or a decision by staff of its community.
 */
export class ContentHolds1795836880000 implements MigrationInterface {
  name = 'ContentHolds1795836880000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      "CREATE TABLE `content_holds` (`id` int NOT NULL AUTO_INCREMENT, `entityType` varchar(16) NOT NULL, `entityId` int NOT NULL, `field` varchar(32) NOT NULL, `content` text NOT NULL, `scene` int NOT NULL DEFAULT 2, `authorId` int NULL, `communityId` int NULL, `reason` varchar(16) NOT NULL, `status` varchar(16) NOT NULL DEFAULT 'held', `checks` int NOT NULL DEFAULT 0, `nextCheckAt` datetime(3) NULL, `decidedById` int NULL, `decidedAt` datetime(3) NULL, `decisionNote` varchar(300) NULL, `createdAt` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX `ix_holds_entity` (`entityType`, `entityId`), INDEX `ix_holds_recheck` (`status`, `nextCheckAt`), INDEX `ix_holds_community_status` (`communityId`, `status`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `content_holds`');
  }
}
