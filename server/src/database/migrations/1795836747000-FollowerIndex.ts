import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 我的诉求 reads the tickets a resident follows (同问) newest first, a keyset page at a time. With `(userId)` alone
 * MariaDB finds the rows but must sort them; `(userId, ticketId)` hands them over in ticket order, so a deep page
 * reads only the rows it returns however many tickets the resident follows. Same name as the entity's @Index.
 */
export class FollowerIndex1795836747000 implements MigrationInterface {
  name = 'FollowerIndex1795836747000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `ticket_followers` DROP INDEX `ix_ticket_followers_user`, ADD INDEX `ix_ticket_followers_user` (`userId`, `ticketId`)');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `ticket_followers` DROP INDEX `ix_ticket_followers_user`, ADD INDEX `ix_ticket_followers_user` (`userId`)');
  }
}
