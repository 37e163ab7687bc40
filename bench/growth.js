'use strict';
// Section 4 — cost as data grows. Tickets, wishes and activities are grown to BENCH_SMALL_ROWS (10,000) and then
// to BENCH_LARGE_ROWS (1,000,000) each with INSERT … SELECT from a numbers table (100,000 rows per statement), and
// the lists are measured at both sizes, first page and a deep keyset page, on a freshly started server.
//
// Shape of the generated data (documented in bench/README.md):
//   tickets:    10% open (dispatched), 90% closed; spread over every point/grid/community; the demo resident owns
//               40 tickets spread evenly over the whole history at every size (so her list has the same length),
//               and follows (同问) 20 more; every tenth ticket has a neighbour following it.
//   wishes:     30% published with a wish-by date in the next 365 days, 70% confirmed (past dates).
//   activities: 95% published, 5% cancelled, start dates spread over the past.
const L = require('./lib');

const SMALL = Number(process.env.BENCH_SMALL_ROWS || 10_000);
const LARGE = Number(process.env.BENCH_LARGE_ROWS || 1_000_000);
const REQUESTS = Number(process.env.BENCH_GROWTH_REQUESTS || 30);
const BUDGET_MS = Number(process.env.BENCH_GROWTH_SECONDS || 6) * 1000;
const CHUNK = 100_000;
const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS || 100_000);

async function numbers(q, upTo) {
  await q.query('CREATE TABLE IF NOT EXISTS bench_seq (n INT NOT NULL PRIMARY KEY) ENGINE=InnoDB');
  const [[{ c }]] = await q.query('SELECT COUNT(*) AS c FROM bench_seq');
  if (Number(c) >= upTo) return;
  await q.query('TRUNCATE bench_seq');
  await q.query('CREATE TABLE IF NOT EXISTS bench_digits (d INT) ENGINE=InnoDB');
  await q.query('DELETE FROM bench_digits');
  await q.query('INSERT INTO bench_digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)');
  const digits = Math.max(1, Math.ceil(Math.log10(upTo)));
  const tables = Array.from({ length: digits }, (_, i) => `bench_digits d${i}`);
  const expr = Array.from({ length: digits }, (_, i) => `d${i}.d * ${10 ** i}`).join(' + ');
  await q.query(`INSERT INTO bench_seq (n) SELECT ${expr} AS n FROM ${tables.join(' CROSS JOIN ')} HAVING n < ?`, [upTo]);
}

async function count(q, table, where = '1=1') {
  const [[{ c }]] = await q.query(`SELECT COUNT(*) AS c FROM ${table} WHERE ${where}`);
  return Number(c);
}

