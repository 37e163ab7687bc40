import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { shanghaiDate } from '@linli/domain';
import { Clock } from '../../src/common/clock';
import { AuditLog } from '../../src/modules/audit/audit-log.entity';
import { LedgerService } from '../../src/modules/ledger/ledger.service';
import { Branch } from '../../src/modules/people/people.entities';
import { Grid } from '../../src/modules/places/place.entities';
import { StaffCommunity, User } from '../../src/modules/users/user.entity';
import { makeUsers } from '../factories/users.factory';
import { Client, demoLogin } from '../utils/http';
import { startTestApp, TestApp } from '../utils/test-app';

const DAY = 24 * 3600_000;

/**
 * The volunteer ledger beyond one's own hours: the 支部 view for a branch's secretary and for staff, staff's list of
 * volunteers and one volunteer's record, corrections, the ID number, and who may download a 志愿服务记录.
 */
describe('志愿服务记录 over HTTP', () => {
  let t: TestApp;
  let ds: DataSource;
  let clock: Clock;
  let staff: Client;
  let gw: Client;
  let communityId: number;
  let otherCommunityId: number;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.get(DataSource);
    clock = t.get(Clock);
    staff = (await demoLogin(t.url, 'staff')).api;
    const g = await demoLogin(t.url, 'grid_worker');
    gw = g.api;
    communityId = g.user.grids[0].communityId;
    otherCommunityId = (await ds.getRepository(Grid).findOneOrFail({ where: { name: '南片区网格' } })).communityId;
  });
  afterAll(async () => t?.close());

  /** A party member (volunteer) of `branch`, living in `community`. */
  async function member(branch: string | null, community = communityId) {
    const [m] = await makeUsers(t, 1, ['resident', 'volunteer'], { isPartyMember: !!branch, branch, communityId: community } as Partial<User>);
    return m;
  }

  async function staffOf(community: number) {
    const [s] = await makeUsers(t, 1, ['staff']);
    await ds.getRepository(StaffCommunity).insert({ userId: s.user.id, communityId: community });
    return s;
  }

  async function photo(api: Client): Promise<number> {
    const jpeg = await sharp({ create: { width: 20, height: 20, channels: 3, background: { r: 200, g: 90, b: 90 } } }).jpeg().toBuffer();
    const f = new FormData();
    f.append('file', new Blob([jpeg], { type: 'image/jpeg' }), 'proof.jpg');
    return (await api.post('/api/uploads', f)).body.id;
  }

  /** A wish in the grid worker's community, taken through the whole flow to 已圆梦 by `volunteer`. */
  async function fulfilledBy(volunteer: Client, title: string) {
    const w = await gw.post('/api/wishes', {
      communityId,
      beneficiary: { name: '周桂英', gender: 'female', ageGroup: 'elder', building: '六区3幢', phone: '13800001111', situation: '独居' },
      title,
      story: '奶奶腿脚不便，想请人帮忙。',
      type: 'service',
      estimatedValue: 50,
      wishBy: shanghaiDate(new Date(clock.now().getTime() + 30 * DAY)),
    });
    expect(w.status).toBe(201);
    expect((await staff.post(`/api/wishes/${w.body.id}/actions/publish`, {})).status).toBe(201);
    expect((await volunteer.post(`/api/wishes/${w.body.id}/actions/claim`)).status).toBe(201);
    expect((await volunteer.post(`/api/wishes/${w.body.id}/actions/fulfil`, { photoIds: [await photo(volunteer)], note: '已帮忙完成' })).status).toBe(201);
    expect((await gw.post(`/api/wishes/${w.body.id}/actions/confirm`)).status).toBe(201);
    return w.body.id as number;
  }

  describe('支部党员认领', () => {
    it('should show a branch secretary every member of their branch with hours and fulfilled wishes, and nobody else', async () => {
      const branch = `测试第${++n}党支部`;
      const secretary = await member(branch);
      const active = await member(branch);
      const quiet = await member(branch);
      const outsider = await member(`别的党支部${n}`);
      await ds.getRepository(Branch).insert({ name: branch, communityId, secretaryId: secretary.user.id });
      const wish = await fulfilledBy(active.api, '陪奶奶去医院复查');
      await fulfilledBy(outsider.api, '帮爷爷修收音机');
      await t.get(LedgerService).credit(ds.manager, { userId: quiet.user.id, source: 'activity', sourceId: `t-${n}`, content: '志愿服务：测试', hours: 1.5, points: 0, confirmedBy: null, organisation: '测试', communityId });

      const report = await secretary.api.get('/api/ledger/branches');
      expect(report.status).toBe(200);
      expect(report.body.viewer).toBe('secretary');
      expect(report.body.branches.map((b: any) => b.branch)).toEqual([branch]);
      const [b] = report.body.branches;
      expect(b).toMatchObject({ wishCount: 1 });
      const byId = new Map(b.members.map((m: any) => [m.userId, m]));
      expect([...byId.keys()].sort()).toEqual([secretary.user.id, active.user.id, quiet.user.id].sort());
      expect(byId.get(active.user.id)).toMatchObject({ wishes: [{ id: wish, title: '陪奶奶去医院复查' }] });
      expect((byId.get(active.user.id) as any).hours).toBeGreaterThan(0);
      expect(byId.get(quiet.user.id)).toMatchObject({ hours: 1.5, wishes: [] });
      expect(b.hours).toBe(Math.round(((byId.get(active.user.id) as any).hours + 1.5) * 100) / 100);
      expect(report.text).not.toContain('帮爷爷修收音机');

      // A member who is not the secretary, and a resident, are refused; the secretary does not pick communities.
      expect((await active.api.get('/api/ledger/branches')).status).toBe(403);
      expect((await (await makeUsers(t, 1))[0].api.get('/api/ledger/branches')).status).toBe(403);
      const picked = await secretary.api.get(`/api/ledger/branches?communityId=${communityId}`);
      expect([picked.status, Object.keys(picked.body.fields)]).toEqual([422, ['communityId']]);
      // The secretary reads a member's record, but cannot correct or download it.
      const record = await secretary.api.get(`/api/ledger/volunteers/${quiet.user.id}`);
      expect(record.status).toBe(200);
      expect(record.body).toMatchObject({ canCorrect: false, canExport: false, totals: { hours: 1.5 } });
      expect((await secretary.api.get(`/api/ledger/volunteers/${outsider.user.id}`)).status).toBe(403);
      expect((await secretary.api.raw(`/api/ledger/export.xlsx?userId=${quiet.user.id}`)).status).toBe(403);

      // Staff of the community see both branches, with the members' hours.
      const forStaff = await staff.get(`/api/ledger/branches?communityId=${communityId}`);
      expect(forStaff.body.viewer).toBe('staff');
      const mine = forStaff.body.branches.find((x: any) => x.branch === branch);
      expect(mine.members.map((m: any) => m.userId)).toEqual([active.user.id]);
      expect(mine.members[0].hours).toBe((byId.get(active.user.id) as any).hours);
      expect(forStaff.body.branches.some((x: any) => x.branch === `别的党支部${n}`)).toBe(true);
    });
  });

  describe('staff and a volunteer’s record', () => {
    it('should list the volunteers of the staff member’s communities by name, with hours, and refuse others', async () => {
      const here = await member(null);
      const there = await member(null, otherCommunityId);
      await ds.getRepository(User).update({ id: here.user.id }, { name: `志愿者甲${n}` });
      const local = await staffOf(communityId);
      const list = await local.api.get(`/api/ledger/volunteers?q=${encodeURIComponent(`志愿者甲${n}`)}`);
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([expect.objectContaining({ userId: here.user.id, name: `志愿者甲${n}`, hours: 0, communityName: '漕湖花园二社区' })]);
      expect(list.body.items[0].phone).toMatch(/^\d{3}\*{4}\d{4}$/);
      const all = await local.api.get('/api/ledger/volunteers');
      expect(all.body.items.map((i: any) => i.userId)).not.toContain(there.user.id);
      expect((await local.api.get(`/api/ledger/volunteers?communityId=${otherCommunityId}`)).status).toBe(403);
      expect((await here.api.get('/api/ledger/volunteers')).status).toBe(403);
      const hostile = await local.api.get('/api/ledger/volunteers?q=%25%25&cursor=abc');
      expect([hostile.status, Object.keys(hostile.body.fields)]).toEqual([422, ['cursor']]);
      const wild = await local.api.get('/api/ledger/volunteers?q=%25_');
      expect(wild.status).toBe(200);
    });

    it('should let staff of the volunteer’s community read and correct the record, with a reason, and nobody else', async () => {
      const v = await member(null);
      await fulfilledBy(v.api, '给爷爷送米面油');
      const local = await staffOf(communityId);
      const far = await staffOf(otherCommunityId);
      const record = await local.api.get(`/api/ledger/volunteers/${v.user.id}`);
      expect(record.status).toBe(200);
      expect(record.body).toMatchObject({ canCorrect: true, canExport: true, volunteer: { userId: v.user.id, idNumber: null } });
      const entry = record.body.items[0];
      expect((await far.api.get(`/api/ledger/volunteers/${v.user.id}`)).status).toBe(403);
      expect((await v.api.get(`/api/ledger/volunteers/${v.user.id}`)).status).toBe(403);

      const noReason = await local.api.post('/api/ledger/corrections', { entryId: entry.id, hours: -1, reason: ' ' });
      expect([noReason.status, Object.keys(noReason.body.fields)]).toEqual([422, ['reason']]);
      const zero = await local.api.post('/api/ledger/corrections', { entryId: entry.id, hours: 0, reason: '没有变化' });
      expect([zero.status, Object.keys(zero.body.fields)]).toEqual([422, ['hours']]);
      const hostile = await local.api.post('/api/ledger/corrections', { entryId: 'x', hours: '很多', reason: 5 });
      expect(hostile.status).toBe(422);
      expect(Object.keys(hostile.body.fields).sort()).toEqual(['entryId', 'hours', 'reason']);
      expect((await far.api.post('/api/ledger/corrections', { entryId: entry.id, hours: -1, reason: '重复记录' })).status).toBe(403);
      const fixed = await local.api.post('/api/ledger/corrections', { entryId: entry.id, hours: -0.5, reason: '实际服务时间较短' });
      expect(fixed.status).toBe(201);
      expect(fixed.body.totals.hours).toBe(entry.hours - 0.5);
      const after = await local.api.get(`/api/ledger/volunteers/${v.user.id}`);
      expect(after.body.items[0]).toMatchObject({ source: 'correction', hours: -0.5, correctsEntryId: entry.id, content: expect.stringContaining('实际服务时间较短') });
      const again = await local.api.post('/api/ledger/corrections', { entryId: after.body.items[0].id, hours: 0.5, reason: '更正的更正' });
      expect([again.status, Object.keys(again.body.fields)]).toEqual([422, ['entryId']]);
      const audit = await ds.getRepository(AuditLog).find({ where: { action: 'ledger.correct', entityId: String(entry.id) } });
      expect(audit).toEqual([expect.objectContaining({ actorId: local.user.id, reason: '实际服务时间较短' })]);
    });
  });

  describe('downloading a 志愿服务记录', () => {
    it('should let the volunteer, staff of their community and the admin download it, refuse others, and take no token in the URL', async () => {
      const v = await member(null);
      await fulfilledBy(v.api, '帮奶奶买药');
      const [other] = await makeUsers(t, 1, ['volunteer']);
      const local = await staffOf(communityId);
      const far = await staffOf(otherCommunityId);
      const admin = await demoLogin(t.url, 'admin');
      const get = (api: Client) => api.raw(`/api/ledger/export.xlsx?userId=${v.user.id}`);
      expect((await get(v.api)).status).toBe(200);
      const forStaff = await get(local.api);
      expect(forStaff.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await forStaff.arrayBuffer()) as any);
      const names: string[] = [];
      wb.getWorksheet('志愿服务记录')!.eachRow((r) => names.push(String(r.getCell(2).value)));
      expect(names).toContain(v.user.name);
      expect((await get(admin.api)).status).toBe(200);
      expect((await get(far.api)).status).toBe(403);
      expect((await get(other.api)).status).toBe(403);
      expect((await other.api.raw('/api/ledger/export.xlsx?userId=999999')).status).toBe(403); // a stranger learns nothing
      const exported = await ds.getRepository(AuditLog).count({ where: { action: 'ledger.export', entityId: String(v.user.id), actorId: local.user.id } });
      expect(exported).toBe(1);
      // A login token in the URL is not a way in.
      const bare = await fetch(`${t.url}/api/ledger/export.xlsx?token=${encodeURIComponent(v.token)}`);
      expect(bare.status).not.toBe(200);
    });
  });

  describe('the ID number for the 67号令 record', () => {
    it('should check the number, keep only its mask, show the mask on my ledger and in the record, and audit it', async () => {
      const v = await member(null);
      const bad = await v.api.post('/api/ledger/me/id-number', { idNumber: '320507199001011234' });
      expect([bad.status, Object.keys(bad.body.fields)]).toEqual([422, ['idNumber']]);
      expect(bad.body.fields.idNumber[0]).toContain('校验位');
      const badDate = await v.api.post('/api/ledger/me/id-number', { idNumber: '320507199013011236' });
      expect(badDate.status).toBe(422);
      const short = await v.api.post('/api/ledger/me/id-number', { idNumber: 12345 });
      expect([short.status, Object.keys(short.body.fields)]).toEqual([422, ['idNumber']]);
      const ok = await v.api.post('/api/ledger/me/id-number', { idNumber: ' 32050719900101105x ' });
      expect([ok.status, ok.body]).toEqual([201, { idNumber: '3205**********105X' }]);
      const mine = await v.api.get('/api/ledger/me');
      expect(mine.body).toMatchObject({ idNumber: '3205**********105X', secretaryOf: [] });
      const local = await staffOf(communityId);
      expect((await local.api.get(`/api/ledger/volunteers/${v.user.id}`)).body.volunteer.idNumber).toBe('3205**********105X');
      const stored = await ds.query('SELECT idNumberMasked FROM wish_volunteers WHERE userId = ?', [v.user.id]);
      expect(stored).toEqual([{ idNumberMasked: '3205**********105X' }]);
      const audit = await ds.getRepository(AuditLog).find({ where: { action: 'ledger.id_number', entityId: String(v.user.id) } });
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit)).not.toContain('32050719900101105');
    });
  });
});
