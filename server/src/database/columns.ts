import { Column, ColumnOptions, CreateDateColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Times are stored in UTC. MySQL uses DATETIME(3) (mysql2 runs with timezone 'Z'); SQLite stores text.
 * The database type is known before entities load, so the column type is picked once here.
 */
const isSqlite = () => (process.env.DATABASE_URL ?? 'sqlite:').startsWith('sqlite:');

export function DateTimeColumn(options: ColumnOptions = {}) {
  return Column(isSqlite() ? { type: 'datetime', ...options } : { type: 'datetime', precision: 3, ...options });
}

/**
 * The default names its precision: TypeORM's own for a create-date column is CURRENT_TIMESTAMP(6) whatever the
 * column's, which MySQL refuses on a DATETIME(3) and MariaDB quietly stores as CURRENT_TIMESTAMP(3) (so the schema
 * diff never came out empty).
 */
export function CreatedAtColumn() {
  return CreateDateColumn(isSqlite() ? { type: 'datetime' } : { type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' });
}

/** JSON stored as text on both databases, so queries stay portable. */
export function JsonColumn(options: ColumnOptions = {}) {
  return Column({ type: 'simple-json', ...options });
}

/** BIGINT AUTO_INCREMENT on MySQL for tables that grow without bound; SQLite only auto-increments INTEGER. */
export function BigIdColumn() {
  return PrimaryGeneratedColumn(isSqlite() ? { type: 'integer' } : { type: 'bigint' });
}
