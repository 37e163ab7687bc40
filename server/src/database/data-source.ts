import 'reflect-metadata';
import * as fs from 'fs';
import * as path from 'path';
import { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app.config';
import { ENTITIES } from './entities';

export const MIGRATIONS_GLOB = path.join(__dirname, 'migrations', '*.{js,ts}');

/**
 * MySQL runs the committed migrations; the embedded SQLite demo database synchronises its schema.
 * mysql2 runs in UTC ('Z') and utf8mb4 so Chinese text and emoji keep their bytes.
 */
export function dataSourceOptions(config: Pick<AppConfig, 'database' | 'dbPoolSize'>): DataSourceOptions {
  if (config.database.type === 'mysql') {
    return {
      type: 'mysql',
      url: config.database.url,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      entities: ENTITIES,
      migrations: [MIGRATIONS_GLOB],
      migrationsRun: false,
      synchronize: false,
      supportBigNumbers: true,
      bigNumberStrings: true,
      poolSize: config.dbPoolSize,
      connectTimeout: 3000,
      extra: {
        connectionLimit: config.dbPoolSize,
        // A burst waits its turn for a connection; past this many waiting, answer 503 rather than queue without end.
        // (A dead database fails fast anyway: each connection attempt is refused at once or times out in 3 s.)
        queueLimit: 5000,
        enableKeepAlive: true,
      },
    };
  }
  if (config.database.file !== ':memory:') fs.mkdirSync(path.dirname(config.database.file), { recursive: true });
  return {
    type: 'better-sqlite3',
    database: config.database.file,
    entities: ENTITIES,
    synchronize: true,
    enableWAL: true,
    prepareDatabase: (db: any) => {
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}

