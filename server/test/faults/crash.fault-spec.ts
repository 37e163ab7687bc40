import { at, bulkUsers, freshDatabase, login, startServerProcess } from '../utils/processes';

const HOUR = 3_600_000;

/**
 * SIGKILL the server in the middle of a sign-up burst, a claim race and a run of ticket filings, then start it
 * again. Every request the client saw succeed is in the database, and nothing is half-done: counters equal rows,
 * no wish has two claimers, every ticket has its timeline entry and is in its community's status counters.
 */
describe('crash mid-burst', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;

  beforeAll(async () => {
    db = await freshDatabase('linli_crash');
  });
  afterAll(async () => db?.drop());

  it('should keep every acknowledged write and leave nothing half-done after a SIGKILL', async () => {
    let server = await startServerProcess(db.url, { MIGRATE_ON_START: 'true' });
    const staff = await login(server.url, 'staff');
    const gw = await login(server.url, 'grid_worker');
    const resident = await login(server.url, 'resident');
    const start = Date.now() + 3 * 24 * HOUR;
    const activity = await staff.post('/api/events', {
      type: 'party_lesson', title: '断电测试', description: '—', organiser: '漕湖街道', communityId: 2, place: '党群服务中心',
      startAt: new Date(start).toISOString(), endAt: new Date(start + HOUR).toISOString(), capacity: 40, audience: 'all', hours: 1, publish: true,
    });
    expect(activity.status).toBe(201);
    const me = await gw.get('/api/me');
    const wishBy = new Date(Date.now() + 30 * 24 * HOUR).toISOString().slice(0, 10);
    const wishIds: number[] = [];
    for (let i = 0; i < 5; i++) {
      const w = await gw.post('/api/wishes', {
        communityId: me.body.grids[0].communityId,
        beneficiary: { name: '周阿婆', phone: '13800005678', building: '六区20幢', situation: '独居', gender: 'female', ageGroup: 'elder' },
        title: `想要一个暖水袋${i}`, story: '冬天手脚冰凉。', type: 'goods', estimatedValue: 50, wishBy,
      });
      expect((await staff.post(`/api/wishes/${w.body.id}/actions/publish`, {})).status).toBe(201);
      wishIds.push(w.body.id);
    }
    const categories = (await resident.get('/api/service/categories')).body;
    const people = await bulkUsers(db, 400, ['resident'], 'crashsu');
    const volunteers = await bulkUsers(db, 200, ['volunteer'], 'crashvol');

    const signups = people.map((p) => at(server.url, p.token).post(`/api/events/${activity.body.id}/signups`, {}).catch(() => null));
    const claims = volunteers.map((v, i) => at(server.url, v.token).post(`/api/wishes/${wishIds[i % wishIds.length]}/actions/claim`).catch(() => null));
    const tickets = people.slice(0, 60).map((p, i) =>
      at(server.url, p.token)
        .post('/api/service/tickets', { scene: 'hy2-b12', categoryId: categories[0].id, description: `断电测试 ${i}`, contactName: '测试', contactPhone: '13812340000' }, { 'idempotency-key': `crash-ticket-${i}-x` })
        .catch(() => null),
    );
    // Kill once part of the burst has been answered, with the rest still in flight.
    const t0 = Date.now();
    while (Date.now() - t0 < 15_000) {
      const [n] = await db.query('SELECT COUNT(*) AS n FROM activity_signups WHERE activityId = ?', [activity.body.id]);
      if (Number(n.n) >= 100) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await server.kill('SIGKILL');
    const [su, cl, tk] = await Promise.all([Promise.all(signups), Promise.all(claims), Promise.all(tickets)]);
    const okSignups = su.filter((r) => r?.status === 201);
    const okClaims = cl.filter((r) => r?.status === 201);
    const okTickets = tk.filter((r) => r?.status === 201);
    console.log(`crash: before SIGKILL the client saw ${okSignups.length}/400 sign-ups, ${okClaims.length}/200 claims, ${okTickets.length}/60 tickets succeed`);

    server = await startServerProcess(db.url);
    try {
      // Every acknowledged sign-up is there.
      for (const r of okSignups) {
        const [row] = await db.query('SELECT status FROM activity_signups WHERE id = ?', [r!.body.id]);
        expect(row).toBeDefined();
      }
      // Counters equal rows; capacity held.
      const rows = await db.query("SELECT status, COUNT(*) AS n FROM activity_signups WHERE activityId = ? GROUP BY status", [activity.body.id]);
      const by = Object.fromEntries(rows.map((r: any) => [r.status, Number(r.n)]));
      const [a] = await db.query('SELECT confirmedCount, waitlistCount FROM activities WHERE id = ?', [activity.body.id]);
      expect(Number(a.confirmedCount)).toBe(by.confirmed ?? 0);
      expect(Number(a.waitlistCount)).toBe(by.waitlisted ?? 0);
      expect(by.confirmed ?? 0).toBeLessThanOrEqual(40);

      // Each wish has at most one claimer, and every acknowledged claim holds.
      const wishes = await db.query(`SELECT id, status, claimerId FROM wishes WHERE id IN (${wishIds.join(',')})`);
      const winnersPerWish = new Map<number, number>();
      okClaims.forEach((r) => winnersPerWish.set(r!.body.id, (winnersPerWish.get(r!.body.id) ?? 0) + 1));
      for (const [wishId, n] of winnersPerWish) {
        expect(n).toBe(1);
        expect(wishes.find((w: any) => w.id === wishId)?.claimerId).not.toBeNull();
      }
      for (const w of wishes) expect(w.status === 'claimed').toBe(w.claimerId !== null);
      // The per-volunteer counter equals the wishes they hold.
      // The burst's own volunteers: the demo's 李建国 holds claims seeded by `npm start`'s demo content.
      const counters = await db.query('SELECT userId, activeClaims FROM wish_volunteers WHERE activeClaims > 0 AND userId NOT IN (SELECT id FROM users WHERE demoKey IS NOT NULL)');
      const held = wishes.filter((w: any) => w.claimerId !== null);
      expect(counters.reduce((s: number, c: any) => s + Number(c.activeClaims), 0)).toBe(held.length);

      // Every acknowledged ticket exists, and no ticket lacks its timeline entry.
      for (const r of okTickets) expect((await db.query('SELECT id FROM tickets WHERE id = ?', [r!.body.id])).length).toBe(1);
      const orphans = await db.query('SELECT t.id FROM tickets t LEFT JOIN ticket_events e ON e.ticketId = t.id WHERE e.id IS NULL');
      expect(orphans).toEqual([]);
      // The staff queue's per-community status counters equal the tickets themselves.
      const kept = await db.query('SELECT communityId, status, n FROM ticket_status_counts WHERE n <> 0 ORDER BY communityId, status');
      const counted = await db.query('SELECT communityId, status, COUNT(*) AS n FROM tickets GROUP BY communityId, status ORDER BY communityId, status');
      expect(kept.map((r: any) => [r.communityId, r.status, Number(r.n)])).toEqual(counted.map((r: any) => [r.communityId, r.status, Number(r.n)]));
      // A retried filing with the same key after the restart returns the same ticket, never a second one.
      if (okTickets.length) {
        const i = tk.indexOf(okTickets[0]);
        const again = await at(server.url, people[i].token).post('/api/service/tickets', { scene: 'hy2-b12', categoryId: categories[0].id, description: `断电测试 ${i}`, contactName: '测试', contactPhone: '13812340000' }, { 'idempotency-key': `crash-ticket-${i}-x` });
        expect(again.body.id).toBe(okTickets[0]!.body.id);
      }
    } finally {
      await server.kill();
    }
  });
});
