import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { shanghaiDate } from '@linli/domain';
import type { GridWorkerHome, ResidentHome, StaffHome, VolunteerHome } from '@linli/domain';
import { Clock } from '../../src/common/clock';
import { Community, Grid, Point } from '../../src/modules/places/place.entities';
import { Ticket } from '../../src/modules/service-requests/service-request.entities';
import { StaffCommunity } from '../../src/modules/users/user.entity';
import { makeUsers } from '../factories/users.factory';
import { client, Client, demoLogin } from '../utils/http';
import { startTestApp, TestApp } from '../utils/test-app';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

type Person = { api: Client; id: number };

async function photo(api: Client): Promise<number> {
  const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 90, g: 160, b: 90 } } }).jpeg().toBuffer();
  const f = new FormData();
  f.append('file', new Blob([jpeg], { type: 'image/jpeg' }), 'proof.jpg');
  const res = await api.post('/api/uploads', f);
  expect(res.status).toBe(201);
  return res.body.id;
}

/**
 * 首页 over HTTP. The suite builds a community of its own (two grids, each with its worker, a staff member, a
 * resident, a volunteer) so that what it counts is exactly what it made, and checks that the seeded street's people —
 * another community's staff, a worker of another grid — see none of it.
 */
describe('首页 summary over HTTP (GET /api/home)', () => {
  let t: TestApp;
  let ds: DataSource;
  let clock: Clock;
  let communityId: number;
  let gridA: Grid;
  let gridB: Grid;
  let workerA: Person;
  let workerB: Person;
  let staffX: Person;
  let resident: Person;
  let volunteer: Person;
  let otherStaff: Client;
  let admin: Client;
  let otherStaffBefore: StaffHome;
  let categoryId: number;
  const tickets: Record<string, number> = {};

  const person = (u: { user: { id: number }; api: Client }): Person => ({ api: u.api, id: u.user.id });
  const home = async <T>(api: Client, role?: string): Promise<T> => {
    const res = await api.get(`/api/home${role ? `?role=${role}` : ''}`);
    expect(res.status).toBe(200);
    return res.body as T;
  };

  async function file(api: Client, scene: string, description: string): Promise<number> {
    const res = await api.post('/api/service/tickets', { scene, categoryId, description, contactName: '赵大姐', contactPhone: '13812340000' });
    if (res.status !== 201) throw new Error(`file failed ${res.status} ${res.text}`);
    return res.body.id;
  }
  async function act(api: Client, id: number, action: string, body: Record<string, unknown> = {}) {
    const res = await api.post(`/api/service/tickets/${id}/actions/${action}`, body);
    if (res.status !== 201) throw new Error(`${action} failed ${res.status} ${res.text}`);
  }
  async function activity(over: Record<string, unknown>) {
    const now = clock.now().getTime();
    const res = await staffX.api.post('/api/events', {
      type: 'lecture',
      title: '测试活动',
      description: '社区广场',
      organiser: '和谐家园社区',
      communityId,
      place: '和谐家园社区广场',
      startAt: new Date(now + 2 * DAY).toISOString(),
      endAt: new Date(now + 2 * DAY + 2 * HOUR).toISOString(),
      capacity: 10,
      audience: 'all',
      hours: 2,
      publish: true,
      ...over,
    });
    if (res.status !== 201) throw new Error(`activity failed ${res.status} ${res.text}`);
    return res.body.id as number;
  }
  async function wish(title: string): Promise<number> {
    const res = await workerA.api.post('/api/wishes', {
      communityId,
      gridId: gridA.id,
      beneficiary: { name: '孙桂兰', phone: '13800007777', building: '3幢101室', situation: '独居', gender: 'female', ageGroup: 'elder' },
      title,
      story: '老人独居，需要帮助。',
      type: 'goods',
      estimatedValue: 100,
      wishBy: shanghaiDate(new Date(clock.now().getTime() + 60 * DAY)),
    });
    if (res.status !== 201) throw new Error(`wish failed ${res.status} ${res.text}`);
    return res.body.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.get(DataSource);
    clock = t.get(Clock);
    otherStaff = (await demoLogin(t.url, 'staff')).api;
    admin = (await demoLogin(t.url, 'admin')).api;
    // Before anything of ours exists: what the seeded street's staff member sees.
    otherStaffBefore = await home<StaffHome>(otherStaff, 'staff');

    const street = (await ds.getRepository(Community).find({ order: { id: 'ASC' }, take: 1 }))[0].streetId;
    communityId = (await ds.getRepository(Community).save({ streetId: street, name: '和谐家园社区', kind: 'community', servicePoint: '和谐家园社区服务站' })).id;
    [workerA, workerB] = (await makeUsers(t, 2, ['grid_worker'])).map(person);
    [staffX] = (await makeUsers(t, 1, ['staff'])).map(person);
    [resident] = (await makeUsers(t, 1, ['resident'])).map(person);
    [volunteer] = (await makeUsers(t, 1, ['resident', 'volunteer'])).map(person);
    gridA = await ds.getRepository(Grid).save({ communityId, name: '和谐一网格', workerId: workerA.id });
    gridB = await ds.getRepository(Grid).save({ communityId, name: '和谐二网格', workerId: workerB.id });
    await ds.getRepository(Point).save({ gridId: gridA.id, name: '和谐家园3幢', kind: 'building', address: '3幢', scene: 'hm-a1', active: true });
    await ds.getRepository(Point).save({ gridId: gridB.id, name: '和谐家园8幢', kind: 'building', address: '8幢', scene: 'hm-b1', active: true });
    await ds.getRepository(StaffCommunity).save({ userId: staffX.id, communityId });
    categoryId = (await client(t.url).get('/api/service/categories')).body.find((c: any) => c.name === '环境卫生').id;

    // The resident's matters: grid A's worker has one to sign, two in hand (one of them past its limit);
    // grid B's worker resolved one (waiting for the resident) and closed another (the resident confirmed).
    tickets.pending = await file(resident.api, 'hm-a1', '3幢门口垃圾桶满了');
    tickets.working = await file(resident.api, 'hm-a1', '3幢楼道灯不亮');
    tickets.late = await file(resident.api, 'hm-a1', '3幢楼道堆放杂物');
    await act(workerA.api, tickets.working, 'sign');
    await act(workerA.api, tickets.late, 'sign');
    // The SLA job's mark (service-requests.e2e proves the job sets it); here only what the home page makes of it.
    await ds.getRepository(Ticket).update({ id: tickets.late }, { overdue: true });
    tickets.resolved = await file(resident.api, 'hm-b1', '8幢绿化带有垃圾');
    tickets.closed = await file(resident.api, 'hm-b1', '8幢门口污水');
    for (const id of [tickets.resolved, tickets.closed]) {
      await act(workerB.api, id, 'sign');
      await act(workerB.api, id, 'check_in', { scene: 'hm-b1' });
      await act(workerB.api, id, 'resolve', { note: '已清理' });
    }
    await act(resident.api, tickets.closed, 'confirm');
  });
  afterAll(async () => {
    clock?.reset();
    await t?.close();
  });

  describe('who may ask', () => {
    it('should refuse a caller who is not signed in', async () => {
      expect((await client(t.url).get('/api/home')).status).toBe(401);
    });

    it('should refuse a role the person does not hold, and name the field for a role that does not exist', async () => {
      const notMine = await resident.api.get('/api/home?role=staff');
      expect(notMine.status).toBe(403);
      expect(notMine.body.code).toBe('FORBIDDEN');
      expect((await volunteer.api.get('/api/home?role=grid_worker')).status).toBe(403);
      const unknown = await resident.api.get('/api/home?role=mayor');
      expect(unknown.status).toBe(422);
      expect(unknown.body.fields.role).toBeDefined();
    });

    it('should answer in the strongest role held when none is asked for', async () => {
      expect((await home<VolunteerHome>(volunteer.api)).role).toBe('volunteer');
      expect((await home<GridWorkerHome>(workerA.api)).role).toBe('grid_worker');
      expect((await home<StaffHome>(admin)).role).toBe('admin');
      expect((await home<ResidentHome>(volunteer.api, 'resident')).role).toBe('resident');
    });
  });

  describe('resident', () => {
    it('should list my unfinished matters with their status, newest first, the one waiting for me marked, and not the closed one', async () => {
      const h = await home<ResidentHome>(resident.api);
      expect(h.role).toBe('resident');
      expect(h.matters.total).toBe(4);
      expect(h.matters.items.map((m) => m.id)).toEqual([tickets.resolved, tickets.late, tickets.working, tickets.pending]);
      const [resolved, late, working, pending] = h.matters.items;
      expect(resolved).toMatchObject({ status: 'resolved', statusLabel: '待您确认', awaitingMe: true, category: { name: '环境卫生' } });
      expect(late).toMatchObject({ status: 'signed', overdue: true, awaitingMe: false });
      expect(working.statusLabel).toBe('已签收');
      expect(pending).toMatchObject({ status: 'dispatched', statusLabel: '已派单', description: '3幢门口垃圾桶满了' });
      expect(pending.number).toMatch(/^MSB-\d{8}-\d{4}$/);
    });

    it('should show another resident none of my matters', async () => {
      const [other] = await makeUsers(t, 1, ['resident']);
      const h = await home<ResidentHome>(other.api);
      expect(h.matters).toEqual({ items: [], total: 0 });
      expect(h.activities).toEqual({ items: [], total: 0 });
    });

    it('should list my coming activities soonest first, with 候补 for a waiting place, and drop a cancelled sign-up and an activity that ended', async () => {
      const now = clock.now().getTime();
      const later = await activity({ title: '重阳敬老', startAt: new Date(now + 10 * DAY).toISOString(), endAt: new Date(now + 10 * DAY + 2 * HOUR).toISOString() });
      const full = await activity({ title: '观影党史课', capacity: 1, startAt: new Date(now + 3 * DAY).toISOString(), endAt: new Date(now + 3 * DAY + 2 * HOUR).toISOString() });
      const soon = await activity({ title: '清洁家园' });
      const dropped = await activity({ title: '健康讲座', startAt: new Date(now + 4 * DAY).toISOString(), endAt: new Date(now + 4 * DAY + HOUR).toISOString() });
      const [first] = await makeUsers(t, 1, ['resident']);
      expect((await first.api.post(`/api/events/${full}/signups`, {})).body.status).toBe('confirmed');
      for (const id of [later, full, soon, dropped]) expect((await resident.api.post(`/api/events/${id}/signups`, {})).status).toBe(201);
      const mine = (await resident.api.get(`/api/events/${dropped}`)).body.mySignup;
      expect((await resident.api.post(`/api/signups/${mine.id}/actions/cancel`, {})).status).toBe(200);

      const h = await home<ResidentHome>(resident.api);
      expect(h.activities.total).toBe(3);
      expect(h.activities.items.map((a) => [a.activityId, a.title, a.statusLabel])).toEqual([
        [soon, '清洁家园', '已报名'],
        [full, '观影党史课', '候补'],
        [later, '重阳敬老', '已报名'],
      ]);
      expect(h.activities.items[0].place).toBe('和谐家园社区广场');
      expect(new Date(h.activities.items[0].startAt).getTime()).toBeGreaterThan(now);

      // Eleven days on, every one of them is over.
      clock.advance(11 * DAY);
      try {
        expect((await home<ResidentHome>(resident.api)).activities).toEqual({ items: [], total: 0 });
      } finally {
        clock.reset();
      }
    });
  });

  describe('grid worker', () => {
    it('should count my 待签收 / 处置中 / 已超时 exactly as the workbench lists them', async () => {
      const h = await home<GridWorkerHome>(workerA.api);
      expect(h.tasks).toEqual({ pending: 1, working: 2, overdue: 1 });
      expect(h.grids).toEqual([{ id: gridA.id, name: '和谐一网格', communityName: '和谐家园社区' }]);
      for (const tab of ['pending', 'working', 'overdue'] as const) {
        const desk = await workerA.api.get(`/api/service/tickets/worker?tab=${tab}`);
        expect(desk.body.counts[tab]).toBe(h.tasks[tab]);
        expect(desk.body.items).toHaveLength(h.tasks[tab]);
      }
    });

    it('should show a worker of another grid none of it', async () => {
      const b = await home<GridWorkerHome>(workerB.api);
      expect(b.grids.map((g) => g.id)).toEqual([gridB.id]);
      expect(b.tasks).toEqual({ pending: 0, working: 0, overdue: 0 }); // B's two are resolved: nothing in hand
      const demoWorker = await home<GridWorkerHome>((await demoLogin(t.url, 'grid_worker')).api);
      expect(demoWorker.grids.map((g) => g.id)).not.toContain(gridA.id);
      const [unassigned] = await makeUsers(t, 1, ['grid_worker']);
      expect(await home<GridWorkerHome>(unassigned.api)).toEqual({ role: 'grid_worker', grids: [], tasks: { pending: 0, working: 0, overdue: 0 } });
    });

    it('should move the counts as the worker acts: 退回 takes one off 待签收, 签收 moves one to 处置中', async () => {
      const sendBack = await file(resident.api, 'hm-a1', '这是隔壁小区的事');
      expect((await home<GridWorkerHome>(workerA.api)).tasks).toEqual({ pending: 2, working: 2, overdue: 1 });
      await act(workerA.api, sendBack, 'return', { note: '不属于本网格' });
      expect((await home<GridWorkerHome>(workerA.api)).tasks).toEqual({ pending: 1, working: 2, overdue: 1 });
      const extra = await file(resident.api, 'hm-a1', '3幢电梯口有积水');
      await act(workerA.api, extra, 'sign');
      expect((await home<GridWorkerHome>(workerA.api)).tasks).toEqual({ pending: 1, working: 3, overdue: 1 });
    });

    it('should count a matter not signed for in time as 已超时 while it waits, as the workbench does', async () => {
      // The sign-for job's mark (service-requests.e2e proves the job sets it).
      await ds.getRepository(Ticket).update({ id: tickets.pending }, { signOverdue: true });
      try {
        const h = await home<GridWorkerHome>(workerA.api);
        expect(h.tasks).toEqual({ pending: 1, working: 3, overdue: 2 });
        const desk = await workerA.api.get('/api/service/tickets/worker?tab=overdue');
        expect(desk.body.items.map((x: any) => x.id).sort()).toEqual([tickets.pending, tickets.late].sort());
        expect((await home<StaffHome>(staffX.api)).queue.overdue).toBe(2);
      } finally {
        await ds.getRepository(Ticket).update({ id: tickets.pending }, { signOverdue: false });
      }
    });
  });

  describe('staff and admin', () => {
    it('should count my communities’ queue as the queue’s own badges do, with the overdue among them', async () => {
      const h = await home<StaffHome>(staffX.api);
      expect(h.role).toBe('staff');
      expect(h.communities).toEqual([{ id: communityId, name: '和谐家园社区' }]);
      // pending (dispatched); working, late and the one signed in the worker test (signed); the one sent back; resolved
      expect(h.queue.counts).toMatchObject({ submitted: 0, accepted: 0, returned: 1, dispatched: 1, signed: 3, on_site: 0, resolved: 1 });
      expect(h.queue.open).toBe(5);
      expect(h.queue.overdue).toBe(1);
      const queue = await staffX.api.get('/api/service/tickets/queue');
      for (const [status, n] of Object.entries(h.queue.counts)) expect(queue.body.counts[status] ?? 0).toBe(n);
      expect(queue.body.late).toBe(h.queue.overdue);
    });

    it('should count the wishes waiting for review and list the activities of the coming week, soonest first', async () => {
      const before = await home<StaffHome>(staffX.api);
      const w = await wish('想要一个电饭煲');
      const h = await home<StaffHome>(staffX.api);
      expect(h.wishesToReview).toBe(before.wishesToReview + 1);
      expect((await staffX.api.get('/api/wishes/manage?status=pending_review')).body.counts.pending_review).toBe(h.wishesToReview);
      expect((await staffX.api.post(`/api/wishes/${w}/actions/publish`, {})).status).toBe(201);
      expect((await home<StaffHome>(staffX.api)).wishesToReview).toBe(before.wishesToReview);

      // From the resident test: 清洁家园 (2 days), 观影党史课 (3 days, full, one waiting), 健康讲座 (4 days); 重阳敬老 is 10 days out.
      expect(h.activitiesSoon.soonDays).toBe(7);
      expect(h.activitiesSoon.items.map((a) => a.title)).toEqual(['清洁家园', '观影党史课', '健康讲座']);
      expect(h.activitiesSoon.total).toBe(3);
      expect(h.activitiesSoon.items[1]).toMatchObject({ capacity: 1, confirmedCount: 1, waitlistCount: 1 });
    });

    it('should show the staff of another community none of it', async () => {
      const after = await home<StaffHome>(otherStaff, 'staff');
      expect(after.communities?.map((c) => c.id)).not.toContain(communityId);
      expect(after.queue).toEqual(otherStaffBefore.queue);
      expect(after.wishesToReview).toBe(otherStaffBefore.wishesToReview);
      expect(after.activitiesSoon).toEqual(otherStaffBefore.activitiesSoon);
    });

    it('should show the admin the whole street, ours included', async () => {
      const mine = await home<StaffHome>(staffX.api);
      const street = await home<StaffHome>(admin);
      expect(street.communities).toBeNull();
      expect(street.queue.open).toBe(mine.queue.open + otherStaffBefore.queue.open + (await unseenOpen()));
      for (const s of ['dispatched', 'signed', 'resolved'] as const) expect(street.queue.counts[s]!).toBeGreaterThanOrEqual(mine.queue.counts[s]!);
      expect(street.queue.overdue).toBeGreaterThanOrEqual(1);
      expect(street.activitiesSoon.items.map((a) => a.title)).toEqual(expect.arrayContaining(mine.activitiesSoon.items.map((a) => a.title)));
      const queue = await admin.get('/api/service/tickets/queue');
      for (const [status, n] of Object.entries(street.queue.counts)) expect(queue.body.counts[status] ?? 0).toBe(n);
    });

    /** Open tickets of communities neither staff member supervises (the seed's other communities, triage). */
    async function unseenOpen(): Promise<number> {
      const seen = [communityId, ...(otherStaffBefore.communities ?? []).map((c) => c.id)];
      return ds
        .getRepository(Ticket)
        .createQueryBuilder('t')
        .where('t.status IN (:...open)', { open: ['submitted', 'accepted', 'dispatched', 'signed', 'returned', 'on_site', 'reopened'] })
        .andWhere('(t.communityId IS NULL OR t.communityId NOT IN (:...seen))', { seen })
        .getCount();
    }
  });

  describe('volunteer', () => {
    it('should list my claims with their expiry, soonest first, and my hours as the ledger sums them', async () => {
      const empty = await home<VolunteerHome>(volunteer.api);
      expect(empty.claims).toEqual({ items: [], total: 0, limit: 3 });
      expect(empty.hours).toEqual({ hours: 0, points: 0, entries: 0 });

      const first = await wish('想要一副老花镜');
      const second = await wish('想要一台收音机');
      for (const id of [first, second]) expect((await staffX.api.post(`/api/wishes/${id}/actions/publish`, {})).status).toBe(201);
      expect((await volunteer.api.post(`/api/wishes/${first}/actions/claim`)).status).toBe(201);
      clock.advance(HOUR);
      try {
        expect((await volunteer.api.post(`/api/wishes/${second}/actions/claim`)).status).toBe(201);
      } finally {
        clock.reset();
      }
      const claimed = await home<VolunteerHome>(volunteer.api);
      expect(claimed.claims.total).toBe(2);
      expect(claimed.claims.items.map((c) => [c.id, c.statusLabel])).toEqual([[first, '已认领'], [second, '已认领']]);
      const expires = new Date(claimed.claims.items[0].expiresAt!).getTime();
      expect(Math.abs(expires - (clock.now().getTime() + t.config.wishes.claimHours * HOUR))).toBeLessThan(5 * 60_000);
      expect(claimed.claims.items[0].displayName).toBe('孙奶奶 · 和谐家园社区');

      // Fulfilled and confirmed by the grid worker: the claim leaves the list and its hours arrive.
      expect((await volunteer.api.post(`/api/wishes/${first}/actions/fulfil`, { photoIds: [await photo(volunteer.api)], note: '已送到服务站' })).status).toBe(201);
      const waiting = await home<VolunteerHome>(volunteer.api);
      expect(waiting.claims.items.map((c) => [c.id, c.statusLabel, c.expiresAt])).toEqual([
        [second, '已认领', expect.any(String)],
        [first, '待确认', null],
      ]);
      expect((await workerA.api.post(`/api/wishes/${first}/actions/confirm`)).status).toBe(201);
      const done = await home<VolunteerHome>(volunteer.api);
      expect(done.claims.items.map((c) => c.id)).toEqual([second]);
      expect(done.hours.hours).toBe(t.config.wishes.creditHours);
      expect(done.hours).toEqual((await volunteer.api.get('/api/ledger/me')).body.totals);
    });

    it('should show another volunteer none of my claims or hours', async () => {
      const [other] = await makeUsers(t, 1, ['resident', 'volunteer']);
      const h = await home<VolunteerHome>(other.api);
      expect(h.claims.total).toBe(0);
      expect(h.hours.entries).toBe(0);
    });
  });
});