/** Adds rows [from, to) of the generated series to each table. */
async function grow(q, ctx, from, to) {
  const { residentId, gwId, staffId, beneficiaryId, minCat, cats } = ctx;
  for (let lo = from; lo < to; lo += CHUNK) {
    const hi = Math.min(to, lo + CHUNK);
    await q.query(
      `INSERT INTO tickets (number, categoryId, pointId, gridId, communityId, requesterId, contactName, contactPhone, anonymous, description, photos, attributes, status, assigneeId, source, overdue, createdAt, updatedAt, dueAt, closedAt,
                            firstDispatchedAt, firstSignedAt, respondedInTime, resolvedAt, rating)
       SELECT CONCAT('BENCH-', s.n), ? + (s.n % ?), p.pointId, p.gridId, p.communityId, 100000000 + (s.n % 50000), '居民', '13800000000', 0,
              CONCAT('楼道杂物堆放，基准数据 #', s.n), '[]', '{}', IF(s.n % 10 = 0, 'dispatched', 'closed'), NULL, 'miniapp', 0,
              NOW(3) - INTERVAL (? - s.n) MINUTE, NOW(3) - INTERVAL (? - s.n) MINUTE, NOW(3) + INTERVAL 2 DAY, IF(s.n % 10 = 0, NULL, NOW(3)),
              NOW(3) - INTERVAL (? - s.n) MINUTE + INTERVAL 5 MINUTE,
              IF(s.n % 10 = 0, NULL, NOW(3) - INTERVAL (? - s.n) MINUTE + INTERVAL (5 + s.n % 600) MINUTE), IF(s.n % 10 = 0, NULL, s.n % 600 < 480),
              IF(s.n % 10 = 0, NULL, NOW(3) - INTERVAL (? - s.n) MINUTE + INTERVAL (1 + s.n % 72) HOUR), IF(s.n % 10 <> 0 AND s.n % 3 = 0, 1 + s.n % 5, NULL)
       FROM bench_seq s JOIN bench_points p ON p.idx = s.n % ? WHERE s.n >= ? AND s.n < ? ORDER BY s.n`,
      [minCat, cats, LARGE, LARGE, LARGE, LARGE, LARGE, ctx.points, lo, hi],
    );
    await q.query(
      `INSERT INTO wishes (beneficiaryId, communityId, gridId, displayName, title, story, type, estimatedValue, photos, wishBy, partyPriority, status, createdBy, handlerId, createdAt, publishedAt, confirmedAt)
       SELECT ?, p.communityId, p.gridId, '王阿姨 · 漕湖花园二社区', CONCAT('心愿 #', s.n), '奶奶一个人住，平时喜欢听评弹，家里的收音机坏了。', 'goods', 100, '[]',
              IF(s.n % 10 < 3, DATE_FORMAT(CURDATE() + INTERVAL (1 + s.n % 365) DAY, '%Y-%m-%d'), DATE_FORMAT(CURDATE() - INTERVAL (1 + s.n % 365) DAY, '%Y-%m-%d')),
              0, IF(s.n % 10 < 3, 'published', 'confirmed'), ?, ?, NOW(3) - INTERVAL (? - s.n) MINUTE, NOW(3) - INTERVAL (? - s.n) MINUTE, IF(s.n % 10 < 3, NULL, NOW(3))
       FROM bench_seq s JOIN bench_points p ON p.idx = s.n % ? WHERE s.n >= ? AND s.n < ? ORDER BY s.n`,
      [beneficiaryId, gwId, gwId, LARGE, LARGE, ctx.points, lo, hi],
    );
    await q.query(
      `INSERT INTO activities (type, title, cover, description, organiser, communityId, place, pointId, startAt, endAt, signupStartAt, signupEndAt, cancelDeadline, checkinOpensMinutes, capacity, confirmedCount, waitlistCount, audience, questions, centiHours, status, scene, createdBy, createdAt)
       SELECT 'party_lesson', CONCAT('活动 #', s.n), NULL, '基准数据', '漕湖花园二社区第一党支部', p.communityId, '党群服务中心二楼', p.pointId,
              NOW(3) - INTERVAL (? - s.n) HOUR, NOW(3) - INTERVAL (? - s.n) HOUR + INTERVAL 2 HOUR, NOW(3) - INTERVAL (? - s.n) HOUR - INTERVAL 7 DAY,
              NOW(3) - INTERVAL (? - s.n) HOUR, NOW(3) - INTERVAL (? - s.n) HOUR, 30, 30, 0, 0, 'all', '[]', 200, IF(s.n % 20 = 0, 'cancelled', 'published'), NULL, ?, NOW(3) - INTERVAL (? - s.n) HOUR
       FROM bench_seq s JOIN bench_points p ON p.idx = s.n % ? WHERE s.n >= ? AND s.n < ? ORDER BY s.n`,
      [LARGE, LARGE, LARGE, LARGE, LARGE, staffId, LARGE, ctx.points, lo, hi],
    );
  }
  // the resident's 40 tickets, spread evenly over the whole history
  await q.query('UPDATE tickets SET requesterId = 100000001 WHERE requesterId = ? AND number LIKE ?', [residentId, 'BENCH-%']);
  const step = Math.max(1, Math.floor(to / 40));
  const numbersOwned = Array.from({ length: 40 }, (_, k) => `BENCH-${k * step}`);
  await q.query('UPDATE tickets SET requesterId = ? WHERE number IN (?)', [residentId, numbersOwned]);
  // 同问: every tenth ticket has a neighbour following it, and the resident follows 20 tickets spread over the history.
  await q.query(
    `INSERT IGNORE INTO ticket_followers (ticketId, userId, createdAt)
     SELECT t.id, 100000000 + ((t.id * 7) % 50000), t.createdAt FROM tickets t WHERE t.number LIKE 'BENCH-%' AND t.id % 10 = 5 AND t.id >= ?`,
    [ctx.followedFrom ?? 0],
  );
  const [[{ maxId }]] = await q.query('SELECT COALESCE(MAX(id), 0) + 1 AS maxId FROM tickets');
  ctx.followedFrom = Number(maxId);
  await q.query('DELETE FROM ticket_followers WHERE userId = ?', [residentId]);
  const numbersFollowed = Array.from({ length: 20 }, (_, k) => `BENCH-${k * 2 * step + 1}`);
  await q.query('INSERT IGNORE INTO ticket_followers (ticketId, userId, createdAt) SELECT id, ?, NOW(3) FROM tickets WHERE number IN (?)', [residentId, numbersFollowed]);
  await q.query('UPDATE tickets t SET followerCount = (SELECT COUNT(*) FROM ticket_followers f WHERE f.ticketId = t.id) WHERE t.id % 10 = 5 OR t.number IN (?)', [numbersFollowed]);
  // A bulk import bypasses the service, so it rebuilds the per-community status counters the way the migration does.
  await q.query('DELETE FROM ticket_status_counts');
  await q.query('INSERT INTO ticket_status_counts (communityId, status, n) SELECT communityId, status, COUNT(*) FROM tickets GROUP BY communityId, status');
  // … and the board's rollups, with the migration's GROUP BY.
  await rebuildRollups(q);
}

