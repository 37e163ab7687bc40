'use strict';
// Shared helpers for `npm run bench`: statistics, the built server as a child process, users with signed tokens.
const { spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const mysql = require('mysql2/promise');
const { freePort } = require('../scripts/lib/mariadb');

const ROOT = path.resolve(__dirname, '..');
const MAIN = path.join(ROOT, 'server', 'dist', 'main.js');
const JWT_SECRET = 'linli-bench-secret-0123456789';

function median(xs) {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return null;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

function rssOf(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  } catch {
    return null;
  }
}

/** A pool on the bench database; `timezone: 'Z'` like the server. */
function pool(url, connectionLimit = 20) {
  return mysql.createPool({ uri: url, connectionLimit, timezone: 'Z', multipleStatements: true, supportBigNumbers: true, bigNumberStrings: true });
}

/** Starts the built server (server/dist/main.js) on a free port; resolves when /api/health answers. */
async function startApp(databaseUrl, extraEnv = {}) {
  if (!fs.existsSync(MAIN)) throw new Error('server/dist/main.js missing: npm run build:server');
  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: 'development',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    JWT_SECRET,
    DEMO_MODE: 'true',
    MIGRATE_ON_START: 'true',
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    RATE_LIMIT: '100000000',
    LOGIN_RATE_LIMIT: '100000000',
    SUBMIT_RATE_LIMIT: '100000000',
    UPLOAD_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bench-')),
    H5_DIR: path.join(ROOT, 'dist', 'h5'),
    ...extraEnv,
  };
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log = (log + d).slice(-20000)));
  child.stderr.on('data', (d) => (log = (log + d).slice(-20000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {}
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not healthy:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    pid: child.pid,
    log: () => log,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => (clearTimeout(t), resolve()));
        child.kill('SIGTERM');
      }),
  };
}

/** JSON over fetch; throws on an unexpected status. */
async function call(url, method, pathname, { token, body, expect = [200, 201] } = {}) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url + pathname, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  if (expect && !expect.includes(res.status)) throw new Error(`${method} ${pathname}: ${res.status} ${text.slice(0, 500)}`);
  return { status: res.status, body: json };
}

async function demoLogin(url, persona) {
  const r = await call(url, 'POST', '/api/auth/demo-login', { body: { persona } });
  return { token: r.body.accessToken, id: Number(r.body.user?.id ?? JSON.parse(Buffer.from(r.body.accessToken.split('.')[1], 'base64url')).sub) };
}

/** Users inserted with one multi-row INSERT per 1,000, each with a token signed with the server's JWT_SECRET. */
async function bulkUsers(db, count, roles, tag) {
  const { JwtService } = require('@nestjs/jwt');
  const salt = crypto.randomBytes(3).toString('hex');
  for (let i = 0; i < count; i += 1000) {
    const rows = [];
    for (let j = i; j < Math.min(count, i + 1000); j++) rows.push([`${tag}${j}`, JSON.stringify(roles), `o${tag}_${salt}_${j}`, `19${String(100000000 + j).slice(-9)}`]);
    await db.query('INSERT INTO users (name, roles, openid, phone, isPartyMember) VALUES ?', [rows.map((r) => [...r, 0])]);
  }
  const [saved] = await db.query('SELECT id FROM users WHERE openid LIKE ? ORDER BY id', [`o${tag}_${salt}_%`]);
  const jwt = new JwtService({ secret: JWT_SECRET });
  return saved.map((r) => ({ id: Number(r.id), token: jwt.sign({ sub: Number(r.id), roles }) }));
}

/** Fires all requests at once (one socket each, like that many phones); per-request latency in ms. */
async function burst(requests) {
  const started = performance.now();
  const results = await Promise.all(
    requests.map(async (r) => {
      const t0 = performance.now();
      try {
        const res = await r();
        return { ...res, ms: performance.now() - t0 };
      } catch (err) {
        return { status: 0, error: String(err), ms: performance.now() - t0 };
      }
    }),
  );
  const wall = performance.now() - started;
  const ms = results.map((r) => r.ms);
  return { results, wallMs: wall, throughput: results.length / (wall / 1000), p50: percentile(ms, 50), p99: percentile(ms, 99) };
}

module.exports = { ROOT, JWT_SECRET, median, percentile, rssOf, pool, startApp, call, demoLogin, bulkUsers, burst, freePort };
