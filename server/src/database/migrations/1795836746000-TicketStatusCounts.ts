import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Found by `npm run bench` (section 4): the staff queue's tab badges counted every ticket of the staff's communities
 * on every page (~3 s at 1,000,000 tickets). `ticket_status_counts` holds one row per (community, status), kept in
 * step by the service in the same transaction as each status change; this migration backfills it from `tickets`.
 */
export class TicketStatusCounts1795836746000 implements MigrationInterface {
  name = 'TicketStatusCounts1795836746000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      "CREATE TABLE `ticket_status_counts` (`communityId` int NOT NULL, `status` varchar(16) NOT NULL, `n` int NOT NULL DEFAULT '0', PRIMARY KEY (`communityId`, `status`)) ENGINE=InnoDB",
    );
    await q.query('INSERT INTO `ticket_status_counts` (`communityId`, `status`, `n`) SELECT `communityId`, `status`, COUNT(*) FROM `tickets` GROUP BY `communityId`, `status`');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `ticket_status_counts`');
  }
}