async function rebuildRollups(q) {
  const { rollupSelectSql, ROLLUP_COUNTERS } = require('../server/dist/modules/service-requests/ticket-rollups');
  await q.query('DELETE FROM ticket_rollups');
  await q.query(`INSERT INTO ticket_rollups (day, communityId, categoryId, status, resolvedDay, ${ROLLUP_COUNTERS.join(', ')}) ${rollupSelectSql(false)}`);
}

async function explain(q, sql, args) {
  const [rows] = await q.query(`ANALYZE ${sql}`, args);
  return rows.map((r) => `${r.table}: ${r.type} on ${r.key ?? 'no index'}${/filesort/i.test(r.Extra || '') ? ' + filesort' : ''}, rows read ${Math.round(Number(r.r_rows))}`).join('; ');
}

async function measureLists(q, databaseUrl, ctx, size) {
  const app = await L.startApp(databaseUrl);
  const out = {};
  try {
    const auth = (t) => ({ authorization: `Bearer ${t}` });
    const resident = await L.demoLogin(app.url, 'resident');
    const staff = await L.demoLogin(app.url, 'staff');
    const volunteer = await L.demoLogin(app.url, 'volunteer');
    // The public 三率 board (no login) for its default period, the last 30 days and today, measured first on this
    // freshly started server: its very first response (the route's first call) is kept beside the p50.
    {
      const label = 'tickets: public 三率 board /api/service/board — default period (30 days + today)';
      let t0 = performance.now();
      const first = await L.call(app.url, 'GET', '/api/service/board');
      const firstMs = performance.now() - t0;
      const ms = [];
      const started = Date.now();
      while (ms.length < REQUESTS && (ms.length < 3 || Date.now() - started < BUDGET_MS)) {
        t0 = performance.now();
        await L.call(app.url, 'GET', '/api/service/board');
        ms.push(performance.now() - t0);
      }
      out[label] = { p50: L.median(ms), p99: L.percentile(ms, 99), runs: ms.length, first: firstMs, tickets: first.body.overall.total };
      const [[r]] = await q.query('SELECT COUNT(*) AS n FROM ticket_rollups WHERE day >= ?', [first.body.period.from.slice(0, 10).replace(/-/g, '')]);
      out[label].rollupRows = Number(r.n);
      console.log(`  ${size} rows, ${label}: first ${firstMs.toFixed(1)} ms, ${out[label].p50.toFixed(1)} ms p50 (${ms.length} requests; ${first.body.overall.total} tickets in the period, ~${r.n} rollup rows)`);
    }
    const mid = async (sql, args) => {
      const [[r]] = await q.query(sql, args);
      return r;
    };
    const openTickets = await count(q, 'tickets', "status IN ('submitted','accepted','returned','reopened','dispatched','signed','on_site')");
    const tq = await mid("SELECT id FROM tickets WHERE status IN ('submitted','accepted','returned','reopened','dispatched','signed','on_site') ORDER BY id DESC LIMIT 1 OFFSET ?", [Math.floor(openTickets / 2)]);
    const tm = await mid('SELECT id FROM tickets WHERE requesterId = ? ORDER BY id DESC LIMIT 1 OFFSET 19', [ctx.residentId]);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const wall = await count(q, 'wishes', `status = 'published' AND wishBy >= '${today}'`);
    const wm = await mid("SELECT wishBy, id FROM wishes WHERE status = 'published' AND wishBy >= ? ORDER BY wishBy ASC, id DESC LIMIT 1 OFFSET ?", [today, Math.floor(wall / 2)]);
    const pub = await count(q, 'activities', "status = 'published'");
    const am = await mid("SELECT id FROM activities WHERE status = 'published' ORDER BY id DESC LIMIT 1 OFFSET ?", [Math.floor(pub / 2)]);
    const lists = [
      ['tickets: staff queue /api/service/tickets/queue', '/api/service/tickets/queue', `?cursor=${tq.id}`, staff.token],
      ['tickets: resident /api/service/tickets/mine', '/api/service/tickets/mine', `?cursor=${tm.id}`, resident.token],
      ['wishes: 心愿墙 /api/wishes', '/api/wishes', `?cursor=${wm.wishBy}_${wm.id}`, volunteer.token],
      ['activities: /api/events', '/api/events', `?cursor=${am.id}`, resident.token],
    ];
    for (const [label, p, deep, token] of lists) {
      for (const [page, qs] of [['first page', ''], ['deep page', deep]]) {
        // One request at a time: the latency of the query itself, not of a queue. At most REQUESTS requests or
        // ~BUDGET_MS per page, at least 3 (so a page that takes seconds still finishes).
        await L.call(app.url, 'GET', `${p}${qs}`, { token });
        const ms = [];
        const started = Date.now();
        while (ms.length < REQUESTS && (ms.length < 3 || Date.now() - started < BUDGET_MS)) {
          const t = performance.now();
          await L.call(app.url, 'GET', `${p}${qs}`, { token });
          ms.push(performance.now() - t);
        }
        out[`${label} — ${page}`] = { p50: L.median(ms), p99: L.percentile(ms, 99), runs: ms.length };
        console.log(`  ${size} rows, ${label} — ${page}: ${out[`${label} — ${page}`].p50.toFixed(1)} ms p50 (${ms.length} requests)`);
      }
    }
    // The queries the app runs for these pages (see the services), as MariaDB executes them at this size.
    out.explain = {
      'tickets queue': await explain(q, "SELECT * FROM tickets t WHERE t.communityId IN (?) AND t.status IN ('submitted','accepted','returned','reopened','dispatched','signed','on_site') ORDER BY t.id DESC LIMIT 21", [ctx.communities]),
      'tickets queue deep page': await explain(q, "SELECT * FROM tickets t WHERE t.communityId IN (?) AND t.status IN ('submitted','accepted','returned','reopened','dispatched','signed','on_site') AND t.id < ? ORDER BY t.id DESC LIMIT 21", [ctx.communities, tq.id]),
      'tickets queue badges': await explain(q, 'SELECT * FROM ticket_status_counts c WHERE c.communityId IN (?)', [ctx.communities]),
      'tickets mine (own)': await explain(q, 'SELECT * FROM tickets t WHERE t.requesterId = ? ORDER BY t.id DESC LIMIT 21', [ctx.residentId]),
      'tickets mine (followed)': await explain(q, 'SELECT t.* FROM tickets t INNER JOIN ticket_followers f ON f.ticketId = t.id AND f.userId = ? ORDER BY t.id DESC LIMIT 21', [ctx.residentId]),
      'wish wall': await explain(q, "SELECT w.id FROM wishes w FORCE INDEX (ix_wishes_wall) WHERE w.status = 'published' AND w.wishBy >= ? ORDER BY w.wishBy ASC, w.id DESC LIMIT 21", [today]),
      'wish wall deep page': await explain(q, "SELECT w.id FROM wishes w FORCE INDEX (ix_wishes_wall) WHERE w.status = 'published' AND w.wishBy >= ? AND (w.wishBy > ? OR (w.wishBy = ? AND w.id < ?)) ORDER BY w.wishBy ASC, w.id DESC LIMIT 21", [today, wm.wishBy, wm.wishBy, wm.id]),
      'activities': await explain(q, "SELECT a.id FROM activities a FORCE INDEX (ix_activities_status) WHERE a.status = 'published' ORDER BY a.id DESC LIMIT 21", []),
      'activities deep page': await explain(q, "SELECT a.id FROM activities a FORCE INDEX (ix_activities_status) WHERE a.status = 'published' AND a.id < ? ORDER BY a.id DESC LIMIT 21", [am.id]),
      'activities deep page without FORCE INDEX': await explain(q, "SELECT a.id FROM activities a WHERE a.status = 'published' AND a.id < ? ORDER BY a.id DESC LIMIT 21", [am.id]),
    };
  } finally {
    await app.stop();
  }
  return out;
}

