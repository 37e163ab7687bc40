import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createHash } from 'crypto';
import { client, demoLogin } from '../utils/http';
import { startTestApp, TestApp } from '../utils/test-app';

/**
 * The edges of the server: hostile bodies refused before any pipe, null refused by field, security headers that the
 * H5 app and the API docs can live with, and a client address that a made-up X-Forwarded-For cannot change.
 */
const nested = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

const SHELL_SCRIPT = 'window.__rem=1';

describe('hostile bodies and nulls', () => {
  let t: TestApp;
  let h5Dir: string;
  beforeAll(async () => {
    h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-h5-'));
    fs.writeFileSync(path.join(h5Dir, 'index.html'), `<!doctype html><html><head><script>${SHELL_SCRIPT}</script><script defer src="/js/app.js"></script></head><body><div id="app"></div></body></html>`);
    t = await startTestApp({ H5_DIR: h5Dir });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(h5Dir, { recursive: true, force: true });
  });

  it('should refuse a body nested 2,000 levels with a 400 that says so, on the public login routes and on a signed-in PATCH', async () => {
    const staff = await demoLogin(t.url, 'staff');
    for (const [method, route, token] of [
      ['POST', '/api/auth/password-login', undefined],
      ['POST', '/api/auth/wechat-login', undefined],
      ['POST', '/api/auth/demo-login', undefined],
      ['PATCH', '/api/events/1', staff.token],
      ['POST', '/api/tickets', staff.token],
    ] as const) {
      const res = await client(t.url, token).raw(route, { method, headers: { 'content-type': 'application/json' }, body: nested(2000) });
      const body = await res.json();
      expect([route, res.status]).toEqual([route, 400]);
      expect(body).toMatchObject({ code: 'REQUEST_TOO_DEEP', message: expect.stringContaining('嵌套太深') });
    }
  });

  it('should let a body of 32 levels through to validation, which names the unknown field', async () => {
    const res = await client(t.url).raw('/api/auth/password-login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: nested(32) });
    expect(res.status).toBe(422);
    expect((await res.json()).fields).toHaveProperty('a');
  });

  it('should refuse a body of too many values with 413, and one over 1 MB with 413 in Chinese', async () => {
    const many = await client(t.url).post('/api/auth/password-login', { username: 'chen', password: 'x', list: Array.from({ length: 25_000 }, () => 0) });
    expect(many.status).toBe(413);
    expect(many.body).toMatchObject({ code: 'REQUEST_TOO_LARGE', message: expect.stringContaining('过大') });
    const huge = await client(t.url).post('/api/auth/password-login', { username: 'x'.repeat(1_100_000), password: 'x' });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ code: 'REQUEST_TOO_LARGE', message: expect.stringContaining('1 MB') });
  });

  it('should answer a null in a NOT NULL field of PATCH /api/events/{id} with 422 naming it, and still take null where it clears', async () => {
    const { api: staff } = await demoLogin(t.url, 'staff');
    const created = await staff.post('/api/events', {
      type: 'party_lesson', title: '空值', description: '说明', organiser: '漕湖街道', communityId: 2, place: '党群服务中心',
      startAt: new Date(Date.now() + 48 * 3_600_000).toISOString(), endAt: new Date(Date.now() + 50 * 3_600_000).toISOString(), capacity: 5, audience: 'all', hours: 2,
    });
    expect(created.status).toBe(201);
    for (const field of ['description', 'checkinOpensMinutes', 'title', 'hours']) {
      const res = await staff.patch(`/api/events/${created.body.id}`, { [field]: null });
      expect([field, res.status]).toEqual([field, 422]);
      expect(res.body.fields[field][0]).toContain('不能为 null');
    }
    const cleared = await staff.patch(`/api/events/${created.body.id}`, { coverId: null, pointId: null });
    expect(cleared.status).toBe(200);
    const after = await staff.get(`/api/events/${created.body.id}`);
    expect(after.body.description).toBe('说明');
  });

  it('should send helmet headers on the API, nosniff on /uploads, and a CSP that allows the H5 shell’s one inline script by its hash', async () => {
    const api = await fetch(`${t.url}/api/health`);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(api.headers.get('content-security-policy')).toContain("default-src 'self'");
    fs.writeFileSync(path.join(t.config.uploadDir, 'probe.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    const upload = await fetch(`${t.url}/uploads/probe.jpg`);
    expect(upload.status).toBe(200);
    expect(upload.headers.get('content-type')).toBe('image/jpeg');
    expect(upload.headers.get('x-content-type-options')).toBe('nosniff');
    const shell = await fetch(`${t.url}/packages/service/pages/file/index`);
    expect(shell.headers.get('content-type')).toContain('text/html');
    const csp = shell.headers.get('content-security-policy') ?? '';
    const hash = createHash('sha256').update(SHELL_SCRIPT).digest('base64');
    expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('upgrade-insecure-requests');
    const docs = await fetch(`${t.url}/api/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-security-policy')).toContain("img-src 'self' data:");
  });
});

describe('client address behind a proxy', () => {
  const attempt = (url: string, forwardedFor: string) =>
    client(url).post('/api/auth/password-login', { username: 'chen', password: 'guess' }, { 'x-forwarded-for': forwardedFor });

  describe('with TRUST_PROXY unset', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ LOGIN_RATE_LIMIT: '3' });
    });
    afterAll(async () => t?.close());

    it('should not let a new X-Forwarded-For per request escape the login limit', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await attempt(t.url, `203.0.113.${i + 1}`)).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    });
  });

  describe('with TRUST_PROXY=127.0.0.1', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ LOGIN_RATE_LIMIT: '3', TRUST_PROXY: '127.0.0.1' });
    });
    afterAll(async () => t?.close());

    it('should count each address the proxy reports on its own, and still limit one address', async () => {
      const spread: number[] = [];
      for (let i = 0; i < 5; i++) spread.push((await attempt(t.url, `198.51.100.${i + 1}`)).status);
      expect(spread).toEqual([401, 401, 401, 401, 401]);
      const one: number[] = [];
      for (let i = 0; i < 4; i++) one.push((await attempt(t.url, '192.0.2.7')).status);
      expect(one).toEqual([401, 401, 401, 429]);
    });
  });
});
