#!/usr/bin/env node
'use strict';
/*
 * npm run bench — the app measured against baselines in the same run, one after the other, on the same private
 * MariaDB (.tmp/mariadb-bench; or DATABASE_URL=mysql://… whose user may create databases):
 *   1. framework cost: activity detail, ticket detail, wish-list first page vs bare Fastify + mysql2 (autocannon);
 *   2. sign-up burst: BENCH_SIGNUPS (2,000) concurrent sign-ups for 100 places vs a raw mysql2 transaction;
 *   3. wish claim race: BENCH_CLAIMS (500) concurrent claims on one wish vs raw SQL;
 *   4. cost as data grows: ticket / wish / activity lists at BENCH_SMALL_ROWS (10,000) and BENCH_LARGE_ROWS
 *      (1,000,000) rows, first page and a deep (keyset) page, one request at a time;
 *   5. client: weapp main/total, H5 initial JS/CSS, H5 first contentful paint vs a blank Taro H5 page;
 *   6. memory: server RSS after warm-up and after the burst.
 * Prints a Markdown table and writes bench/results/latest.json. The ratios are the figures that count: these
 * machines are shared and noisy. BENCH_ONLY=1,2,… runs some sections.
 */
const { fork } = require('child_process');
const fs = require('fs');
const path = require('path');
const autocannon = require('autocannon');
const { ROOT, ensureDependencies, run } = require('../scripts/lib/deps');
const { ensureChromium, ensureMariadb } = require('../scripts/lib/system');
const { startMariadb } = require('../scripts/lib/mariadb');
const L = require('./lib');
const B = require('./baseline-burst');

const env = (name, dflt) => Number(process.env[name] || dflt);
const DURATION = env('BENCH_SECONDS', 5);
const CONNECTIONS = env('BENCH_CONNECTIONS', 20);
const RUNS = env('BENCH_RUNS', 3);
const SIGNUPS = env('BENCH_SIGNUPS', 2000);
const PLACES = env('BENCH_PLACES', 100);
const CLAIMS = env('BENCH_CLAIMS', 500);
const BURST_RUNS = env('BENCH_BURST_RUNS', 3);
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map(Number)) : null;
const want = (n) => !ONLY || ONLY.has(n);

const rows = [];
const notes = [];
function row(section, label, { median, p99 = null, runs = 1, baseline = null, unit = '', p50 = null, extra = {} }) {
  const ratio = baseline != null && median != null && baseline !== 0 ? median / baseline : null;
  const r = { section, label, unit, median, p50, p99, runs, baseline, ratio, ...extra };
  rows.push(r);
  console.log(`  ${label}: ${fmt(median)} ${unit}${p99 != null ? ` (p99 ${fmt(p99)} ms)` : ''}${baseline != null ? ` vs ${fmt(baseline)} → ${ratio?.toFixed(2)}` : ''}`);
  return r;
}

