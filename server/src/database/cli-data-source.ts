import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';

/** For the TypeORM CLI: `npx typeorm migration:generate -d server/dist/database/cli-data-source.js …`. */
export default new DataSource(
  dataSourceOptions({
    database: { type: 'mysql', url: process.env.DATABASE_URL ?? 'mysql://linli:linli@127.0.0.1:3306/linli' },
    dbPoolSize: 5,
  }),
);
