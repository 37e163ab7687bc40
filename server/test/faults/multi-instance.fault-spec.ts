import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { S3Storage } from '../../src/modules/uploads/s3-storage';
import { client } from '../utils/http';
import { at, bulkUsers, freshDatabase, login, ServerProcess, startServerProcess } from '../utils/processes';
import { FakeWechatProcess, sharedServices, SharedServices, startFakeWechatProcess } from '../utils/shared-services';

const HOUR = 3_600_000;
const APPID = 'wxmultiprocess0001';
const SECRET = 'multi-process-wechat-secret';
/** sign-ups (and other submissions) per user per minute, for the three processes together */
const SUBMIT_LIMIT = 12;

/**
 * Three server processes on different ports against one MariaDB, one Redis and one S3-compatible bucket, each with
 * an upload directory of its own. A sign-up burst and a claim race spread across them keep exact capacity and a
 * single claimer; the scheduled jobs run once across the three; any process serves any user's token; a rate limit
 * counts the three together; WeChat is asked for one access token, not three; a photo or QR code stored through one
 * process is served by the others.
 */
describe('three server processes on one database, one Redis and one bucket', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let shared: SharedServices;
  let wechat: FakeWechatProcess;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    db = await freshDatabase('linli_multi');
    shared = await sharedServices();
    wechat = await startFakeWechatProcess(APPID, SECRET);
    const env = {
      JOBS_ENABLED: 'true',
      JOBS_EVERY_MS: '300',
      REDIS_URL: shared.redisUrl,
      ...shared.s3Env,
      WECHAT_APPID: APPID,
      WECHAT_SECRET: SECRET,
      WECHAT_API_BASE: wechat.url,
      SUBMIT_RATE_LIMIT: String(SUBMIT_LIMIT),
    };
    // The first process migrates and seeds; the others join an up-to-date database.
    servers.push(await startServerProcess(db.url, { MIGRATE_ON_START: 'true', ...env }));
    servers.push(...(await Promise.all([1, 2].map(() => startServerProcess(db.url, env)))));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill()));
    await wechat?.stop();
    await shared?.stop();
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

  it('should hold one user to SUBMIT_RATE_LIMIT across the three processes together (counted in Redis)', async () => {
    const staff = await login(servers[0].url, 'staff');
    const start = Date.now() + 5 * 24 * HOUR;
    const a = await staff.post('/api/events', {
      type: 'volunteer_service', title: '限流测试', description: '—', organiser: '漕湖街道', communityId: 2, place: '邻里空间服务站',
      startAt: new Date(start).toISOString(), endAt: new Date(start + HOUR).toISOString(), capacity: 5, audience: 'all', hours: 1, publish: true,
    });
    expect(a.status).toBe(201);
    const [me] = await bulkUsers(db, 1, ['resident'], 'limited');
    const statuses: number[] = [];
    // One after another, round the three processes: each sees a third, so per-process counters would never refuse.
    for (let i = 0; i < SUBMIT_LIMIT + 6; i++) {
      const r = await at(servers[i % 3].url, me.token).post(`/api/events/${a.body.id}/signups`, {});
      statuses.push(r.status);
      if (r.status === 429) expect(r.body.code).toBe('RATE_LIMITED');
    }
    expect(statuses[0]).toBe(201);
    expect(statuses.slice(0, SUBMIT_LIMIT).filter((s) => s === 429)).toEqual([]);
    expect(statuses.slice(SUBMIT_LIMIT)).toEqual(Array(6).fill(429));
  });

  it('should ask WeChat for one access token when the three processes need one at once (shared, via stable_token)', async () => {
    const signedIn = await client(servers[0].url).post('/api/auth/demo-login', { persona: 'staff' });
    const staff = client(servers[0].url, signedIn.body.accessToken);
    // A point in the staff member's own community (demo: staff answer for community 2).
    const [point] = await db.query('SELECT p.id FROM points p JOIN grids g ON g.id = p.gridId JOIN staff_communities sc ON sc.communityId = g.communityId JOIN users u ON u.id = sc.userId WHERE u.id = ? ORDER BY p.id LIMIT 1', [signedIn.body.user.id]);
    const pointId = Number(point.id);
    // Every token the processes hold is now refused, so each of them must get a new one, at the same moment.
    expect((await fetch(`${wechat.url}/__fake/expire-tokens`, { method: 'POST' })).ok).toBe(true);
    const before = await wechat.state();
    const widths = Array.from({ length: 9 }, (_, i) => 300 + i);
    const byProcess = await Promise.all(
      widths.map(async (w, i) => {
        const r = await at(servers[i % 3].url, signedIn.body.accessToken).raw(`/api/places/points/${pointId}/qrcode.png?width=${w}`);
        return { status: r.status, body: Buffer.from(await r.arrayBuffer()) };
      }),
    );
    expect(byProcess.map((r) => r.status)).toEqual(widths.map(() => 200));
    const after = await wechat.state();
    const since = after.calls.slice(before.calls.length).map((c) => c.api);
    expect(since.filter((api) => api === 'stable_token')).toHaveLength(1);
    expect(since.filter((api) => api === 'token')).toHaveLength(0);
    expect(after.qrcodes - before.qrcodes).toBe(widths.length);
    // Each code was made once and kept in the bucket: the next process serves it without asking WeChat again.
    const again = await Promise.all(
      widths.map(async (w, i) => {
        const r = await at(servers[(i + 1) % 3].url, signedIn.body.accessToken).raw(`/api/places/points/${pointId}/qrcode.png?width=${w}`);
        return { status: r.status, body: Buffer.from(await r.arrayBuffer()) };
      }),
    );
    expect(again.map((r) => r.status)).toEqual(widths.map(() => 200));
    again.forEach((r, i) => expect(r.body.equals(byProcess[i].body)).toBe(true));
    expect((await wechat.state()).qrcodes - before.qrcodes).toBe(widths.length);
  });

  it('should serve a photo uploaded through one process from the other two (stored in the bucket, not on a disk)', async () => {
    const [owner] = await bulkUsers(db, 1, ['resident'], 'photographer');
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 60, b: 40 } } }).jpeg().toBuffer();
    const f = new FormData();
    f.append('file', new Blob([jpeg], { type: 'image/jpeg' }), 'p.jpg');
    const up = await at(servers[0].url, owner.token).post('/api/uploads', f);
    expect(up.status).toBe(201);
    const [row] = await db.query('SELECT `key`, thumbKey FROM uploads WHERE id = ?', [up.body.id]);
    for (const [i, url] of [[1, up.body.url], [2, up.body.thumbUrl]] as const) {
      const res = await fetch(servers[i].url + new URL(url, 'http://x').pathname);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const body = Buffer.from(await res.arrayBuffer());
      expect((await sharp(body).metadata()).format).toBe('jpeg');
    }
    // The bytes are the bucket's: what process 1 served is the object stored under the upload's key.
    const storage = new S3Storage({ endpoint: shared.s3.endpoint, bucket: shared.s3.bucket, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true, publicUrl: null });
    const stored = await storage.get(row.key);
    const served = Buffer.from(await (await fetch(servers[1].url + `/uploads/${row.key}`)).arrayBuffer());
    expect(stored && served.equals(stored)).toBe(true);
    expect((await fetch(servers[2].url + '/uploads/20000101/nothing-here.jpg')).status).toBe(404);
  });

  it('should never serve a private/ key at /uploads/, only through an expiring presigned URL', async () => {
    const storage = new S3Storage({ endpoint: shared.s3.endpoint, bucket: shared.s3.bucket, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true, publicUrl: null });
    const key = `private/test/${Date.now()}.jpg`;
    const bytes = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 1, g: 2, b: 3 } } }).jpeg().toBuffer();
    await storage.client.send(new PutObjectCommand({ Bucket: shared.s3.bucket, Key: key, Body: bytes, ContentType: 'image/jpeg' }));
    for (const s of servers) expect((await fetch(`${s.url}/uploads/${key}`)).status).toBe(404);
    const url = await storage.signedUrl(key, 60);
    expect(url).toContain('X-Amz-Expires=60');
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).equals(bytes)).toBe(true);
    const short = await storage.signedUrl(key, 1);
    await new Promise((r) => setTimeout(r, 2100));
    expect((await fetch(short)).status).toBe(403);
    // And the SDK reads it back as the server does.
    const got = await storage.client.send(new GetObjectCommand({ Bucket: shared.s3.bucket, Key: key }));
    expect(got.ContentType).toBe('image/jpeg');
  });
});

