import 'dotenv/config';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app.config';
import { dataSourceOptions } from './data-source';

/** `npm run db:migrate`: applies the committed migrations to the MySQL in DATABASE_URL. */
async function main() {
  const config = loadConfig();
  if (config.database.type !== 'mysql') {
    console.log('DATABASE_URL is SQLite: its schema is synchronised at start, there is nothing to migrate.');
    return;
  }
  const ds = await new DataSource(dataSourceOptions(config)).initialize();
  const done = await ds.runMigrations({ transaction: 'each' });
  console.log(done.length ? `Applied ${done.length} migration(s):\n${done.map((m) => `  ${m.name}`).join('\n')}` : 'Database is up to date.');
  await ds.destroy();
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
