import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A beneficiary lives in a grid, and only that grid's worker (with staff of the community) may see who they are.
 * Until now only the community was stored, so every grid worker of the community saw every beneficiary. Existing
 * rows take the grid of their latest wish; a beneficiary with no wish in a grid stays with staff only (NULL).
 */
export class BeneficiaryGrid1795836870000 implements MigrationInterface {
  name = 'BeneficiaryGrid1795836870000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `wish_beneficiaries` ADD `gridId` int NULL, ADD INDEX `ix_wish_beneficiaries_grid` (`gridId`)');
    await q.query(
      'UPDATE `wish_beneficiaries` b SET b.`gridId` = (SELECT w.`gridId` FROM `wishes` w WHERE w.`beneficiaryId` = b.`id` AND w.`gridId` IS NOT NULL ORDER BY w.`id` DESC LIMIT 1)',
    );
    await q.query('CREATE INDEX `ix_wishes_grid_status` ON `wishes` (`gridId`, `status`, `id`)');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX `ix_wishes_grid_status` ON `wishes`');
    await q.query('ALTER TABLE `wish_beneficiaries` DROP INDEX `ix_wish_beneficiaries_grid`, DROP COLUMN `gridId`');
  }
}
