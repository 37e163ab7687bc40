import { at, bulkUsers, freshDatabase, login, ServerProcess, startServerProcess } from '../utils/processes';

const HOUR = 3_600_000;

/**
 * Three server processes on different ports against one MariaDB. A sign-up burst and a claim race spread across
 * them keep exact capacity and a single claimer; the scheduled jobs run once across the three; any process
 * serves any user's token.
 */
describe('three server processes on one database', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    db = await freshDatabase('linli_multi');
    // The first process migrates and seeds; the others join an up-to-date database.
    servers.push(await startServerProcess(db.url, { MIGRATE_ON_START: 'true', JOBS_ENABLED: 'true', JOBS_EVERY_MS: '300' }));
    servers.push(...(await Promise.all([1, 2].map(() => startServerProcess(db.url, { JOBS_ENABLED: 'true', JOBS_EVERY_MS: '300' })))));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill()));
    await db?.drop();
  });

  it('should serve one user’s token on any process (stateless sessions)', async () => {
    const [user] = await bulkUsers(db, 1, ['resident'], 'stateless');
    for (const s of servers) {
      const me = await at(s.url, user.token).get('/api/me');
      expect(me.status).toBe(200);
      expect(me.body.id).toBe(user.id);
    }
  });

  it('should keep exactly 60 confirmed of 600 sign-ups spread over three processes, the rest waiting in order', async () => {
    const staff = await login(servers[0].url, 'staff');
    const start = Date.now() + 3 * 24 * HOUR;
    const created = await staff.post('/api/events', {
      type: 'volunteer_service', title: '多进程报名测试', description: '—', organiser: '漕湖街道', communityId: 2, place: '邻里空间服务站',
      startAt: new Date(start).toISOString(), endAt: new Date(start + 2 * HOUR).toISOString(), capacity: 60, audience: 'all', hours: 2, publish: true,
    });
    expect(created.status).toBe(201);
    const people = await bulkUsers(db, 600, ['resident'], 'burst');
    const t0 = Date.now();
    const results = await Promise.all(people.map((p, i) => at(servers[i % 3].url, p.token).post(`/api/events/${created.body.id}/signups`, {})));
    const elapsed = Date.now() - t0;
    expect(results.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.text}`)).toEqual([]);
    const confirmed = results.filter((r) => r.body.status === 'confirmed').length;
    expect(confirmed).toBe(60);
    const rows = await db.query('SELECT status, COUNT(*) AS n FROM activity_signups WHERE activityId = ? GROUP BY status', [created.body.id]);
    const by = Object.fromEntries(rows.map((r: any) => [r.status, Number(r.n)]));
    expect(by).toEqual({ confirmed: 60, waitlisted: 540 });
    const [a] = await db.query('SELECT confirmedCount, waitlistCount FROM activities WHERE id = ?', [created.body.id]);
    expect([Number(a.confirmedCount), Number(a.waitlistCount)]).toEqual([60, 540]);
    console.log(`multi-process burst: 600 sign-ups over 3 processes in ${elapsed} ms → 60 confirmed, 540 waiting`);
  });

  it('should give a wish exactly one claimer when 300 volunteers race across three processes', async () => {
    const gw = await login(servers[1].url, 'grid_worker');
    const staff = await login(servers[2].url, 'staff');
    const me = await gw.get('/api/me');
    const wishBy = new Date(Date.now() + 30 * 24 * HOUR).toISOString().slice(0, 10);
    const w = await gw.post('/api/wishes', {
      communityId: me.body.grids[0].communityId,
      beneficiary: { name: '李桂兰', phone: '13800001234', building: '六区12幢', situation: '独居', gender: 'female', ageGroup: 'elder' },
      title: '想要一台收音机', story: '平时喜欢听评弹。', type: 'goods', estimatedValue: 100, wishBy,
    });
    expect(w.status).toBe(201);
    expect((await staff.post(`/api/wishes/${w.body.id}/actions/publish`, {})).status).toBe(201);
    const volunteers = await bulkUsers(db, 300, ['volunteer'], 'claimer');
    const results = await Promise.all(volunteers.map((v, i) => at(servers[i % 3].url, v.token).post(`/api/wishes/${w.body.id}/actions/claim`)));
    const winners = results.filter((r) => r.status === 201);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.code === 'WISH_ALREADY_CLAIMED')).toBe(true);
    const [row] = await db.query('SELECT status, claimerId FROM wishes WHERE id = ?', [w.body.id]);
    expect(row.status).toBe('claimed');
    // The race's volunteers only: the demo's 李建国 holds claims seeded by `npm start`'s demo content.
    const [active] = await db.query('SELECT COALESCE(SUM(activeClaims), 0) AS n FROM wish_volunteers WHERE userId NOT IN (SELECT id FROM users WHERE demoKey IS NOT NULL)');
    expect(Number(active.n)).toBe(1);
  });

  it('should run each scheduled job once across the three processes (one reminder per person)', async () => {
    const staff = await login(servers[0].url, 'staff');
    // Made 25 hours ahead (no reminder due) so everyone is signed up before the job can fire …
    const start = Date.now() + 25 * HOUR;
    const a = await staff.post('/api/events', {
      type: 'party_lesson', title: '提醒只发一次', description: '—', organiser: '漕湖街道', communityId: 2, place: '党群服务中心',
      startAt: new Date(start).toISOString(), endAt: new Date(start + HOUR).toISOString(), capacity: 10, audience: 'all', hours: 1, publish: true,
    });
    expect(a.status).toBe(201);
    const people = await bulkUsers(db, 5, ['resident'], 'remind');
    for (const [i, p] of people.entries()) expect((await at(servers[i % 3].url, p.token).post(`/api/events/${a.body.id}/signups`, {})).status).toBe(201);
    // … then moved to 3 hours ahead: the "tomorrow" reminder is now due on every process; the 1-hour one is not.
    const moved = Date.now() + 3 * HOUR;
    const edit = await staff.patch(`/api/events/${a.body.id}`, { startAt: new Date(moved).toISOString(), endAt: new Date(moved + HOUR).toISOString(), signupEndAt: new Date(moved - HOUR).toISOString(), cancelDeadline: new Date(moved - HOUR).toISOString() });
    expect(`${edit.status} ${edit.text}`).toMatch(/^200/);
    // Let all three processes tick the reminder job many times (every 300 ms).
    await new Promise((r) => setTimeout(r, 4000));
    const rows = await db.query("SELECT userId, COUNT(*) AS n FROM notifications WHERE kind = 'event.reminder' AND dedupeKey = ? GROUP BY userId", [`reminded24At:${a.body.id}`]);
    expect(rows).toHaveLength(5);
    expect(rows.every((r: any) => Number(r.n) === 1)).toBe(true);
    const [lease] = await db.query("SELECT runs FROM job_leases WHERE name = 'events.reminders'");
    expect(Number(lease.runs)).toBeGreaterThan(3); // it really ran, repeatedly, yet sent once
  });
});
