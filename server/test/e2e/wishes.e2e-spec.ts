import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { shanghaiDate } from '@linli/domain';
import { Clock } from '../../src/common/clock';
import { TransactionService } from '../../src/database/transaction.service';
import { JobsService } from '../../src/modules/jobs/jobs.service';
import { Grid } from '../../src/modules/places/place.entities';
import { Wish, WishEvent, WishVolunteer } from '../../src/modules/wishes/wish.entities';
import { WISH_EXPIRY_JOB, WISH_LAPSE_JOB } from '../../src/modules/wishes/wishes.jobs';
import { Notification } from '../../src/modules/notifications/notification.entities';
import { makeUsers } from '../factories/users.factory';
import { unknownNotificationLinks } from '../utils/app-pages';
import { client, Client, demoLogin } from '../utils/http';
import { startTestApp, TestApp } from '../utils/test-app';

const DAY = 24 * 3600_000;
const SECRET = { name: '王秀英', phone: '13800009999', building: '六区12幢301室', situation: '独居，腿脚不便，低保户' };

function expectNoBeneficiary(text: string) {
  expect(text).not.toContain(SECRET.name);
  expect(text).not.toContain(SECRET.phone);
  expect(text).not.toContain(SECRET.building);
  expect(text).not.toContain(SECRET.situation);
}

async function photo(api: Client): Promise<number> {
  const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 90, g: 160, b: 90 } } }).jpeg().toBuffer();
  const f = new FormData();
  f.append('file', new Blob([jpeg], { type: 'image/jpeg' }), 'proof.jpg');
  const res = await api.post('/api/uploads', f);
  expect(res.status).toBe(201);
  return res.body.id;
}