async function cannon(url, headers, duration = DURATION) {
  const r = await autocannon({ url, connections: CONNECTIONS, duration, headers });
  if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

/** Baseline and app alternate run by run, so a noisy neighbour hurts both alike. */
async function versus(label, app, base) {
  await cannon(base.url, base.headers, 2);
  await cannon(app.url, app.headers, 2);
  const a = [];
  const b = [];
  for (let i = 0; i < RUNS; i++) {
    b.push(await cannon(base.url, base.headers));
    a.push(await cannon(app.url, app.headers));
  }
  const m = (xs, k) => L.median(xs.map((x) => x[k]));
  row('1. framework cost', `${label} — app req/s`, { median: m(a, 'rps'), p50: m(a, 'p50'), p99: m(a, 'p99'), runs: RUNS, baseline: m(b, 'rps'), unit: 'req/s', extra: { baselineP99: m(b, 'p99') } });
  row('1. framework cost', `${label} — app p99 latency`, { median: m(a, 'p99'), runs: RUNS, baseline: m(b, 'p99'), unit: 'ms' });
}

const DAY = 24 * 3600_000;
const shanghaiDate = (d) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

async function makeActivity(app, staff, capacity, title = '基准测试活动') {
  const now = Date.now();
  const r = await L.call(app.url, 'POST', '/api/events', {
    token: staff.token,
    body: { type: 'party_lesson', title, description: '基准测试', organiser: '漕湖花园二社区第一党支部', communityId: 2, place: '党群服务中心二楼', startAt: new Date(now + 2 * DAY).toISOString(), endAt: new Date(now + 2 * DAY + 2 * 3600_000).toISOString(), capacity, audience: 'all', hours: 2, publish: true },
  });
  return r.body;
}

async function makeWish(app, gw, staff) {
  const w = await L.call(app.url, 'POST', '/api/wishes', {
    token: gw.token,
    body: { communityId: 2, beneficiary: { name: '王秀英', phone: '13800009999', building: '六区12幢301室', situation: '独居', gender: 'female', ageGroup: 'elder' }, title: '想要一台收音机', story: '奶奶一个人住，平时喜欢听评弹，家里的收音机坏了。', type: 'goods', estimatedValue: 120, wishBy: shanghaiDate(new Date(Date.now() + 60 * DAY)) },
  });
  await L.call(app.url, 'POST', `/api/wishes/${w.body.id}/actions/publish`, { token: staff.token, body: {} });
  return w.body.id;
}

async function main() {
  const t0 = Date.now();
  ensureDependencies();
  if (!process.env.DATABASE_URL && !ensureMariadb()) throw new Error('MariaDB missing; set DATABASE_URL=mysql://…');
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    run('npm run --silent build:server');
    // Section 5 measures the client as it is now, so a fresh clone (or a stale dist/) is built first.
    if (want(5)) {
      run('npm run --silent build:h5');
      run('npm run --silent build:weapp');
    }
  }
  if (want(5)) ensureChromium();
  const db = process.env.DATABASE_URL ? null : await startMariadb({ dir: path.join(ROOT, '.tmp', 'mariadb-bench') });
  const adminUrl = new URL(process.env.DATABASE_URL || db.url);
  const dbName = `linli_bench_${Date.now().toString(36)}`;
  const admin = L.pool(adminUrl.toString(), 2);
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${dbName}`;
  const databaseUrl = dbUrl.toString();
  const stops = [];
  let q;
  try {
    const app = await L.startApp(databaseUrl);
    stops.push(app.stop);
    q = L.pool(databaseUrl, 20);
    const base = fork(path.join(__dirname, 'baseline-server.js'), { env: { ...process.env, DATABASE_URL: databaseUrl } });
    stops.push(async () => base.kill('SIGTERM'));
    const baseUrl = await new Promise((resolve, reject) => {
      base.once('message', (m) => resolve(m.address));
      base.once('exit', (c) => reject(new Error(`baseline server exited ${c}`)));
    });

    const [resident, volunteer, gw, staff] = await Promise.all(['resident', 'volunteer', 'grid_worker', 'staff'].map((p) => L.demoLogin(app.url, p)));
    const categories = (await L.call(app.url, 'GET', '/api/service/categories')).body;
    const activity = await makeActivity(app, staff, 50);
    const ticket = (await L.call(app.url, 'POST', '/api/service/tickets', { token: resident.token, body: { scene: 'hy2-b12', categoryId: categories[0].id, description: '楼道里堆满了杂物，基准测试', contactName: '张秀英', contactPhone: '13812341234' } })).body;
    for (let i = 0; i < 25; i++) await makeWish(app, gw, staff);
    const auth = (u) => ({ authorization: `Bearer ${u.token}` });
    // warm-up: every route once, then a few seconds of load
    await L.call(app.url, 'GET', `/api/events/${activity.id}`, { token: resident.token });
    await L.call(app.url, 'GET', `/api/service/tickets/${ticket.id}`, { token: resident.token });
    await L.call(app.url, 'GET', '/api/wishes', { token: volunteer.token });
    await cannon(`${app.url}/api/events/${activity.id}`, auth(resident), 3);
    const rssWarm = L.rssOf(app.pid);

    if (want(1)) {
      console.log('\n## 1. framework cost');
      await versus('activity detail GET /api/events/:id', { url: `${app.url}/api/events/${activity.id}`, headers: auth(resident) }, { url: `${baseUrl}/events/${activity.id}` });
      await versus('ticket detail GET /api/service/tickets/:id (owner)', { url: `${app.url}/api/service/tickets/${ticket.id}`, headers: auth(resident) }, { url: `${baseUrl}/tickets/${ticket.id}` });
      await versus('wish list first page GET /api/wishes', { url: `${app.url}/api/wishes`, headers: auth(volunteer) }, { url: `${baseUrl}/wishes` });
    }

    let rssBurst = null;
    if (want(2)) {
      console.log(`\n## 2. sign-up burst: ${SIGNUPS} concurrent sign-ups for ${PLACES} places`);
      const people = await L.bulkUsers(q, SIGNUPS, ['resident'], 'bs');
      await B.copyTables(q, ['activities', 'activity_signups']);
      const app2 = [];
      const base2 = [];
      const checks = [];
      for (let i = 0; i < BURST_RUNS; i++) {
        // baseline: a copy of a fresh activity row in bench_activities
        const a0 = await makeActivity(app, staff, PLACES, `基准对照${i}`);
        await q.query('INSERT INTO bench_activities SELECT * FROM activities WHERE id = ?', [a0.id]);
        const b = await B.signupBaseline(q, a0.id, people.map((p) => p.id));
        base2.push(b);
        const a = await makeActivity(app, staff, PLACES, `报名压力${i}`);
        const r = await L.burst(people.map((p) => () => L.call(app.url, 'POST', `/api/events/${a.id}/signups`, { token: p.token, body: {}, expect: null })));
        app2.push(r);
        checks.push(await checkSignups(q, a.id, r.results));
      }
      rssBurst = L.rssOf(app.pid);
      const m = (xs, k) => L.median(xs.map((x) => x[k]));
      row('2. sign-up burst', `${SIGNUPS} sign-ups / ${PLACES} places — throughput`, { median: m(app2, 'throughput'), runs: BURST_RUNS, baseline: m(base2, 'throughput'), unit: 'req/s' });
      row('2. sign-up burst', 'sign-up p50 latency', { median: m(app2, 'p50'), runs: BURST_RUNS, baseline: m(base2, 'p50'), unit: 'ms' });
      row('2. sign-up burst', 'sign-up p99 latency', { median: m(app2, 'p99'), runs: BURST_RUNS, baseline: m(base2, 'p99'), unit: 'ms' });
      const ok = checks.every((c) => c.ok);
      row('2. sign-up burst', `correct: ${PLACES} confirmed, waitlist in arrival order, counters = rows (${checks.map((c) => c.summary).join('; ')})`, { median: checks.filter((c) => c.ok).length, runs: BURST_RUNS, baseline: BURST_RUNS, unit: 'runs ok' });
      if (!ok) notes.push(`sign-up burst correctness FAILED: ${JSON.stringify(checks.filter((c) => !c.ok))}`);
    }

    if (want(3)) {
      console.log(`\n## 3. wish claim race: ${CLAIMS} concurrent claims on one wish`);
      const vols = await L.bulkUsers(q, CLAIMS, ['resident', 'volunteer'], 'wc');
      await B.copyTables(q, ['wishes', 'wish_events', 'wish_volunteers']);
      const appR = [];
      const baseR = [];
      const checks = [];
      for (let i = 0; i < BURST_RUNS; i++) {
        const w0 = await makeWish(app, gw, staff);
        await q.query('INSERT INTO bench_wishes SELECT * FROM wishes WHERE id = ?', [w0]);
        await q.query('UPDATE bench_wish_volunteers SET activeClaims = 0');
        baseR.push(await B.claimBaseline(q, w0, vols.map((v) => v.id)));
        const w = await makeWish(app, gw, staff);
        const r = await L.burst(vols.map((v) => () => L.call(app.url, 'POST', `/api/wishes/${w}/actions/claim`, { token: v.token, body: {}, expect: null })));
        appR.push(r);
        checks.push(await checkClaims(q, w, r.results, vols.map((v) => v.id)));
        // free the winner's slot for the next run
        await q.query('UPDATE wish_volunteers SET activeClaims = 0 WHERE userId IN (?)', [vols.map((v) => v.id)]);
      }
      const m = (xs, k) => L.median(xs.map((x) => x[k]));
      row('3. claim race', `${CLAIMS} claims on one wish — throughput`, { median: m(appR, 'throughput'), runs: BURST_RUNS, baseline: m(baseR, 'throughput'), unit: 'req/s' });
      row('3. claim race', 'claim p50 latency', { median: m(appR, 'p50'), runs: BURST_RUNS, baseline: m(baseR, 'p50'), unit: 'ms' });
      row('3. claim race', 'claim p99 latency', { median: m(appR, 'p99'), runs: BURST_RUNS, baseline: m(baseR, 'p99'), unit: 'ms' });
      row('3. claim race', `correct: one claimer, ${CLAIMS - 1} refused, one timeline row (${checks.map((c) => c.summary).join('; ')})`, { median: checks.filter((c) => c.ok).length, runs: BURST_RUNS, baseline: BURST_RUNS, unit: 'runs ok' });
      if (!checks.every((c) => c.ok)) notes.push(`claim race correctness FAILED: ${JSON.stringify(checks.filter((c) => !c.ok))}`);
    }

    if (want(6)) {
      console.log('\n## 6. memory');
      row('6. memory', 'server RSS after warm-up', { median: rssWarm, unit: 'MiB' });
      if (rssBurst != null) row('6. memory', 'server RSS after the sign-up burst (baseline: after warm-up)', { median: rssBurst, baseline: rssWarm, unit: 'MiB' });
      row('6. memory', 'server RSS at the end of sections 1–3 (baseline: after warm-up)', { median: L.rssOf(app.pid), baseline: rssWarm, unit: 'MiB' });
    }

    if (want(4) && fs.existsSync(path.join(__dirname, 'growth.js'))) {
      await app.stop();
      stops.splice(stops.indexOf(app.stop), 1);
      await require('./growth').run({ q, databaseUrl, baseUrl, row, notes, cannon, want });
    }

    if (want(5) && fs.existsSync(path.join(__dirname, 'client.js'))) {
      console.log('\n## 5. client');
      await require('./client').run({ row, notes, databaseUrl });
    }
  } finally {
    for (const s of stops.reverse()) await s().catch(() => {});
    if (q) await q.end().catch(() => {});
    if (process.env.BENCH_KEEP_DB !== '1') await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``).catch(() => {});
    await admin.end().catch(() => {});
    if (db) await db.stop();
  }
  const minutes = (Date.now() - t0) / 60_000;
  printAndSave(minutes);
}

