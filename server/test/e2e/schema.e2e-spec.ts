import * as fs from 'fs';
import * as path from 'path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { startTestApp, TestApp } from '../utils/test-app';

/**
 * The app talks to MariaDB as `type: 'mysql'` (one code path for MySQL and MariaDB). TypeORM's schema reader, though,
 * takes MariaDB's information_schema at its word only when told the dialect: MariaDB ≥ 10.2.7 reports a nullable
 * column's missing default as the text 'NULL', which the 'mysql' reader takes for a default and so "changes" every
 * nullable column (and re-creates each index over one). The comparison therefore reads a MariaDB through a
 * 'mariadb' data source on the same database; the app's own driver settings stay as they are.
 */
async function reader(app: DataSource): Promise<DataSource> {
  if (app.options.type !== 'mysql') return app;
  const [{ v }] = await app.query('SELECT VERSION() AS v');
  if (!/mariadb/i.test(v)) return app;
  return new DataSource({ ...app.options, type: 'mariadb', poolSize: 1, extra: { connectionLimit: 1 } } as DataSourceOptions).initialize();
}

/**
 * The entities and the committed migrations describe one schema. On MySQL/MariaDB a fresh database is built by the
 * migration chain alone (as in production), then TypeORM's schema builder is asked what `synchronize` would still
 * run: that list must be empty, or an entity changed without its migration (or a migration without its entity).
 * On SQLite the schema *is* synchronised from the entities, so the same question checks that path left nothing out.
 */
describe('schema: entities and migrations agree', () => {
  let t: TestApp;
  /** The app's data source, or on MariaDB one that reads the schema as MariaDB (see `reader`). */
  let ds: DataSource;
  beforeAll(async () => {
    t = await startTestApp({}, { seed: false });
    ds = await reader(t.dataSource);
  });
  afterAll(async () => {
    if (ds && ds !== t.dataSource) await ds.destroy();
    await t?.close();
  });

  const pending = async () => (await ds.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query);

  it('should leave nothing for synchronize to do on a database built the way this run builds it', async () => {
    expect(await pending()).toEqual([]);
  });

  it('should have applied every committed migration on MySQL, and synchronised the embedded SQLite instead', async () => {
    const dir = path.join(__dirname, '..', '..', 'src', 'database', 'migrations');
    const committed = fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).length;
    expect(committed).toBeGreaterThan(0);
    if (t.dbKind === 'mysql') {
      const applied = await t.dataSource.query('SELECT name FROM migrations');
      expect(applied).toHaveLength(committed);
    } else {
      expect(t.dataSource.options.synchronize).toBe(true);
      expect(await t.dataSource.query("SELECT name FROM sqlite_master WHERE name = 'migrations'")).toEqual([]);
    }
  });

  it('should notice a schema that differs from the entities, so the check above can fail', async () => {
    // A dropped index, and a nullable column made NOT NULL: the kind of drift the MariaDB reader must still see.
    const qr = ds.createQueryRunner();
    try {
      await qr.dropIndex('wishes', 'ix_wishes_wall');
      const table = (await qr.getTable('wishes'))!;
      const note = table.findColumnByName('proofNote')!;
      const required = note.clone();
      required.isNullable = false;
      await qr.changeColumn(table, note, required);
    } finally {
      await qr.release();
    }
    try {
      const diff = (await pending()).join('\n');
      expect(diff).toMatch(/ix_wishes_wall/);
      expect(diff).toMatch(/proofNote/);
    } finally {
      await ds.synchronize();
    }
    expect(await pending()).toEqual([]);
  });
});
