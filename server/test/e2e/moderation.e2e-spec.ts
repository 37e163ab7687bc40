import { DataSource } from 'typeorm';
import { shanghaiDate } from '@linli/domain';
import { Clock } from '../../src/common/clock';
import { JobsService } from '../../src/modules/jobs/jobs.service';
import { RECHECK_JOB } from '../../src/modules/moderation/moderation.jobs';
import { startFakeWechat } from '../../src/modules/wechat/fake/fake-wechat';
import { client, Client, demoLogin } from '../utils/http';
import { startTestApp, TestApp, TEST_APPID, TEST_SECRET } from '../utils/test-app';

/**
 * Public text is never published unchecked: while WeChat refuses connections, or for an author without an openid
 * (a password account), the text is saved but kept from the public, until the recheck job or staff decide.
 */
describe('held text over HTTP', () => {
  let t: TestApp;
  let wechat: Awaited<ReturnType<typeof startFakeWechat>>;
  let port: number;
  let clock: Clock;
  let jobs: JobsService;
  let ds: DataSource;
  let resident: Client;
  let neighbour: Client;
  let staff: Client;
  let gw: Client;
  let categoryId: number;
  let communityId: number;
  let n = 0;

  const file = (description: string) =>
    resident.post('/api/service/tickets', { scene: 'hy2-b12', categoryId, description: `${description} ${++n}`, contactName: '张秀英', contactPhone: '13812341234' });
  const atPoint = async () => ((await neighbour.get('/api/service/points/hy2-b12/open-tickets')).body as Array<{ id: number }>).map((x) => x.id);
  const held = async (status = 'held') => (await staff.get(`/api/moderation/held?status=${status}`)).body.items as Array<any>;
  const stopWechat = () => wechat.app.close();
  const startWechat = async () => {
    wechat = await startFakeWechat({ appId: TEST_APPID, secret: TEST_SECRET }, port);
  };
  const recheckLater = async () => {
    clock.advance(2 * 60_000);
    return jobs.runNow(RECHECK_JOB);
  };

  beforeAll(async () => {
    wechat = await startFakeWechat({ appId: TEST_APPID, secret: TEST_SECRET });
    port = Number(new URL(wechat.url).port);
    t = await startTestApp({ WECHAT_API_BASE: wechat.url });
    clock = t.get(Clock);
    jobs = t.get(JobsService);
    ds = t.dataSource;
    resident = (await demoLogin(t.url, 'resident')).api;
    neighbour = (await demoLogin(t.url, 'volunteer')).api;
    staff = (await demoLogin(t.url, 'staff')).api;
    const g = await demoLogin(t.url, 'grid_worker');
    gw = g.api;
    communityId = g.user.grids[0].communityId;
    categoryId = (await client(t.url).get('/api/service/categories')).body[0].id;
  });
  afterAll(async () => {
    clock?.reset();
    await t?.close();
    await wechat?.app.close();
  });

  it('should refuse a forbidden word at once while WeChat answers, and publish clean text at the point', async () => {
    const risky = await file('这里有人赌博');
    expect(risky.status).toBe(422);
    expect(risky.body.code).toBe('CONTENT_RISKY');
    const clean = await file('楼道灯坏了');
    expect(clean.status).toBe(201);
    expect(await atPoint()).toContain(clean.body.id);
  });

  it('should hold a forbidden word, not publish it, while the WeChat fake refuses connections; the job refuses it when WeChat is back', async () => {
    await stopWechat();
    const res = await file('这里有人赌博');
    expect(res.status).toBe(201); // a resident's matter is still filed and handled
    const id = res.body.id as number;
    expect(await atPoint()).not.toContain(id);
    expect((await neighbour.get(`/api/service/tickets/${id}`)).status).toBe(404);
    expect((await resident.get('/api/service/points/hy2-b12/open-tickets')).body.map((x: any) => x.id)).toContain(id);
    const waiting = (await held()).find((h) => h.entityType === 'ticket' && h.entityId === id);
    expect(waiting).toMatchObject({ field: 'description', reason: 'unreachable', status: 'held', fieldLabel: '问题描述' });
    expect(waiting.content).toContain('赌博');
    // Still unreachable: the job waits longer and nothing is published.
    expect(await recheckLater()).toBe(0);
    expect(await atPoint()).not.toContain(id);

    await startWechat();
    clock.advance(10 * 60_000);
    expect(await jobs.runNow(RECHECK_JOB)).toBeGreaterThanOrEqual(1);
    expect(await atPoint()).not.toContain(id);
    const refused = (await held('refused')).find((h) => h.entityId === id);
    expect(refused).toMatchObject({ status: 'refused', decidedBy: '微信内容安全检测' });
    expect((await neighbour.get(`/api/service/tickets/${id}`)).status).toBe(404);
  });

  it('should publish clean text held during an outage once the job gets WeChat’s pass', async () => {
    await stopWechat();
    const res = await file('垃圾桶满了');
    expect(res.status).toBe(201);
    expect(await atPoint()).not.toContain(res.body.id);
    await startWechat();
    clock.advance(10 * 60_000);
    expect(await jobs.runNow(RECHECK_JOB)).toBeGreaterThanOrEqual(1);
    expect(await atPoint()).toContain(res.body.id);
    expect((await neighbour.get(`/api/service/tickets/${res.body.id}`)).status).toBe(200);
    const audit = await ds.query("SELECT action FROM audit_logs WHERE entityType = 'content_hold' ORDER BY id");
    expect(audit.map((a: any) => a.action)).toEqual(expect.arrayContaining(['hold.create', 'hold.release', 'hold.refuse']));
  });

  describe('an author without an openid (a password account)', () => {
    const wishBy = () => shanghaiDate(new Date(clock.now().getTime() + 30 * 86_400_000));
    const record = (title: string, story: string) =>
      gw.post('/api/wishes', { communityId, beneficiary: { name: '李阿婆', phone: '13900001111', building: '3幢', situation: '独居', gender: 'female', ageGroup: 'elder' }, title, story, type: 'goods', estimatedValue: 80, wishBy: wishBy() });
    const wall = async () => ((await client(t.url).get('/api/wishes')).body.items as Array<{ id: number }>).map((w) => w.id);

    beforeAll(async () => {
      const me = (await gw.get('/api/me')).body;
      await ds.query('UPDATE users SET openid = NULL WHERE id = ?', [me.id]);
    });

    it('should hold the wish from the wall until staff release it, and keep a refused one off it', async () => {
      const ok = await record('想要一台收音机', '奶奶喜欢听评弹');
      const bad = await record('代开发票', '违禁品');
      expect([ok.status, bad.status]).toEqual([201, 201]);
      for (const w of [ok.body, bad.body]) expect((await staff.post(`/api/wishes/${w.id}/actions/publish`, {})).status).toBe(201);
      expect(await wall()).not.toContain(ok.body.id);
      expect(await wall()).not.toContain(bad.body.id);
      expect((await client(t.url).get(`/api/wishes/${bad.body.id}`)).status).toBe(404);
      // The job cannot ask WeChat without an openid: these wait for a person.
      clock.advance(10 * 60_000);
      await jobs.runNow(RECHECK_JOB);
      const items = (await held()).filter((h) => h.entityType === 'wish');
      expect(items.filter((h) => h.entityId === ok.body.id).map((h) => h.field).sort()).toEqual(['story', 'title']);
      expect(items.every((h) => h.reason === 'no_openid' && h.actions.map((a: any) => a.action).join() === 'release,refuse')).toBe(true);

      for (const h of items.filter((x) => x.entityId === ok.body.id)) {
        const r = await staff.post(`/api/moderation/held/${h.id}/actions/release`, {});
        expect(r.status).toBe(200);
        expect(r.body).toMatchObject({ status: 'released', actions: [] });
      }
      expect(await wall()).toContain(ok.body.id);

      const badTitle = items.find((h) => h.entityId === bad.body.id && h.field === 'title');
      const noReason = await staff.post(`/api/moderation/held/${badTitle.id}/actions/refuse`, {});
      expect(noReason.status).toBe(422);
      expect(noReason.body.fields.reason).toBeDefined();
      const refused = await staff.post(`/api/moderation/held/${badTitle.id}/actions/refuse`, { reason: '含有违规内容' });
      expect(refused.body).toMatchObject({ status: 'refused', decisionNote: '含有违规内容' });
      const again = await staff.post(`/api/moderation/held/${badTitle.id}/actions/release`, {});
      expect(again.status).toBe(409);
      expect(await wall()).not.toContain(bad.body.id);
      // The author is told, and still sees the wish they handle.
      expect((await gw.get(`/api/wishes/${bad.body.id}`)).status).toBe(200);
      const notes = (await gw.get('/api/notifications')).body.items as Array<{ title: string }>;
      expect(notes.map((x) => x.title)).toContain('您提交的内容未公开');
    });

    it('should show held text only to staff of its community: not to a resident, a grid worker or staff elsewhere', async () => {
      expect((await resident.get('/api/moderation/held')).status).toBe(403);
      expect((await gw.get('/api/moderation/held')).status).toBe(403);
      const anyHeld = (await held())[0];
      expect(anyHeld).toBeDefined();
      const elsewhere = (await demoLogin(t.url, 'staff')).user;
      const other = await ds.query('SELECT id FROM communities WHERE id <> ? ORDER BY id LIMIT 1', [communityId]);
      const before: Array<{ communityId: number }> = await ds.query('SELECT communityId FROM staff_communities WHERE userId = ?', [elsewhere.id]);
      await ds.query('DELETE FROM staff_communities WHERE userId = ?', [elsewhere.id]);
      await ds.query('INSERT INTO staff_communities (userId, communityId) VALUES (?, ?)', [elsewhere.id, other[0].id]);
      try {
        expect((await staff.get('/api/moderation/held')).body.items).toEqual([]);
        expect((await staff.post(`/api/moderation/held/${anyHeld.id}/actions/release`, {})).status).toBe(404);
      } finally {
        await ds.query('DELETE FROM staff_communities WHERE userId = ?', [elsewhere.id]);
        for (const b of before) await ds.query('INSERT INTO staff_communities (userId, communityId) VALUES (?, ?)', [elsewhere.id, b.communityId]);
      }
    });
  });
});
