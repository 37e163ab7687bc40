import { DataSource } from 'typeorm';

/** Tables whose rows may be inserted but never changed or removed. */
export const APPEND_ONLY_TABLES = ['audit_logs', 'ledger_entries'];

/**
 * SQLite gets its schema from `synchronize`, which knows nothing of triggers, so they are added at boot.
 * (MySQL gets the same triggers from a migration.)
 */
export async function ensureSqliteAppendOnly(ds: DataSource) {
  for (const table of APPEND_ONLY_TABLES) {
    for (const op of ['UPDATE', 'DELETE']) {
      await ds.query(
        `CREATE TRIGGER IF NOT EXISTS trg_${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
      );
    }
  }
}
