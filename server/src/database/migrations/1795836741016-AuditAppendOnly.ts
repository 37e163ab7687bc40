import { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit trail is append-only in the database itself, not just by convention in the code. */
export class AuditAppendOnly1795836741016 implements MigrationInterface {
  name = 'AuditAppendOnly1795836741016';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      "CREATE TRIGGER trg_audit_logs_no_update BEFORE UPDATE ON audit_logs FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_logs is append-only'",
    );
    await q.query(
      "CREATE TRIGGER trg_audit_logs_no_delete BEFORE DELETE ON audit_logs FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_logs is append-only'",
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER IF EXISTS trg_audit_logs_no_delete');
    await q.query('DROP TRIGGER IF EXISTS trg_audit_logs_no_update');
  }
}
