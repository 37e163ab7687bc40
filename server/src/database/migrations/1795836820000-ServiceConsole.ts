import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 码上办 for a real street (issue 12):
 * - a category's sign-for limit (`signForHours`), and a ticket's `signDueAt` / `signOverdue`, so a dispatched
 *   ticket nobody signs is flagged and escalated; `(status, signDueAt)` lets the job find them without a scan;
 * - Open311 requests filed by coordinates far from every point have no point or grid (and, far from every
 *   community, no community: the street's queue), and keep the client's `address_string`;
 * - a revoked Open311 key remembers when.
 */
export class ServiceConsole1795836820000 implements MigrationInterface {
  name = 'ServiceConsole1795836820000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE `service_categories` ADD `signForHours` int NOT NULL DEFAULT '4'");
    await q.query(
      'ALTER TABLE `tickets` MODIFY `pointId` int NULL, MODIFY `gridId` int NULL, MODIFY `communityId` int NULL, ' +
        'ADD `addressString` varchar(200) NULL, ADD `signOverdue` tinyint NOT NULL DEFAULT 0, ADD `signDueAt` datetime(3) NULL, ' +
        'ADD INDEX `ix_tickets_status_signdue` (`status`, `signDueAt`)',
    );
    await q.query('ALTER TABLE `open311_keys` ADD `revokedAt` datetime(3) NULL');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `open311_keys` DROP COLUMN `revokedAt`');
    await q.query(
      'ALTER TABLE `tickets` DROP INDEX `ix_tickets_status_signdue`, DROP COLUMN `signDueAt`, DROP COLUMN `signOverdue`, DROP COLUMN `addressString`, ' +
        'MODIFY `communityId` int NOT NULL, MODIFY `gridId` int NOT NULL, MODIFY `pointId` int NOT NULL',
    );
    await q.query('ALTER TABLE `service_categories` DROP COLUMN `signForHours`');
  }
}