async function checkSignups(q, activityId, results) {
  const bad = results.filter((r) => r.status !== 201);
  const confirmed = results.filter((r) => r.body?.status === 'confirmed');
  const waiting = results.filter((r) => r.body?.status === 'waitlisted').sort((x, y) => Number(x.body.id) - Number(y.body.id));
  const inOrder = waiting.every((r, i) => r.body.waitlistPosition === i + 1);
  const seatsFirst = confirmed.every((c) => waiting.every((w) => Number(c.body.id) < Number(w.body.id)));
  const [[a]] = await q.query('SELECT confirmedCount, waitlistCount FROM activities WHERE id = ?', [activityId]);
  const [counts] = await q.query('SELECT status, COUNT(*) AS n FROM activity_signups WHERE activityId = ? GROUP BY status', [activityId]);
  const by = Object.fromEntries(counts.map((c) => [c.status, Number(c.n)]));
  const ok = !bad.length && confirmed.length === PLACES && waiting.length === SIGNUPS - PLACES && inOrder && seatsFirst && a.confirmedCount === PLACES && by.confirmed === PLACES && a.waitlistCount === by.waitlisted && by.waitlisted === SIGNUPS - PLACES;
  return { ok, summary: `${confirmed.length}/${waiting.length}${bad.length ? ` ${bad.length} failed (${bad[0].status} ${JSON.stringify(bad[0].body ?? bad[0].error).slice(0, 120)})` : ''}${inOrder ? '' : ' OUT OF ORDER'}`, db: { ...a, ...by } };
}

