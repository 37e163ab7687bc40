import { MigrationInterface, QueryRunner } from 'typeorm';

export class Ledger1795836741017 implements MigrationInterface {
  name = 'Ledger1795836741017';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      "CREATE TABLE `ledger_entries` (`id` bigint NOT NULL AUTO_INCREMENT, `userId` int NOT NULL, `source` varchar(20) NOT NULL, `sourceId` varchar(40) NOT NULL, `content` varchar(200) NOT NULL, `centiHours` int NOT NULL, `points` int NOT NULL DEFAULT '0', `confirmedBy` int NULL, `organisation` varchar(100) NOT NULL, `communityId` int NULL, `correctsEntryId` varchar(40) NULL, `createdAt` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX `uq_ledger_source` (`source`, `sourceId`, `userId`), INDEX `ix_ledger_user` (`userId`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query("CREATE TRIGGER trg_ledger_entries_no_update BEFORE UPDATE ON ledger_entries FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ledger_entries is append-only'");
    await q.query("CREATE TRIGGER trg_ledger_entries_no_delete BEFORE DELETE ON ledger_entries FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ledger_entries is append-only'");
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER IF EXISTS trg_ledger_entries_no_delete');
    await q.query('DROP TRIGGER IF EXISTS trg_ledger_entries_no_update');
    await q.query('DROP TABLE `ledger_entries`');
  }
}
