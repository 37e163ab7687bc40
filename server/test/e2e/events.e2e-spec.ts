import ExcelJS from 'exceljs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/clock';
import { TransactionService } from '../../src/database/transaction.service';
import { Activity, ActivitySignup } from '../../src/modules/events/activity.entities';
import { JobsService } from '../../src/modules/jobs/jobs.service';
import { LedgerService } from '../../src/modules/ledger/ledger.service';
import { Notification } from '../../src/modules/notifications/notification.entities';
import { UsersService } from '../../src/modules/users/users.service';
import { makeUsers } from '../factories/users.factory';
import { client, Client, demoLogin } from '../utils/http';
import { startTestApp, TestApp } from '../utils/test-app';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const ICAL = require('ical.js');

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function decodeQr(png: Buffer): string | null {
  const img = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data ?? null;
}

describe('活动报名 over HTTP', () => {
  let t: TestApp;
  let staff: Client;
  let clock: Clock;
  let ds: DataSource;
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp();
    staff = (await demoLogin(t.url, 'staff')).api;
    clock = t.get(Clock);
    ds = t.get(DataSource);
  });
  afterAll(async () => t?.close());
  afterEach(() => clock.reset());

  /** A published activity in 漕湖花园二社区 (community 2), starting in two days unless told otherwise. */
  async function createActivity(over: Record<string, unknown> = {}) {
    const now = clock.now().getTime();
    const body = {
      type: 'party_lesson',
      title: `测试活动${++seq}`,
      description: '在党群服务中心二楼',
      organiser: '漕湖花园二社区第一党支部',
      communityId: 2,
      place: '党群服务中心二楼',
      startAt: new Date(now + 2 * DAY).toISOString(),
      endAt: new Date(now + 2 * DAY + 2 * HOUR).toISOString(),
      capacity: 10,
      audience: 'all',
      hours: 2,
      publish: true,
      ...over,
    };
    const res = await staff.post('/api/events', body);
    if (res.status !== 201) throw new Error(`create failed ${res.status} ${res.text}`);
    return res.body;
  }

  const dbCounts = async (activityId: number) => {
    const rows = await ds.getRepository(ActivitySignup).createQueryBuilder('s').select('s.status', 'status').addSelect('COUNT(*)', 'n').where('s.activityId = :activityId', { activityId }).groupBy('s.status').getRawMany();
    const by: Record<string, number> = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    const a = await ds.getRepository(Activity).findOneByOrFail({ id: activityId });
    return { by, confirmedCount: a.confirmedCount, waitlistCount: a.waitlistCount };
  };

  describe('never oversold', () => {
    it('should confirm exactly 37 of 1,000 concurrent sign-ups by distinct users and waitlist the rest, with the database agreeing', async () => {
      const a = await createActivity({ capacity: 37 });
      const people = await makeUsers(t, 1000);
      const txs = t.get(TransactionService);
      const retriesBefore = txs.deadlockRetries;
      const started = Date.now();
      const results = await Promise.all(people.map((p) => p.api.post(`/api/events/${a.id}/signups`, {})));
      const elapsed = Date.now() - started;
      const statuses = results.map((r) => r.status);
      const failed = results.find((r) => r.status !== 201);
      if (failed) console.log("first failure", failed.status, failed.text);
      expect(statuses.filter((s) => s !== 201)).toEqual([]);
      const confirmed = results.filter((r) => r.body.status === 'confirmed').length;
      const waitlisted = results.filter((r) => r.body.status === 'waitlisted').length;
      // eslint-disable-next-line no-console
      console.log(
        `[events burst ${t.dbKind}] requests=${results.length} confirmed=${confirmed} waitlisted=${waitlisted} elapsedMs=${elapsed} deadlockRetries=${txs.deadlockRetries - retriesBefore}`,
      );
      expect(confirmed).toBe(37);
      expect(waitlisted).toBe(963);
      const db = await dbCounts(a.id);
      expect(db.by).toEqual({ confirmed: 37, waitlisted: 963 });
      expect(db.confirmedCount).toBe(37);
      expect(db.waitlistCount).toBe(963);
      // Waiting-list positions are 1..963, each once.
      const positions = results.filter((r) => r.body.status === 'waitlisted').map((r) => r.body.waitlistPosition);
      expect(new Set(positions).size).toBe(963);
      const counts = await staff.get(`/api/events/${a.id}/counts`);
      expect(counts.body).toMatchObject({ capacity: 37, signedUp: 37, waitlisted: 963, remaining: 0 });
    });

    it('should promote exactly 20 waiting people, in arrival order, when 20 confirmed people cancel at once', async () => {
      const a = await createActivity({ capacity: 20 });
      const holders = await makeUsers(t, 20);
      const waiters = await makeUsers(t, 30);
      const held = [];
      for (const h of holders) held.push((await h.api.post(`/api/events/${a.id}/signups`, {})).body);
      expect(held.every((s) => s.status === 'confirmed')).toBe(true);
      for (const w of waiters) expect((await w.api.post(`/api/events/${a.id}/signups`, {})).body.status).toBe('waitlisted');
      const cancels = await Promise.all(holders.map((h, i) => h.api.post(`/api/signups/${held[i].id}/actions/cancel`, {})));
      expect(cancels.map((c) => c.status)).toEqual(Array(20).fill(200));
      const after = await ds.getRepository(ActivitySignup).find({ where: { activityId: a.id }, order: { id: 'ASC' } });
      const status = new Map(after.map((s) => [s.userId, s.status]));
      expect(waiters.slice(0, 20).map((w) => status.get(w.user.id))).toEqual(Array(20).fill('confirmed'));
      expect(waiters.slice(20).map((w) => status.get(w.user.id))).toEqual(Array(10).fill('waitlisted'));
      const db = await dbCounts(a.id);
      expect(db).toMatchObject({ confirmedCount: 20, waitlistCount: 10, by: { cancelled: 20, confirmed: 20, waitlisted: 10 } });
      const promotedNote = await ds.getRepository(Notification).count({ where: { userId: waiters[0].user.id, kind: 'event.promoted' } });
      expect(promotedNote).toBe(1);
      const first = await waiters[20].api.get(`/api/events/${a.id}`);
      expect(first.body.mySignup).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    });

    it('should leave no free seat behind when a cancellation races a sign-up for the last place', async () => {
      for (let round = 0; round < 5; round++) {
        const a = await createActivity({ capacity: 1 });
        const [holder, newcomer] = await makeUsers(t, 2);
        const held = (await holder.api.post(`/api/events/${a.id}/signups`, {})).body;
        const [cancel, join] = await Promise.all([holder.api.post(`/api/signups/${held.id}/actions/cancel`, {}), newcomer.api.post(`/api/events/${a.id}/signups`, {})]);
        expect(cancel.status).toBe(200);
        expect(join.status).toBe(201);
        const db = await dbCounts(a.id);
        expect(db.by).toEqual({ cancelled: 1, confirmed: 1 });
        expect(db).toMatchObject({ confirmedCount: 1, waitlistCount: 0 });
      }
    });

    it('should keep one sign-up when the same person taps 报名 5 times at once, and replay an Idempotency-Key', async () => {
      const a = await createActivity({ capacity: 5 });
      const [p, q] = await makeUsers(t, 2);
      const taps = await Promise.all(Array.from({ length: 5 }, () => p.api.post(`/api/events/${a.id}/signups`, {})));
      expect(taps.filter((r) => r.status === 201)).toHaveLength(1);
      expect(taps.filter((r) => r.status === 409).every((r) => r.body.code === 'EVENT_ALREADY_SIGNED_UP')).toBe(true);
      const key = { 'idempotency-key': 'signup-retry-0001' };
      const retries = await Promise.all(Array.from({ length: 5 }, () => q.api.post(`/api/events/${a.id}/signups`, {}, key)));
      expect(retries.map((r) => r.status)).toEqual(Array(5).fill(201));
      expect(new Set(retries.map((r) => r.body.id)).size).toBe(1);
      const db = await dbCounts(a.id);
      expect(db.by).toEqual({ confirmed: 2 });
      expect(db.confirmedCount).toBe(2);
    });
  });

  describe('rules the server enforces', () => {
    it('should refuse outside the sign-up window, after the cancellation deadline and outside the audience, each with its code', async () => {
      const now = clock.now().getTime();
      const [p] = await makeUsers(t, 1, ['resident'], { communityId: 2 } as any);
      const early = await createActivity({ signupStartAt: new Date(now + DAY).toISOString() });
      const r1 = await p.api.post(`/api/events/${early.id}/signups`, {});
      expect([r1.status, r1.body.code]).toEqual([409, 'EVENT_SIGNUP_NOT_OPEN']);
      const closed = await createActivity({ signupStartAt: new Date(now - 2 * DAY).toISOString(), signupEndAt: new Date(now - DAY).toISOString() });
      const r2 = await p.api.post(`/api/events/${closed.id}/signups`, {});
      expect([r2.status, r2.body.code]).toEqual([409, 'EVENT_SIGNUP_CLOSED']);

      const deadline = await createActivity({ cancelDeadline: new Date(now + HOUR).toISOString() });
      const mine = (await p.api.post(`/api/events/${deadline.id}/signups`, {})).body;
      clock.advance(2 * HOUR);
      const r3 = await p.api.post(`/api/signups/${mine.id}/actions/cancel`, {});
      expect([r3.status, r3.body.code]).toEqual([409, 'EVENT_CANCEL_DEADLINE_PASSED']);
      clock.reset();

      const party = await createActivity({ audience: 'party_members' });
      const r4 = await p.api.post(`/api/events/${party.id}/signups`, {});
      expect([r4.status, r4.body.code]).toEqual([403, 'EVENT_AUDIENCE_MISMATCH']);
      const volunteer = await demoLogin(t.url, 'volunteer');
      expect((await volunteer.api.post(`/api/events/${party.id}/signups`, {})).status).toBe(201);
      const other = await createActivity({ audience: 'community', audienceCommunityId: 3 });
      const r5 = await p.api.post(`/api/events/${other.id}/signups`, {});
      expect(r5.body.code).toBe('EVENT_AUDIENCE_MISMATCH');
      const home = await createActivity({ audience: 'community' });
      expect((await p.api.post(`/api/events/${home.id}/signups`, {})).status).toBe(201);
    });

    it('should require answers to required questions and accept valid choices', async () => {
      const a = await createActivity({
        questions: [
          { id: 'meal', kind: 'single', title: '午餐', required: true, options: ['荤', '素'] },
          { id: 'skills', kind: 'multiple', title: '特长', required: false, options: ['摄影', '讲解'] },
        ],
      });
      const [p] = await makeUsers(t, 1);
      const bad = await p.api.post(`/api/events/${a.id}/signups`, { answers: { meal: '鱼' } });
      expect(bad.status).toBe(422);
      expect(bad.body.fields['answers.meal']).toBeDefined();
      const ok = await p.api.post(`/api/events/${a.id}/signups`, { answers: { meal: '素', skills: ['摄影'] } });
      expect(ok.status).toBe(201);
      expect(ok.body.answers).toEqual({ meal: '素', skills: ['摄影'] });
    });

    it('should let a promoted person decline, which promotes the next one; others cannot decline', async () => {
      const a = await createActivity({ capacity: 1 });
      const [h, w1, w2] = await makeUsers(t, 3);
      const held = (await h.api.post(`/api/events/${a.id}/signups`, {})).body;
      const s1 = (await w1.api.post(`/api/events/${a.id}/signups`, {})).body;
      await w2.api.post(`/api/events/${a.id}/signups`, {});
      expect((await h.api.post(`/api/signups/${held.id}/actions/decline`, {})).body.code).toBe('EVENT_NOT_PROMOTED');
      await h.api.post(`/api/signups/${held.id}/actions/cancel`, {});
      const promoted = await w1.api.get(`/api/events/${a.id}`);
      expect(promoted.body.mySignup).toMatchObject({ status: 'confirmed', promoted: true });
      expect(promoted.body.mySignup.actions.map((x: any) => x.action)).toContain('decline');
      const declined = await w1.api.post(`/api/signups/${s1.id}/actions/decline`, {});
      // The answer is the activity as w1 now sees it: the seat given back, so no active sign-up of theirs.
      expect(declined.status).toBe(200);
      expect(declined.body).toMatchObject({ id: a.id, mySignup: null });
      expect((await w1.api.get('/api/events/mine')).body.items[0].signup.status).toBe('declined');
      expect((await w2.api.get(`/api/events/${a.id}`)).body.mySignup.status).toBe('confirmed');
    });

    it('should let a grid worker sign up a phone-only resident, whose sign-up follows them to WeChat', async () => {
      const a = await createActivity();
      const worker = await demoLogin(t.url, 'grid_worker');
      const res = await worker.api.post(`/api/events/${a.id}/proxy-signups`, { phone: '13655556666', name: '周阿婆' }, { 'idempotency-key': 'proxy-0000001' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'confirmed', proxy: true, resident: { name: '周阿婆', phone: '136****6666' } });
      const again = await worker.api.post(`/api/events/${a.id}/proxy-signups`, { phone: '13655556666', name: '周阿婆' }, { 'idempotency-key': 'proxy-0000001' });
      expect(again.body.id).toBe(res.body.id);
      // She later opens the mini-program and binds the same phone.
      const [wechat] = await makeUsers(t, 1, ['resident'], { phone: null } as any);
      const merged = await t.get(UsersService).bindPhone(wechat.user.id, '13655556666');
      expect(merged.id).toBe(res.body.resident.id);
      const mine = await client(t.url, (await makeTokenFor(merged.id, merged.roles))).get('/api/events/mine');
      expect(mine.body.items.map((i: any) => i.activity.id)).toContain(a.id);
    });
  });

  describe('proxy sign-up by a grid worker', () => {
    it('should give an elder signed up by phone their sign-up when they log in through WeChat and bind that phone', async () => {
      const a = await createActivity();
      const worker = await demoLogin(t.url, 'grid_worker');
      const phone = '13677778888';
      const made = await worker.api.post(`/api/events/${a.id}/proxy-signups`, { phone, name: '钱阿婆' });
      expect(made.status).toBe(201);
      // Over HTTP, as the mini-program does it: wx.login, then getPhoneNumber's code.
      const login = await client(t.url).post('/api/auth/wechat-login', { code: 'qianapo.1' });
      expect(login.status).toBe(200);
      expect(login.body.user.id).not.toBe(made.body.resident.id);
      const before = await client(t.url, login.body.accessToken).get('/api/events/mine');
      expect(before.body.items).toEqual([]);
      const bound = await client(t.url, login.body.accessToken).post('/api/auth/phone', { code: `phone:${phone}` });
      expect(bound.status).toBe(200);
      expect(bound.body.user).toMatchObject({ id: made.body.resident.id, name: '钱阿婆' });
      const her = client(t.url, bound.body.accessToken);
      const mine = await her.get('/api/events/mine');
      expect(mine.body.items.map((i: any) => [i.activity.id, i.signup.status, i.signup.proxy])).toEqual([[a.id, 'confirmed', true]]);
      // It is hers now: she can cancel it herself.
      const detail = await her.get(`/api/events/${a.id}`);
      expect(detail.body.mySignup.actions.map((x: any) => x.action)).toContain('cancel');
    });

    it('should list a grid worker only the people they signed up, with 取消报名, and refuse residents', async () => {
      const a = await createActivity();
      const worker = await demoLogin(t.url, 'grid_worker');
      const mine = await worker.api.post(`/api/events/${a.id}/proxy-signups`, { phone: '13600001234', name: '孙大爷' });
      const [other] = await makeUsers(t, 1, ['grid_worker']);
      await other.api.post(`/api/events/${a.id}/proxy-signups`, { phone: '13600005678', name: '李奶奶' });
      const [resident] = await makeUsers(t, 1);
      await resident.api.post(`/api/events/${a.id}/signups`, {});
      const list = await worker.api.get(`/api/events/${a.id}/proxy-signups`);
      expect(list.status).toBe(200);
      expect(list.body.items.map((i: any) => i.resident)).toEqual([{ id: mine.body.resident.id, name: '孙大爷', phone: '136****1234' }]);
      expect(list.body.items[0].actions.map((x: any) => x.action)).toEqual(['cancel']);
      const all = await staff.get(`/api/events/${a.id}/proxy-signups`);
      expect(all.body.items.map((i: any) => i.resident.name)).toEqual(['孙大爷', '李奶奶']);
      expect((await resident.api.get(`/api/events/${a.id}/proxy-signups`)).status).toBe(403);
      expect((await worker.api.get(`/api/events/${a.id}`)).body.canProxy).toBe(true);
      expect((await resident.api.get(`/api/events/${a.id}`)).body.canProxy).toBe(false);
      const cancelled = await worker.api.post(`/api/signups/${list.body.items[0].id}/actions/cancel`, {});
      expect(cancelled.status).toBe(200);
      expect((await worker.api.get(`/api/events/${a.id}/proxy-signups`)).body.items[0]).toMatchObject({ status: 'cancelled', actions: [] });
      const bad = await worker.api.post(`/api/events/${a.id}/proxy-signups`, { phone: '12345', name: '' });
      expect(bad.status).toBe(422);
      expect(Object.keys(bad.body.fields).sort()).toEqual(['name', 'phone']);
    });
  });

  describe('editing keeps the times staff set', () => {
    it('should keep the sign-up start and the cancellation deadline through an edit of other fields, and change them when sent', async () => {
      const now = clock.now().getTime();
      const signupStartAt = new Date(now + HOUR).toISOString();
      const cancelDeadline = new Date(now + DAY).toISOString();
      const a = await createActivity({ signupStartAt, cancelDeadline, questions: [{ id: 'q1', kind: 'single', title: '是否需要接送', required: true, options: ['需要', '不需要'] }] });
      expect(a).toMatchObject({ signupStartAt, cancelDeadline });
      const edited = await staff.patch(`/api/events/${a.id}`, { title: '改了标题', place: '新地点' });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ title: '改了标题', signupStartAt, cancelDeadline, questions: [{ id: 'q1', title: '是否需要接送' }] });
      const later = new Date(now + 2 * HOUR).toISOString();
      const moved = await staff.patch(`/api/events/${a.id}`, { signupStartAt: later, cancelDeadline: later, questions: [] });
      expect(moved.body).toMatchObject({ signupStartAt: later, cancelDeadline: later, questions: [] });
      const bad = await staff.patch(`/api/events/${a.id}`, { cancelDeadline: new Date(now + 10 * DAY).toISOString() });
      expect([bad.status, Object.keys(bad.body.fields ?? {})]).toEqual([422, ['cancelDeadline']]);
    });
  });

  async function makeTokenFor(id: number, roles: string[]) {
    const { JwtService } = await import('@nestjs/jwt');
    return t.get<any>(JwtService).sign({ sub: id, roles });
  }

  describe('check-in and hours', () => {
    it('should check in by the activity scene only inside the window, once, and credit fixed hours', async () => {
      const a = await createActivity({ hours: 1.5 });
      const detail = await staff.get(`/api/events/${a.id}`);
      const scene = detail.body.scene;
      expect(scene).toMatch(/^a\./);
      const [p, waiting] = await makeUsers(t, 2);
      await p.api.post(`/api/events/${a.id}/signups`, {});
      const early = await p.api.post('/api/events/checkin/scene', { scene });
      expect([early.status, early.body.code]).toEqual([409, 'EVENT_CHECKIN_NOT_OPEN']);
      clock.advance(2 * DAY - 20 * 60_000); // 20 minutes before the start
      const first = await p.api.post('/api/events/checkin/scene', { scene });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ result: 'checked_in', message: '已签到', signup: { status: 'checked_in', hours: 1.5 } });
      expect(first.body.signup.actions.map((x: any) => x.action)).not.toContain('check_out'); // a 党课 has no 签退
      const second = await p.api.post('/api/events/checkin/scene', { scene });
      expect(second.body).toMatchObject({ result: 'already', message: '已签到' });
      const totals = await t.get(LedgerService).totals(ds.manager, p.user.id);
      expect(totals).toEqual({ hours: 1.5, points: 0, entries: 1 });
      const notSigned = await waiting.api.post('/api/events/checkin/scene', { scene });
      expect(notSigned.body.code).toBe('EVENT_NOT_SIGNED_UP');
      const bogus = await p.api.post('/api/events/checkin/scene', { scene: 'a.zz.nope' });
      expect(bogus.body.code).toBe('EVENT_CODE_INVALID');
    });

    it('should print the activity scene as a 小程序码 for staff only, made once through getwxacodeunlimit', async () => {
      const a = await createActivity();
      const scene = (await staff.get(`/api/events/${a.id}`)).body.scene;
      const before = t.wechat.state.qrcodes;
      const res = await staff.raw(`/api/events/${a.id}/qrcode.png`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(decodeQr(Buffer.from(await res.arrayBuffer()))).toBe(`wxacode:pages/index/index?scene=${scene}`);
      const again = await staff.raw(`/api/events/${a.id}/qrcode.png?width=430`);
      expect(decodeQr(Buffer.from(await again.arrayBuffer()))).toBe(`wxacode:pages/index/index?scene=${scene}`);
      expect(t.wechat.state.qrcodes).toBe(before + 1);
      const resident = await demoLogin(t.url, 'resident');
      expect((await resident.api.raw(`/api/events/${a.id}/qrcode.png`)).status).toBe(403);
      const worker = await demoLogin(t.url, 'grid_worker');
      expect((await worker.api.raw(`/api/events/${a.id}/qrcode.png`)).status).toBe(403);
      expect((await client(t.url).raw(`/api/events/${a.id}/qrcode.png`)).status).toBe(401);
      expect((await staff.raw('/api/events/999999/qrcode.png')).status).toBe(404);
    });

    it('should check in by the attendee’s personal code, scanned by staff, idempotently', async () => {
      const a = await createActivity({ hours: 2 });
      const [p] = await makeUsers(t, 1);
      await p.api.post(`/api/events/${a.id}/signups`, {});
      const code = await p.api.get('/api/events/me/code');
      expect(code.body.code).toMatch(/^k\./);
      expect(code.body.qr).toMatch(/^data:image\/png;base64,/);
      clock.advance(2 * DAY);
      const scans = await Promise.all([1, 2, 3].map(() => staff.post(`/api/events/${a.id}/checkin/code`, { code: code.body.code })));
      expect(scans.filter((s) => s.body.result === 'checked_in')).toHaveLength(1);
      expect(scans.filter((s) => s.body.result === 'already')).toHaveLength(2);
      expect((await t.get(LedgerService).totals(ds.manager, p.user.id)).hours).toBe(2);
      const forged = await staff.post(`/api/events/${a.id}/checkin/code`, { code: code.body.code.slice(0, -1) + 'x' });
      expect(forged.body.code).toBe('EVENT_CODE_INVALID');
    });

    it('should credit 志愿服务 hours by time served at check-out, capped at the planned hours', async () => {
      const a = await createActivity({ type: 'volunteer_service', hours: 2, endAt: new Date(clock.now().getTime() + 2 * DAY + 5 * HOUR).toISOString() });
      const [short, long] = await makeUsers(t, 2);
      const s1 = (await short.api.post(`/api/events/${a.id}/signups`, {})).body;
      const s2 = (await long.api.post(`/api/events/${a.id}/signups`, {})).body;
      clock.advance(2 * DAY);
      const inShort = await short.api.post('/api/events/checkin/scene', { scene: (await staff.get(`/api/events/${a.id}`)).body.scene });
      expect(inShort.body.signup.hours).toBeNull();
      expect(inShort.body.signup.actions.map((x: any) => x.action)).toContain('check_out');
      const longCode = (await long.api.get('/api/events/me/code')).body.code;
      await staff.post(`/api/events/${a.id}/checkin/code`, { code: longCode });
      clock.advance(HOUR + 30 * 60_000);
      const out1 = await short.api.post(`/api/signups/${s1.id}/actions/check_out`, {});
      // The answer is the activity detail; the move happened in this call (it was 已签到 a moment ago).
      expect(out1.status).toBe(200);
      expect(out1.body.mySignup).toMatchObject({ id: s1.id, status: 'checked_out', hours: 1.5, actions: [] });
      clock.advance(2 * HOUR);
      const out2 = await staff.post(`/api/events/${a.id}/checkout/code`, { code: longCode });
      expect(out2.body.signup.hours).toBe(2);
      expect((await staff.post(`/api/events/${a.id}/checkout/code`, { code: longCode })).body.result).toBe('already');
      expect((await t.get(LedgerService).totals(ds.manager, short.user.id)).hours).toBe(1.5);
      expect((await t.get(LedgerService).totals(ds.manager, long.user.id)).hours).toBe(2);
      void s2;
    });
  });

  describe('a volunteer who never checks out', () => {
    it('should be checked out by the job at the planned end, with the hours served and a visible mark, once', async () => {
      const jobs = t.get(JobsService);
      const now = clock.now().getTime();
      const a = await createActivity({
        type: 'volunteer_service',
        hours: 2,
        startAt: new Date(now + 10 * 60_000).toISOString(),
        endAt: new Date(now + 10 * 60_000 + 3 * HOUR).toISOString(),
      });
      const [forgot, tidy] = await makeUsers(t, 2, ['resident', 'volunteer']);
      for (const p of [forgot, tidy]) await p.api.post(`/api/events/${a.id}/signups`, {});
      const scene = (await staff.get(`/api/events/${a.id}`)).body.scene;
      clock.advance(60 * 60_000); // 50 minutes after the start
      expect((await forgot.api.post('/api/events/checkin/scene', { scene })).status).toBe(200);
      expect((await tidy.api.post('/api/events/checkin/scene', { scene })).status).toBe(200);
      clock.advance(HOUR);
      const tidySignup = (await tidy.api.get(`/api/events/${a.id}`)).body.mySignup;
      expect((await tidy.api.post(`/api/signups/${tidySignup.id}/actions/check_out`, {})).status).toBe(200);
      await jobs.runNow('events.auto-checkout');
      expect((await forgot.api.get(`/api/events/${a.id}`)).body.mySignup.status).toBe('checked_in'); // not over yet
      clock.advance(2 * HOUR); // past the planned end
      expect(await jobs.runNow('events.auto-checkout')).toBe(1);
      expect(await jobs.runNow('events.auto-checkout')).toBe(0);
      const closed = (await forgot.api.get(`/api/events/${a.id}`)).body.mySignup;
      // checked in 50 min after the start of a 3 h activity: 2 h 10 min to the planned end, capped at the planned 2 h
      expect(closed).toMatchObject({ status: 'checked_out', hours: 2, autoCheckedOut: true, checkedOutAt: a.endAt });
      expect((await tidy.api.get(`/api/events/${a.id}`)).body.mySignup).toMatchObject({ status: 'checked_out', autoCheckedOut: false, hours: 1 });
      const ledger = await forgot.api.get('/api/ledger/me');
      expect(ledger.body.totals.hours).toBe(2);
      expect(ledger.body.items[0]).toMatchObject({ source: 'activity', hours: 2, remark: '未签退，按计划结束时间结算', confirmedByName: null });
      const people = await staff.get(`/api/events/${a.id}/attendees`);
      expect(people.body.items.find((p: any) => p.userId === forgot.user.id)).toMatchObject({ autoCheckedOut: true, hours: 2 });
      expect(await ds.getRepository(Notification).count({ where: { userId: forgot.user.id, kind: 'event.auto_checked_out' } })).toBe(1);
      const book = new ExcelJS.Workbook();
      const file = await forgot.api.raw('/api/ledger/export.xlsx');
      expect(file.status).toBe(200);
      await book.xlsx.load(Buffer.from(await file.arrayBuffer()) as any);
      const rows: string[] = [];
      book.worksheets[0].eachRow((r) => rows.push(r.values!.toString()));
      expect(rows.some((r) => r.includes('未签退，按计划结束时间结算'))).toBe(true);
    });
  });

  describe('jobs driven by the clock', () => {
    it('should remind confirmed people 24 h and 1 h before, once each, and mark no-shows after the end', async () => {
      const jobs = t.get(JobsService);
      const a = await createActivity({ capacity: 2 });
      const [came, absent, waiting] = await makeUsers(t, 3);
      for (const p of [came, absent, waiting]) await p.api.post(`/api/events/${a.id}/signups`, {});
      const reminders = (userId: number) => ds.getRepository(Notification).count({ where: { userId, kind: 'event.reminder' } });
      clock.advance(DAY - HOUR); // 25 h before the start: nothing yet
      await jobs.runNow('events.reminders');
      expect(await reminders(came.user.id)).toBe(0);
      clock.advance(2 * HOUR); // 23 h before
      await jobs.runNow('events.reminders');
      await jobs.runNow('events.reminders');
      expect(await reminders(came.user.id)).toBe(1);
      expect(await reminders(waiting.user.id)).toBe(0);
      clock.advance(DAY - 90 * 60_000); // 30 min before
      await jobs.runNow('events.reminders');
      expect(await reminders(absent.user.id)).toBe(2);
      const pushed = await ds.getRepository(Notification).findOne({ where: { userId: came.user.id, kind: 'event.reminder' } });
      expect(pushed?.purpose).toBe('event_reminder');
      await came.api.post('/api/events/checkin/scene', { scene: (await staff.get(`/api/events/${a.id}`)).body.scene });
      await jobs.runNow('events.no-shows');
      expect((await absent.api.get(`/api/events/${a.id}`)).body.mySignup.status).toBe('confirmed'); // not over yet
      clock.advance(3 * HOUR);
      const marked = await jobs.runNow('events.no-shows');
      expect(marked).toBeGreaterThanOrEqual(1);
      expect((await absent.api.get(`/api/events/${a.id}`)).body.mySignup).toMatchObject({ status: 'no_show', statusLabel: '缺席' });
      expect((await came.api.get(`/api/events/${a.id}`)).body.mySignup.status).toBe('checked_in');
      expect((await waiting.api.get(`/api/events/${a.id}`)).body.mySignup.status).toBe('waitlisted');
    });
  });

  describe('staff management', () => {
    it('should notify everyone signed up when an activity is edited or cancelled, and refuse shrinking below the sign-ups', async () => {
      const a = await createActivity({ capacity: 2 });
      const [p1, p2, p3] = await makeUsers(t, 3);
      for (const p of [p1, p2, p3]) await p.api.post(`/api/events/${a.id}/signups`, {});
      const shrink = await staff.patch(`/api/events/${a.id}`, { capacity: 1 });
      expect([shrink.status, shrink.body.code]).toEqual([422, 'EVENT_CAPACITY_TOO_SMALL']);
      const moved = await staff.patch(`/api/events/${a.id}`, { place: '邻里空间服务站', capacity: 3 });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ place: '邻里空间服务站', confirmedCount: 3, waitlistCount: 0 });
      expect((await p3.api.get(`/api/events/${a.id}`)).body.mySignup.status).toBe('confirmed');
      expect(await ds.getRepository(Notification).count({ where: { userId: p1.user.id, kind: 'event.updated' } })).toBe(1);
      const [waiting] = await makeUsers(t, 1);
      expect((await waiting.api.post(`/api/events/${a.id}/signups`, {})).body.status).toBe('waitlisted');
      expect((await staff.post(`/api/activities/${a.id}/actions/cancel`, {})).body.fields.note).toBeDefined(); // a reason is required
      const cancelled = await staff.post(`/api/activities/${a.id}/actions/cancel`, { note: '天气原因' });
      expect(cancelled.body.status).toBe('cancelled');
      expect(cancelled.body).toMatchObject({ cancelReason: '天气原因', actions: [] });
      // everyone signed up or waiting is told, once
      for (const p of [p1, p2, p3, waiting]) {
        expect(await ds.getRepository(Notification).count({ where: { userId: p.user.id, kind: 'event.cancelled' } })).toBe(1);
        expect((await p.api.get(`/api/events/${a.id}`)).body.mySignup).toBeNull();
      }
      const resident = await demoLogin(t.url, 'resident');
      expect((await resident.api.post('/api/events', { title: 'x' })).status).toBe(403);
    });

    it('should keep drafts to staff, list with filters and keyset pages, and show my activities', async () => {
      const draft = await createActivity({ publish: false, type: 'quiz' });
      const [p] = await makeUsers(t, 1);
      expect((await p.api.get(`/api/events/${draft.id}`)).status).toBe(404);
      expect((await p.api.post(`/api/events/${draft.id}/signups`, {})).body.code).toBe('EVENT_NOT_PUBLISHED');
      expect((await staff.get(`/api/events/${draft.id}`)).body.actions.map((x: any) => x.action)).toEqual(['publish', 'cancel']);
      expect((await p.api.post(`/api/activities/${draft.id}/actions/publish`, {})).status).toBe(403);
      expect((await staff.post(`/api/activities/${draft.id}/actions/publish`, {})).body.status).toBe('published');
      const film = await createActivity({ type: 'film_lesson' });
      const byType = await p.api.get('/api/events?type=film_lesson');
      expect(byType.body.items.map((i: any) => i.id)).toEqual(expect.arrayContaining([film.id]));
      expect(byType.body.items.every((i: any) => i.type === 'film_lesson')).toBe(true);
      const now = clock.now().getTime();
      const notOpen = await createActivity({ signupStartAt: new Date(now + DAY).toISOString() });
      const open = await p.api.get('/api/events?open=1&limit=100');
      expect(open.body.items.map((i: any) => i.id)).not.toContain(notOpen.id);
      const page1 = await p.api.get('/api/events?limit=2');
      const page2 = await p.api.get(`/api/events?limit=2&cursor=${page1.body.nextCursor}`);
      expect(page1.body.items).toHaveLength(2);
      expect(page2.body.items[0].id).toBeLessThan(page1.body.items[1].id);
      await p.api.post(`/api/events/${film.id}/signups`, {});
      const mine = await p.api.get('/api/events/mine');
      expect(mine.body.items[0]).toMatchObject({ activity: { id: film.id, title: film.title }, signup: { status: 'confirmed', statusLabel: '已报名' } });
    });

    it('should show a grid worker only the people they signed up, phones masked, and export full XLSX for staff', async () => {
      const a = await createActivity({ questions: [{ id: 'meal', kind: 'single', title: '午餐', required: true, options: ['荤', '素'] }] });
      const people = await makeUsers(t, 3);
      for (const p of people) await p.api.post(`/api/events/${a.id}/signups`, { answers: { meal: '素' } });
      const worker = await demoLogin(t.url, 'grid_worker');
      expect((await worker.api.get(`/api/events/${a.id}/attendees`)).body.items).toEqual([]);
      expect((await worker.api.get(`/api/events/${a.id}/counts`)).status).toBe(403);
      const full = await staff.get(`/api/events/${a.id}/attendees?limit=2`);
      expect(full.body.items[0].phone).toBe(people[0].user.phone);
      const rest = await staff.get(`/api/events/${a.id}/attendees?limit=2&cursor=${full.body.nextCursor}`);
      expect(rest.body.items.map((i: any) => i.userId)).toEqual([people[2].user.id]);
      const xlsx = await staff.raw(`/api/events/${a.id}/attendees.xlsx`);
      expect(xlsx.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as any);
      const ws = wb.getWorksheet('报名名单')!;
      expect(ws.getRow(1).getCell(2).value).toBe('姓名');
      expect(ws.getRow(1).getCell(10).value).toBe('午餐');
      expect(ws.getRow(2).getCell(2).value).toBe(people[0].user.name);
      expect(ws.getRow(2).getCell(3).value).toBe(people[0].user.phone);
      expect(ws.getRow(2).getCell(4).value).toBe('已报名');
      expect(ws.getRow(2).getCell(10).value).toBe('素');
      expect(ws.rowCount).toBe(4);
      expect((await worker.api.raw(`/api/events/${a.id}/attendees.xlsx`)).status).toBe(403);
      expect((await worker.api.post(`/api/events/${a.id}/proxy-signups`, { name: '名单老人', phone: '13955550001', answers: { meal: '荤' } })).status).toBe(201);
      const masked = await worker.api.get(`/api/events/${a.id}/attendees`);
      expect(masked.body.phonesMasked).toBe(true);
      expect(masked.body.items.map((i: any) => i.name)).toEqual(['名单老人']);
      expect(masked.body.items[0].phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    });
  });

  describe('calendar', () => {
    it('should serve one activity as iCalendar with Asia/Shanghai times that ical.js reads back', async () => {
      const a = await createActivity({ startAt: '2031-05-01T06:00:00.000Z', endAt: '2031-05-01T08:30:00.000Z', title: '五一党课' });
      const res = await client(t.url).get(`/api/events/${a.id}/calendar.ics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/calendar');
      expect(res.text).toContain('DTSTART;TZID=Asia/Shanghai:20310501T140000');
      const comp = new ICAL.Component(ICAL.parse(res.text));
      for (const tz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
      const ev = new ICAL.Event(comp.getFirstSubcomponent('vevent'));
      expect(ev.summary).toBe('【党课】五一党课');
      expect(ev.location).toBe('党群服务中心二楼');
      expect(ev.startDate.toJSDate().toISOString()).toBe('2031-05-01T06:00:00.000Z');
      expect(ev.endDate.toJSDate().toISOString()).toBe('2031-05-01T08:30:00.000Z');
      expect(ev.startDate.hour).toBe(14);
      expect(comp.getFirstSubcomponent('vevent').getFirstPropertyValue('dtstamp').isDate).toBe(false);
    });

    it('should serve a per-user feed by token listing their sign-ups, and refuse a forged token', async () => {
      const a = await createActivity({ capacity: 1 });
      const b = await createActivity({ capacity: 1 });
      const [p, other] = await makeUsers(t, 2);
      await other.api.post(`/api/events/${b.id}/signups`, {});
      await p.api.post(`/api/events/${a.id}/signups`, {});
      await p.api.post(`/api/events/${b.id}/signups`, {});
      const { feedUrl } = (await p.api.get('/api/events/me/calendar')).body;
      const path = feedUrl.slice(feedUrl.indexOf('/api/'));
      const res = await client(t.url).get(path);
      expect(res.status).toBe(200);
      const comp = new ICAL.Component(ICAL.parse(res.text));
      const events = comp.getAllSubcomponents('vevent').map((v: any) => new ICAL.Event(v));
      expect(events.map((e: any) => e.uid).sort()).toEqual([`activity-${a.id}@linli`, `activity-${b.id}@linli`].sort());
      const waitEv = events.find((e: any) => e.uid === `activity-${b.id}@linli`);
      expect(waitEv.component.getFirstPropertyValue('status')).toBe('TENTATIVE');
      const forged = await client(t.url).get(path.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A')));
      expect(forged.status).toBe(401);
    });
  });
});

describe('活动签到码 without WeChat credentials', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ WECHAT_APPID: '', WECHAT_SECRET: '', PUBLIC_URL: 'https://linli.example.cn' });
  });
  afterAll(async () => t?.close());

  it('should draw a plain QR of the H5 URL with ?scene= that checks a signed-up resident in', async () => {
    const staff = await demoLogin(t.url, 'staff');
    const now = Date.now();
    const created = await staff.api.post('/api/events', {
      type: 'party_lesson', title: '签到码测试', description: '二楼', organiser: '漕湖花园二社区', communityId: 2, place: '党群服务中心',
      startAt: new Date(now + 10 * 60_000).toISOString(), endAt: new Date(now + 2 * HOUR).toISOString(), capacity: 5, audience: 'all', hours: 1, publish: true,
    });
    expect(created.status).toBe(201);
    // Loaded the way an <Image> does: by the signed URL, with no login header.
    const signed = await staff.api.get(`/api/events/${created.body.id}/qrcode-url`);
    const res = await client(t.url).raw(signed.body.url);
    expect(res.status).toBe(200);
    const url = decodeQr(Buffer.from(await res.arrayBuffer()));
    expect(url).toMatch(/^https:\/\/linli\.example\.cn\/\?scene=a\./);
    const scene = decodeURIComponent(new URL(url!).searchParams.get('scene')!);
    const [p] = await makeUsers(t, 1);
    await p.api.post(`/api/events/${created.body.id}/signups`, {});
    const checkin = await p.api.post('/api/events/checkin/scene', { scene });
    expect(checkin.body).toMatchObject({ result: 'checked_in', signup: { status: 'checked_in', hours: 1 } });
  });
});