async function run({ q, databaseUrl, row, notes }) {
  console.log(`\n## 4. cost as data grows: ${SMALL} → ${LARGE} rows per table`);
  const [[resident]] = await q.query("SELECT id FROM users WHERE demoKey = 'resident'");
  const [[gw]] = await q.query("SELECT id FROM users WHERE demoKey = 'grid_worker'");
  const [[staff]] = await q.query("SELECT id FROM users WHERE demoKey = 'staff'");
  const [[ben]] = await q.query('SELECT MIN(id) AS id FROM wish_beneficiaries');
  const [[cat]] = await q.query('SELECT MIN(id) AS minCat, COUNT(*) AS cats FROM service_categories');
  const [communities] = await q.query('SELECT id FROM communities');
  await q.query('DROP TABLE IF EXISTS bench_points');
  await q.query('CREATE TABLE bench_points (idx INT PRIMARY KEY, pointId INT, gridId INT, communityId INT)');
  await q.query('INSERT INTO bench_points SELECT ROW_NUMBER() OVER (ORDER BY p.id) - 1, p.id, p.gridId, g.communityId FROM points p JOIN grids g ON g.id = p.gridId');
  const points = await count(q, 'bench_points');
  const ctx = { residentId: resident.id, gwId: gw.id, staffId: staff.id, beneficiaryId: ben.id ?? 1, minCat: cat.minCat, cats: Number(cat.cats), points, communities: communities.map((c) => c.id) };
  let t = Date.now();
  await numbers(q, LARGE);
  await grow(q, ctx, 0, SMALL);
  const seedSmall = (Date.now() - t) / 1000;
  const small = await measureLists(q, databaseUrl, ctx, SMALL);
  t = Date.now();
  await grow(q, ctx, SMALL, LARGE);
  const seedLarge = (Date.now() - t) / 1000;
  await q.query('ANALYZE TABLE tickets, wishes, activities');
  console.log(`  seeded ${SMALL} rows/table in ${seedSmall.toFixed(0)} s, grew to ${LARGE} in ${seedLarge.toFixed(0)} s`);
  const large = await measureLists(q, databaseUrl, ctx, LARGE);
  for (const key of Object.keys(small)) {
    if (key === 'explain') continue;
    const s = small[key];
    const l = large[key];
    const board = l.first !== undefined ? { firstLarge: l.first, firstSmall: s.first, ticketsLarge: l.tickets, ticketsSmall: s.tickets, rollupRowsLarge: l.rollupRows, rollupRowsSmall: s.rollupRows } : {};
    row('4. data growth', `${key}: p50 latency at ${LARGE.toLocaleString('en')} rows (baseline: at ${SMALL.toLocaleString('en')})`, { median: l.p50, p99: l.p99, runs: l.runs, baseline: s.p50, unit: 'ms', extra: { p99Small: s.p99, runsSmall: s.runs, ...board } });
    if (l.first !== undefined) {
      row('4. data growth', `${key}: first response on a fresh server at ${LARGE.toLocaleString('en')} rows (baseline: at ${SMALL.toLocaleString('en')}; target ≤ 1.2×)`, { median: l.first, runs: 1, baseline: s.first, unit: 'ms' });
      notes.push(`public board, default period: ${s.tickets} tickets in it at ${SMALL.toLocaleString('en')} rows (${s.rollupRows} rollup rows), ${l.tickets} at ${LARGE.toLocaleString('en')} (${l.rollupRows} rollup rows)`);
    }
  }
  await measureExport(q, databaseUrl, ctx, row, notes);
  for (const [k, v] of Object.entries(large.explain)) notes.push(`ANALYZE at ${LARGE.toLocaleString('en')} rows — ${k}: ${v}`);
  notes.push(`seeding: ${SMALL} rows per table in ${seedSmall.toFixed(0)} s; growing to ${LARGE} in ${seedLarge.toFixed(0)} s`);
}

