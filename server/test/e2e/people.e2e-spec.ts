import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/clock';
import { AuditLog } from '../../src/modules/audit/audit-log.entity';
import { Notification } from '../../src/modules/notifications/notification.entities';
import { User } from '../../src/modules/users/user.entity';
import { makeUsers } from '../factories/users.factory';
import { client, Client } from '../utils/http';
import { startTestApp, TestApp } from '../utils/test-app';

/**
 * People and roles from an empty map: the admin builds a street, staff are invited and accept through a WeChat
 * login, they invite a grid worker, residents complete their profile and apply to volunteer. Invites are single
 * use, expire and can be revoked; a removed role stops working on the very next request of a token already issued.
 */
describe('people and roles (e2e)', () => {
  let t: TestApp;
  let admin: Client;
  let ds: DataSource;
  const ids: { street: number; a: number; b: number; gridA: number; gridB: number } = {} as any;
  let n = 0;
  /** the staff member invited in the second test, with the token of their WeChat login */
  let chen: { id: number; api: Client };

  async function wechat(who: string) {
    const res = await client(t.url).post('/api/auth/wechat-login', { code: `${who}.${++n}` });
    expect(res.status).toBe(200);
    return { id: res.body.user.id as number, token: res.body.accessToken as string, api: client(t.url, res.body.accessToken) };
  }

  async function invite(by: Client, body: Record<string, unknown>) {
    const res = await by.post('/api/invites', body);
    expect(res.status).toBe(201);
    return res.body as { id: number; code: string; qr: string; status: string };
  }

  beforeAll(async () => {
    t = await startTestApp({}, { seed: false });
    ds = t.get(DataSource);
    const [a] = await makeUsers(t, 1, ['admin', 'staff'], { openid: null, name: '管理员' });
    admin = a.api;
    const street = await admin.post('/api/places/streets', { name: '漕湖街道', district: '相城区' });
    expect(street.status).toBe(201);
    ids.street = street.body.id;
    for (const [key, name] of [['a', '花苑社区'], ['b', '新村社区']] as const) {
      const c = await admin.post('/api/places/communities', { streetId: ids.street, name, kind: 'community' });
      expect(c.status).toBe(201);
      ids[key] = c.body.id;
    }
    ids.gridA = (await admin.post('/api/places/grids', { communityId: ids.a, name: '一网格' })).body.id;
    ids.gridB = (await admin.post('/api/places/grids', { communityId: ids.b, name: '一网格' })).body.id;
  });
  afterAll(() => t?.close());

  it('should let the admin build the map with coordinates, and page a grid\'s points and stickers', async () => {
    for (let i = 1; i <= 23; i++) {
      const p = await admin.post('/api/places/points', { gridId: ids.gridA, name: `${i}幢`, kind: 'building', address: `花苑路${i}号`, lat: 31.45 + i / 1000, lng: 120.55 });
      expect(p.status).toBe(201);
    }
    const first = await admin.get(`/api/places/points?gridId=${ids.gridA}`);
    expect(first.body.items).toHaveLength(20);
    expect(first.body.items[0]).toMatchObject({ name: '1幢', lat: 31.451, lng: 120.55, active: true });
    const second = await admin.get(`/api/places/points?gridId=${ids.gridA}&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((p: any) => p.name)).toEqual(['21幢', '22幢', '23幢']);
    expect(second.body.nextCursor).toBeNull();
    const sheet = await admin.get(`/api/places/sheet?gridId=${ids.gridA}`);
    expect(sheet.body.items).toHaveLength(12);
    expect(sheet.body.items[0].qr).toMatch(/^data:image\/png;base64,/);
    expect(sheet.body.nextCursor).not.toBeNull();
    // only one of the two coordinates, or a reserved prefix, is refused naming the field
    const half = await admin.post('/api/places/points', { gridId: ids.gridA, name: '半个', kind: 'building', lat: 31.4 });
    expect(half.status).toBe(422);
    expect(Object.keys(half.body.fields)).toEqual(['lng']);
    const reserved = await admin.post('/api/places/points', { gridId: ids.gridA, name: '邀请', kind: 'building', scene: 'i.abcdefgh' });
    expect(reserved.status).toBe(422);
    expect(Object.keys(reserved.body.fields)).toEqual(['scene']);
    // retire a sticker: its code no longer resolves
    const p = first.body.items[0];
    expect((await admin.patch(`/api/places/points/${p.id}`, { active: false, name: '1幢（拆除）' })).body).toMatchObject({ active: false, name: '1幢（拆除）' });
    expect((await client(t.url).get(`/api/places/scene/${p.scene}`)).status).toBe(404);
    const audit = await ds.getRepository(AuditLog).find({ where: { action: 'point.update' } });
    expect(audit).toHaveLength(1);
    expect(await ds.getRepository(AuditLog).count({ where: { action: 'street.create' } })).toBe(1);
  });

  it('should make a staff member by invite, single use, and scope what they may invite', async () => {
    const inv = await invite(admin, { role: 'staff', communityId: ids.a, note: '陈主任' });
    expect(inv.code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(inv.qr).toMatch(/^data:image\/png;base64,/);
    expect(inv.status).toBe('open');
    chen = await wechat('chen');
    // before: a resident, and the staff routes refuse
    expect((await chen.api.get('/api/places/tree')).status).toBe(403);
    const preview = await chen.api.post('/api/invites/preview', { code: inv.code.toLowerCase() });
    expect(preview.body).toMatchObject({ roleLabel: '工作人员', target: '花苑社区', status: 'open', alreadyHeld: false });
    // typed on a phone: capitalised, with a full-width hyphen
    const typed = inv.code.slice(0, 4) + '－' + inv.code.slice(5).toLowerCase();
    const accepted = await chen.api.post('/api/invites/accept', { code: typed });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user.roles).toEqual(expect.arrayContaining(['resident', 'staff']));
    expect(accepted.body.user.communities).toEqual([{ id: ids.a, name: '花苑社区' }]);
    // the same token, no new login: the role works on the next request
    const tree = await chen.api.get('/api/places/tree');
    expect(tree.status).toBe(200);
    expect(tree.body[0].communities.map((c: any) => c.name)).toEqual(['花苑社区']);
    // single use
    const other = await wechat('zhou');
    const again = await other.api.post('/api/invites/accept', { code: inv.code });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVITE_USED');
    expect((await admin.get('/api/invites?status=used')).body.items.map((i: any) => i.usedBy)).toContain('微信用户');
    // scope: staff of 花苑 cannot invite for 新村, nor make an admin; a resident cannot invite at all
    const wrongGrid = await chen.api.post('/api/invites', { role: 'grid_worker', gridId: ids.gridB });
    expect(wrongGrid.status).toBe(403);
    const wrongRole = await chen.api.post('/api/invites', { role: 'admin', communityId: ids.a });
    expect(wrongRole.status).toBe(422);
    expect(Object.keys(wrongRole.body.fields)).toEqual(['role']);
    expect(wrongRole.body.fields.role[0]).toMatch(/身份/);
    expect((await other.api.post('/api/invites', { role: 'volunteer' })).status).toBe(403);
    const noGrid = await chen.api.post('/api/invites', { role: 'grid_worker' });
    expect(noGrid.status).toBe(422);
    expect(Object.keys(noGrid.body.fields)).toEqual(['gridId']);
    // audited: create and accept, and the grant
    expect(await ds.getRepository(AuditLog).count({ where: { action: 'invite.accept', entityId: String(inv.id) } })).toBe(1);
    expect(await ds.getRepository(AuditLog).count({ where: { action: 'user.grant_role', entityId: String(chen.id) } })).toBe(1);
    // the inviter is told
    const [adminRow] = await ds.getRepository(User).find({ where: { name: '管理员' } });
    expect(await ds.getRepository(Notification).count({ where: { userId: adminRow.id, kind: 'invite.accepted' } })).toBe(1);
  });

  it('should refuse an expired, a revoked and an unknown invite with a clear reason, and a password account', async () => {
    const short = await invite(admin, { role: 'volunteer', communityId: ids.a, expiresInDays: 1 });
    const revoked = await invite(admin, { role: 'volunteer', communityId: ids.a });
    const r = await admin.post(`/api/invites/${revoked.id}/revoke`);
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('revoked');
    expect((await admin.post(`/api/invites/${revoked.id}/revoke`)).status).toBe(410);
    const someone = await wechat('late');
    const rev = await someone.api.post('/api/invites/accept', { code: revoked.code });
    expect(rev.status).toBe(410);
    expect(rev.body.code).toBe('INVITE_REVOKED');
    t.get(Clock).advance(25 * 3600 * 1000);
    try {
      const exp = await someone.api.post('/api/invites/accept', { code: short.code });
      expect(exp.status).toBe(410);
      expect(exp.body.code).toBe('INVITE_EXPIRED');
      expect(exp.body.message).toMatch(/过期/);
      expect((await admin.get('/api/invites?status=expired')).body.items.map((i: any) => i.id)).toContain(short.id);
    } finally {
      t.get(Clock).reset();
    }
    const unknown = await someone.api.post('/api/invites/accept', { code: 'ZZZZ-ZZZZ' });
    expect(unknown.status).toBe(404);
    const junk = await someone.api.post('/api/invites/accept', { code: '不是邀请码' });
    expect(junk.status).toBe(404);
    expect(junk.body.fields.code[0]).toMatch(/8 位/);
    const open = await invite(admin, { role: 'volunteer', communityId: ids.a });
    const [pw] = await makeUsers(t, 1, ['resident'], { openid: null, username: 'pw-user' });
    const noWechat = await pw.api.post('/api/invites/accept', { code: open.code });
    expect(noWechat.status).toBe(403);
    expect(noWechat.body.code).toBe('INVITE_NEEDS_WECHAT');
  });

  it('should let staff invite a grid worker who then serves the grid, and removing the role stops the old token at once', async () => {
    const inv = await invite(chen.api, { role: 'grid_worker', gridId: ids.gridA });
    const wang = await wechat('wang');
    expect((await wang.api.get('/api/service/tickets/worker')).status).toBe(403);
    expect((await wang.api.post('/api/invites/accept', { code: inv.code })).status).toBe(200);
    expect((await wang.api.get('/api/service/tickets/worker')).status).toBe(200);
    expect((await client(t.url).get(`/api/places/points?gridId=${ids.gridA}`)).status).toBe(401);
    const people = await chen.api.get('/api/people?role=grid_worker');
    expect(people.body.items).toHaveLength(1);
    expect(people.body.items[0]).toMatchObject({ id: wang.id, grids: [{ id: ids.gridA, name: '花苑社区 · 一网格' }], removable: ['grid_worker'] });
    // staff of the other community see nobody of 花苑, and cannot take the role away
    const [otherStaff] = await makeUsers(t, 1, ['staff']);
    await ds.query('INSERT INTO staff_communities (userId, communityId) VALUES (?, ?)', [otherStaff.user.id, ids.b]);
    expect((await otherStaff.api.get('/api/people?role=grid_worker')).body.items).toEqual([]);
    expect((await otherStaff.api.post(`/api/people/${wang.id}/remove-role`, { role: 'grid_worker' })).status).toBe(404);
    const removed = await chen.api.post(`/api/people/${wang.id}/remove-role`, { role: 'grid_worker', reason: '调岗' });
    expect(removed.status).toBe(200);
    expect(removed.body.roles).not.toContain('grid_worker');
    // the token wang already holds, on his very next request
    expect((await wang.api.get('/api/service/tickets/worker')).status).toBe(403);
    expect((await ds.query('SELECT workerId FROM grids WHERE id = ?', [ids.gridA]))[0].workerId).toBeNull();
    expect(await ds.getRepository(Notification).count({ where: { userId: wang.id, kind: 'role.removed' } })).toBe(1);
    const audit = await ds.getRepository(AuditLog).findOneByOrFail({ action: 'user.remove_role', entityId: String(wang.id) });
    expect(audit.reason).toBe('调岗');
    // and a staff member removed by the admin loses the console with the token they hold
    expect((await chen.api.get('/api/places/tree')).status).toBe(200);
    expect((await admin.post(`/api/people/${chen.id}/remove-role`, { role: 'staff' })).status).toBe(200);
    expect((await chen.api.get('/api/places/tree')).status).toBe(403);
    expect((await chen.api.post('/api/invites', { role: 'volunteer' })).status).toBe(403);
  });

  it('should let a resident complete the profile, apply to volunteer as a party member, and be told the decision', async () => {
    const br = await admin.post('/api/branches', { name: '花苑社区第一党支部', communityId: ids.a });
    expect(br.status).toBe(201);
    const li = await wechat('li');
    expect((await li.api.get('/api/me')).body.profileMissing).toEqual(['name', 'communityId', 'building']);
    const early = await li.api.post('/api/applications', { isPartyMember: true, branchId: br.body.id });
    expect(early.status).toBe(422);
    expect(Object.keys(early.body.fields)).toEqual(['communityId']);
    const badName = await li.api.patch('/api/me', { name: '微信用户' });
    expect(badName.status).toBe(422);
    expect(badName.body.fields.name[0]).toMatch(/称呼/);
    const tooLong = await li.api.patch('/api/me', { name: '李'.repeat(21) });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.fields.name[0]).toMatch(/1–20/);
    const me = await li.api.patch('/api/me', { name: '李建国', communityId: ids.a, building: '3幢201' });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ name: '李建国', communityName: '花苑社区', building: '3幢201', profileMissing: [] });
    const options = await li.api.get('/api/places/communities');
    expect(options.body.map((c: any) => c.name)).toEqual(['花苑社区', '新村社区']);
    expect((await li.api.get('/api/branches')).body.map((b: any) => b.name)).toEqual(['花苑社区第一党支部']);
    expect((await li.api.post('/api/branches', { name: '私设支部' })).status).toBe(403);

    const app = await li.api.post('/api/applications', { isPartyMember: true, branchId: br.body.id, note: '退休教师，周末有空' });
    expect(app.status).toBe(201);
    expect(app.body).toMatchObject({ status: 'pending', branch: '花苑社区第一党支部', actions: [{ action: 'withdraw' }] });
    expect((await li.api.post('/api/applications', { isPartyMember: false })).status).toBe(409);
    // staff of another community neither see nor decide it
    const [otherStaff] = await makeUsers(t, 1, ['staff']);
    await ds.query('INSERT INTO staff_communities (userId, communityId) VALUES (?, ?)', [otherStaff.user.id, ids.b]);
    expect((await otherStaff.api.get('/api/applications?status=pending')).body.items).toEqual([]);
    expect((await otherStaff.api.post(`/api/applications/${app.body.id}/actions/approve`, {})).status).toBe(404);
    // a staff member of 花苑 decides: a refusal needs a reason
    const [staffA] = await makeUsers(t, 1, ['staff']);
    await ds.query('INSERT INTO staff_communities (userId, communityId) VALUES (?, ?)', [staffA.user.id, ids.a]);
    const listed = await staffA.api.get('/api/applications?status=pending');
    expect(listed.body.items.map((a: any) => a.applicant.name)).toEqual(['李建国']);
    expect(listed.body.items[0].actions.map((a: any) => a.action)).toEqual(['approve', 'refuse']);
    const noReason = await staffA.api.post(`/api/applications/${app.body.id}/actions/refuse`, {});
    expect(noReason.status).toBe(422);
    expect(Object.keys(noReason.body.fields)).toEqual(['reason']);
    const ok = await staffA.api.post(`/api/applications/${app.body.id}/actions/approve`, {});
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('approved');
    expect((await staffA.api.post(`/api/applications/${app.body.id}/actions/refuse`, { reason: '晚了' })).status).toBe(409);
    const after = await li.api.get('/api/me');
    expect(after.body).toMatchObject({ isPartyMember: true, branch: '花苑社区第一党支部' });
    expect(after.body.roles).toContain('volunteer');
    expect(await ds.getRepository(Notification).count({ where: { userId: li.id, kind: 'application.approved' } })).toBe(1);
    expect((await admin.get('/api/branches')).body[0].members).toBe(1);

    // a refused one carries the reason to the resident
    const zhao = await wechat('zhao');
    await zhao.api.patch('/api/me', { name: '赵大姐', communityId: ids.a, building: '5幢' });
    const z = await zhao.api.post('/api/applications', { isPartyMember: false });
    const refused = await staffA.api.post(`/api/applications/${z.body.id}/actions/refuse`, { reason: '请先参加一次志愿者培训' });
    expect(refused.body).toMatchObject({ status: 'refused', reason: '请先参加一次志愿者培训' });
    const note = await ds.getRepository(Notification).findOneByOrFail({ userId: zhao.id, kind: 'application.refused' });
    expect(note.body).toMatch(/志愿者培训/);
    expect((await zhao.api.get('/api/applications/mine')).body.status).toBe('refused');
    expect((await zhao.api.get('/api/me')).body.roles).toEqual(['resident']);
  });

  it('should give a party-member volunteer invite its branch, and list people with masked phones', async () => {
    const branches = (await admin.get('/api/branches')).body;
    const inv = await invite(admin, { role: 'volunteer', communityId: ids.a, isPartyMember: true, branchId: branches[0].id });
    const sun = await wechat('sun');
    expect((await sun.api.post('/api/invites/accept', { code: inv.code })).status).toBe(200);
    const me = (await sun.api.get('/api/me')).body;
    expect(me).toMatchObject({ isPartyMember: true, branch: branches[0].name, communityId: ids.a });
    await ds.query('UPDATE users SET phone = ? WHERE id = ?', ['13912345678', sun.id]);
    const vols = await admin.get(`/api/people?role=volunteer&communityId=${ids.a}&q=5678`);
    expect(vols.body.items.map((p: any) => p.id)).toEqual([sun.id]);
    expect(vols.body.items[0].phone).toBe('139****5678');
    // the branch's members, and one of them made its secretary
    const members = await admin.get(`/api/people?role=volunteer&branchId=${branches[0].id}`);
    expect(members.body.items.map((p: any) => p.name).sort()).toEqual(['李建国', '微信用户'].sort());
    const appointed = await admin.patch(`/api/branches/${branches[0].id}`, { name: branches[0].name, communityId: ids.a, secretaryId: sun.id });
    expect(appointed.body.secretary).toEqual({ id: sun.id, name: '微信用户' });
    const notParty = await wechat('notparty');
    const refusedSecretary = await admin.patch(`/api/branches/${branches[0].id}`, { name: branches[0].name, secretaryId: notParty.id });
    expect(refusedSecretary.status).toBe(422);
    expect(Object.keys(refusedSecretary.body.fields)).toEqual(['secretaryId']);
    const noBranch = await admin.post('/api/invites', { role: 'volunteer', isPartyMember: true });
    expect(noBranch.status).toBe(422);
    expect(Object.keys(noBranch.body.fields)).toEqual(['branchId']);
  });

  it('should file a matter with the phone the resident bound, and ask one who has none to give a number', async () => {
    const scene = (await admin.get(`/api/places/points?gridId=${ids.gridA}&cursor=1`)).body.items[0].scene;
    const [category] = (await client(t.url).get('/api/service/categories')).body;
    const bound = await wechat('bound');
    await ds.query('UPDATE users SET phone = ? WHERE id = ?', ['13700007777', bound.id]);
    const filed = await bound.api.post('/api/service/tickets', { scene, categoryId: category.id, description: '楼道灯不亮', contactName: '钱阿姨' });
    expect(filed.status).toBe(201);
    expect((await ds.query('SELECT contactPhone FROM tickets WHERE id = ?', [filed.body.id]))[0].contactPhone).toBe('13700007777');
    const unbound = await wechat('unbound');
    const refused = await unbound.api.post('/api/service/tickets', { scene, categoryId: category.id, description: '楼道灯不亮', contactName: '孙伯伯' });
    expect(refused.status).toBe(422);
    expect(Object.keys(refused.body.fields)).toEqual(['contactPhone']);
    const nul = await unbound.api.post('/api/service/tickets', { scene, categoryId: category.id, description: '楼道灯不亮', contactName: '孙伯伯', contactPhone: null });
    expect(nul.status).toBe(422);
  });
});
