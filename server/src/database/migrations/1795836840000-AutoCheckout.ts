import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A volunteer who checks in and never checks out gets their hours closed by a job at the planned end. The sign-up
 * says so (`autoCheckedOut`) and so does the ledger entry (`remark`, printed in the 志愿服务记录's 备注), so the hours
 * are neither silently 0 nor indistinguishable from a scanned 签退.
 */
export class AutoCheckout1795836840000 implements MigrationInterface {
  name = 'AutoCheckout1795836840000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `activity_signups` ADD `autoCheckedOut` tinyint NOT NULL DEFAULT 0');
    await q.query('ALTER TABLE `ledger_entries` ADD `remark` varchar(100) NULL');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `ledger_entries` DROP COLUMN `remark`');
    await q.query('ALTER TABLE `activity_signups` DROP COLUMN `autoCheckedOut`');
  }
}
