import { MigrationInterface, QueryRunner } from 'typeorm';

/** People and roles: a resident's building, the admin's list of 党支部, invites to a role, volunteer applications. */
export class People1795836800000 implements MigrationInterface {
  name = 'People1795836800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `users` ADD `building` varchar(50) NULL');
    await q.query(
      'CREATE TABLE `branches` (`id` int NOT NULL AUTO_INCREMENT, `name` varchar(100) NOT NULL, `communityId` int NULL, `secretaryId` int NULL, `createdAt` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX `uq_branches_name` (`name`), INDEX `ix_branches_secretary` (`secretaryId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await q.query(
      'CREATE TABLE `invites` (`id` int NOT NULL AUTO_INCREMENT, `code` varchar(16) NOT NULL, `role` varchar(16) NOT NULL, `gridId` int NULL, `communityId` int NULL, `branchId` int NULL, `isPartyMember` tinyint NOT NULL DEFAULT 0, `note` varchar(50) NULL, `createdById` int NOT NULL, `expiresAt` datetime(3) NOT NULL, `usedById` int NULL, `usedAt` datetime(3) NULL, `revokedAt` datetime(3) NULL, `createdAt` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX `uq_invites_code` (`code`), INDEX `ix_invites_community` (`communityId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await q.query(
      "CREATE TABLE `volunteer_applications` (`id` int NOT NULL AUTO_INCREMENT, `userId` int NOT NULL, `communityId` int NOT NULL, `isPartyMember` tinyint NOT NULL DEFAULT 0, `branchId` int NULL, `note` varchar(200) NULL, `status` varchar(16) NOT NULL DEFAULT 'pending', `reason` varchar(200) NULL, `decidedById` int NULL, `decidedAt` datetime(3) NULL, `createdAt` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX `ix_applications_user` (`userId`), INDEX `ix_applications_community_status` (`communityId`, `status`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `volunteer_applications`');
    await q.query('DROP TABLE `invites`');
    await q.query('DROP TABLE `branches`');
    await q.query('ALTER TABLE `users` DROP COLUMN `building`');
  }
}
