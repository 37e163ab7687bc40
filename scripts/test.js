#!/usr/bin/env node
'use strict';
/*
 * npm test — everything, from a fresh clone on Debian:
 *   1. installs what is missing: npm dependencies; MariaDB, Redis, Chromium and a CJK font via apt-get (as root);
 *   2. starts a private MariaDB (own data dir, socket and port) unless DATABASE_URL points at a MySQL already, and for
 *      the multi-process faults a private Redis and S3-compatible server (s3rver), each in its own .tmp directory;
 *   3. type-checks the client and config/ (weapp and h5 file variants) and lints; builds the shared package, the
 *      server, the H5 app and the weapp;
 *   4. runs every suite (a failing suite does not stop the others) and prints a summary;
 *   5. stops what it started, by pid, whatever happened.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { ROOT, ensureDependencies } = require('./lib/deps');
const { ensureMariadb, ensureRedis, ensureChromium } = require('./lib/system');

const started = Date.now();
const results = [];
let db = null;
/** Redis and the S3 server, while the faults suite runs */
let shared = [];

async function stopShared() {
  const running = shared;
  shared = [];
  for (const s of running) {
    await s.stop();
    console.log(`[test] ${s.name} stopped (pid ${s.pid}).`);
  }
}

async function cleanup() {
  await stopShared();
  if (db) {
    const d = db;
    db = null;
    await d.stop();
    console.log(`[test] MariaDB stopped (pid ${d.pid}).`);
  }
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    cleanup().finally(() => process.exit(130));
  });
}