/**
 * Ticket export: EXPORT_ROWS (100,000) tickets of one community (added for it, beside the grown data) as XLSX by
 * admin, on a freshly started server. The server's RSS is sampled every 20 ms while the client reads the stream;
 * the figure is the peak minus the RSS just before (after one empty export, so exceljs is already loaded).
 */
async function measureExport(q, databaseUrl, ctx, row, notes) {
  console.log(`\n## 4b. ticket export: ${EXPORT_ROWS.toLocaleString('en')} tickets as XLSX`);
  await numbers(q, Math.max(LARGE, EXPORT_ROWS));
  const [[street]] = await q.query('SELECT MIN(streetId) AS id FROM communities');
  const [ins] = await q.query("INSERT INTO communities (streetId, name, kind) VALUES (?, '导出基准社区', 'community')", [street.id]);
  const communityId = ins.insertId;
  for (let lo = 0; lo < EXPORT_ROWS; lo += CHUNK) {
    await q.query(
      `INSERT INTO tickets (number, categoryId, pointId, gridId, communityId, requesterId, contactName, contactPhone, anonymous, description, photos, attributes, status, assigneeId, source, overdue, createdAt, updatedAt)
       SELECT CONCAT('EXPORT-', s.n), ? + (s.n % ?), NULL, NULL, ?, NULL, '居民', '13800000000', 0, CONCAT('楼道杂物堆放，导出基准数据 #', s.n), '[]', '{}',
              IF(s.n % 10 = 0, 'dispatched', 'closed'), NULL, 'miniapp', 0, NOW(3) - INTERVAL (? - s.n) MINUTE, NOW(3) - INTERVAL (? - s.n) MINUTE
       FROM bench_seq s WHERE s.n >= ? AND s.n < ? ORDER BY s.n`,
      [ctx.minCat, ctx.cats, communityId, EXPORT_ROWS, EXPORT_ROWS, lo, Math.min(EXPORT_ROWS, lo + CHUNK)],
    );
  }
  const app = await L.startApp(databaseUrl);
  try {
    const admin = await L.demoLogin(app.url, 'admin');
    const download = async (qs, onChunk = () => {}) => {
      const res = await fetch(`${app.url}/api/service/tickets/export.xlsx?${qs}`, { headers: { authorization: `Bearer ${admin.token}` } });
      if (res.status !== 200) throw new Error(`export: ${res.status} ${await res.text()}`);
      let bytes = 0;
      for await (const chunk of res.body) {
        bytes += chunk.length;
        onChunk();
      }
      return bytes;
    };
    await download(`communityId=${communityId}&from=2000-01-01&to=2000-01-02`);
    const before = L.rssOf(app.pid);
    let peak = before;
    const sample = () => (peak = Math.max(peak, L.rssOf(app.pid) ?? 0));
    const timer = setInterval(sample, 20);
    const t0 = performance.now();
    let bytes;
    try {
      bytes = await download(`communityId=${communityId}`);
    } finally {
      clearInterval(timer);
    }
    const seconds = (performance.now() - t0) / 1000;
    sample();
    const [[audit]] = await q.query("SELECT data FROM audit_logs WHERE action = 'ticket.export' ORDER BY id DESC LIMIT 1");
    const rows = (typeof audit.data === 'string' ? JSON.parse(audit.data) : audit.data).rows;
    console.log(`  ${rows} rows, ${(bytes / 1048576).toFixed(1)} MiB in ${seconds.toFixed(1)} s; RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} MiB`);
    row('4. data growth', `ticket export: ${EXPORT_ROWS.toLocaleString('en')} tickets as XLSX, streamed — server RSS growth while streaming (target ≤ 50 MiB)`, { median: peak - before, runs: 1, unit: 'MiB', extra: { rssBefore: before, rssPeak: peak, seconds, bytes, rows } });
    row('4. data growth', `ticket export: ${EXPORT_ROWS.toLocaleString('en')} tickets as XLSX — time to the last byte`, { median: seconds, runs: 1, unit: 's', extra: { rowsPerSecond: rows / seconds } });
    if (rows !== EXPORT_ROWS) notes.push(`ticket export FAILED: ${rows} rows exported, ${EXPORT_ROWS} expected`);
  } finally {
    await app.stop();
  }
}

module.exports = { run };
