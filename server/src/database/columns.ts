import { Column, ColumnOptions, CreateDateColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Times are stored in UTC. MySQL uses DATETIME(3) (mysql2 runs with timezone 'Z'); SQLite stores text.
 * The database type is known before entities load, so the column type is picked once here.
 */
const isSqlite = () => (process.env.DATABASE_URL ?? 'sqlite:').startsWith('sqlite:');

export function DateTimeColumn(options: ColumnOptions = {}) {
  return Column(isSqlite() ? { type: 'datetime', ...options } : { type: 'datetime', precision: 3, ...options });
}

export function CreatedAtColumn() {
  return CreateDateColumn(isSqlite() ? { type: 'datetime' } : { type: 'datetime', precision: 3 });
}

/** JSON stored as text on both databases, so queries stay portable. */
export function JsonColumn(options: ColumnOptions = {}) {
  return Column({ type: 'simple-json', ...options });
}

/** BIGINT AUTO_INCREMENT on MySQL for tables that grow without bound; SQLite only auto-increments INTEGER. */
export function BigIdColumn() {
  return PrimaryGeneratedColumn(isSqlite() ? { type: 'integer' } : { type: 'bigint' });
}