function step(name, cmd, args, env = {}) {
  const t = Date.now();
  console.log(`\n\u001b[1m▶ ${name}\u001b[0m  (${[cmd, ...args].join(' ')})`);
  const jsonFile = path.join(ROOT, 'test-output', `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.json`);
  const isJest = args.some((a) => a === 'jest' || a.endsWith('/jest'));
  const fullArgs = isJest ? [...args, '--json', `--outputFile=${jsonFile}`] : args;
  fs.rmSync(jsonFile, { force: true });
  const r = spawnSync(cmd, fullArgs, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  let counts = '';
  if (isJest && fs.existsSync(jsonFile)) {
    const j = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
    counts = `${j.numPassedTests} passed, ${j.numFailedTests} failed${j.numPendingTests ? `, ${j.numPendingTests} SKIPPED` : ''} (${j.numTotalTestSuites} suites)`;
    // A skipped test is not a passed test.
    if (j.numPendingTests || j.numTodoTests) r.status = r.status || 1;
    if (j.numTotalTests === 0) r.status = r.status || 1;
  }
  results.push({ name, ok: r.status === 0, seconds: (Date.now() - t) / 1000, counts });
  return r.status === 0;
}

async function main() {
  fs.mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
  const t0 = Date.now();
  ensureDependencies();
  const installSeconds = (Date.now() - t0) / 1000;

  let databaseUrl = process.env.DATABASE_URL && process.env.DATABASE_URL.startsWith('mysql') ? process.env.DATABASE_URL : null;
  if (!databaseUrl) {
    if (!ensureMariadb()) {
      console.error(
        '\n[test] MariaDB is not installed and could not be installed (that needs root and apt-get).\n' +
          '       Install it (apt-get install mariadb-server) or point the tests at a MySQL you have:\n' +
          '         DATABASE_URL=mysql://user:password@127.0.0.1:3306/linli npm test\n' +
          '       (the user needs CREATE/DROP DATABASE: each suite makes its own database).\n',
      );
      process.exit(1);
    }
    const { startMariadb } = require('./lib/mariadb');
    db = await startMariadb({ dir: path.join(ROOT, '.tmp', 'mariadb-test') });
    databaseUrl = db.url;
    console.log(`[test] private MariaDB on port ${db.port} (pid ${db.pid}, data in .tmp/mariadb-test).`);
  } else {
    console.log(`[test] using the MySQL in DATABASE_URL.`);
  }
  const chromium = ensureChromium();
  if (!chromium) console.error('[test] Chromium is missing and could not be installed; the browser suite will fail.');

  const npx = 'npx';
  // Babel strips the client's types and Taro builds with --no-check: these are the only checks of them.
  // 大字模式 and WeChat's font setting reach only sizes that come from client/styles/tokens.scss.
  step('styles (no fixed font size)', 'node', ['scripts/check-styles.js']);
  step('typecheck client (weapp files)', npx, ['tsc', '-p', 'client/tsconfig.weapp.json']);
  step('typecheck client (h5 files)', npx, ['tsc', '-p', 'client/tsconfig.h5.json']);
  step('lint (ESLint)', npx, ['eslint', 'client', 'config', 'domain/src', 'server/src']);
  const builds = [
    step('build domain + server', 'npm', ['run', '--silent', 'build:server']),
    step('build H5', 'npm', ['run', '--silent', 'build:h5']),
    step('build weapp', 'npm', ['run', '--silent', 'build:weapp']),
  ];
  step('server + domain unit', npx, ['jest', '-c', 'server/jest.config.js', '--selectProjects', 'unit']);
  // Includes test/e2e/schema.e2e-spec.ts: the migration chain and the entities must give the same schema.
  step('server e2e on MariaDB', npx, ['jest', '-c', 'server/jest.config.js', '--selectProjects', 'e2e', '--runInBand', '--forceExit'], { DATABASE_URL: databaseUrl });
  // Three processes share a Redis (rate limits, the WeChat token) and a bucket (photos) in the multi-process fault.
  const faultEnv = { DATABASE_URL: databaseUrl };
  try {
    if (!ensureRedis()) throw new Error('redis-server is not installed and could not be installed (that needs root and apt-get)');
    const { startRedis } = require('./lib/redis');
    const { startS3 } = require('./lib/s3');
    const redis = await startRedis({ dir: path.join(ROOT, '.tmp', 'redis-test') });
    shared.push({ name: 'Redis', ...redis });
    const s3 = await startS3({ dir: path.join(ROOT, '.tmp', 's3-test') });
    shared.push({ name: 'S3 server', ...s3 });
    console.log(`[test] private Redis on port ${redis.port} (pid ${redis.pid}) and S3 server at ${s3.endpoint} (pid ${s3.pid}).`);
    Object.assign(faultEnv, { TEST_REDIS_URL: redis.url, TEST_S3_ENDPOINT: s3.endpoint, TEST_S3_BUCKET: s3.bucket });
  } catch (err) {
    console.error(`[test] ${err.message}; the multi-process fault suite will try to start its own and fail without them.`);
  }
  step('faults (DB outage, refusals, three processes)', npx, ['jest', '-c', 'server/jest.config.js', '--selectProjects', 'faults', '--runInBand', '--forceExit'], faultEnv);
  await stopShared();
  step('server e2e on SQLite', npx, ['jest', '-c', 'server/jest.config.js', '--selectProjects', 'e2e', '--runInBand', '--forceExit'], { DATABASE_URL: 'sqlite:' });
  step('client (jest)', npx, ['jest', '-c', 'client/jest.config.js']);
  if (builds.every(Boolean)) {
    step('weapp smoke (miniprogram-simulate)', npx, ['jest', '-c', 'scripts/jest.weapp.config.js', '--runInBand']);
    step('browser (Chromium, H5)', npx, ['jest', '-c', 'scripts/jest.browser.config.js', '--runInBand', '--forceExit'], { DATABASE_URL: databaseUrl, ...(chromium ? { CHROMIUM_PATH: chromium } : {}) });
    step('weapp package size', 'node', ['scripts/check-size.js']);
  } else {
    results.push({ name: 'weapp smoke / browser / size', ok: false, seconds: 0, counts: 'not run: a build failed' });
  }

  await cleanup();
  const total = (Date.now() - started) / 1000;
  const w = Math.max(...results.map((r) => r.name.length));
  console.log('\n\u001b[1m邻里 test summary\u001b[0m');
  if (installSeconds > 1) console.log(`  ${'npm install'.padEnd(w)}  ${installSeconds.toFixed(0).padStart(4)} s`);
  for (const r of results) console.log(`  ${r.ok ? '✔' : '✘'} ${r.name.padEnd(w)}  ${r.seconds.toFixed(0).padStart(4)} s  ${r.counts}`);
  console.log(`  total ${total.toFixed(0)} s`);
  const failed = results.filter((r) => !r.ok);
  if (failed.length) {
    console.log(`\n${failed.length} step(s) failed: ${failed.map((f) => f.name).join(', ')}`);
    process.exit(1);
  }
  console.log('\nAll suites passed.');
}

main().catch(async (err) => {
  console.error(err);
  await cleanup();
  process.exit(1);
});
