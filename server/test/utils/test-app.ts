import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../src/config/app.config';
import { startFakeWechat, FakeWechatState } from '../../src/modules/wechat/fake/fake-wechat';

export const TEST_APPID = 'wxtest00000000001';
export const TEST_SECRET = 'test-wechat-secret';

export interface TestApp {
  app: NestFastifyApplication;
  url: string;
  dataSource: DataSource;
  dbKind: 'mysql' | 'sqlite';
  wechat: { url: string; state: FakeWechatState };
  config: AppConfig;
  get<T>(token: any): T;
  close(): Promise<void>;
}

/** Which database this run uses: `npm test` runs the e2e suite once on MariaDB and once on SQLite. */
export function dbKind(): 'mysql' | 'sqlite' {
  return (process.env.DATABASE_URL ?? '').startsWith('mysql') ? 'mysql' : 'sqlite';
}

/**
 * A fresh server on a fresh database, listening on a random port, with the fake WeChat server out of process.
 * MySQL: a new database per suite, built by running the committed migration chain.
 */
export async function startTestApp(overrides: Partial<Record<string, string>> = {}, opts: { seed?: boolean } = {}): Promise<TestApp> {
  const wechat = await startFakeWechat({ appId: TEST_APPID, secret: TEST_SECRET });
  let databaseUrl: string;
  let dropDb: (() => Promise<void>) | null = null;
  if (dbKind() === 'mysql') {
    const base = new URL(process.env.DATABASE_URL!);
    const name = `linli_t_${randomBytes(5).toString('hex')}`;
    const mysql = await import('mysql2/promise');
    const admin = await mysql.createConnection({ host: base.hostname, port: Number(base.port), user: decodeURIComponent(base.username), password: decodeURIComponent(base.password) });
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    base.pathname = `/${name}`;
    databaseUrl = base.toString();
    dropDb = async () => {
      const c = await mysql.createConnection({ host: base.hostname, port: Number(base.port), user: decodeURIComponent(base.username), password: decodeURIComponent(base.password) });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-sqlite-'));
    databaseUrl = `sqlite:${path.join(dir, 'test.sqlite')}`;
  }
  const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-uploads-'));
  const env = {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'test-jwt-secret-0123456789',
    WECHAT_APPID: TEST_APPID,
    WECHAT_SECRET: TEST_SECRET,
    WECHAT_API_BASE: wechat.url,
    DEMO_MODE: 'true',
    UPLOAD_DIR: uploadDir,
    H5_DIR: path.join(os.tmpdir(), 'linli-no-h5'),
    LOG_LEVEL: 'error',
    JOBS_ENABLED: 'false',
    LOGIN_RATE_LIMIT: '1000',
    SUBMIT_RATE_LIMIT: '1000',
    ...overrides,
  };
  const { loadConfig } = await import('../../src/config/app.config');
  const config = loadConfig(env as NodeJS.ProcessEnv);
  const { createApp, listen } = await import('../../src/app.factory');
  const app = await createApp({ config, migrate: true, seed: opts.seed ?? true });
  const url = await listen(app, 0, '127.0.0.1');
  const dataSource = app.get(DataSource);
  return {
    app,
    url,
    dataSource,
    dbKind: config.database.type,
    wechat: { url: wechat.url, state: wechat.state },
    config,
    get: (token) => app.get(token),
    close: async () => {
      await app.close();
      await wechat.app.close();
      if (dropDb) await dropDb();
      fs.rmSync(uploadDir, { recursive: true, force: true });
    },
  };
}
