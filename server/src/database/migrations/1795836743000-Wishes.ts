import { MigrationInterface, QueryRunner } from 'typeorm';

/** 微心愿: beneficiaries (private), wishes, their timeline, per-volunteer claim slots and claim lapses. */
export class Wishes1795836743000 implements MigrationInterface {
  name = 'Wishes1795836743000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      "CREATE TABLE `wish_beneficiaries` (`id` int NOT NULL AUTO_INCREMENT, `communityId` int NOT NULL, `name` varchar(50) NOT NULL, `gender` varchar(10) NOT NULL, `ageGroup` varchar(10) NOT NULL, `building` varchar(100) NOT NULL, `phone` varchar(20) NULL, `situation` varchar(500) NOT NULL DEFAULT '', `createdBy` int NOT NULL, `createdAt` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX `ix_wish_beneficiaries_community` (`communityId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query(
      "CREATE TABLE `wishes` (`id` int NOT NULL AUTO_INCREMENT, `beneficiaryId` int NOT NULL, `communityId` int NOT NULL, `gridId` int NULL, `displayName` varchar(80) NOT NULL, `title` varchar(40) NOT NULL, `story` varchar(300) NOT NULL, `type` varchar(20) NOT NULL, `estimatedValue` int NOT NULL, `photos` text NOT NULL, `wishBy` varchar(10) NOT NULL, `partyPriority` tinyint NOT NULL DEFAULT 0, `status` varchar(20) NOT NULL, `createdBy` int NOT NULL, `handlerId` int NOT NULL, `claimerId` int NULL, `claimedAt` datetime(3) NULL, `claimExpiresAt` datetime(3) NULL, `reminderSentAt` datetime(3) NULL, `proofPhotos` text NULL, `proofNote` varchar(300) NULL, `fulfilledAt` datetime(3) NULL, `confirmedAt` datetime(3) NULL, `confirmedBy` int NULL, `lastReason` varchar(200) NULL, `publishedAt` datetime(3) NULL, `createdAt` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX `ix_wishes_claim_expiry` (`status`, `claimExpiresAt`), INDEX `ix_wishes_claimer` (`claimerId`, `status`), INDEX `ix_wishes_community_status` (`communityId`, `status`, `id`), INDEX `ix_wishes_wall` (`status`, `wishBy`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query(
      "CREATE TABLE `wish_events` (`id` bigint NOT NULL AUTO_INCREMENT, `wishId` int NOT NULL, `action` varchar(20) NOT NULL, `fromStatus` varchar(20) NULL, `toStatus` varchar(20) NOT NULL, `actorId` int NULL, `actorRole` varchar(20) NOT NULL, `volunteerId` int NULL, `reason` varchar(200) NULL, `createdAt` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX `ix_wish_events_wish` (`wishId`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query(
      "CREATE TABLE `wish_volunteers` (`userId` int NOT NULL, `activeClaims` int NOT NULL DEFAULT '0', `pausedAt` datetime(3) NULL, `pausedUntil` datetime(3) NULL, `idNumberMasked` varchar(20) NULL, PRIMARY KEY (`userId`)) ENGINE=InnoDB",
    );
    await q.query(
      "CREATE TABLE `wish_claim_lapses` (`id` int NOT NULL AUTO_INCREMENT, `userId` int NOT NULL, `wishId` int NOT NULL, `at` datetime(3) NOT NULL, INDEX `ix_wish_claim_lapses_user` (`userId`, `at`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `wish_claim_lapses`');
    await q.query('DROP TABLE `wish_volunteers`');
    await q.query('DROP TABLE `wish_events`');
    await q.query('DROP TABLE `wishes`');
    await q.query('DROP TABLE `wish_beneficiaries`');
  }
}
