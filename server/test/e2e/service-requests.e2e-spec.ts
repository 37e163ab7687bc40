import { unknownNotificationLinks } from '../utils/app-pages';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/clock';
import { JobsService } from '../../src/modules/jobs/jobs.service';
import { Grid, Point } from '../../src/modules/places/place.entities';
import { Ticket } from '../../src/modules/service-requests/service-request.entities';
import { StaffCommunity } from '../../src/modules/users/user.entity';
import { makeUsers } from '../factories/users.factory';
import { boardVersusOracle, rollupsKeptAndCounted } from '../utils/board-oracle';
import { client, Client, demoLogin } from '../utils/http';
import { startTestApp, TestApp } from '../utils/test-app';

const HOUR = 3_600_000;

async function jpeg(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 10, g: 120, b: 200 } } }).jpeg().toBuffer();
}

async function upload(api: Client): Promise<number> {
  const f = new FormData();
  f.append('file', new Blob([await jpeg()], { type: 'image/jpeg' }), 'p.jpg');
  const res = await api.post('/api/uploads', f);
  expect(res.status).toBe(201);
  return res.body.id;
}

describe('码上办 over HTTP', () => {
  let t: TestApp;
  let resident: Awaited<ReturnType<typeof demoLogin>>;
  let worker: Awaited<ReturnType<typeof demoLogin>>;
  let staff: Awaited<ReturnType<typeof demoLogin>>;
  let admin: Awaited<ReturnType<typeof demoLogin>>;
  let categories: any[];
  let ds: DataSource;
  let n = 0;
  const file = (api: Client, body: Record<string, unknown> = {}, key?: string) =>
    api.post(
      '/api/service/tickets',
      { scene: 'hy2-b12', categoryId: categories[0].id, description: `楼道里堆满了杂物 ${++n}`, contactName: '张秀英', contactPhone: '13812341234', ...body },
      key ? { 'idempotency-key': key } : {},
    );

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.dataSource;
    [resident, worker, staff, admin] = await Promise.all(['resident', 'grid_worker', 'staff', 'admin'].map((p) => demoLogin(t.url, p)));
    categories = (await client(t.url).get('/api/service/categories')).body;
  });
  afterAll(async () => t?.close());

  it('should seed the eight catalogue categories with icon, hint, SLA hours and Open311 attributes', () => {
    expect(categories.map((c) => c.name)).toEqual(['环境卫生', '设施报修', '充电设施', '高空抛物', '电动车进楼道', '邻里纠纷', '政策咨询', '其他']);
    expect(categories[1]).toMatchObject({ icon: expect.any(String), hint: expect.any(String), slaHours: 48, attributes: [expect.objectContaining({ datatype: 'singlevaluelist' })] });
  });

  it('should run the full lifecycle: file with a photo → auto-dispatch → sign → check in → resolve → confirm → rate', async () => {
    const photo = await upload(resident.api);
    const filed = await file(resident.api, { photoIds: [photo], attributes: {} });
    expect(filed.status).toBe(201);
    expect(filed.body.number).toMatch(/^MSB-\d{8}-\d{4}$/);
    // The grid of 六区12幢 has 王芳 on duty, so it is accepted and dispatched at once.
    expect(filed.body.status).toBe('dispatched');
    expect(filed.body.assignee).toMatchObject({ name: '王芳' });
    expect(filed.body.photos).toHaveLength(1);
    expect(filed.body.contact.phone).toBe('138****1234');
    const id = filed.body.id;

    const list = await worker.api.get('/api/service/tickets/worker?tab=pending');
    expect(list.body.items.map((x: any) => x.id)).toContain(id);
    expect(list.body.counts.pending).toBeGreaterThanOrEqual(1);

    const wrongOwner = await resident.api.post(`/api/service/tickets/${id}/actions/sign`, {});
    expect(wrongOwner.status).toBe(403);
    expect(wrongOwner.body.code).toBe('TICKET_NOT_YOURS');

    const signed = await worker.api.post(`/api/service/tickets/${id}/actions/sign`, {});
    expect(signed.status).toBe(201);
    expect(signed.body.status).toBe('signed');
    expect(new Date(signed.body.dueAt).getTime() - new Date(signed.body.signedAt).getTime()).toBe(categories[0].slaHours * HOUR);

    const wrongCode = await worker.api.post(`/api/service/tickets/${id}/actions/check_in`, { scene: 'hy2-b20' });
    expect(wrongCode.status).toBe(422);
    expect(wrongCode.body.code).toBe('TICKET_CHECKIN_WRONG_CODE');
    const skipAhead = await worker.api.post(`/api/service/tickets/${id}/actions/resolve`, { note: '已清理' });
    expect(skipAhead.status).toBe(409);
    expect(skipAhead.body.code).toBe('TICKET_ILLEGAL_TRANSITION');
    const onSite = await worker.api.post(`/api/service/tickets/${id}/actions/check_in`, { scene: 'hy2-b12' });
    expect(onSite.body.status).toBe('on_site');

    const noNote = await worker.api.post(`/api/service/tickets/${id}/actions/resolve`, {});
    expect(noNote.status).toBe(422);
    const after = await upload(worker.api);
    const resolved = await worker.api.post(`/api/service/tickets/${id}/actions/resolve`, { note: '杂物已清理，已提醒住户', photoIds: [after] });
    expect(resolved.body.status).toBe('resolved');

    const mine = await resident.api.get(`/api/service/tickets/${id}`);
    expect(mine.body.actions.map((a: any) => a.action)).toEqual(['confirm', 'reopen']);
    const closed = await resident.api.post(`/api/service/tickets/${id}/actions/confirm`, {});
    expect(closed.body.status).toBe('closed');
    const badRating = await resident.api.post(`/api/service/tickets/${id}/actions/rate`, { rating: 6 });
    expect(badRating.status).toBe(422);
    const rated = await resident.api.post(`/api/service/tickets/${id}/actions/rate`, { rating: 5, comment: '很及时' });
    expect(rated.body.status).toBe('rated');
    expect(rated.body.actions.map((a: any) => a.action)).toEqual([]);
    expect(rated.body.timeline.map((e: any) => e.action)).toEqual(['submit', 'accept', 'dispatch', 'sign', 'check_in', 'resolve', 'confirm', 'rate']);
    expect(rated.body.timeline.find((e: any) => e.action === 'resolve').photos).toHaveLength(1);
    expect(rated.body.timeline.find((e: any) => e.action === 'accept').actorRole).toBe('system');

    const audit = await ds.query("SELECT action FROM audit_logs WHERE entityType = 'ticket' AND entityId = ? ORDER BY id", [String(id)]);
    expect(audit.map((a: any) => a.action)).toEqual(['ticket.submit', 'ticket.accept', 'ticket.dispatch', 'ticket.sign', 'ticket.check_in', 'ticket.resolve', 'ticket.confirm', 'ticket.rate']);
    const notes = await resident.api.get('/api/notifications');
    const told = notes.body.items.filter((x: any) => x.link?.includes(`id=${id}`));
    expect(told.length).toBeGreaterThanOrEqual(7);
    // A resident is told in their words: 你反映的问题…, never the office's 工单.
    expect(told.map((x: any) => x.title)).toContain(`你反映的问题已提交（编号 ${rated.body.number}）`);
    expect(told.filter((x: any) => `${x.title}${x.body}`.includes('工单'))).toEqual([]);
  });

  it('should reopen a resolved ticket back to the grid worker, and refuse reopening a closed one after 7 days', async () => {
    const { body } = await file(resident.api);
    const id = body.id;
    for (const [a, b] of [['sign', {}], ['check_in', { scene: 'hy2-b12' }], ['resolve', { note: '已处理' }]] as const) {
      expect((await worker.api.post(`/api/service/tickets/${id}/actions/${a}`, b)).status).toBe(201);
    }
    const noReason = await resident.api.post(`/api/service/tickets/${id}/actions/reopen`, {});
    expect(noReason.status).toBe(422);
    const reopened = await resident.api.post(`/api/service/tickets/${id}/actions/reopen`, { note: '杂物又堆回来了' });
    expect(reopened.status).toBe(201);
    expect(reopened.body.status).toBe('dispatched');
    expect(reopened.body.reopenCount).toBe(1);
    expect(reopened.body.timeline.slice(-2).map((e: any) => [e.action, e.toStatus])).toEqual([['reopen', 'reopened'], ['dispatch', 'dispatched']]);
    for (const [a, b] of [['sign', {}], ['check_in', { scene: 'hy2-b12' }], ['resolve', { note: '彻底清理' }]] as const) {
      await worker.api.post(`/api/service/tickets/${id}/actions/${a}`, b);
    }
    await resident.api.post(`/api/service/tickets/${id}/actions/confirm`, {});
    t.get<Clock>(Clock).advance(8 * 24 * HOUR);
    try {
      const late = await resident.api.post(`/api/service/tickets/${id}/actions/reopen`, { note: '又坏了' });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('TICKET_REOPEN_EXPIRED');
      expect((await resident.api.get(`/api/service/tickets/${id}`)).body.actions.map((a: any) => a.action)).toEqual(['rate']);
    } finally {
      t.get<Clock>(Clock).advance(-8 * 24 * HOUR);
    }
  });

  it('should queue tickets of a grid without a worker for staff: accept, dispatch, return, redispatch, reassign, reject', async () => {
    const { body } = await file(resident.api, { scene: 'hy2-b20' });
    expect(body.status).toBe('submitted');
    expect(body.assignee).toBeNull();
    const queue = await staff.api.get('/api/service/tickets/queue?status=submitted');
    expect(queue.body.items.map((x: any) => x.id)).toContain(body.id);
    expect((await staff.api.post(`/api/service/tickets/${body.id}/actions/accept`, {})).body.status).toBe('accepted');
    const noWorker = await staff.api.post(`/api/service/tickets/${body.id}/actions/dispatch`, {});
    expect(noWorker.status).toBe(422);
    expect(noWorker.body.code).toBe('TICKET_NO_WORKER');
    const dispatched = await staff.api.post(`/api/service/tickets/${body.id}/actions/dispatch`, { workerId: worker.user.id });
    expect(dispatched.body).toMatchObject({ status: 'dispatched', assignee: { id: worker.user.id } });
    const returned = await worker.api.post(`/api/service/tickets/${body.id}/actions/return`, { note: '不属于本网格' });
    expect(returned.body.status).toBe('returned');
    const [other] = await makeUsers(t, 1, ['grid_worker']);
    const again = await staff.api.post(`/api/service/tickets/${body.id}/actions/dispatch`, { workerId: other.user.id });
    expect(again.body.status).toBe('dispatched');
    const reassigned = await staff.api.post(`/api/service/tickets/${body.id}/actions/reassign`, { workerId: worker.user.id, note: '改派' });
    expect(reassigned.body.assignee.id).toBe(worker.user.id);
    expect((await other.api.post(`/api/service/tickets/${body.id}/actions/sign`, {})).status).toBe(404);
    expect((await worker.api.post(`/api/service/tickets/${body.id}/actions/sign`, {})).body.status).toBe('signed');
    // Reassigning a signed ticket sends it back to 已派单 for the new worker, who signs for it afresh.
    const back = await staff.api.post(`/api/service/tickets/${body.id}/actions/reassign`, { workerId: other.user.id, note: '再改派' });
    expect(back.body).toMatchObject({ status: 'dispatched', assignee: { id: other.user.id } });

    const spam = await file(resident.api, { scene: 'hy2-b20' });
    const noReason = await staff.api.post(`/api/service/tickets/${spam.body.id}/actions/reject`, {});
    expect(noReason.status).toBe(422);
    const rejected = await staff.api.post(`/api/service/tickets/${spam.body.id}/actions/reject`, { note: '重复反映' });
    expect(rejected.body.status).toBe('rejected');
  });

  it('should merge a duplicate into another ticket and move its requester and followers across', async () => {
    const target = await file(resident.api, { scene: 'hy2-bench' });
    const [other, fan] = await makeUsers(t, 2);
    const dup = await file(other.api, { scene: 'hy2-bench' });
    expect((await fan.api.post(`/api/service/tickets/${dup.body.id}/follow`)).status).toBe(201);
    const self = await staff.api.post(`/api/service/tickets/${dup.body.id}/actions/merge`, { targetId: dup.body.id });
    expect(self.status).toBe(422);
    const merged = await staff.api.post(`/api/service/tickets/${dup.body.id}/actions/merge`, { targetId: target.body.id });
    expect(merged.body).toMatchObject({ status: 'merged', mergedInto: { id: target.body.id } });
    const after = await resident.api.get(`/api/service/tickets/${target.body.id}`);
    expect(after.body.followerCount).toBe(2);
    const otherMine = await other.api.get('/api/service/tickets/mine');
    expect(otherMine.body.items.map((x: any) => x.id)).toEqual(expect.arrayContaining([target.body.id, dup.body.id]));
  });

  it('should let a neighbour 同问 an open ticket once, list it at the point, and count the followers', async () => {
    const { body } = await file(resident.api, { scene: 'hy2-cdz', categoryId: categories[2].id, description: '3 号充电桩坏了' });
    const [neighbour] = await makeUsers(t, 1);
    const open = await neighbour.api.get('/api/service/points/hy2-cdz/open-tickets');
    expect(open.status).toBe(200);
    const entry = open.body.find((x: any) => x.id === body.id);
    expect(entry).toMatchObject({ number: body.number, following: false, isMine: false });
    expect(JSON.stringify(open.body)).not.toContain('13812341234');
    expect(JSON.stringify(open.body)).not.toContain('张秀英');
    const joined = await neighbour.api.post(`/api/service/tickets/${body.id}/follow`);
    expect(joined.body).toMatchObject({ followerCount: 1, following: true });
    const twice = await neighbour.api.post(`/api/service/tickets/${body.id}/follow`);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('TICKET_ALREADY_FOLLOWING');
    const own = await resident.api.post(`/api/service/tickets/${body.id}/follow`);
    expect(own.status).toBe(409);
    // The follower hears about progress too.
    await worker.api.post(`/api/service/tickets/${body.id}/actions/sign`, {});
    const notes = await neighbour.api.get('/api/notifications');
    expect(notes.body.items.some((x: any) => x.title.includes(body.number) && x.title.includes('已签收'))).toBe(true);
  });

  it('should return one ticket for 10 concurrent retries with the same Idempotency-Key', async () => {
    const before = (await ds.query('SELECT COUNT(*) AS n FROM tickets'))[0].n;
    const results = await Promise.all(Array.from({ length: 10 }, () => file(resident.api, { description: '同一次提交的重试' }, 'retry-key-0001')));
    const ok = results.filter((r) => r.status === 201);
    const odd = results.filter((r) => r.status !== 201 && !(r.status === 409 && r.body.code === 'IDEMPOTENT_RETRY'));
    expect(odd.map((r) => [r.status, r.body])).toEqual([]);
    const ids = new Set(ok.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    // A retry that races the first attempt either waits for it (MySQL) or is told to retry (409), never a second ticket.
    expect(results.every((r) => r.status === 201 || (r.status === 409 && r.body.code === 'IDEMPOTENT_RETRY'))).toBe(true);
    const after = (await ds.query('SELECT COUNT(*) AS n FROM tickets'))[0].n;
    expect(Number(after) - Number(before)).toBe(1);
    const late = await file(resident.api, { description: '同一次提交的重试' }, 'retry-key-0001');
    expect(late.body.id).toBe([...ids][0]);
    // eslint-disable-next-line no-console
    console.log(`[measure] 10 concurrent retries (${t.dbKind}): ${ok.length}×201, ${results.length - ok.length}×409, tickets created: ${Number(after) - Number(before)}`);
  });

  it('should number tickets MSB-<Shanghai date>-NNNN without gaps or duplicates under concurrent filing', async () => {
    const [a, b, c] = await makeUsers(t, 3);
    const res = await Promise.all([a, b, c, a, b, c].map((u) => file(u.api)));
    const numbers = res.map((r) => r.body.number);
    expect(new Set(numbers).size).toBe(6);
    const seqs = numbers.map((x) => Number(x.slice(-4))).sort((x, y) => x - y);
    expect(seqs[5] - seqs[0]).toBe(5);
  });

  it('should refuse photos that belong to someone else and more than 9 photos', async () => {
    const [other] = await makeUsers(t, 1);
    const theirs = await upload(other.api);
    const res = await file(resident.api, { photoIds: [theirs] });
    expect(res.status).toBe(422);
    expect(res.body.fields.photoIds).toBeDefined();
    const ten = await file(resident.api, { photoIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
    expect(ten.status).toBe(422);
    const long = await file(resident.api, { description: '长'.repeat(1001) });
    expect(long.status).toBe(422);
    const { body } = await file(resident.api);
    for (const a of ['sign', 'check_in']) await worker.api.post(`/api/service/tickets/${body.id}/actions/${a}`, a === 'check_in' ? { scene: 'hy2-b12' } : {});
    const stolen = await worker.api.post(`/api/service/tickets/${body.id}/actions/resolve`, { note: '好了', photoIds: [theirs] });
    expect(stolen.status).toBe(422);
  });

  describe('who sees what', () => {
    let id: number;
    let anonId: number;
    let stranger: Awaited<ReturnType<typeof makeUsers>>[number];
    let otherWorker: Awaited<ReturnType<typeof makeUsers>>[number];
    let otherStaff: Awaited<ReturnType<typeof makeUsers>>[number];
    beforeAll(async () => {
      id = (await file(resident.api, { description: '六区12幢电梯异响' })).body.id;
      anonId = (await file(resident.api, { anonymous: true, description: '匿名反映的问题' })).body.id;
      [stranger] = await makeUsers(t, 1, ['resident', 'volunteer']);
      [otherWorker] = await makeUsers(t, 1, ['grid_worker']);
      [otherStaff] = await makeUsers(t, 1, ['staff']);
      // The other worker is on duty for 永昌泾's grid; the other staff supervises 漕湖花园一社区 only.
      const grid = await ds.getRepository(Grid).findOneByOrFail({ name: '南片区网格' });
      await ds.getRepository(Grid).update({ id: grid.id }, { workerId: otherWorker.user.id });
      const c1 = (await ds.query("SELECT id FROM communities WHERE name = '漕湖花园一社区'"))[0].id;
      await ds.getRepository(StaffCommunity).insert({ userId: otherStaff.user.id, communityId: c1 });
    });

    it('should show outsiders only a public entry: no contact, no photos, masked name, none when anonymous', async () => {
      for (const u of [stranger, otherWorker, otherStaff]) {
        const res = await u.api.get(`/api/service/tickets/${id}`);
        expect(res.status).toBe(200);
        expect(res.body.access).toBe('public');
        expect(res.body.contact).toBeNull();
        expect(res.body.photos).toEqual([]);
        expect(res.body.actions.map((a: any) => a.action)).toEqual([]);
        expect(res.text).not.toContain('13812341234');
        expect(res.text).not.toContain('1234"');
        expect(res.text).not.toContain('张秀英');
        expect(res.body.requesterName).toBe('张*英');
        const anon = await u.api.get(`/api/service/tickets/${anonId}`);
        expect(anon.body.requesterName).toBeNull();
        expect(anon.text).not.toMatch(/张.英/);
      }
      const anonymous = await client(t.url).get(`/api/service/tickets/${id}`);
      expect(anonymous.status).toBe(401);
    });

    it('should show the full ticket to its requester, the grid’s worker, the community’s staff and admin', async () => {
      for (const u of [resident, worker, staff, admin]) {
        const res = await u.api.get(`/api/service/tickets/${id}`);
        expect(res.body.access).toBe('full');
        expect(res.body.contact.phone).toBe('138****1234');
      }
      const anon = await staff.api.get(`/api/service/tickets/${anonId}`);
      expect(anon.body.requesterName).toBe('张秀英');
    });

    it('should refuse every action by someone outside the ticket with 404, revealing nothing', async () => {
      const attempts: Array<[typeof stranger, string, any]> = [
        [stranger, 'sign', {}], [stranger, 'confirm', {}], [stranger, 'reopen', { note: 'x' }], [stranger, 'reject', { note: 'x' }],
        [otherWorker, 'sign', {}], [otherWorker, 'return', { note: 'x' }], [otherWorker, 'confirm', {}],
        [otherStaff, 'reject', { note: 'x' }], [otherStaff, 'merge', { targetId: anonId }], [otherStaff, 'dispatch', { workerId: otherWorker.user.id }],
      ];
      for (const [u, action, body] of attempts) {
        const res = await u.api.post(`/api/service/tickets/${id}/actions/${action}`, body);
        expect([res.status, action]).toEqual([404, action]);
        expect(res.text).not.toContain('六区12幢电梯');
      }
      expect((await otherStaff.api.post(`/api/service/tickets/${id}/actions/reassign`, { workerId: otherWorker.user.id })).status).toBe(404);
      expect((await stranger.api.post(`/api/service/tickets/${id}/reveal-phone`)).status).toBe(404);
      expect((await otherWorker.api.post(`/api/service/tickets/${id}/reveal-phone`)).status).toBe(404);
      expect((await resident.api.post(`/api/service/tickets/${id}/reveal-phone`)).status).toBe(403);
      expect((await ds.getRepository(Ticket).findOneByOrFail({ id })).status).toBe('dispatched');
    });

    it('should keep other people’s tickets out of lists: mine, worker, queue', async () => {
      expect((await stranger.api.get('/api/service/tickets/mine')).body.items).toEqual([]);
      expect((await otherWorker.api.get('/api/service/tickets/worker?tab=pending')).body.items).toEqual([]);
      const q = await otherStaff.api.get('/api/service/tickets/queue');
      expect(q.body.items.map((x: any) => x.id)).not.toContain(id);
      expect(Object.values(q.body.counts).reduce((a: number, b: any) => a + b, 0)).toBe(0);
      expect((await stranger.api.get('/api/service/tickets/queue')).status).toBe(403);
      expect((await stranger.api.get('/api/service/tickets/worker')).status).toBe(403);
      expect((await staff.api.get('/api/service/tickets/queue')).body.items.map((x: any) => x.id)).toContain(id);
    });

    it('should reveal the full phone to the ticket’s staff and grid worker only, and audit each reveal', async () => {
      const res = await worker.api.post(`/api/service/tickets/${id}/reveal-phone`);
      expect(res.body.phone).toBe('13812341234');
      const audit = await ds.query("SELECT actorId FROM audit_logs WHERE action = 'phone.reveal' AND entityId = ?", [String(id)]);
      expect(audit.map((a: any) => a.actorId)).toEqual([worker.user.id]);
    });

    it('should let staff export their communities’ tickets to XLSX with masked phones', async () => {
      const res = await staff.api.raw('/api/service/tickets/export.xlsx');
      expect(res.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
      const ws = wb.getWorksheet('工单')!;
      expect(ws.getRow(1).getCell(1).value).toBe('工单编号');
      expect(ws.rowCount).toBeGreaterThan(5);
      const cells: string[] = [];
      ws.eachRow((r) => cells.push(String(r.getCell(8).value)));
      expect(cells.some((c) => c === '138****1234')).toBe(true);
      expect(cells).not.toContain('13812341234');
      expect((await stranger.api.raw('/api/service/tickets/export.xlsx')).status).toBe(403);
    });
  });

  describe('jobs with the clock', () => {
    it('should flag a signed ticket past its SLA, escalate to staff once, and auto-confirm a resolved one after 3 days', async () => {
      const clock = t.get<Clock>(Clock);
      const jobs = t.get<JobsService>(JobsService);
      const a = (await file(resident.api, { categoryId: categories[3].id })).body; // 高空抛物, 12 h
      await worker.api.post(`/api/service/tickets/${a.id}/actions/sign`, {});
      const b = (await file(resident.api)).body;
      for (const [x, body] of [['sign', {}], ['check_in', { scene: 'hy2-b12' }], ['resolve', { note: '已处理' }]] as const) await worker.api.post(`/api/service/tickets/${b.id}/actions/${x}`, body);
      expect(await jobs.runNow('tickets.sla')).toBe(0);
      clock.advance(13 * HOUR);
      try {
        expect(await jobs.runNow('tickets.sla')).toBeGreaterThanOrEqual(1);
        expect(await jobs.runNow('tickets.sla')).toBe(0);
        const over = await worker.api.get('/api/service/tickets/worker?tab=overdue');
        expect(over.body.items.map((x: any) => x.id)).toContain(a.id);
        const staffNotes = await staff.api.get('/api/notifications');
        expect(staffNotes.body.items.some((x: any) => x.title === `工单 ${a.number} 已超时`)).toBe(true);
        expect(await jobs.runNow('tickets.auto_confirm')).toBe(0);
        clock.advance(3 * 24 * HOUR);
        expect(await jobs.runNow('tickets.auto_confirm')).toBeGreaterThanOrEqual(1);
        const done = await resident.api.get(`/api/service/tickets/${b.id}`);
        expect(done.body.status).toBe('closed');
        expect(done.body.timeline.at(-1)).toMatchObject({ action: 'confirm', actorRole: 'system' });
        expect(done.body.actions.map((a: any) => a.action)).toEqual(['rate', 'reopen']);
      } finally {
        clock.reset();
      }
    });
  });

  describe('categories', () => {
    it('should let admin create and disable a category, and refuse filing under a disabled one', async () => {
      const created = await admin.api.post('/api/service/categories', { code: 'noise', name: '噪音扰民', icon: '🔊', hint: '夜间施工、广场舞噪音', slaHours: 24, attributes: [{ code: 'period', datatype: 'string', description: '时段', required: true, order: 1 }] });
      expect(created.status).toBe(201);
      expect((await staff.api.post('/api/service/categories', { code: 'x1', name: 'x', icon: 'x', hint: '', slaHours: 1 })).status).toBe(403);
      const missing = await file(resident.api, { categoryId: created.body.id });
      expect(missing.status).toBe(422);
      expect(missing.body.fields['attributes.period']).toBeDefined();
      expect((await file(resident.api, { categoryId: created.body.id, attributes: { period: '晚上10点后' } })).status).toBe(201);
      await admin.api.patch(`/api/service/categories/${created.body.id}`, { active: false });
      const off = await file(resident.api, { categoryId: created.body.id, attributes: { period: '晚上' } });
      expect(off.body.code).toBe('TICKET_CATEGORY_DISABLED');
      expect((await client(t.url).get('/api/service/categories')).body.map((c: any) => c.code)).not.toContain('noise');
    });
  });

  describe('public 三率 board', () => {
    it('should publish counts and rates by community and category without any personal data', async () => {
      const res = await client(t.url).get('/api/service/board');
      expect(res.status).toBe(200);
      expect(res.body.overall.total).toBeGreaterThan(5);
      expect(res.body.overall.satisfactionRate).toBe(100);
      expect(res.body.overall.responseRate).toBeGreaterThan(0);
      expect(res.body.overall.resolutionRate).toBeGreaterThan(0);
      expect(res.body.overall.resolutionRate).toBeLessThan(100); // one ticket was reopened
      expect(res.body.byCommunity.find((c: any) => c.name === '漕湖花园二社区').total).toBeGreaterThan(0);
      expect(res.body.byCategory.length).toBeGreaterThanOrEqual(8);
      expect(res.body.trend.length).toBeGreaterThanOrEqual(30);
      expect(res.text).not.toMatch(/138\d{8}|张秀英|MSB-/);
      const filtered = await client(t.url).get(`/api/service/board?categoryId=${categories[2].id}`);
      expect(filtered.body.overall.total).toBeLessThan(res.body.overall.total);
    });
  });

  describe('Open311 GeoReport v2', () => {
    const o = () => client(t.url);
    const form = (fields: Record<string, string>) => new URLSearchParams(fields);

    it('should list services and a service definition with attributes', async () => {
      const s = await o().get('/open311/v2/services.json');
      expect(s.status).toBe(200);
      expect(s.body[1]).toMatchObject({ service_code: 'repair', service_name: '设施报修', metadata: true, type: 'realtime' });
      const d = await o().get('/open311/v2/services/repair.json');
      expect(d.body).toMatchObject({ service_code: 'repair', attributes: [expect.objectContaining({ variable: true, code: 'facility', datatype: 'singlevaluelist', order: 1, values: expect.any(Array) })] });
      const none = await o().get('/open311/v2/services/nope.json');
      expect(none.status).toBe(404);
      expect(none.body).toEqual([{ code: 404, description: expect.any(String) }]);
      const j = await o().get('/open311/v2/services.json?jurisdiction_id=elsewhere');
      expect(j.status).toBe(404);
    });

    it('should accept a form-encoded POST with the demo api_key and put it into the same lifecycle', async () => {
      const res = await o().post('/open311/v2/requests.json', form({ api_key: 'linli-demo-open311-key', service_code: 'repair', address_id: 'hy2-b12', description: '路灯不亮', 'attribute[facility]': 'light', first_name: '明', last_name: '李', phone: '13900001111', media_url: 'https://example.org/a.jpg' }));
      expect(res.status).toBe(201);
      expect(res.body).toEqual([{ service_request_id: expect.stringMatching(/^MSB-/), service_notice: expect.any(String), account_id: null }]);
      const number = res.body[0].service_request_id;
      const row = await ds.getRepository(Ticket).findOneByOrFail({ number });
      expect(row).toMatchObject({ status: 'dispatched', source: 'open311', attributes: expect.objectContaining({ facility: 'light' }) });
      const one = await o().get(`/open311/v2/requests/${number}.json`);
      expect(one.body).toHaveLength(1);
      expect(one.body[0]).toMatchObject({ service_request_id: number, status: 'open', service_code: 'repair', address_id: 'hy2-b12', media_url: 'https://example.org/a.jpg' });
      expect(one.text).not.toContain('13900001111');
      expect(one.text).not.toContain('13812341234');
      // The grid worker handles it like any other ticket.
      for (const [a, b] of [['sign', {}], ['check_in', { scene: 'hy2-b12' }], ['resolve', { note: '已更换灯泡' }]] as const) await worker.api.post(`/api/service/tickets/${row.id}/actions/${a}`, b);
      const closed = await o().get(`/open311/v2/requests/${number}.json`);
      expect(closed.body[0]).toMatchObject({ status: 'closed', status_notes: expect.stringContaining('已更换灯泡') });
    });

    it('should find the nearest point by lat/long and answer coded errors as arrays', async () => {
      const p = await ds.getRepository(Point).findOneByOrFail({ scene: 'hy2-ljkj' });
      await ds.getRepository(Point).update({ id: p.id }, { lat: 31.4512, lng: 120.5301 });
      const near = await o().post('/open311/v2/requests.json', form({ api_key: 'linli-demo-open311-key', service_code: 'sanitation', lat: '31.4513', long: '120.5302', description: '垃圾桶满了' }));
      expect(near.status).toBe(201);
      const row = await ds.getRepository(Ticket).findOneByOrFail({ number: near.body[0].service_request_id });
      expect(row.pointId).toBe(p.id);
      const cases: Array<[Record<string, string>, number]> = [
        [{ service_code: 'repair', address_id: 'hy2-b12', description: 'x' }, 403],
        [{ api_key: 'wrong', service_code: 'repair', address_id: 'hy2-b12', description: 'x' }, 403],
        [{ api_key: 'linli-demo-open311-key', address_id: 'hy2-b12', description: 'x' }, 400],
        [{ api_key: 'linli-demo-open311-key', service_code: 'nope', address_id: 'hy2-b12', description: 'x' }, 404],
        [{ api_key: 'linli-demo-open311-key', service_code: 'repair', description: 'x' }, 400],
        [{ api_key: 'linli-demo-open311-key', service_code: 'repair', lat: 'north', long: '120.5', description: 'x' }, 400],
        [{ api_key: 'linli-demo-open311-key', service_code: 'repair', address_id: 'hy2-b12', description: 'x', 'attribute[facility]': 'rocket' }, 400],
      ];
      for (const [fields, status] of cases) {
        const res = await o().post('/open311/v2/requests.json', form(fields));
        expect([res.status, fields]).toEqual([status, fields]);
        expect(res.body).toEqual([expect.objectContaining({ code: status, description: expect.any(String) })]);
      }
    });

    it('should filter GET requests.json by id, service_code, status and dates', async () => {
      const all = await o().get('/open311/v2/requests.json');
      expect(all.status).toBe(200);
      expect(all.body.length).toBeGreaterThan(5);
      expect(all.text).not.toMatch(/138\d{8}|张秀英/);
      const repair = await o().get('/open311/v2/requests.json?service_code=repair');
      expect(repair.body.every((r: any) => r.service_code === 'repair')).toBe(true);
      const closed = await o().get('/open311/v2/requests.json?status=closed');
      expect(closed.body.length).toBeGreaterThan(0);
      expect(closed.body.every((r: any) => r.status === 'closed')).toBe(true);
      const ids = all.body.slice(0, 2).map((r: any) => r.service_request_id);
      const byId = await o().get(`/open311/v2/requests.json?service_request_id=${ids.join(',')}`);
      expect(byId.body.map((r: any) => r.service_request_id).sort()).toEqual([...ids].sort());
      const future = await o().get('/open311/v2/requests.json?start_date=2099-01-01T00:00:00Z&end_date=2099-02-01T00:00:00Z');
      expect(future.body).toEqual([]);
      const bad = await o().get('/open311/v2/requests.json?status=pending');
      expect(bad.status).toBe(400);
      expect((await o().get('/open311/v2/requests/MSB-00000000-0000.json')).status).toBe(404);
    });

    it('should let admin issue api keys that then work', async () => {
      const issued = await admin.api.post('/api/service/open311-keys', { name: '12345 热线对接' });
      expect(issued.status).toBe(201);
      const res = await o().post('/open311/v2/requests.json', form({ api_key: issued.body.apiKey, service_code: 'other', address_id: 'tb-bridge', description: '桥头护栏松动' }));
      expect(res.status).toBe(201);
      expect((await staff.api.post('/api/service/open311-keys', { name: 'x' })).status).toBe(403);
    });
  });

  // Runs last: every ticket above went through filing, dispatch, return, reassign, merge, reopen, jobs or Open311.
  it('should keep the staff queue’s status badges equal to the tickets in each status after all of the above', async () => {
    const kept = await ds.query('SELECT communityId, status, n FROM ticket_status_counts WHERE n <> 0 ORDER BY communityId, status');
    const counted = await ds.query('SELECT communityId, status, COUNT(*) AS n FROM tickets GROUP BY communityId, status ORDER BY communityId, status');
    expect(counted.length).toBeGreaterThan(3);
    expect(kept.map((r: any) => [Number(r.communityId), r.status, Number(r.n)])).toEqual(counted.map((r: any) => [Number(r.communityId), r.status, Number(r.n)]));
    const queue = await admin.api.get('/api/service/tickets/queue');
    expect(queue.status).toBe(200);
    const byStatus: Record<string, number> = {};
    for (const r of counted) byStatus[r.status] = (byStatus[r.status] ?? 0) + Number(r.n);
    expect(queue.body.counts).toEqual(byStatus);
  });

  // Runs last too: the board's rollups after the same history, against a GROUP BY and the old in-memory board.
  it('should keep the board’s rollups equal to the tickets, and the board equal to reading every ticket, after all of the above', async () => {
    const { kept, counted } = await rollupsKeptAndCounted(ds);
    expect(counted.length).toBeGreaterThan(5);
    expect(kept).toEqual(counted);
    for (const { q, served, oracle } of await boardVersusOracle(t.url, ds)) expect({ q, board: served }).toEqual({ q, board: oracle });
  });

  it('should only ever have linked a notification to a page the mini-program has', async () => {
    const linked = await ds.query('SELECT COUNT(*) AS n FROM notifications WHERE link IS NOT NULL');
    expect(Number(linked[0].n)).toBeGreaterThan(10);
    expect(await unknownNotificationLinks(ds)).toEqual([]);
  });
});
