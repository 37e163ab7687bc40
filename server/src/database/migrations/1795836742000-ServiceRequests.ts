import { MigrationInterface, QueryRunner } from 'typeorm';

/** 码上办: categories, tickets, timeline, 同问 followers, per-day number counters, Open311 keys. */
export class ServiceRequests1795836742000 implements MigrationInterface {
  name = 'ServiceRequests1795836742000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      "CREATE TABLE `service_categories` (`id` int NOT NULL AUTO_INCREMENT, `code` varchar(32) NOT NULL, `name` varchar(30) NOT NULL, `icon` varchar(16) NOT NULL, `hint` varchar(200) NOT NULL, `slaHours` int NOT NULL, `attributes` text NOT NULL, `active` tinyint NOT NULL DEFAULT 1, `sortOrder` int NOT NULL DEFAULT '0', UNIQUE INDEX `uq_service_categories_code` (`code`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query(
      "CREATE TABLE `tickets` (`id` int NOT NULL AUTO_INCREMENT, `number` varchar(24) NOT NULL, `categoryId` int NOT NULL, `pointId` int NOT NULL, `gridId` int NOT NULL, `communityId` int NOT NULL, `requesterId` int NULL, `contactName` varchar(50) NOT NULL, `contactPhone` varchar(20) NULL, `anonymous` tinyint NOT NULL DEFAULT 0, `description` text NOT NULL, `photos` text NOT NULL, `attributes` text NOT NULL, `status` varchar(16) NOT NULL, `assigneeId` int NULL, `mergedIntoId` int NULL, `followerCount` int NOT NULL DEFAULT '0', `source` varchar(12) NOT NULL DEFAULT 'miniapp', `lat` double NULL, `lng` double NULL, `overdue` tinyint NOT NULL DEFAULT 0, `reopenCount` int NOT NULL DEFAULT '0', `resolutionNote` varchar(1000) NULL, `rating` int NULL, `ratingComment` varchar(500) NULL, `createdAt` datetime(3) NOT NULL, `updatedAt` datetime(3) NOT NULL, `firstDispatchedAt` datetime(3) NULL, `dispatchedAt` datetime(3) NULL, `signedAt` datetime(3) NULL, `firstSignedAt` datetime(3) NULL, `dueAt` datetime(3) NULL, `resolvedAt` datetime(3) NULL, `closedAt` datetime(3) NULL, `escalatedAt` datetime(3) NULL, UNIQUE INDEX `uq_tickets_number` (`number`), INDEX `ix_tickets_created` (`createdAt`), INDEX `ix_tickets_status_due` (`status`, `dueAt`), INDEX `ix_tickets_assignee` (`assigneeId`, `status`), INDEX `ix_tickets_requester` (`requesterId`, `id`), INDEX `ix_tickets_grid_status` (`gridId`, `status`), INDEX `ix_tickets_community_status` (`communityId`, `status`), INDEX `ix_tickets_point_status` (`pointId`, `status`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query(
      "CREATE TABLE `ticket_events` (`id` bigint NOT NULL AUTO_INCREMENT, `ticketId` int NOT NULL, `action` varchar(16) NOT NULL, `fromStatus` varchar(16) NULL, `toStatus` varchar(16) NULL, `actorId` int NULL, `actorRole` varchar(16) NOT NULL, `note` varchar(1000) NULL, `photos` text NOT NULL, `createdAt` datetime(3) NOT NULL, INDEX `ix_ticket_events_ticket` (`ticketId`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query(
      "CREATE TABLE `ticket_followers` (`id` int NOT NULL AUTO_INCREMENT, `ticketId` int NOT NULL, `userId` int NOT NULL, `createdAt` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX `ix_ticket_followers_user` (`userId`), UNIQUE INDEX `uq_ticket_followers` (`ticketId`, `userId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query("CREATE TABLE `ticket_day_counters` (`day` varchar(8) NOT NULL, `seq` int NOT NULL, PRIMARY KEY (`day`)) ENGINE=InnoDB");
    await q.query(
      "CREATE TABLE `open311_keys` (`id` int NOT NULL AUTO_INCREMENT, `apiKey` varchar(64) NOT NULL, `name` varchar(100) NOT NULL, `active` tinyint NOT NULL DEFAULT 1, `createdBy` int NULL, `createdAt` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX `uq_open311_keys_key` (`apiKey`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `open311_keys`');
    await q.query('DROP TABLE `ticket_day_counters`');
    await q.query('DROP TABLE `ticket_followers`');
    await q.query('DROP TABLE `ticket_events`');
    await q.query('DROP TABLE `tickets`');
    await q.query('DROP TABLE `service_categories`');
  }
}
