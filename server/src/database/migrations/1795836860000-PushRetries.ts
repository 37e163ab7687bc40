import { MigrationInterface, QueryRunner } from 'typeorm';

/** The push job retries a subscribe message that WeChat refused for a passing reason (-1, 40001/42001) with backoff. */
export class PushRetries1795836860000 implements MigrationInterface {
  name = 'PushRetries1795836860000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `notifications` ADD `pushAttempts` int NOT NULL DEFAULT 0, ADD `pushNextAt` datetime(3) NULL');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `notifications` DROP COLUMN `pushNextAt`, DROP COLUMN `pushAttempts`');
  }
}
