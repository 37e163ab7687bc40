import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { shanghaiDate } from '@linli/domain';
import { Clock } from '../../src/common/clock';
import { JobsService } from '../../src/modules/jobs/jobs.service';
import { Community, Grid, Point } from '../../src/modules/places/place.entities';
import { Ticket } from '../../src/modules/service-requests/service-request.entities';
import { StaffCommunity } from '../../src/modules/users/user.entity';
import { makeUsers } from '../factories/users.factory';
import { client, Client, demoLogin } from '../utils/http';
import { startTestApp, TestApp } from '../utils/test-app';

const HOUR = 3_600_000;
type Login = { user: { id: number; name: string }; api: Client };

/**
 * 码上办 as a street runs it (issue 12): category questions of every type, Open311 by coordinates near and far,
 * 同问 followers closing the loop, the sign-for limit, the dispatch picker, Open311 keys and the filtered export.
 */
describe('码上办 console and Open311 over HTTP', () => {
  let t: TestApp;
  let ds: DataSource;
  let resident: Login;
  let worker: Login;
  let staff: Login;
  let admin: Login;
  let categories: any[];
  const o = () => client(t.url);
  const form = (fields: Array<[string, string]> | Record<string, string>) => new URLSearchParams(fields as any);
  const community = async (name: string) => ds.getRepository(Community).findOneByOrFail({ name });
  const file = (api: Client, body: Record<string, unknown> = {}) =>
    api.post('/api/service/tickets', { scene: 'hy2-b12', categoryId: categories[0].id, description: '楼道堆放杂物', contactName: '张秀英', contactPhone: '13812341234', ...body });

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.dataSource;
    [resident, worker, staff, admin] = await Promise.all(['resident', 'grid_worker', 'staff', 'admin'].map((p) => demoLogin(t.url, p)));
    categories = (await client(t.url).get('/api/service/categories')).body;
  });
  afterAll(async () => t?.close());

  describe('category questions', () => {
    const QUESTIONS = [
      { code: 'floor', datatype: 'number', description: '楼层', required: true },
      { code: 'door_no', datatype: 'string', description: '门牌号', required: false },
      { code: 'detail', datatype: 'text', description: '详细经过', required: false },
      { code: 'happened_on', datatype: 'datetime', description: '发生日期', required: true },
      { code: 'kind', datatype: 'singlevaluelist', description: '噪音来源', required: true, values: [{ key: 'build', name: '施工' }, { key: 'dance', name: '广场舞' }] },
      { code: 'times', datatype: 'multivaluelist', description: '时段', required: false, values: [{ key: 'am', name: '上午' }, { key: 'pm', name: '下午' }, { key: 'night', name: '夜间' }] },
    ];
    let cat: any;

    it('should create a category with a question of every type, required and optional, numbered in the order given', async () => {
      const res = await admin.api.post('/api/service/categories', { code: 'noise2', name: '噪音扰民', icon: '🔊', hint: '夜间施工、广场舞噪音', slaHours: 24, signForHours: 2, attributes: QUESTIONS });
      expect(res.status).toBe(201);
      cat = res.body;
      expect(cat).toMatchObject({ code: 'noise2', signForHours: 2, active: true, sortOrder: expect.any(Number) });
      expect(cat.attributes.map((a: any) => [a.code, a.datatype, a.required, a.order])).toEqual(QUESTIONS.map((q, i) => [q.code, q.datatype, q.required, i + 1]));
      expect(cat.attributes.find((a: any) => a.code === 'door_no').values).toBeUndefined();
      expect((await admin.api.get(`/api/service/categories/${cat.id}`)).body).toEqual(cat);
    });

    it('should refuse question definitions the console’s editor would refuse, naming each in Chinese', async () => {
      const bad = [
        [{ ...QUESTIONS[0] }, { ...QUESTIONS[0] }],
        [{ code: 'k', datatype: 'singlevaluelist', description: '只有一个选项', values: [{ key: 'a', name: '甲' }] }],
        [{ code: 'k', datatype: 'colour', description: '颜色' }],
        [{ code: 'K-1', datatype: 'string', description: '编码' }],
        [{ code: 'k', datatype: 'string', description: '' }],
        [{ code: 'k', datatype: 'multivaluelist', description: '重复选项', values: [{ key: 'a', name: '甲' }, { key: 'a', name: '乙' }] }],
        'not a list',
        [null],
      ];
      for (const attributes of bad) {
        const res = await admin.api.post('/api/service/categories', { code: 'badq', name: '坏问题', icon: '❓', hint: '', slaHours: 24, attributes });
        expect([res.status, attributes]).toEqual([422, attributes]);
        const [field, [message]] = Object.entries(res.body.fields as Record<string, string[]>)[0];
        expect(field).toMatch(/^attributes/);
        expect(message).toMatch(/[\u4e00-\u9fa5]/);
      }
      expect((await admin.api.post('/api/service/categories', { code: 'badh', name: 'x', icon: 'x', hint: '', slaHours: 24, signForHours: 0 })).body.fields.signForHours).toBeDefined();
      expect((await staff.api.post('/api/service/categories', { code: 'x1', name: 'x', icon: 'x', hint: '', slaHours: 1 })).status).toBe(403);
      expect((await staff.api.get('/api/service/categories/all')).status).toBe(403);
    });

    it('should check a resident’s answers by the questions: required ones missing, wrong types, unknown choices; cleaned when right', async () => {
      const none = await file(resident.api, { categoryId: cat.id, attributes: {} });
      expect(none.status).toBe(422);
      expect(Object.keys(none.body.fields).sort()).toEqual(['attributes.floor', 'attributes.happened_on', 'attributes.kind']);
      expect(none.body.fields['attributes.floor'][0]).toBe('请填写楼层');
      const wrong = await file(resident.api, { categoryId: cat.id, attributes: { floor: '三楼', happened_on: 'yesterday', kind: 'rocket', times: ['am', 'dawn'], extra: 1 } });
      expect(Object.keys(wrong.body.fields).sort()).toEqual(['attributes.extra', 'attributes.floor', 'attributes.happened_on', 'attributes.kind', 'attributes.times']);
      const ok = await file(resident.api, { categoryId: cat.id, attributes: { floor: '3', happened_on: '2026-11-30', kind: 'dance', times: ['night', 'night', 'pm'] } });
      expect(ok.status).toBe(201);
      expect(ok.body.attributes).toEqual({ floor: 3, happened_on: new Date('2026-11-30').toISOString(), kind: 'dance', times: ['night', 'pm'] });
    });

    it('should show the questions in Open311’s service definition and check Open311 answers the same way', async () => {
      const list = await o().get('/open311/v2/services.json');
      expect(list.body.find((s: any) => s.service_code === 'noise2')).toMatchObject({ service_name: '噪音扰民', metadata: true });
      const def = await o().get('/open311/v2/services/noise2.json');
      expect(def.status).toBe(200);
      expect(def.body.service_code).toBe('noise2');
      expect(def.body.attributes.map((a: any) => [a.code, a.datatype, a.required, a.order, a.variable])).toEqual(QUESTIONS.map((q, i) => [q.code, q.datatype, q.required, i + 1, true]));
      expect(def.body.attributes.find((a: any) => a.code === 'kind')).toMatchObject({ values: QUESTIONS[4].values, datatype_description: expect.any(String) });
      expect(def.body.attributes.find((a: any) => a.code === 'floor').values).toBeUndefined();
      const base: Array<[string, string]> = [['api_key', 'linli-demo-open311-key'], ['service_code', 'noise2'], ['address_id', 'hy2-b20'], ['description', '晚上广场舞太吵']];
      const missing = await o().post('/open311/v2/requests.json', form(base));
      expect(missing.status).toBe(400);
      expect(missing.body.map((e: any) => e.description).join()).toMatch(/attributes\.floor/);
      const good = await o().post('/open311/v2/requests.json', form([...base, ['attribute[floor]', '5'], ['attribute[happened_on]', '2026-12-01T20:00:00+08:00'], ['attribute[kind]', 'dance'], ['attribute[times][]', 'pm'], ['attribute[times][]', 'night']]));
      expect(good.status).toBe(201);
      const row = await ds.getRepository(Ticket).findOneByOrFail({ number: good.body[0].service_request_id });
      expect(row.attributes).toMatchObject({ floor: 5, kind: 'dance', times: ['pm', 'night'], happened_on: '2026-12-01T12:00:00.000Z' });
    });

    it('should let admin edit name, icon, hours, order, questions and enabled; old tickets keep their answers', async () => {
      const res = await admin.api.patch(`/api/service/categories/${cat.id}`, { name: '噪音', icon: '📢', slaHours: 36, signForHours: 3, sortOrder: 0, attributes: QUESTIONS.slice(1, 3) });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: '噪音', icon: '📢', slaHours: 36, signForHours: 3, sortOrder: 0 });
      expect(res.body.attributes.map((a: any) => [a.code, a.order])).toEqual([['door_no', 1], ['detail', 2]]);
      expect((await client(t.url).get('/api/service/categories')).body[0].code).toBe('noise2');
      expect((await file(resident.api, { categoryId: cat.id })).status).toBe(201);
      expect((await admin.api.patch(`/api/service/categories/${cat.id}`, { attributes: [{ code: 'x', datatype: 'number' }] })).status).toBe(422);
      expect((await admin.api.patch(`/api/service/categories/${cat.id}`, { colour: 'red' })).status).toBe(422);
      expect((await admin.api.patch(`/api/service/categories/${cat.id}`, { active: false })).body.active).toBe(false);
      expect((await o().get('/open311/v2/services/noise2.json')).status).toBe(404);
      expect((await admin.api.get('/api/service/categories/all')).body.find((c: any) => c.id === cat.id).active).toBe(false);
      const audit = await ds.query("SELECT action FROM audit_logs WHERE entityType = 'service_category' AND entityId = ?", [String(cat.id)]);
      expect(audit.map((a: any) => a.action)).toEqual(['service_category.create', 'service_category.update', 'service_category.update']);
    });
  });

  describe('Open311 by coordinates', () => {
    const post = (lat: string, long: string, extra: Record<string, string> = {}) =>
      o().post('/open311/v2/requests.json', form({ api_key: 'linli-demo-open311-key', service_code: 'sanitation', lat, long, description: '路边垃圾没人收', ...extra }));
    let villageStaff: Login;

    beforeAll(async () => {
      [villageStaff] = await makeUsers(t, 1, ['staff']);
      await ds.getRepository(StaffCommunity).insert({ userId: villageStaff.user.id, communityId: (await community('卫星村')).id });
    });

    it('should seed every demo point with coordinates around 漕湖', async () => {
      const points = await ds.getRepository(Point).find();
      expect(points.length).toBeGreaterThan(8);
      for (const p of points) {
        expect(Math.abs(p.lat! - 31.45)).toBeLessThan(0.05);
        expect(Math.abs(p.lng! - 120.55)).toBeLessThan(0.05);
      }
    });

    it('should file a request within 500 m at the nearest point, dispatched to its grid worker', async () => {
      const res = await post('31.45300', '120.54560', { address_string: '六区12幢北侧' });
      expect(res.status).toBe(201);
      expect(res.body[0].service_notice).toContain('六区12幢');
      const row = await ds.getRepository(Ticket).findOneByOrFail({ number: res.body[0].service_request_id });
      expect(row).toMatchObject({ pointId: (await ds.getRepository(Point).findOneByOrFail({ scene: 'hy2-b12' })).id, status: 'dispatched', addressString: '六区12幢北侧' });
    });

    it('should file a request far from every point into the nearest community’s triage queue, saying so, with its address_string', async () => {
      // ~1.1 km north of 卫星村's 村委会广场, ~2 km from anything else.
      const res = await post('31.47200', '120.53800', { address_string: '卫星村北 312 国道边' });
      expect(res.status).toBe(201);
      expect(res.body[0].service_notice).toMatch(/卫星村.*待分拣/);
      expect(res.body[0].service_notice).toMatch(/约 1\d{3} 米/);
      const row = await ds.getRepository(Ticket).findOneByOrFail({ number: res.body[0].service_request_id });
      expect(row).toMatchObject({ pointId: null, gridId: null, communityId: (await community('卫星村')).id, status: 'submitted', assigneeId: null, addressString: '卫星村北 312 国道边', lat: 31.472, lng: 120.538 });
      const queue = await villageStaff.api.get('/api/service/tickets/queue?status=submitted');
      expect(queue.body.items.map((x: any) => x.id)).toContain(row.id);
      const detail = await villageStaff.api.get(`/api/service/tickets/${row.id}`);
      expect(detail.body).toMatchObject({ triage: 'community', addressString: '卫星村北 312 国道边', community: { name: '卫星村' }, point: { id: 0, name: '卫星村北 312 国道边' } });
      expect(detail.body.actions.map((a: any) => a.action)).toEqual(['accept', 'reject', 'merge']);
      const notes = await villageStaff.api.get('/api/notifications');
      expect(notes.body.items.some((n: any) => n.title.includes(row.number) && n.title.includes('分拣'))).toBe(true);
      // Staff place it: accept, dispatch to a grid worker, who checks in by location at the reported spot.
      expect((await villageStaff.api.post(`/api/service/tickets/${row.id}/actions/accept`, {})).status).toBe(201);
      const sent = await villageStaff.api.post(`/api/service/tickets/${row.id}/actions/dispatch`, { workerId: worker.user.id });
      expect(sent.body.status).toBe('dispatched');
      await worker.api.post(`/api/service/tickets/${row.id}/actions/sign`, {});
      expect((await worker.api.post(`/api/service/tickets/${row.id}/actions/check_in`, { scene: 'wx-center' })).body.code).toBe('TICKET_CHECKIN_WRONG_CODE');
      expect((await worker.api.post(`/api/service/tickets/${row.id}/actions/check_in`, { lat: 31.4721, lng: 120.5381 })).body.status).toBe('on_site');
      const pub = await o().get(`/open311/v2/requests/${row.number}.json`);
      expect(pub.body[0]).toMatchObject({ agency_responsible: '卫星村', address: '卫星村北 312 国道边', address_id: null, lat: 31.472, long: 120.538 });
    });

    it('should file a request far from every community into the street’s queue: the admin’s, not a community’s', async () => {
      const res = await post('31.60000', '120.55000');
      expect(res.status).toBe(201);
      expect(res.body[0].service_notice).toMatch(/街道待分拣/);
      const row = await ds.getRepository(Ticket).findOneByOrFail({ number: res.body[0].service_request_id });
      expect(row).toMatchObject({ pointId: null, communityId: null, status: 'submitted' });
      expect((await admin.api.get('/api/service/tickets/queue?status=submitted')).body.items.map((x: any) => x.id)).toContain(row.id);
      expect((await villageStaff.api.get('/api/service/tickets/queue?status=submitted')).body.items.map((x: any) => x.id)).not.toContain(row.id);
      expect((await villageStaff.api.get(`/api/service/tickets/${row.id}`)).body.access).toBe('public');
      const detail = await admin.api.get(`/api/service/tickets/${row.id}`);
      expect(detail.body).toMatchObject({ triage: 'street', community: { id: 0, name: expect.stringContaining('漕湖街道') } });
      expect((await admin.api.get('/api/notifications')).body.items.some((n: any) => n.title.includes(row.number))).toBe(true);
      expect((await o().get(`/open311/v2/requests/${row.number}.json`)).body[0].agency_responsible).toBe('漕湖街道');
      expect((await admin.api.post(`/api/service/tickets/${row.id}/actions/reject`, { note: '不在本街道范围' })).body.status).toBe('rejected');
    });

    it('should keep the status counters right for triaged tickets (the street’s under community 0)', async () => {
      const kept = await ds.query('SELECT communityId, status, n FROM ticket_status_counts WHERE n <> 0 ORDER BY communityId, status');
      const counted = await ds.query('SELECT COALESCE(communityId, 0) AS communityId, status, COUNT(*) AS n FROM tickets GROUP BY COALESCE(communityId, 0), status ORDER BY communityId, status');
      expect(kept.map((r: any) => [Number(r.communityId), r.status, Number(r.n)])).toEqual(counted.map((r: any) => [Number(r.communityId), r.status, Number(r.n)]));
    });
  });

  describe('同问 followers close the loop', () => {
    it('should let a follower confirm a resolved ticket and another reopen it, but not rate it; strangers get 404', async () => {
      const [f1, f2, stranger] = await makeUsers(t, 3);
      const filed = await file(resident.api, { description: '六区12幢门口路灯不亮' });
      const id = filed.body.id;
      expect((await f1.api.post(`/api/service/tickets/${id}/follow`)).status).toBe(201);
      expect((await f2.api.post(`/api/service/tickets/${id}/follow`)).status).toBe(201);
      for (const [a, b] of [['sign', {}], ['check_in', { scene: 'hy2-b12' }], ['resolve', { note: '已换灯泡' }]] as const) {
        expect((await worker.api.post(`/api/service/tickets/${id}/actions/${a}`, b)).status).toBe(201);
      }
      const seen = await f1.api.get(`/api/service/tickets/${id}`);
      expect(seen.body.access).toBe('public');
      expect(seen.body.contact).toBeNull();
      expect(seen.body.actions.map((a: any) => a.action)).toEqual(['confirm', 'reopen']);
      expect((await stranger.api.get(`/api/service/tickets/${id}`)).body.actions).toEqual([]);
      expect((await stranger.api.post(`/api/service/tickets/${id}/actions/confirm`, {})).status).toBe(404);

      const closed = await f1.api.post(`/api/service/tickets/${id}/actions/confirm`, {});
      expect(closed.status).toBe(201);
      expect(closed.body.status).toBe('closed');
      expect(closed.body.actions.map((a: any) => a.action)).toEqual(['reopen']);
      const rate = await f1.api.post(`/api/service/tickets/${id}/actions/rate`, { rating: 5 });
      expect(rate.status).toBe(403);
      expect(rate.body.code).toBe('TICKET_NOT_YOURS');
      expect((await f2.api.post(`/api/service/tickets/${id}/actions/reopen`, {})).status).toBe(422);
      const reopened = await f2.api.post(`/api/service/tickets/${id}/actions/reopen`, { note: '晚上又不亮了' });
      expect(reopened.status).toBe(201);
      // A reopened matter goes back to its worker at once.
      expect(reopened.body.status).toBe('dispatched');

      const timeline = (await resident.api.get(`/api/service/tickets/${id}`)).body.timeline;
      expect(timeline.filter((e: any) => ['confirm', 'reopen'].includes(e.action)).map((e: any) => [e.action, e.actorRole])).toEqual([['confirm', 'follower'], ['reopen', 'follower']]);
      const audit = await ds.query("SELECT action, actorId FROM audit_logs WHERE entityType = 'ticket' AND entityId = ? AND action IN ('ticket.confirm', 'ticket.reopen') ORDER BY id", [String(id)]);
      expect(audit.map((a: any) => [a.action, Number(a.actorId)])).toEqual([['ticket.confirm', f1.user.id], ['ticket.reopen', f2.user.id]]);
      const notes = await resident.api.get('/api/notifications');
      expect(notes.body.items.some((n: any) => n.link?.includes(`id=${id}`) && n.body.includes('晚上又不亮了'))).toBe(true);
    });
  });

  describe('the sign-for limit', () => {
    it('should flag and escalate a dispatched ticket nobody signs within the category’s sign-for hours, once, and clear it on signing', async () => {
      const clock = t.get<Clock>(Clock);
      const jobs = t.get<JobsService>(JobsService);
      const sanitation = categories.find((c) => c.code === 'sanitation');
      expect(sanitation.signForHours).toBe(4);
      const filed = (await file(resident.api, { categoryId: sanitation.id, description: '垃圾房满溢' })).body;
      expect(filed.status).toBe('dispatched');
      expect(await jobs.runNow('tickets.sign_for')).toBe(0);
      const flagged = async () => (await ds.getRepository(Ticket).findOneByOrFail({ id: filed.id })).signOverdue;
      clock.advance(3 * HOUR);
      try {
        await jobs.runNow('tickets.sign_for'); // tickets of 2-hour categories filed above are due by now; this one is not
        expect(await flagged()).toBe(false);
        clock.advance(1.5 * HOUR);
        expect(await jobs.runNow('tickets.sign_for')).toBeGreaterThanOrEqual(1);
        expect(await jobs.runNow('tickets.sign_for')).toBe(0);
        const row = await ds.getRepository(Ticket).findOneByOrFail({ id: filed.id });
        expect(row).toMatchObject({ signOverdue: true, status: 'dispatched', overdue: false });
        const late = await staff.api.get('/api/service/tickets/queue?late=true');
        expect(late.body.items.find((x: any) => x.id === filed.id)).toMatchObject({ signOverdue: true });
        expect(late.body.items.every((x: any) => x.signOverdue || x.overdue)).toBe(true);
        expect(late.body.late).toBeGreaterThanOrEqual(1);
        expect((await staff.api.get('/api/service/tickets/queue?late=maybe')).status).toBe(422);
        const staffNotes = await staff.api.get('/api/notifications');
        expect(staffNotes.body.items.filter((n: any) => n.title === `工单 ${filed.number} 超时未签收`)).toHaveLength(1);
        expect((await worker.api.get('/api/service/tickets/worker?tab=overdue')).body.items.map((x: any) => x.id)).toContain(filed.id);
        const detail = await staff.api.get(`/api/service/tickets/${filed.id}`);
        expect(detail.body.timeline.at(-1)).toMatchObject({ action: 'sign_overdue', label: '签收超时督办', actorRole: 'system' });
        const signed = await worker.api.post(`/api/service/tickets/${filed.id}/actions/sign`, {});
        expect(signed.body).toMatchObject({ status: 'signed', signOverdue: false });
        const audit = await ds.query("SELECT action FROM audit_logs WHERE entityType = 'ticket' AND entityId = ? AND action = 'ticket.sign_overdue'", [String(filed.id)]);
        expect(audit).toHaveLength(1);
      } finally {
        clock.reset();
      }
    });

    it('should restart the sign-for clock when a ticket is reassigned', async () => {
      const clock = t.get<Clock>(Clock);
      const filed = (await file(resident.api, { description: '楼道灯坏了' })).body;
      clock.advance(2 * HOUR);
      try {
        const moved = await staff.api.post(`/api/service/tickets/${filed.id}/actions/reassign`, { workerId: worker.user.id, note: '换人' });
        expect(moved.status).toBe(201);
        const row = await ds.getRepository(Ticket).findOneByOrFail({ id: filed.id });
        expect(Math.abs(row.signDueAt!.getTime() - clock.now().getTime() - 4 * HOUR)).toBeLessThan(5000);
      } finally {
        clock.reset();
      }
    });
  });

  describe('the dispatch picker', () => {
    it('should list the grid workers of the ticket’s community, searchable and paged, and nobody else’s', async () => {
      const [sameGrid, living, elsewhere] = await makeUsers(t, 3, ['grid_worker']);
      const hy2 = await community('漕湖花园二社区');
      await ds.getRepository(Grid).update({ name: '六区第二网格' }, { workerId: sameGrid.user.id });
      await ds.query('UPDATE users SET communityId = ?, name = ? WHERE id = ?', [hy2.id, '李建国', living.user.id]);
      const hy1Grid = await ds.getRepository(Grid).findOneByOrFail({ name: '第一网格' });
      await ds.getRepository(Grid).update({ id: hy1Grid.id }, { workerId: elsewhere.user.id });
      const ticket = (await file(resident.api, { description: '楼下车辆乱停' })).body;

      const all = await staff.api.get(`/api/service/workers?ticketId=${ticket.id}`);
      expect(all.status).toBe(200);
      const ids = all.body.items.map((w: any) => w.id);
      expect(ids).toEqual(expect.arrayContaining([worker.user.id, sameGrid.user.id, living.user.id]));
      expect(ids).not.toContain(elsewhere.user.id);
      expect(all.body.items.find((w: any) => w.id === worker.user.id)).toMatchObject({ onTicketGrid: true, grids: ['六区第一网格'], phone: expect.stringMatching(/^\d{3}\*{4}\d{4}$/) });
      expect(all.body.items.find((w: any) => w.id === sameGrid.user.id)).toMatchObject({ onTicketGrid: false, grids: ['六区第二网格'] });

      const byName = await staff.api.get(`/api/service/workers?ticketId=${ticket.id}&q=${encodeURIComponent('李建')}`);
      expect(byName.body.items.map((w: any) => w.id)).toEqual([living.user.id]);
      const first = await staff.api.get(`/api/service/workers?ticketId=${ticket.id}&limit=1`);
      expect(first.body.items).toHaveLength(1);
      expect(first.body.nextCursor).toBe(first.body.items[0].id);
      const second = await staff.api.get(`/api/service/workers?ticketId=${ticket.id}&limit=1&cursor=${first.body.nextCursor}`);
      expect(second.body.items[0].id).toBeGreaterThan(first.body.items[0].id);

      const [villageStaff] = await makeUsers(t, 1, ['staff']);
      await ds.getRepository(StaffCommunity).insert({ userId: villageStaff.user.id, communityId: (await community('卫星村')).id });
      expect((await villageStaff.api.get(`/api/service/workers?ticketId=${ticket.id}`)).status).toBe(404);
      expect((await resident.api.get(`/api/service/workers?ticketId=${ticket.id}`)).status).toBe(403);
      expect((await staff.api.get('/api/service/workers?ticketId=abc')).status).toBe(422);
      // The picker's choice is what dispatch uses.
      const moved = await staff.api.post(`/api/service/tickets/${ticket.id}/actions/reassign`, { workerId: living.user.id });
      expect(moved.body.assignee).toMatchObject({ id: living.user.id, name: '李建国' });
    });
  });

  describe('Open311 keys', () => {
    it('should issue a key shown once, list keys without it, and revoke one so it stops filing', async () => {
      const issued = await admin.api.post('/api/service/open311-keys', { name: '12345 热线' });
      expect(issued.status).toBe(201);
      expect(issued.body).toMatchObject({ id: expect.any(Number), name: '12345 热线', active: true, apiKey: expect.stringMatching(/^o311_[0-9a-f]{36}$/) });
      const list = await admin.api.get('/api/service/open311-keys');
      const row = list.body.find((k: any) => k.id === issued.body.id);
      expect(row).toMatchObject({ name: '12345 热线', active: true, prefix: `${issued.body.apiKey.slice(0, 9)}…`, revokedAt: null });
      expect(list.text).not.toContain(issued.body.apiKey);
      expect(list.text).not.toContain('linli-demo-open311-key');
      const body = { api_key: issued.body.apiKey, service_code: 'other', address_id: 'tb-bridge', description: '桥头护栏松动' };
      expect((await o().post('/open311/v2/requests.json', form(body))).status).toBe(201);
      const revoked = await admin.api.post(`/api/service/open311-keys/${issued.body.id}/revoke`);
      expect(revoked.status).toBe(201);
      expect(revoked.body).toMatchObject({ active: false, revokedAt: expect.any(String) });
      expect((await o().post('/open311/v2/requests.json', form(body))).status).toBe(403);
      expect((await admin.api.post(`/api/service/open311-keys/${issued.body.id}/revoke`)).status).toBe(409);
      expect((await admin.api.post('/api/service/open311-keys/999999/revoke')).status).toBe(404);
      expect((await staff.api.get('/api/service/open311-keys')).status).toBe(403);
      expect((await staff.api.post(`/api/service/open311-keys/${issued.body.id}/revoke`)).status).toBe(403);
      expect((await admin.api.post('/api/service/open311-keys', { name: '' })).body.fields.name).toBeDefined();
      const audit = await ds.query("SELECT action FROM audit_logs WHERE entityType = 'open311_key' AND entityId = ? ORDER BY id", [String(issued.body.id)]);
      expect(audit.map((a: any) => a.action)).toEqual(['open311_key.issue', 'open311_key.revoke']);
    });
  });

  describe('the export', () => {
    const rowsOf = async (res: Response) => {
      expect(res.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
      const ws = wb.getWorksheet('工单')!;
      const header = (ws.getRow(1).values as any[]).slice(1);
      const rows: Record<string, string>[] = [];
      ws.eachRow((r, i) => {
        if (i > 1) rows.push(Object.fromEntries(header.map((h, j) => [h, String(r.getCell(j + 1).value ?? '')])));
      });
      return rows;
    };

    it('should export with the queue’s filters — community, category, status — and a period', async () => {
      const today = shanghaiDate(new Date());
      const hy2 = await community('漕湖花园二社区');
      const sanitation = categories.find((c) => c.code === 'sanitation');
      const all = await rowsOf(await staff.api.raw('/api/service/tickets/export.xlsx'));
      expect(all.length).toBeGreaterThan(5);
      const some = await rowsOf(await staff.api.raw(`/api/service/tickets/export.xlsx?communityId=${hy2.id}&categoryId=${sanitation.id}&status=dispatched&from=${today}&to=${today}`));
      expect(some.length).toBeGreaterThan(0);
      expect(some.length).toBeLessThan(all.length);
      expect(some.every((r) => r['社区'] === '漕湖花园二社区' && r['分类'] === '环境卫生' && r['状态'] === '已派单')).toBe(true);
      expect(await rowsOf(await staff.api.raw('/api/service/tickets/export.xlsx?from=2020-01-01&to=2020-01-31'))).toEqual([]);
      const triaged = await rowsOf(await admin.api.raw('/api/service/tickets/export.xlsx?status=rejected'));
      expect(triaged.some((r) => r['社区'] === '街道分拣' && r['点位'] === '按坐标定位')).toBe(true);
      const wrong = await staff.api.get(`/api/service/tickets/export.xlsx?from=${today}&to=2020-01-01`);
      expect(wrong.status).toBe(422);
      expect(wrong.body.fields.from).toBeDefined();
      expect((await staff.api.get('/api/service/tickets/export.xlsx?from=yesterday')).status).toBe(422);
      const [villageStaff] = await makeUsers(t, 1, ['staff']);
      await ds.getRepository(StaffCommunity).insert({ userId: villageStaff.user.id, communityId: (await community('卫星村')).id });
      expect((await villageStaff.api.get(`/api/service/tickets/export.xlsx?communityId=${hy2.id}`)).status).toBe(422);
      const audit = (await ds.query("SELECT data FROM audit_logs WHERE action = 'ticket.export' ORDER BY id")).map((r: any) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data));
      expect(audit).toContainEqual(expect.objectContaining({ communityId: hy2.id, categoryId: sanitation.id, status: 'dispatched', from: today, to: today, rows: some.length }));
    });
  });
});
