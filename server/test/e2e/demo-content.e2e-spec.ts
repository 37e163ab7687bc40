import { DataSource } from 'typeorm';
import type { ActivityDetail, MyLedger, VolunteerHome, WishWallPage } from '@linli/domain';
import { DEMO_PHONE_RESIDENTS } from '../../src/database/seeds/demo-activities.seed';
import { seedDemoContent } from '../../src/database/seeds/demo-content.seed';
import { client, demoLogin } from '../utils/http';
import { startTestApp, TestApp } from '../utils/test-app';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const n = (rows: Array<{ n: unknown }>) => Number(rows[0].n);

/** `npm start`'s demo wishes and activities: made through the flows' services, dated from the day of seeding. */
describe('the demo’s wishes and activities', () => {
  let t: TestApp;
  let ds: DataSource;
  let seededAt: number;
  beforeAll(async () => {
    t = await startTestApp();
    ds = t.dataSource;
    seededAt = Date.now();
    await seedDemoContent(t.app);
  });
  afterAll(async () => t?.close());

  const count = async (table: string) => n(await ds.query(`SELECT COUNT(*) AS n FROM ${table}`));

  it('should add four wishes and three activities once: seeding again duplicates nothing', async () => {
    const tables = ['wishes', 'wish_events', 'wish_beneficiaries', 'activities', 'activity_signups', 'ledger_entries', 'users', 'uploads'];
    const before = await Promise.all(tables.map(count));
    expect(before[0]).toBe(4);
    expect(before[3]).toBe(3);
    expect(await seedDemoContent(t.app)).toBe(0);
    expect(await Promise.all(tables.map(count))).toEqual(before);
  });

  it('should leave the wishes in four states, each timeline dated in order and audited move by move', async () => {
    const rows: Array<{ status: string; title: string; displayName: string; createdAt: string }> = await ds.query('SELECT status, title, displayName, createdAt FROM wishes ORDER BY id');
    expect(rows.map((r) => r.status)).toEqual(['confirmed', 'fulfilled', 'claimed', 'published']);
    // masked as the wishes module masks them: family name, honorific, community — never the full name
    expect(rows.map((r) => r.displayName)).toEqual(['孙奶奶 · 漕湖花园二社区', '刘同学 · 漕湖花园一社区', '钱奶奶 · 漕湖花园二社区', '吴爷爷 · 永昌泾社区']);
    const firstDays = (seededAt - new Date(rows[0].createdAt).getTime()) / DAY;
    expect(firstDays).toBeGreaterThan(15.9);
    expect(firstDays).toBeLessThan(16.1);
    const moves = await ds.query("SELECT wishId, action, createdAt FROM wish_events WHERE action <> 'create' ORDER BY wishId, id");
    expect(moves.map((m: any) => m.action)).toEqual(['publish', 'claim', 'fulfil', 'confirm', 'publish', 'claim', 'fulfil', 'publish', 'claim', 'publish']);
    const all = await ds.query('SELECT wishId, createdAt FROM wish_events ORDER BY wishId, id');
    for (let i = 1; i < all.length; i++) {
      if (all[i].wishId === all[i - 1].wishId) expect(new Date(all[i].createdAt).getTime()).toBeGreaterThan(new Date(all[i - 1].createdAt).getTime());
    }
    for (const e of all) expect(new Date(e.createdAt).getTime()).toBeLessThanOrEqual(Date.now());
    // (the manage detail each move answers with also audits its phone reveals, as it does in the app)
    expect(n(await ds.query("SELECT COUNT(*) AS n FROM audit_logs WHERE entityType = 'wish' AND action LIKE 'wish.%'"))).toBe(all.length);
  });

  it('should show the published wish on the 心愿墙 with the masked name and none of the register', async () => {
    const wall = await client(t.url).get<WishWallPage>('/api/wishes');
    expect(wall.status).toBe(200);
    const card = wall.body.items.find((w) => w.title === '希望有人帮忙修好漏水的水龙头')!;
    expect(card).toMatchObject({ status: 'published', displayName: '吴爷爷 · 永昌泾社区', communityName: '永昌泾社区' });
    expect(card.daysLeft).toBe(25);
    for (const secret of ['吴建华', '13962117003', '南片区5幢301室', '孙桂芳', '钱凤英', '刘浩然', '关节炎']) expect(wall.text).not.toContain(secret);
  });

  it('should give 李建国 a running claim with its expiry, a proof awaiting confirmation, and the hours in his ledger', async () => {
    const vol = await demoLogin(t.url, 'volunteer');
    const home = (await vol.api.get<VolunteerHome>('/api/home?role=volunteer')).body;
    expect(home.claims.total).toBe(2);
    const running = home.claims.items.find((c) => c.status === 'claimed')!;
    expect(running.title).toBe('想请人陪我去医院复查眼睛');
    // claimed five days ago; a claim runs seven days
    const left = new Date(running.expiresAt!).getTime() - seededAt;
    expect(left).toBeGreaterThan(2 * DAY - HOUR);
    expect(left).toBeLessThan(2 * DAY + HOUR);
    expect(home.claims.items.find((c) => c.status === 'fulfilled')!.title).toBe('想要一个新书包和几本科普书');
    const slots = await ds.query('SELECT activeClaims FROM wish_volunteers WHERE userId = ?', [vol.user.id]);
    expect(Number(slots[0].activeClaims)).toBe(2);

    const ledger = (await vol.api.get<MyLedger>('/api/ledger/me')).body;
    expect(ledger.totals).toMatchObject({ hours: 4, points: 10, entries: 2 });
    expect(ledger.items.map((e: any) => e.content)).toEqual(['志愿服务：六区中心花园环境清洁', '微心愿：入冬前想换一床厚实的棉被（孙奶奶 · 漕湖花园二社区）']);
    expect(home.hours.hours).toBe(4);
  });

  it('should have one activity coming with places left, one full with two waiting in arrival order, one held last week', async () => {
    const staff = await demoLogin(t.url, 'staff');
    const rows: Array<{ id: number; title: string; startAt: string; status: string }> = await ds.query('SELECT id, title, startAt, status FROM activities ORDER BY id');
    expect(rows.map((r) => r.title)).toEqual(['六区中心花园环境清洁', '邻里百家宴：为独居老人包饺子', '防范电信诈骗，守好养老钱']);
    expect(rows.every((r) => r.status === 'published')).toBe(true);
    const [past, full, coming] = await Promise.all(rows.map(async (r) => (await staff.api.get<ActivityDetail>(`/api/events/${r.id}`)).body));
    const daysFromNow = (a: ActivityDetail) => (new Date(a.startAt).getTime() - seededAt) / DAY;

    expect(daysFromNow(coming)).toBeGreaterThan(3);
    expect(daysFromNow(coming)).toBeLessThan(5);
    expect(coming).toMatchObject({ capacity: 40, confirmedCount: 3, waitlistCount: 0, remaining: 37, signupOpen: true, ended: false });

    expect(daysFromNow(full)).toBeGreaterThan(1);
    expect(daysFromNow(full)).toBeLessThan(3);
    expect(full).toMatchObject({ capacity: 4, confirmedCount: 4, waitlistCount: 2, remaining: 0, signupOpen: true });
    const attendees = (await staff.api.get(`/api/events/${full.id}/attendees`)).body.items as Array<{ name: string; status: string }>;
    const waiting = attendees.filter((a) => a.status === 'waitlisted').map((a) => a.name);
    expect(waiting).toEqual(['张秀英', '钱桂兰']);
    expect(attendees.filter((a) => a.status === 'confirmed').map((a) => a.name).sort()).toEqual(['孙美华', '李建国', '沈小芳', '顾建明'].sort());
    const resident = await demoLogin(t.url, 'resident');
    const mine = (await resident.api.get<ActivityDetail>(`/api/events/${full.id}`)).body;
    expect(mine.mySignup).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });

    expect(daysFromNow(past)).toBeGreaterThan(-6);
    expect(daysFromNow(past)).toBeLessThan(-4);
    expect(past).toMatchObject({ ended: true, confirmedCount: 3 });
    const counts = (await staff.api.get(`/api/events/${past.id}/counts`)).body;
    expect(counts).toMatchObject({ signedUp: 3, checkedOut: 3, noShow: 0, waitlisted: 0 });
  });

  it('should keep every activity’s seat and waiting counters equal to its rows', async () => {
    const kept = await ds.query('SELECT id, confirmedCount, waitlistCount FROM activities ORDER BY id');
    const counted = await ds.query(
      "SELECT activityId, SUM(CASE WHEN status IN ('confirmed', 'checked_in', 'checked_out', 'no_show') THEN 1 ELSE 0 END) AS seated, SUM(CASE WHEN status = 'waitlisted' THEN 1 ELSE 0 END) AS waiting FROM activity_signups GROUP BY activityId ORDER BY activityId",
    );
    expect(kept.map((r: any) => [Number(r.id), Number(r.confirmedCount), Number(r.waitlistCount)])).toEqual(counted.map((r: any) => [Number(r.activityId), Number(r.seated), Number(r.waiting)]));
    // the sign-ups were dated when they were made, before each activity began
    const early = await ds.query('SELECT COUNT(*) AS n FROM activity_signups s JOIN activities a ON a.id = s.activityId WHERE s.createdAt >= a.startAt');
    expect(n(early)).toBe(0);
    // the phone-only residents the grid worker signed up have a phone and no WeChat
    const phones = await ds.query(`SELECT name, openid FROM users WHERE phone IN (${DEMO_PHONE_RESIDENTS.map(() => '?').join(', ')}) ORDER BY id`, DEMO_PHONE_RESIDENTS.map((p) => p.phone));
    expect(phones.map((p: any) => p.name).sort()).toEqual(DEMO_PHONE_RESIDENTS.map((p) => p.name).sort());
    expect(phones.every((p: any) => p.openid === null)).toBe(true);
    // the hours of the activity held last week: two each, the planned hours, for all three who came
    const hours = await ds.query("SELECT SUM(centiHours) AS n FROM ledger_entries WHERE source = 'activity'");
    expect(n(hours)).toBe(600);
  });
});
