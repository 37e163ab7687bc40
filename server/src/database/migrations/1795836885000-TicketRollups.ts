import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16: the public 三率 board read every ticket of its period (fine for a street, not for a city). Its figures
 * are now kept in `ticket_rollups`, one row per (day of filing, community, category, status, day of 办结), moved in the
 * same transaction as each status change. 响应率 needs to know whether the first signing was within the SLA hours;
 * that is now decided when it happens (`tickets.respondedInTime`), so editing a category's SLA later does not rewrite
 * the past. Both are backfilled here from the tickets as they are.
 */
export class TicketRollups1795836885000 implements MigrationInterface {
  name = 'TicketRollups1795836885000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `tickets` ADD `respondedInTime` tinyint NULL');
    await q.query(
      'UPDATE `tickets` t JOIN `service_categories` c ON c.`id` = t.`categoryId` SET t.`respondedInTime` = (TIMESTAMPDIFF(MICROSECOND, t.`firstDispatchedAt`, t.`firstSignedAt`) <= c.`slaHours` * 3600000000) WHERE t.`firstSignedAt` IS NOT NULL AND t.`firstDispatchedAt` IS NOT NULL',
    );
    await q.query(
      "CREATE TABLE `ticket_rollups` (`day` varchar(8) NOT NULL, `communityId` int NOT NULL, `categoryId` int NOT NULL, `status` varchar(16) NOT NULL, `resolvedDay` varchar(8) NOT NULL, `n` int NOT NULL DEFAULT '0', `dispatched` int NOT NULL DEFAULT '0', `onTime` int NOT NULL DEFAULT '0', `handled` int NOT NULL DEFAULT '0', `solved` int NOT NULL DEFAULT '0', `rated` int NOT NULL DEFAULT '0', `happy` int NOT NULL DEFAULT '0', `resolved` int NOT NULL DEFAULT '0', `handlingMs` bigint NOT NULL DEFAULT '0', PRIMARY KEY (`day`, `communityId`, `categoryId`, `status`, `resolvedDay`)) ENGINE=InnoDB",
    );
    await q.query(
      // Written out rather than imported, so this migration stays what it was when it ran (rollupSelectSql in
      // ticket-rollups.ts is the same GROUP BY, for rebuilds).
      `INSERT INTO ticket_rollups (day, communityId, categoryId, status, resolvedDay, n, dispatched, onTime, handled, solved, rated, happy, resolved, handlingMs)
       SELECT DATE_FORMAT(createdAt + INTERVAL 8 HOUR, '%Y%m%d'), COALESCE(communityId, 0), categoryId, status,
         CASE WHEN resolvedAt IS NULL THEN '' ELSE DATE_FORMAT(resolvedAt + INTERVAL 8 HOUR, '%Y%m%d') END,
         COUNT(*),
         SUM(CASE WHEN firstDispatchedAt IS NOT NULL THEN 1 ELSE 0 END),
         SUM(CASE WHEN respondedInTime = 1 THEN 1 ELSE 0 END),
         SUM(CASE WHEN resolvedAt IS NOT NULL OR status IN ('closed', 'rated', 'reopened') OR reopenCount > 0 THEN 1 ELSE 0 END),
         SUM(CASE WHEN status IN ('closed', 'rated') AND reopenCount = 0 THEN 1 ELSE 0 END),
         SUM(CASE WHEN rating IS NOT NULL AND rating <> 0 THEN 1 ELSE 0 END),
         SUM(CASE WHEN rating >= 4 THEN 1 ELSE 0 END),
         SUM(CASE WHEN resolvedAt IS NOT NULL THEN 1 ELSE 0 END),
         COALESCE(SUM(CASE WHEN resolvedAt IS NOT NULL THEN TIMESTAMPDIFF(MICROSECOND, createdAt, resolvedAt) DIV 1000 ELSE 0 END), 0)
       FROM tickets GROUP BY 1, 2, 3, 4, 5`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `ticket_rollups`');
    await q.query('ALTER TABLE `tickets` DROP COLUMN `respondedInTime`');
  }
}