describe('微心愿 over HTTP', () => {
  let t: TestApp;
  let clock: Clock;
  let jobs: JobsService;
  let ds: DataSource;
  let staff: Client;
  let gw: Client;
  let vol: Client;
  let volUserId: number;
  let communityId: number;
  let otherCommunityId: number;

  const wishBy = (days = 60) => shanghaiDate(new Date(clock.now().getTime() + days * DAY));

  async function recordWish(over: Record<string, unknown> = {}) {
    const res = await gw.post('/api/wishes', {
      communityId,
      beneficiary: { ...SECRET, gender: 'female', ageGroup: 'elder' },
      title: '想要一台收音机',
      story: '奶奶一个人住，平时喜欢听评弹，家里的收音机坏了。',
      type: 'goods',
      estimatedValue: 120,
      wishBy: wishBy(),
      ...over,
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function publishedWish(over: Record<string, unknown> = {}) {
    const w = await recordWish(over);
    const pub = await staff.post(`/api/wishes/${w.id}/actions/publish`, {});
    expect(pub.status).toBe(201);
    return w.id as number;
  }

  beforeAll(async () => {
    t = await startTestApp();
    clock = t.get(Clock);
    jobs = t.get(JobsService);
    ds = t.get(DataSource);
    staff = (await demoLogin(t.url, 'staff')).api;
    const g = await demoLogin(t.url, 'grid_worker');
    gw = g.api;
    communityId = g.user.grids[0].communityId;
    const v = await demoLogin(t.url, 'volunteer');
    vol = v.api;
    volUserId = v.user.id;
    otherCommunityId = (await ds.getRepository(Grid).findOneOrFail({ where: { name: '南片区网格' } })).communityId;
  });
  afterAll(async () => {
    clock?.reset();
    await t?.close();
  });

  describe('recording and review', () => {
    it('should derive the public name from family name, age and gender and keep the beneficiary private', async () => {
      const w = await recordWish();
      expect(w.displayName).toBe('王奶奶 · 漕湖花园二社区');
      expect(w.status).toBe('pending_review');
      expect(w.beneficiary).toMatchObject({ name: SECRET.name, phone: SECRET.phone, building: SECRET.building });
      const asVolunteer = await vol.get(`/api/wishes/${w.id}`);
      expect(asVolunteer.status).toBe(404);
      const manage = await vol.get(`/api/wishes/manage/${w.id}`);
      expect(manage.status).toBe(403);
      expectNoBeneficiary(manage.text);
    });

    it('should refuse a value above the cap, a past date, a story naming the beneficiary and risky text, naming the field', async () => {
      const tooDear = await gw.post('/api/wishes', { communityId, beneficiary: { ...SECRET, gender: 'female', ageGroup: 'elder' }, title: '电视机', story: '想看新闻', type: 'goods', estimatedValue: 501, wishBy: wishBy() });
      expect(tooDear.status).toBe(422);
      expect(tooDear.body.code).toBe('WISH_VALUE_TOO_HIGH');
      expect(tooDear.body.fields.estimatedValue).toBeDefined();
      const past = await gw.post('/api/wishes', { communityId, beneficiary: { ...SECRET, gender: 'female', ageGroup: 'elder' }, title: '电视机', story: '想看新闻', type: 'goods', estimatedValue: 100, wishBy: shanghaiDate(clock.now()) });
      expect(past.body.code).toBe('WISH_DATE_INVALID');
      const named = await gw.post('/api/wishes', { communityId, beneficiary: { ...SECRET, gender: 'female', ageGroup: 'elder' }, title: '电视机', story: `${SECRET.name}想看新闻`, type: 'goods', estimatedValue: 100, wishBy: wishBy() });
      expect(named.status).toBe(422);
      expect(named.body.fields.story).toBeDefined();
      const risky = await gw.post('/api/wishes', { communityId, beneficiary: { ...SECRET, gender: 'female', ageGroup: 'elder' }, title: '电视机', story: '想要违禁品', type: 'goods', estimatedValue: 100, wishBy: wishBy() });
      expect(risky.body.code).toBe('CONTENT_RISKY');
      const longStory = await gw.post('/api/wishes', { communityId, beneficiary: { ...SECRET, gender: 'female', ageGroup: 'elder' }, title: '电视机', story: '长'.repeat(301), type: 'goods', estimatedValue: 100, wishBy: wishBy() });
      expect(longStory.status).toBe(422);
      expect(longStory.body.fields.story).toBeDefined();
    });

    it('should show beneficiaries only to staff and grid workers of that community', async () => {
      const [outsider] = await makeUsers(t, 1, ['grid_worker']);
      await ds.getRepository(Grid).update({ name: '南片区网格' }, { workerId: outsider.user.id });
      const w = await recordWish();
      expect((await outsider.api.get(`/api/wishes/manage/${w.id}`)).status).toBe(404);
      const list = await outsider.api.get('/api/wishes/beneficiaries');
      expect(list.status).toBe(200);
      expectNoBeneficiary(list.text);
      // The grids one may record in: a grid worker's own; all of the community's for its staff.
      const gwGrids = await ds.getRepository(Grid).find({ where: { workerId: (await gw.get('/api/me')).body.id, communityId }, order: { id: 'ASC' } });
      const allGrids = await ds.getRepository(Grid).find({ where: { communityId }, order: { id: 'ASC' } });
      expect(allGrids.length).toBeGreaterThan(gwGrids.length);
      expect((await gw.get('/api/wishes/mine/communities')).body).toEqual([
        { id: communityId, name: '漕湖花园二社区', servicePoint: '漕湖花园二社区（六区）邻里空间服务站', grids: gwGrids.map((g) => ({ id: g.id, name: g.name })) },
      ]);
      const staffSees = (await staff.get('/api/wishes/mine/communities')).body.find((c: any) => c.id === communityId);
      expect(staffSees.grids).toEqual(allGrids.map((g) => ({ id: g.id, name: g.name })));
      expect((await outsider.api.get('/api/wishes/mine/communities')).body.map((c: any) => c.id)).toEqual([otherCommunityId]);
      const own = await gw.get('/api/wishes/beneficiaries');
      expect(own.text).toContain(SECRET.name);
      expect(outsider.api && (await outsider.api.post(`/api/wishes/${w.id}/actions/publish`, {})).status).toBe(403);
      const other = await outsider.api.post('/api/wishes', { communityId, beneficiary: { ...SECRET, gender: 'female', ageGroup: 'elder' }, title: '收音机', story: '想听评弹', type: 'goods', estimatedValue: 100, wishBy: wishBy() });
      expect(other.body.code).toBe('WISH_NOT_IN_SCOPE');
      expect(otherCommunityId).not.toBe(communityId);
    });

    it('should publish to the wall, reject with a reason, withdraw, and refuse moves the table does not allow', async () => {
      const a = await recordWish({ title: '想学用智能手机' , type: 'service' });
      expect((await client(t.url).get('/api/wishes')).body.items.map((w: any) => w.id)).not.toContain(a.id);
      expect(a.actions).toEqual([]); // the grid worker who recorded it does not review it
      expect((await staff.get(`/api/wishes/manage/${a.id}`)).body.actions.map((x: any) => x.action)).toEqual(['publish', 'reject']);
      const pub = await staff.post(`/api/wishes/${a.id}/actions/publish`, { partyPriority: true });
      expect(pub.body.status).toBe('published');
      expect(pub.body.actions.map((x: any) => x.action)).toEqual(['withdraw']);
      expect(pub.body.actions[0]).toMatchObject({ label: '撤回', needsReason: true, tone: 'danger' });
      const wall = await client(t.url).get(`/api/wishes?type=service&communityId=${communityId}`);
      const card = wall.body.items.find((w: any) => w.id === a.id);
      expect(card).toMatchObject({ displayName: '王奶奶 · 漕湖花园二社区', typeLabel: '服务', communityName: '漕湖花园二社区', partyPriority: false });
      expect(card.daysLeft).toBeGreaterThan(50);
      const partyView = await vol.get(`/api/wishes/${a.id}`);
      expect(partyView.body.partyPriority).toBe(true);
      expect((await staff.post(`/api/wishes/${a.id}/actions/publish`, {})).body.code).toBe('WISH_ILLEGAL_TRANSITION');

      const b = await recordWish();
      const noReason = await staff.post(`/api/wishes/${b.id}/actions/reject`, {});
      expect(noReason.status).toBe(422);
      expect((await staff.post(`/api/wishes/${b.id}/actions/reject`, { note: '长'.repeat(201) })).status).toBe(422); // a reason fits in 200 characters
      const rej = await staff.post(`/api/wishes/${b.id}/actions/reject`, { note: '信息不完整，请补充' });
      expect(rej.body).toMatchObject({ status: 'rejected', lastReason: '信息不完整，请补充' });
      expect((await gw.get('/api/notifications')).body.items.some((n: any) => n.body.includes('信息不完整'))).toBe(true);

      const wd = await staff.post(`/api/wishes/${a.id}/actions/withdraw`, { note: '家属已解决' });
      expect(wd.body.status).toBe('withdrawn');
      expect(wd.body.actions).toEqual([]);
      expect(wd.body.timeline.map((e: any) => e.toStatus)).toEqual(['pending_review', 'published', 'withdrawn']);
      expect((await gw.post(`/api/wishes/${a.id}/actions/withdraw`, { note: '家属已解决' })).status).toBe(403);
      expect((await staff.post(`/api/wishes/${a.id}/actions/expire`, {})).status).toBe(422); // the scheduler's move only
    });

    it('should page the wall by keyset, nearest wish-by date first, then newest', async () => {
      const ids: number[] = [];
      for (const d of [30, 10, 10, 20]) ids.push(await publishedWish({ wishBy: wishBy(d), type: 'companionship', title: `陪伴${d}` }));
      const seen: any[] = [];
      let cursor: string | null = null;
      do {
        const res: any = await client(t.url).get(`/api/wishes?type=companionship&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen.map((w) => w.id)).toEqual([ids[2], ids[1], ids[3], ids[0]]);
    });
  });

  describe('claiming', () => {
    it('should give a wish to exactly one of 200 volunteers tapping at once, and tell the rest 已被认领', async () => {
      const id = await publishedWish({ title: '想要一副老花镜' });
      const volunteers = await makeUsers(t, 200, ['resident', 'volunteer']);
      const started = Date.now();
      const results = await Promise.all(volunteers.map((v) => v.api.post(`/api/wishes/${id}/actions/claim`)));
      const elapsed = Date.now() - started;
      const winners = results.filter((r) => r.status === 201);
      const losers = results.filter((r) => r.status !== 201);
      // eslint-disable-next-line no-console
      console.log(`[wish race ${t.dbKind}] attempts=${results.length} winners=${winners.length} elapsedMs=${elapsed} deadlockRetries=${t.get(TransactionService).deadlockRetries}`);
      expect(winners).toHaveLength(1);
      expect(losers.every((r) => r.status === 409 && r.body.code === 'WISH_ALREADY_CLAIMED' && r.body.message.includes('已被认领'))).toBe(true);
      const row = await ds.getRepository(Wish).findOneOrFail({ where: { id } });
      const winnerId = volunteers[results.indexOf(winners[0])].user.id;
      expect(row).toMatchObject({ status: 'claimed', claimerId: winnerId });
      expect(await ds.getRepository(WishEvent).count({ where: { wishId: id, action: 'claim' } })).toBe(1);
      const slots = await ds.getRepository(WishVolunteer).createQueryBuilder('v').select('SUM(v.activeClaims)', 's').where('v.userId IN (:...ids)', { ids: volunteers.map((v) => v.user.id) }).getRawOne();
      expect(Number(slots.s)).toBe(1);
      expectNoBeneficiary(winners[0].text);
      for (const r of losers.slice(0, 5)) expectNoBeneficiary(r.text);
    });

    it('should let one volunteer firing 10 claims at once hold exactly the limit of 3', async () => {
      const ids: number[] = [];
      for (let i = 0; i < 10; i++) ids.push(await publishedWish({ title: `心愿${i}` }));
      const [v] = await makeUsers(t, 1, ['volunteer']);
      const results = await Promise.all(ids.map((id) => v.api.post(`/api/wishes/${id}/actions/claim`)));
      expect(results.filter((r) => r.status === 201)).toHaveLength(3);
      const refused = results.filter((r) => r.status !== 201);
      expect(refused.every((r) => r.status === 409 && r.body.code === 'WISH_CLAIM_LIMIT')).toBe(true);
      expect(await ds.getRepository(Wish).count({ where: { claimerId: v.user.id, status: 'claimed' } })).toBe(3);
      expect((await ds.getRepository(WishVolunteer).findOneOrFail({ where: { userId: v.user.id } })).activeClaims).toBe(3);
      const status = await v.api.get('/api/wishes/mine/claim-status');
      expect(status.body).toMatchObject({ activeClaims: 3, limit: 3 });
    });

    it('should refuse claims from non-volunteers and releases by someone else; a release returns the wish to 待认领', async () => {
      const id = await publishedWish();
      const [resident] = await makeUsers(t, 1, ['resident']);
      expect((await resident.api.post(`/api/wishes/${id}/actions/claim`)).body.code).toBe('WISH_NOT_VOLUNTEER');
      const [a, b] = await makeUsers(t, 2, ['volunteer']);
      expect((await a.api.post(`/api/wishes/${id}/actions/claim`)).status).toBe(201);
      expect((await a.api.post(`/api/wishes/${id}/actions/claim`)).status).toBe(201); // a second tap is harmless
      expect((await ds.getRepository(WishVolunteer).findOneOrFail({ where: { userId: a.user.id } })).activeClaims).toBe(1);
      expect((await b.api.post(`/api/wishes/${id}/actions/release`)).body.code).toBe('WISH_NOT_CLAIMER');
      const asB = await b.api.get(`/api/wishes/${id}`);
      expect(asB.body.actions).toEqual([]); // someone else holds it
      const rel = await a.api.post(`/api/wishes/${id}/actions/release`);
      expect(rel.status).toBe(201);
      expect(rel.body.status).toBe('published');
      expect(rel.body.actions.map((x: any) => x.action)).toEqual(['claim']);
      expect((await ds.getRepository(WishVolunteer).findOneOrFail({ where: { userId: a.user.id } })).activeClaims).toBe(0);
      expect((await client(t.url).get('/api/wishes?limit=50')).body.items.some((w: any) => w.id === id)).toBe(true);
      expect((await b.api.post(`/api/wishes/${id}/actions/claim`)).status).toBe(201);
    });
  });

  describe('hand-off, proof, confirmation and the ledger', () => {
    let first: number;
    let second: number;

    it('should give the claimer the grid worker and the meeting point, never the beneficiary', async () => {
      first = await publishedWish({ title: '想要米和油' });
      const before = await vol.get(`/api/wishes/${first}`);
      expect(before.body.actions).toEqual([{ action: 'claim', label: '认领这个心愿', needsReason: false, tone: 'primary', confirm: expect.stringContaining('确定认领') }]);
      expect((await client(t.url).get(`/api/wishes/${first}`)).body.actions).toEqual([]);
      const claim = await vol.post(`/api/wishes/${first}/actions/claim`);
      expect(claim.status).toBe(201);
      expect(claim.body.actions.map((x: any) => x.action)).toEqual(['release', 'fulfil']);
      expect(claim.body.claim.handoff).toEqual({ gridWorker: { name: '王芳', phone: '13700001111' }, meetingPoint: '漕湖花园二社区（六区）邻里空间服务站' });
      expect(new Date(claim.body.claim.expiresAt).getTime() - clock.now().getTime()).toBeGreaterThan(7 * DAY - 60_000);
      expectNoBeneficiary(claim.text);
      const mine = await vol.get('/api/wishes/mine/claims');
      expect(mine.body.items[0]).toMatchObject({ id: first, status: 'claimed' });
      expect(mine.body.items[0].actions.map((x: any) => x.action)).toEqual(['release', 'fulfil']);
      expectNoBeneficiary(mine.text);
      expect((await gw.get('/api/notifications')).body.items.some((n: any) => n.title === '心愿已被认领')).toBe(true);
    });

    it('should accept proof, take a send-back with a reason, then confirm and credit hours', async () => {
      const noPhoto = await vol.post(`/api/wishes/${first}/actions/fulfil`, { photoIds: [], note: '已送到服务站' });
      expect(noPhoto.status).toBe(422);
      const proof = await vol.post(`/api/wishes/${first}/actions/fulfil`, { photoIds: [await photo(vol)], note: '已把米和油送到服务站' });
      expect(proof.body.status).toBe('fulfilled');
      expect(proof.body.claim.proofPhotos).toHaveLength(1);
      expect(proof.body.actions).toEqual([]);
      expect((await gw.get(`/api/wishes/manage/${first}`)).body.actions.map((x: any) => x.action)).toEqual(['confirm', 'send_back']);
      const back = await gw.post(`/api/wishes/${first}/actions/send_back`, { note: '照片看不清，请补拍' });
      expect(back.body.status).toBe('claimed');
      expect(back.body.actions).toEqual([]); // now the volunteer's move again
      const mine = await vol.get(`/api/wishes/${first}`);
      expect(mine.body.claim.lastReason).toBe('照片看不清，请补拍');
      await vol.post(`/api/wishes/${first}/actions/fulfil`, { photoIds: [await photo(vol)], note: '补拍了照片' });
      expect((await vol.post(`/api/wishes/${first}/actions/confirm`)).status).toBe(403);
      const ok = await gw.post(`/api/wishes/${first}/actions/confirm`);
      expect(ok.body).toMatchObject({ status: 'confirmed', statusLabel: '已圆梦' });
      expect(ok.body.timeline.map((e: any) => e.action)).toEqual(['create', 'publish', 'claim', 'fulfil', 'send_back', 'fulfil', 'confirm']);
      expect((await gw.post(`/api/wishes/${first}/actions/confirm`)).body.code).toBe('WISH_ILLEGAL_TRANSITION');
      const ledger = await vol.get('/api/ledger/me');
      expect(ledger.body.totals).toEqual({ hours: 2, points: 10, entries: 1 });
      expect(ledger.body.items[0]).toMatchObject({ source: 'wish', content: '微心愿：想要米和油（王奶奶 · 漕湖花园二社区）', organisation: '漕湖花园二社区', confirmedByName: '王芳' });
      expectNoBeneficiary(ledger.text);
    });

    it('should total confirmations and a staff correction, which is a new negative entry', async () => {
      second = await publishedWish({ title: '想要一床新棉被' });
      await vol.post(`/api/wishes/${second}/actions/claim`);
      await vol.post(`/api/wishes/${second}/actions/fulfil`, { photoIds: [await photo(vol)], note: '棉被已交给网格员' });
      await gw.post(`/api/wishes/${second}/actions/confirm`);
      const before = await vol.get('/api/ledger/me');
      expect(before.body.totals).toEqual({ hours: 4, points: 20, entries: 2 });
      expect((await vol.post('/api/ledger/corrections', { entryId: before.body.items[0].id, hours: -1.5, reason: '实际服务时长较短' })).status).toBe(403);
      const fix = await staff.post('/api/ledger/corrections', { entryId: before.body.items[0].id, hours: -1.5, points: -5, reason: '实际服务时长较短' });
      expect(fix.status).toBe(201);
      expect(fix.body.totals).toEqual({ hours: 2.5, points: 15, entries: 3 });
      const after = await vol.get('/api/ledger/me');
      expect(after.body.items.map((e: any) => e.hours)).toEqual([-1.5, 2, 2]);
      expect(after.body.items[0]).toMatchObject({ source: 'correction', correctsEntryId: before.body.items[0].id });
    });

    it('should show the 支部 which party members fulfilled which wishes, and a masked leaderboard', async () => {
      const report = await staff.get('/api/ledger/branches');
      expect(report.status).toBe(200);
      const branch = report.body.branches.find((b: any) => b.branch === '漕湖花园二社区第一党支部');
      expect(branch.members[0]).toMatchObject({ userId: volUserId, name: '李建国' });
      expect(branch.members[0].wishes.map((w: any) => w.id).sort()).toEqual([first, second].sort());
      expect((await vol.get('/api/ledger/branches')).status).toBe(403);
      const board = await client(t.url).withToken((await demoLogin(t.url, 'resident')).token).get(`/api/ledger/leaderboard?communityId=${communityId}`);
      expect(board.body.volunteers[0]).toMatchObject({ rank: 1, name: '李*国', hours: 2.5 });
      expect(board.body.communities[0]).toMatchObject({ name: '漕湖花园二社区', hours: 2.5, volunteers: 1 });
    });

    it('should export a 民政部令第67号 volunteer record that reads back with exceljs', async () => {
      expect((await vol.post('/api/ledger/me/id-number', { idNumber: '32050719900101105X' })).body.idNumber).toBe('3205**********105X');
      const res = await vol.raw('/api/ledger/export.xlsx');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      expect(res.headers.get('content-disposition')).toContain('attachment');
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
      const ws = wb.getWorksheet('志愿服务记录')!;
      const rows: any[][] = [];
      ws.eachRow((row) => rows.push((row.values as any[]).slice(1)));
      const flat = rows.map((r) => r.join('|')).join('\n');
      expect(flat).toContain('民政部令第67号');
      expect(rows.find((r) => r[0] === '姓名')).toEqual(['姓名', '李建国', '公民身份号码', '3205**********105X']);
      const header = rows.find((r) => r[0] === '序号')!;
      expect(header).toEqual(['序号', '服务时间', '服务项目', '服务内容', '记录单位', '服务时长（小时）', '证明人', '备注']);
      const body = rows.slice(rows.indexOf(header) + 1);
      expect(body.filter((r) => typeof r[0] === 'number').map((r) => r[5])).toEqual([2, 2, -1.5]);
      expect(body[0][3]).toBe('微心愿：想要米和油（王奶奶 · 漕湖花园二社区）');
      expect(body[0][4]).toBe('漕湖花园二社区');
      expect(body.find((r) => r[0] === '合计')![5]).toBe(2.5);
      expect(flat).not.toContain('32050719900101105X');
      expectNoBeneficiary(flat);
      expect((await vol.raw(`/api/ledger/export.xlsx?userId=${volUserId + 1}`)).status).toBe(403);
      expect((await staff.raw(`/api/ledger/export.xlsx?userId=${volUserId}`)).status).toBe(200);
    });
  });

  describe('privacy', () => {
    it('should never put the beneficiary’s name, phone or address in any response a volunteer or the public can get', async () => {
      const id = await publishedWish({ title: '想有人陪着聊聊天', type: 'companionship' });
      const anon = client(t.url);
      const [v] = await makeUsers(t, 1, ['resident', 'volunteer'], { isPartyMember: true, branch: '测试支部' });
      const texts: string[] = [];
      const grab = async (p: Promise<{ status: number; text: string }>) => {
        const r = await p;
        expect(r.status).toBeLessThan(500);
        texts.push(r.text);
        return r;
      };
      await grab(anon.get('/api/wishes'));
      await grab(anon.get(`/api/wishes/${id}`));
      await grab(v.api.get(`/api/wishes?communityId=${communityId}`));
      await grab(v.api.get(`/api/wishes/${id}`));
      await grab(v.api.post(`/api/wishes/${id}/actions/claim`));
      await grab(v.api.get(`/api/wishes/${id}`));
      await grab(v.api.get('/api/wishes/mine/claims'));
      await grab(v.api.get('/api/wishes/mine/claim-status'));
      await grab(v.api.post(`/api/wishes/${id}/actions/fulfil`, { photoIds: [await photo(v.api)], note: '陪奶奶聊了一下午' }));
      await grab(v.api.get('/api/notifications'));
      await grab(v.api.get('/api/ledger/me'));
      await grab(v.api.get('/api/ledger/leaderboard'));
      await grab(v.api.get(`/api/wishes/manage/${id}`));
      await grab(v.api.get('/api/wishes/manage'));
      await grab(v.api.get('/api/wishes/beneficiaries'));
      await grab(anon.get(`/api/wishes/manage/${id}`));
      await gw.post(`/api/wishes/${id}/actions/send_back`, { note: '请补充说明' });
      await grab(v.api.post(`/api/wishes/${id}/actions/release`));
      await grab(v.api.get('/api/notifications'));
      for (const text of texts) expectNoBeneficiary(text);
      // and the grid worker, who serves her, does see her
      expect((await gw.get(`/api/wishes/manage/${id}`)).text).toContain(SECRET.phone);
    });
  });

  describe('the claim clock', () => {
    afterEach(() => clock.reset());

    it('should remind 24 h before, return an expired claim to 待认领, and pause claiming for 30 days after two expiries in 90 days', async () => {
      const [v] = await makeUsers(t, 1, ['volunteer']);
      const a = await publishedWish({ title: '超时一', wishBy: wishBy(120) });
      const b = await publishedWish({ title: '超时二', wishBy: wishBy(120) });
      const c = await publishedWish({ title: '超时三', wishBy: wishBy(120) });
      expect((await v.api.post(`/api/wishes/${a}/actions/claim`)).status).toBe(201);

      clock.advance(6 * DAY + 1 * 3600_000);
      await jobs.runNow(WISH_EXPIRY_JOB);
      const notes = await v.api.get('/api/notifications');
      expect(notes.body.items.filter((n: any) => n.title === '认领即将到期')).toHaveLength(1);
      await jobs.runNow(WISH_EXPIRY_JOB);
      expect((await v.api.get('/api/notifications')).body.items.filter((n: any) => n.title === '认领即将到期')).toHaveLength(1);
      expect((await ds.getRepository(Wish).findOneOrFail({ where: { id: a } })).status).toBe('claimed');

      clock.advance(1 * DAY);
      await jobs.runNow(WISH_EXPIRY_JOB);
      expect(await ds.getRepository(Wish).findOneOrFail({ where: { id: a } })).toMatchObject({ status: 'published', claimerId: null });
      expect((await ds.getRepository(WishVolunteer).findOneOrFail({ where: { userId: v.user.id } })).activeClaims).toBe(0);
      expect((await v.api.get('/api/notifications')).body.items[0].title).toBe('认领已超时');

      expect((await v.api.post(`/api/wishes/${b}/actions/claim`)).status).toBe(201);
      clock.advance(8 * DAY);
      await jobs.runNow(WISH_EXPIRY_JOB);
      expect((await ds.getRepository(Wish).findOneOrFail({ where: { id: b } })).status).toBe('published');

      const paused = await v.api.post(`/api/wishes/${c}/actions/claim`);
      expect(paused.status).toBe(403);
      expect(paused.body.code).toBe('WISH_CLAIM_PAUSED');
      const until = new Date(paused.body.pausedUntil);
      expect(Math.round((until.getTime() - clock.now().getTime()) / DAY)).toBe(30);
      expect(paused.body.message).toBe(`因两次认领超时未完成，认领功能暂停至 ${shanghaiDate(until)}`);
      expect((await v.api.get('/api/wishes/mine/claim-status')).body.pausedMessage).toBe(paused.body.message);
      expect((await ds.getRepository(Wish).findOneOrFail({ where: { id: c } })).status).toBe('published');

      clock.advance(30 * DAY + 60_000);
      expect((await v.api.post(`/api/wishes/${c}/actions/claim`)).status).toBe(201);
    });

    it('should withdraw wishes nobody took on by their wish-by date, tell the recorder, and leave claimed ones alone', async () => {
      const [v] = await makeUsers(t, 1, ['volunteer']);
      const waiting = await publishedWish({ title: '过期待认领', wishBy: wishBy(2) });
      const unreviewed = (await recordWish({ title: '过期待审核', wishBy: wishBy(2) })).id;
      const taken = await publishedWish({ title: '已认领不撤', wishBy: wishBy(2) });
      const later = await publishedWish({ title: '还没到期', wishBy: wishBy(4) });
      expect((await v.api.post(`/api/wishes/${taken}/actions/claim`)).status).toBe(201);
      clock.advance(2 * DAY); // the wish-by day itself: still on the wall
      await jobs.runNow(WISH_LAPSE_JOB);
      expect((await ds.getRepository(Wish).findOneOrFail({ where: { id: waiting } })).status).toBe('published');
      clock.advance(DAY); // the day after
      const before = await ds.getRepository(Notification).count({ where: { kind: 'wish.withdraw', title: '心愿已过期限，已自动撤回' } });
      await jobs.runNow(WISH_LAPSE_JOB);
      const status = async (id: number) => (await ds.getRepository(Wish).findOneOrFail({ where: { id } })).status;
      expect([await status(waiting), await status(unreviewed), await status(taken), await status(later)]).toEqual(['withdrawn', 'withdrawn', 'claimed', 'published']);
      const detail = await gw.get(`/api/wishes/manage/${waiting}`);
      expect(detail.body.timeline.at(-1)).toMatchObject({ toStatus: 'withdrawn' });
      expect(detail.body.lastReason).toContain('系统自动撤回');
      // the grid worker who recorded both is told, once per wish
      const told = await ds.getRepository(Notification).count({ where: { kind: 'wish.withdraw', title: '心愿已过期限，已自动撤回' } });
      expect(told - before).toBe(2);
      const audit = await ds.query("SELECT actorRole, reason FROM audit_logs WHERE action = 'wish.withdraw' AND entityId = ?", [String(waiting)]);
      expect(audit).toEqual([expect.objectContaining({ actorRole: 'system' })]);
      await jobs.runNow(WISH_LAPSE_JOB); // nothing left to do
      expect(await ds.getRepository(Notification).count({ where: { kind: 'wish.withdraw', title: '心愿已过期限，已自动撤回' } })).toBe(told);
      // staff cannot withdraw a 待审核 wish by hand (they 驳回 it); the move is the job's
      const pending = (await recordWish({ title: '待审核手动撤回' })).id;
      const refused = await staff.post(`/api/wishes/${pending}/actions/withdraw`, { note: '不需要了' });
      expect([refused.status, refused.body.code]).toEqual([409, 'WISH_ILLEGAL_TRANSITION']);
    });

    it('should not pause after two expiries more than 90 days apart', async () => {
      const [v] = await makeUsers(t, 1, ['volunteer']);
      const a = await publishedWish({ title: '间隔一', wishBy: wishBy(200) });
      const b = await publishedWish({ title: '间隔二', wishBy: wishBy(200) });
      await v.api.post(`/api/wishes/${a}/actions/claim`);
      clock.advance(8 * DAY);
      await jobs.runNow(WISH_EXPIRY_JOB);
      clock.advance(90 * DAY);
      await v.api.post(`/api/wishes/${b}/actions/claim`);
      clock.advance(8 * DAY);
      await jobs.runNow(WISH_EXPIRY_JOB);
      expect((await v.api.get('/api/wishes/mine/claim-status')).body.pausedUntil).toBeNull();
      expect((await v.api.post(`/api/wishes/${a}/actions/claim`)).status).toBe(201);
    });
  });

  it('should link every notification it sent to a page the app has', async () => {
    const kinds = (await ds.query("SELECT DISTINCT kind FROM notifications WHERE kind LIKE 'wish.%'")).map((r: any) => r.kind).sort();
    // every kind of wish notice was sent above, so every link the flow can write is checked
    expect(kinds).toEqual(['wish.claim_expired', 'wish.claim_reminder', 'wish.claimed', 'wish.confirmed', 'wish.fulfilled', 'wish.publish', 'wish.reject', 'wish.released', 'wish.review', 'wish.sent_back', 'wish.withdraw']);
    expect(await unknownNotificationLinks(ds)).toEqual([]);
    const review = await ds.query("SELECT link FROM notifications WHERE kind = 'wish.review' LIMIT 1");
    expect(review[0].link).toMatch(/^\/packages\/wishes\/pages\/manage-detail\/index\?id=\d+$/);
  });
});
