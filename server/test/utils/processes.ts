import { ChildProcess, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@linli/domain';
import { client } from './http';

/** Real server processes (the built server/dist/main.js) against one MySQL database, for fault and scale tests. */
export const MAIN = path.join(__dirname, '..', '..', 'dist', 'main.js');
export const JWT_SECRET = 'multi-process-test-secret-0123';

export async function mysqlAdmin(baseUrl = process.env.DATABASE_URL!) {
  if (!baseUrl?.startsWith('mysql')) throw new Error('these tests need DATABASE_URL=mysql://… (npm test provides a private MariaDB)');
  const url = new URL(baseUrl);
  const mysql = await import('mysql2/promise');
  return mysql.createConnection({ host: url.hostname, port: Number(url.port), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password), multipleStatements: true });
}

export async function freshDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void>; query: (sql: string, args?: unknown[]) => Promise<any[]> }> {
  const admin = await mysqlAdmin();
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.query(`USE \`${name}\``);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    query: async (sql, args) => (await admin.query(sql, args))[0] as any[],
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  log: () => string;
  kill: (signal?: NodeJS.Signals) => Promise<void>;
}

export async function startServerProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  if (!fs.existsSync(MAIN)) throw new Error('server/dist/main.js is missing: npm run build:server');
  const { freePort } = require('../../../scripts/lib/mariadb');
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH!,
      NODE_ENV: 'development',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      JWT_SECRET,
      DEMO_MODE: 'true',
      LOG_LEVEL: 'error',
      JOBS_ENABLED: 'false',
      RATE_LIMIT: '100000',
      LOGIN_RATE_LIMIT: '100000',
      SUBMIT_RATE_LIMIT: '100000',
      UPLOAD_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'linli-proc-')),
      H5_DIR: '/nonexistent',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${log}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`server not healthy: ${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    log: () => log,
    kill: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

/** Users inserted in bulk with signed tokens (the processes share JWT_SECRET), for bursts of hundreds. */
export async function bulkUsers(db: { query: (sql: string, args?: unknown[]) => Promise<any[]> }, count: number, roles: Role[], tag: string) {
  const rows = Array.from({ length: count }, (_, i) => [`${tag}${i}`, JSON.stringify(roles), `o${tag}_${i}_${randomBytes(3).toString('hex')}`, `1${String(3000000000 + Math.floor(Math.random() * 999999999)).slice(0, 10)}`]);
  await db.query('INSERT INTO users (name, roles, openid, phone, isPartyMember) VALUES ' + rows.map(() => '(?, ?, ?, ?, 0)').join(','), rows.flat());
  const saved = await db.query('SELECT id FROM users WHERE name LIKE ? ORDER BY id', [`${tag}%`]);
  const jwt = new JwtService({ secret: JWT_SECRET });
  return saved.map((r: any) => ({ id: Number(r.id), token: jwt.sign({ sub: Number(r.id), roles }) }));
}

export async function login(url: string, persona: string) {
  const res = await client(url).post('/api/auth/demo-login', { persona });
  if (res.status !== 200) throw new Error(`login ${persona}: ${res.status} ${res.text}`);
  return client(url, res.body.accessToken);
}

export function at(url: string, token: string) {
  return client(url, token);
}