/** Exactly one winner: one claim row, and one slot held among the volunteers of the burst (the demo's own claims aside). */
async function checkClaims(q, wishId, results, volunteerIds) {
  const won = results.filter((r) => r.status === 200 || r.status === 201);
  const refused = results.filter((r) => r.status === 409);
  const [[w]] = await q.query('SELECT status, claimerId FROM wishes WHERE id = ?', [wishId]);
  const [[ev]] = await q.query("SELECT COUNT(*) AS n FROM wish_events WHERE wishId = ? AND action = 'claim'", [wishId]);
  const [[slots]] = await q.query('SELECT COALESCE(SUM(activeClaims), 0) AS n FROM wish_volunteers WHERE userId IN (?)', [volunteerIds]);
  const ok = won.length === 1 && refused.length === results.length - 1 && w.status === 'claimed' && Number(ev.n) === 1 && Number(slots.n) === 1;
  const other = results.find((r) => r.status !== 409 && r.status !== 200 && r.status !== 201);
  const facts = ok ? '' : `, wish ${w.status}, ${ev.n} claim rows, ${slots.n} slots held`;
  return { ok, summary: `${won.length} won/${refused.length} refused${facts}${other ? ` other: ${other.status} ${JSON.stringify(other.body ?? other.error).slice(0, 120)}` : ''}` };
}

function fmt(x) {
  if (x == null) return '';
  const n = Number(x);
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);
}

function printAndSave(minutes) {
  const table = ['| section | measurement | runs | median | p99 ms | baseline | ratio |', '|---|---|---|---|---|---|---|'];
  for (const r of rows) table.push(`| ${r.section} | ${r.label} | ${r.runs} | ${fmt(r.median)} ${r.unit} | ${fmt(r.p99)} | ${fmt(r.baseline)} | ${r.ratio == null ? '' : r.ratio.toFixed(2)} |`);
  console.log(`\n${table.join('\n')}\n`);
  if (notes.length) console.log(notes.map((n) => `- ${n}`).join('\n') + '\n');
  console.log(`bench took ${minutes.toFixed(1)} min`);
  fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  fs.writeFileSync(
    path.join(__dirname, 'results', 'latest.json'),
    JSON.stringify({ at: new Date().toISOString(), minutes, settings: { DURATION, CONNECTIONS, RUNS, SIGNUPS, PLACES, CLAIMS, BURST_RUNS, smallRows: env('BENCH_SMALL_ROWS', 10000), largeRows: env('BENCH_LARGE_ROWS', 1000000) }, rows, notes }, null, 2) + '\n',
  );
  fs.writeFileSync(path.join(__dirname, 'results', 'latest.md'), table.join('\n') + '\n' + notes.map((n) => `- ${n}`).join('\n') + '\n');
}


main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
