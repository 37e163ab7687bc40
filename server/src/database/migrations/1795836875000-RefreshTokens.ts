import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access tokens now live an hour and are renewed with a refresh token, so a session can be taken back: on logout, on
 * a role change, and when a used refresh token comes back (it was copied). Only each token's SHA-256 is stored; the
 * unique index on it is also the lookup.
 */
export class RefreshTokens1795836875000 implements MigrationInterface {
  name = 'RefreshTokens1795836875000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE `refresh_tokens` (`id` int NOT NULL AUTO_INCREMENT, `userId` int NOT NULL, `familyId` varchar(32) NOT NULL, `tokenHash` varchar(64) NOT NULL, `expiresAt` datetime(3) NOT NULL, `usedAt` datetime(3) NULL, `revokedAt` datetime(3) NULL, `revokeReason` varchar(20) NULL, `createdAt` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX `uq_refresh_tokens_hash` (`tokenHash`), INDEX `ix_refresh_tokens_family` (`familyId`), INDEX `ix_refresh_tokens_user` (`userId`, `revokedAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `refresh_tokens`');
  }
}
