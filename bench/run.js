#!/usr/bin/env node
'use strict';
/*
 * npm run bench — measures, against baselines run in the same process tree on the same database, one after the other:
 *   1. framework cost: app GET vs a bare Fastify + mysql2 server doing the same primary-key query (autocannon);
 *   5. client: weapp main package and total, H5 initial JS/CSS;
 *   6. memory: server RSS after warm-up and after load.
 * Prints a Markdown table and writes bench/results/latest.json. Ratios are the figures that count on shared machines.
 */
const { fork, spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const autocannon = require('autocannon');
const { ROOT, ensureDependencies, run } = require('../scripts/lib/deps');
const { ensureMariadb } = require('../scripts/lib/system');
const { startMariadb, freePort } = require('../scripts/lib/mariadb');

const DURATION = Number(process.env.BENCH_SECONDS || 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 20);
const RUNS = Number(process.env.BENCH_RUNS || 3);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function load(url, headers = {}) {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

async function measure(label, url, headers) {
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers }); // warm-up
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await load(url, headers));
  return { label, runs: RUNS, rps: median(runs.map((r) => r.rps)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)) };
}

function rssOf(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
  } catch {
    return null;
  }
}

async function waitHealthy(url) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not start');
}

async function main() {
  ensureDependencies();
  if (!process.env.DATABASE_URL && !ensureMariadb()) throw new Error('MariaDB missing; set DATABASE_URL=mysql://…');
  run('npm run --silent build:server');
  const db = process.env.DATABASE_URL ? null : await startMariadb({ dir: path.join(ROOT, '.tmp', 'mariadb-bench') });
  const databaseUrl = process.env.DATABASE_URL || db.url;
  const children = [];
  const rows = [];
  try {
    const port = await freePort();
    const env = { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), DEMO_MODE: 'true', MIGRATE_ON_START: 'true', LOG_LEVEL: 'warn', JOBS_ENABLED: 'false', RATE_LIMIT: '100000000', NODE_ENV: 'development', H5_DIR: '/nonexistent' };
    const app = spawn(process.execPath, [path.join(ROOT, 'server', 'dist', 'main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(app);
    const appUrl = `http://127.0.0.1:${port}`;
    await waitHealthy(appUrl);
    const rssIdle = rssOf(app.pid);

    const base = fork(path.join(__dirname, 'baseline-server.js'), { env: { ...process.env, DATABASE_URL: databaseUrl } });
    children.push(base);
    const baseUrl = await new Promise((resolve) => base.on('message', (m) => resolve(m.address)));

    const b = await measure('baseline: Fastify + mysql2, point by scene', `${baseUrl}/points/hy2-b12`);
    const a = await measure('app: GET /api/places/scene/:scene', `${appUrl}/api/places/scene/hy2-b12`);
    rows.push({ section: '1. framework cost', ...a, baseline: b.rps, ratio: a.rps / b.rps, unit: 'req/s' });
    rows.push({ section: '1. framework cost', label: 'baseline row', runs: b.runs, rps: b.rps, p50: b.p50, p99: b.p99, baseline: b.rps, ratio: 1, unit: 'req/s' });

    const rssLoaded = rssOf(app.pid);
    rows.push({ section: '6. memory', label: 'server RSS MiB, warm-up → after load', runs: 1, rps: rssLoaded, p50: rssIdle, p99: null, baseline: rssIdle, ratio: rssLoaded / rssIdle, unit: 'MiB' });

    const sizes = spawnJson('node', ['scripts/check-size.js', '--json']);
    if (sizes) rows.push({ section: '5. client', label: 'weapp main package KiB (limit 2048)', runs: 1, rps: sizes.mainKiB, baseline: 2048, ratio: sizes.mainKiB / 2048, unit: 'KiB' });
  } finally {
    for (const c of children) c.kill('SIGTERM');
    if (db) await db.stop();
  }
  const table = ['| section | measurement | runs | median | p50 ms | p99 ms | baseline | ratio |', '|---|---|---|---|---|---|---|---|'];
  for (const r of rows) table.push(`| ${r.section} | ${r.label} | ${r.runs} | ${fmt(r.rps)} ${r.unit} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.baseline)} | ${r.ratio == null ? '' : r.ratio.toFixed(2)} |`);
  console.log(`\n${table.join('\n')}\n`);
  fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, 'results', 'latest.json'), JSON.stringify({ at: new Date().toISOString(), connections: CONNECTIONS, seconds: DURATION, rows }, null, 2));
}

function fmt(x) {
  return x == null ? '' : Number(x).toFixed(x >= 100 ? 0 : 1);
}

function spawnJson(cmd, args) {
  const r = require('child_process').spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8' });
  try {
    return JSON.parse(r.stdout);
  } catch {
    return null;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
