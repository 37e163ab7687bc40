import { DataSource } from 'typeorm';
import { User } from '../../src/modules/users/user.entity';
import { openidFor } from '../../src/modules/wechat/fake/fake-wechat';
import { client, demoLogin } from '../utils/http';
import { startTestApp, TestApp } from '../utils/test-app';

describe('auth over HTTP (WeChat login through the fake WeChat server)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('should exchange a wx.login code at jscode2session and answer a token with the user and roles', async () => {
    const res = await client(t.url).post('/api/auth/wechat-login', { code: 'alice.1' });
    expect(res.status).toBe(200);
    expect(typeof res.body.accessToken).toBe('string');
    expect(res.body.user).toMatchObject({ roles: ['resident'] });
    const row = await t.get<DataSource>(DataSource).getRepository(User).findOneByOrFail({ id: res.body.user.id });
    expect(row.openid).toBe(openidFor('alice'));
    const calls = t.wechat.state.calls.filter((c) => c.api === 'jscode2session');
    expect(calls.length).toBeGreaterThan(0);
  });

  it('should map the same WeChat user to the same account on a later login', async () => {
    const a = await client(t.url).post('/api/auth/wechat-login', { code: 'bob.1' });
    const b = await client(t.url).post('/api/auth/wechat-login', { code: 'bob.2' });
    expect(a.body.user.id).toBe(b.body.user.id);
  });

  it.each([
    ['invalid-code', 400, 'WECHAT_INVALID_CODE', 40029],
    ['ratelimit-x', 429, 'WECHAT_RATE_LIMITED', 45011],
    ['blocked-x', 403, 'WECHAT_USER_BLOCKED', 40226],
  ])('should turn WeChat errcode for %s into a clear %i', async (code, status, errorCode, wx) => {
    const res = await client(t.url).post('/api/auth/wechat-login', { code });
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ code: errorCode, wechatErrcode: wx });
    expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('should refuse a code used twice (40163) with a 400', async () => {
    await client(t.url).post('/api/auth/wechat-login', { code: 'carol.1' });
    const again = await client(t.url).post('/api/auth/wechat-login', { code: 'carol.1' });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('WECHAT_INVALID_CODE');
  });

  it('should answer 422 naming the field when code is missing or not a string', async () => {
    const missing = await client(t.url).post('/api/auth/wechat-login', {});
    expect(missing.status).toBe(422);
    expect(Object.keys(missing.body.fields)).toContain('code');
    const wrong = await client(t.url).post('/api/auth/wechat-login', { code: 42 });
    expect(wrong.status).toBe(422);
    expect(wrong.body.fields.code).toBeDefined();
    const extra = await client(t.url).post('/api/auth/wechat-login', { code: 'x.1', admin: true });
    expect(extra.status).toBe(422);
    expect(extra.body.fields.admin).toBeDefined();
  });

  it('should log staff in with username and password and refuse a wrong password', async () => {
    const ok = await client(t.url).post('/api/auth/password-login', { username: 'chen', password: 'linli-demo' });
    expect(ok.status).toBe(200);
    expect(ok.body.user.roles).toContain('staff');
    const bad = await client(t.url).post('/api/auth/password-login', { username: 'chen', password: 'wrong' });
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe('AUTH_BAD_CREDENTIALS');
    const nobody = await client(t.url).post('/api/auth/password-login', { username: 'nobody', password: 'wrong' });
    expect(nobody.status).toBe(401);
  });

  it('should list the four demo personas and log in as each', async () => {
    const res = await client(t.url).get('/api/auth/demo-personas');
    expect(res.status).toBe(200);
    const keys = res.body.map((p: any) => p.key);
    expect(keys).toEqual(expect.arrayContaining(['resident', 'volunteer', 'grid_worker', 'staff']));
    const volunteer = await demoLogin(t.url, 'volunteer');
    expect(volunteer.user).toMatchObject({ isPartyMember: true, branch: expect.stringContaining('党支部') });
    expect(volunteer.user.roles).toContain('volunteer');
    const gw = await demoLogin(t.url, 'grid_worker');
    expect(gw.user.grids.length).toBeGreaterThan(0);
  });

  it('should mask the user’s own phone in /api/me', async () => {
    const { api } = await demoLogin(t.url, 'resident');
    const me = await api.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.phone).toBe('138****1234');
    expect(me.text).not.toContain('13812341234');
  });

  it('should answer 401 without a token and with a forged token', async () => {
    expect((await client(t.url).get('/api/me')).status).toBe(401);
    const forged = await client(t.url, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjF9.bad').get('/api/me');
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('UNAUTHENTICATED');
  });

  it('should keep residents and volunteers out of staff routes (role guard)', async () => {
    for (const persona of ['resident', 'volunteer', 'grid_worker']) {
      const { api } = await demoLogin(t.url, persona);
      const res = await api.get('/api/places/tree');
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    const staff = await demoLogin(t.url, 'staff');
    expect((await staff.api.get('/api/places/tree')).status).toBe(200);
  });

  it('should bind a phone from getuserphonenumber and reject an invalid phone code', async () => {
    const login = await client(t.url).post('/api/auth/wechat-login', { code: 'dave.1' });
    const api = client(t.url, login.body.accessToken);
    const ok = await api.post('/api/auth/phone', { code: 'phone:13566667777' });
    expect(ok.status).toBe(200);
    expect(ok.body.user.phone).toBe('135****7777');
    const bad = await api.post('/api/auth/phone', { code: 'nonsense' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('WECHAT_INVALID_CODE');
  });

  it('should merge a phone-only resident (signed up by a grid worker) into the WeChat account that binds that phone', async () => {
    const ds = t.get<DataSource>(DataSource);
    const phoneOnly = await ds.getRepository(User).save({ name: '赵奶奶', phone: '13811112222', roles: ['resident'], isPartyMember: false, openid: null });
    const login = await client(t.url).post('/api/auth/wechat-login', { code: 'zhao.1' });
    const bound = await client(t.url, login.body.accessToken).post('/api/auth/phone', { code: 'phone:13811112222' });
    expect(bound.status).toBe(200);
    expect(bound.body.user.id).toBe(phoneOnly.id);
    expect(bound.body.user.name).toBe('赵奶奶');
    const again = await client(t.url).post('/api/auth/wechat-login', { code: 'zhao.2' });
    expect(again.body.user.id).toBe(phoneOnly.id);
  });
});

describe('demo mode switched off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DEMO_MODE: 'false' }, { seed: false });
  });
  afterAll(async () => t?.close());

  it('should refuse demo personas and demo login', async () => {
    const list = await client(t.url).get('/api/auth/demo-personas');
    expect(list.status).toBe(403);
    expect(list.body.code).toBe('AUTH_DEMO_DISABLED');
    const login = await client(t.url).post('/api/auth/demo-login', { persona: 'staff' });
    expect(login.status).toBe(403);
  });
});

describe('login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '3' });
  });
  afterAll(async () => t?.close());

  it('should answer 429 RATE_LIMITED once a client exceeds the login limit, for password and WeChat logins alike', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await client(t.url).post('/api/auth/password-login', { username: 'chen', password: 'guess' + i })).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    const limited = await client(t.url).post('/api/auth/password-login', { username: 'chen', password: 'linli-demo' });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
  });
});

describe('submission rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SUBMIT_RATE_LIMIT: '3' });
  });
  afterAll(async () => t?.close());

  it('should let one person file 3 matters a minute and answer the 4th with 429, while others still can', async () => {
    const categories = (await client(t.url).get('/api/service/categories')).body;
    const file = (api: ReturnType<typeof client>, i: number) =>
      api.post('/api/service/tickets', { scene: 'hy2-b12', categoryId: categories[0].id, description: `楼道灯不亮 ${i}`, contactName: '张秀英', contactPhone: '13812341234' });
    const resident = await demoLogin(t.url, 'resident');
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await file(resident.api, i)).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const volunteer = await demoLogin(t.url, 'volunteer');
    expect((await file(volunteer.api, 9)).status).toBe(201);
  });
});
