import { createHash } from 'crypto';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { shanghaiDate } from '@linli/domain';
import { RefreshToken } from '../../src/modules/auth/refresh-token.entity';
import { ACCESS_TOKEN_SECONDS } from '../../src/modules/auth/sessions';
import { SignedUrls } from '../../src/common/signed-urls/signed-urls';
import { IdempotencyKey } from '../../src/modules/idempotency/idempotency-key.entity';
import { Invite } from '../../src/modules/people/people.entities';
import { Ticket } from '../../src/modules/service-requests/service-request.entities';
import { Upload } from '../../src/modules/uploads/upload.entity';
import { User } from '../../src/modules/users/user.entity';
import { Wish } from '../../src/modules/wishes/wish.entities';
import { ActivitySignup } from '../../src/modules/events/activity.entities';
import { client, demoLogin } from '../utils/http';
import { servedRoutes } from '../utils/routes';
import { startTestApp, TestApp } from '../utils/test-app';

const DAY = 24 * 3600_000;
const HOUR = 3600_000;

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
const key = (label: string) => `test-${label}-${Math.random().toString(36).slice(2, 12)}`;

async function jpeg(): Promise<Blob> {
  const buf = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 160, g: 90, b: 90 } } }).jpeg().toBuffer();
  return new Blob([buf], { type: 'image/jpeg' });
}

describe('tokens that can be taken back, signed image URLs and Idempotency-Key, over HTTP', () => {
  let t: TestApp;
  let ds: DataSource;
  let signer: SignedUrls;
  let seq = 0;

  /** A fresh WeChat sign-in (its own family), made staff of community 2 when asked. */
  async function signIn(roles?: string[]) {
    const res = await client(t.url).post('/api/auth/wechat-login', { code: `tok${process.pid}x${++seq}.1` });
    expect(res.status).toBe(200);
    if (roles) await ds.getRepository(User).update({ id: res.body.user.id }, { roles: roles as any });
    return { id: res.body.user.id as number, access: res.body.accessToken as string, refresh: res.body.refreshToken as string, body: res.body, api: client(t.url, res.body.accessToken) };
  }
  const renew = (refreshToken: unknown) => client(t.url).post('/api/auth/refresh', { refreshToken });

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.get(DataSource);
    signer = t.get(SignedUrls);
  });
  afterAll(async () => t?.close());

  describe('access and refresh tokens', () => {
    it('should answer a one-hour access token with a refresh token and their expiries, and store only the refresh token hash', async () => {
      const s = await signIn();
      const c = claimsOf(s.access);
      expect(c.exp - c.iat).toBe(ACCESS_TOKEN_SECONDS);
      expect(ACCESS_TOKEN_SECONDS).toBe(3600);
      expect(typeof c.sid).toBe('string');
      expect(c.roles).toBeUndefined();
      expect(Date.parse(s.body.expiresAt) - Date.now()).toBeGreaterThan(59 * 60_000);
      expect(Date.parse(s.body.refreshExpiresAt) - Date.now()).toBeGreaterThan(29 * DAY);
      const rows = await ds.getRepository(RefreshToken).find({ where: { userId: s.id } });
      expect(rows).toHaveLength(1);
      expect(rows[0].tokenHash).toBe(createHash('sha256').update(s.refresh).digest('hex'));
      expect(JSON.stringify(rows)).not.toContain(s.refresh);
      expect(rows[0].familyId).toBe(c.sid);
    });

    it('should rotate the refresh token on use, and revoke the whole sign-in when a used one comes back', async () => {
      const s = await signIn();
      const first = await renew(s.refresh);
      expect(first.status).toBe(200);
      expect(first.body.refreshToken).not.toBe(s.refresh);
      expect(claimsOf(first.body.accessToken).sid).toBe(claimsOf(s.access).sid);
      expect((await client(t.url, first.body.accessToken).get('/api/me')).status).toBe(200);
      const second = await renew(first.body.refreshToken);
      expect(second.status).toBe(200);

      // The first token again: it was copied. Refused, and the newest token of the family dies with it.
      const replay = await renew(s.refresh);
      expect(replay.status).toBe(401);
      expect(replay.body.code).toBe('UNAUTHENTICATED');
      expect((await renew(second.body.refreshToken)).status).toBe(401);
      const family = await ds.getRepository(RefreshToken).find({ where: { userId: s.id } });
      expect(family).toHaveLength(3);
      expect(family.every((r) => r.revokedAt)).toBe(true);
      expect(family.map((r) => r.revokeReason)).toContain('reuse');
      // Another sign-in of the same person is untouched.
      const other = await client(t.url).post('/api/auth/wechat-login', { code: `tok${process.pid}x${seq}.2` });
      expect(other.body.user.id).toBe(s.id);
      expect((await renew(other.body.refreshToken)).status).toBe(200);
    });

    it('should let exactly one of two concurrent renewals with the same token through', async () => {
      const s = await signIn();
      const results = await Promise.all([renew(s.refresh), renew(s.refresh), renew(s.refresh)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401]);
    });

    it('should end the sign-in on logout, even with an expired access token', async () => {
      const s = await signIn();
      const out = await client(t.url).post('/api/auth/logout', { refreshToken: s.refresh });
      expect(out.status).toBe(200);
      expect((await renew(s.refresh)).status).toBe(401);
      const row = await ds.getRepository(RefreshToken).findOneByOrFail({ userId: s.id });
      expect(row.revokeReason).toBe('logout');
      // Unknown or malformed tokens: nothing to end, no error that tells them apart.
      expect((await client(t.url).post('/api/auth/logout', { refreshToken: 'x'.repeat(43) })).status).toBe(200);
      expect((await client(t.url).post('/api/auth/logout', {})).status).toBe(200);
    });

    it('should refuse a malformed, unknown or missing refresh token with 401 or 422 naming the field', async () => {
      expect((await renew('nope')).status).toBe(401);
      expect((await renew('A'.repeat(43))).status).toBe(401);
      const missing = await client(t.url).post('/api/auth/refresh', {});
      expect(missing.status).toBe(422);
      expect(missing.body.fields.refreshToken).toBeDefined();
    });

    it('should refuse a staff token issued before the staff role was removed on the next request, and refuse its renewal', async () => {
      const s = await signIn(['resident', 'staff']);
      expect((await s.api.get('/api/invites')).status).toBe(200);
      const admin = await demoLogin(t.url, 'admin');
      const removed = await admin.api.post(`/api/people/${s.id}/remove-role`, { role: 'staff', reason: '调离' });
      expect(removed.status).toBe(200);
      // The same access token, one request later.
      const after = await s.api.get('/api/invites');
      expect(after.status).toBe(403);
      expect((await s.api.post('/api/events', { title: 'x' })).status).toBe(403);
      const again = await renew(s.refresh);
      expect(again.status).toBe(401);
      const rows = await ds.getRepository(RefreshToken).find({ where: { userId: s.id } });
      expect(rows.every((r) => r.revokeReason === 'role_change')).toBe(true);
    });

    it('should end other sign-ins when a role is granted, but keep the one that accepted the invite', async () => {
      const s = await signIn();
      const elsewhere = await client(t.url).post('/api/auth/wechat-login', { code: `tok${process.pid}x${seq}.2` });
      const staff = await demoLogin(t.url, 'staff');
      const invite = await staff.api.post('/api/invites', { role: 'volunteer', communityId: 2 });
      expect(invite.status).toBe(201);
      const accepted = await s.api.post('/api/invites/accept', { code: invite.body.code });
      expect(accepted.status).toBe(200);
      expect((await renew(elsewhere.body.refreshToken)).status).toBe(401);
      expect((await renew(s.refresh)).status).toBe(200);
    });
  });

  describe('no token in the query string', () => {
    it('should answer every route called with ?token= (an admin’s) as if no token was sent', async () => {
      const admin = await demoLogin(t.url, 'admin');
      const routes = servedRoutes(t.app).filter((r) => r.path.startsWith('/api/'));
      expect(routes.length).toBeGreaterThan(60);
      const accepted: string[] = [];
      let tried = 0;
      for (const r of routes) {
        const path = r.path.replace(/\{[^}]+\}/g, '1');
        const sep = path.includes('?') ? '&' : '?';
        const res = await fetch(`${t.url}${path}${sep}token=${encodeURIComponent(admin.token)}`, {
          method: r.method.toUpperCase(),
          headers: r.method === 'get' ? {} : { 'content-type': 'application/json' },
          body: r.method === 'get' ? undefined : '{}',
        });
        tried++;
        // The token must change nothing: the same answer as with no token at all (401 on signed-in routes).
        const bare = await fetch(`${t.url}${path}`, {
          method: r.method.toUpperCase(),
          headers: r.method === 'get' ? {} : { 'content-type': 'application/json' },
          body: r.method === 'get' ? undefined : '{}',
        });
        const unsign = (x: string) => x.replace(/exp=\d+&sig=[A-Za-z0-9_-]+/g, '');
        const [text, bareText] = [unsign(await res.text()), unsign(await bare.text())];
        const ok = (status: number) => status >= 200 && status < 300;
        // Let in where it would not be, or answered differently (personalised) where both are let in.
        if ((ok(res.status) && !ok(bare.status)) || (ok(res.status) && text !== bareText)) accepted.push(`${r.method} ${r.path} ${res.status} vs ${bare.status}`);
      }
      expect(tried).toBe(routes.length);
      expect(accepted).toEqual([]);
      // And the two image routes that used to take it, specifically.
      expect((await fetch(`${t.url}/api/places/points/1/qrcode.png?token=${admin.token}`)).status).toBe(401);
      expect((await fetch(`${t.url}/api/events/1/qrcode.png?token=${admin.token}`)).status).toBe(401);
    });
  });

  describe('signed image URLs', () => {
    let staff: Awaited<ReturnType<typeof demoLogin>>;
    let points: Array<{ id: number }>;
    beforeAll(async () => {
      staff = await demoLogin(t.url, 'staff');
      const tree = await staff.api.get('/api/places/tree');
      points = tree.body[0].communities.flatMap((c: any) => c.grids).flatMap((g: any) => g.points);
      expect(points.length).toBeGreaterThan(1);
    });

    it('should load a point QR by its signed URL without a header, and refuse it altered, for another point, expired or forged', async () => {
      const res = await staff.api.get(`/api/places/points/${points[0].id}/qrcode-url`);
      expect(res.status).toBe(200);
      expect(res.body.url).toMatch(new RegExp(`^/api/places/points/${points[0].id}/qrcode\\.png\\?.*sig=`));
      expect(res.body.url).not.toContain(staff.token);
      expect(Date.parse(res.body.expiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60_000);
      const img = await fetch(t.url + res.body.url);
      expect(img.status).toBe(200);
      expect(img.headers.get('content-type')).toMatch(/^image\/(png|jpeg)$/);

      const u = new URL(t.url + res.body.url);
      const otherPath = `${t.url}/api/places/points/${points[1].id}/qrcode.png${u.search}`;
      expect((await fetch(otherPath)).status).toBe(403);
      const later = new URL(u);
      later.searchParams.set('exp', String(Number(u.searchParams.get('exp')) + 3600));
      expect((await fetch(later)).status).toBe(403);
      const someoneElse = new URL(u);
      someoneElse.searchParams.set('uid', '1');
      expect((await fetch(someoneElse)).status).toBe(403);
      const forged = new URL(u);
      forged.searchParams.set('sig', 'A'.repeat(32));
      expect((await fetch(forged)).status).toBe(403);
      const expired = signer.sign(`/api/places/points/${points[0].id}/qrcode.png`, 60, staff.user.id, Date.now() - 2 * HOUR);
      expect((await fetch(t.url + expired.url)).status).toBe(403);
      // Staff only, like the image itself.
      const resident = await demoLogin(t.url, 'resident');
      expect((await resident.api.get(`/api/places/points/${points[0].id}/qrcode-url`)).status).toBe(403);
      // Signed for a resident, the image route still checks the roles of the person it was signed for.
      const forResident = signer.sign(`/api/places/points/${points[0].id}/qrcode.png`, 600, resident.user.id);
      expect((await fetch(t.url + forResident.url)).status).toBe(403);
    });

    it('should load the activity check-in QR by its signed URL, and not another activity’s', async () => {
      const now = Date.now();
      const make = () =>
        staff.api.post('/api/events', {
          type: 'party_lesson', title: `签到码${++seq}`, description: '二楼', organiser: '漕湖花园二社区', communityId: 2, place: '党群服务中心',
          startAt: new Date(now + 2 * DAY).toISOString(), endAt: new Date(now + 2 * DAY + 2 * HOUR).toISOString(), capacity: 5, audience: 'all', hours: 1, publish: true,
        });
      const [a, b] = [await make(), await make()];
      expect(a.status).toBe(201);
      const res = await staff.api.get(`/api/events/${a.body.id}/qrcode-url`);
      expect(res.status).toBe(200);
      const img = await fetch(t.url + res.body.url);
      expect(img.status).toBe(200);
      const search = new URL(t.url + res.body.url).search;
      expect((await fetch(`${t.url}/api/events/${b.body.id}/qrcode.png${search}`)).status).toBe(403);
      const resident = await demoLogin(t.url, 'resident');
      expect((await resident.api.get(`/api/events/${a.body.id}/qrcode-url`)).status).toBe(403);
    });

    it('should keep a private photo off /uploads and serve it only by its signed URL, for that photo only, until it expires', async () => {
      const gw = await demoLogin(t.url, 'grid_worker');
      const f = new FormData();
      f.append('file', await jpeg(), 'home.jpg');
      const up = await gw.api.post('/api/uploads?visibility=private', f);
      expect(up.status).toBe(201);
      expect(up.body.url).toMatch(new RegExp(`^/api/uploads/${up.body.id}/photo\\.jpg\\?exp=\\d+&sig=`));
      expect(up.body.thumbUrl).toMatch(new RegExp(`^/api/uploads/${up.body.id}/thumb\\.jpg\\?`));
      const row = await ds.getRepository(Upload).findOneByOrFail({ id: up.body.id });
      expect(row.key.startsWith('private/')).toBe(true);
      expect((await fetch(`${t.url}/uploads/${row.key}`)).status).toBe(404);
      expect((await fetch(`${t.url}/uploads/${row.thumbKey}`)).status).toBe(404);

      const full = await fetch(t.url + up.body.url);
      expect(full.status).toBe(200);
      expect(full.headers.get('content-type')).toBe('image/jpeg');
      expect(full.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await fetch(t.url + up.body.thumbUrl)).status).toBe(200);

      const other = new FormData();
      other.append('file', await jpeg(), 'other.jpg');
      const second = await gw.api.post('/api/uploads?visibility=private', other);
      const search = new URL(t.url + up.body.url).search;
      expect((await fetch(`${t.url}/api/uploads/${second.body.id}/photo.jpg${search}`)).status).toBe(403);
      expect((await fetch(`${t.url}/api/uploads/${up.body.id}/thumb.jpg${search}`)).status).toBe(403);
      expect((await fetch(`${t.url}/api/uploads/${up.body.id}/photo.jpg`)).status).toBe(403);
      const expired = signer.sign(`/api/uploads/${up.body.id}/photo.jpg`, 60, undefined, Date.now() - 2 * HOUR);
      expect((await fetch(t.url + expired.url)).status).toBe(403);
      // A URL signed for a user (a QR's) is not a photo's.
      const userBound = signer.sign(`/api/uploads/${up.body.id}/photo.jpg`, 600, gw.user.id);
      expect((await fetch(t.url + userBound.url)).status).toBe(403);

      // A public upload keeps its unguessable /uploads/ name.
      const pub = new FormData();
      pub.append('file', await jpeg(), 'cover.jpg');
      const open = await gw.api.post('/api/uploads', pub);
      expect(open.body.url).toMatch(/^\/uploads\/\d{8}\/[0-9a-f]{24}\.jpg$/);
      expect((await fetch(t.url + open.body.url)).status).toBe(200);
    });

    it('should show a wish’s photos and proof photos only as signed URLs', async () => {
      const gw = await demoLogin(t.url, 'grid_worker');
      const f = new FormData();
      f.append('file', await jpeg(), 'home.jpg');
      const up = await gw.api.post('/api/uploads?visibility=private', f);
      const wish = await gw.api.post('/api/wishes', {
        communityId: gw.user.grids[0].communityId,
        beneficiary: { name: '赵桂兰', phone: '13800007777', building: '三区5幢201室', situation: '独居', gender: 'female', ageGroup: 'elder' },
        title: '想要一把新椅子', story: '家里的椅子坏了，想换一把结实的。', type: 'goods', estimatedValue: 100,
        wishBy: shanghaiDate(new Date(Date.now() + 30 * DAY)), photoIds: [up.body.id],
      });
      expect(wish.status).toBe(201);
      const row = await ds.getRepository(Upload).findOneByOrFail({ id: up.body.id });
      const detail = await gw.api.get(`/api/wishes/manage/${wish.body.id}`);
      expect(detail.text).not.toContain(row.key);
      expect(detail.body.photos[0].url).toMatch(new RegExp(`^/api/uploads/${up.body.id}/photo\\.jpg\\?.*sig=`));
      expect((await fetch(t.url + detail.body.photos[0].url)).status).toBe(200);
      await staff.api.post(`/api/wishes/${wish.body.id}/actions/publish`, {});
      const wall = await client(t.url).get(`/api/wishes/${wish.body.id}`);
      expect(wall.status).toBe(200);
      expect(wall.text).not.toContain(row.key);
      expect(wall.body.photos[0].url).toMatch(/sig=/);
    });
  });

  describe('Idempotency-Key on every create', () => {
    /** Two submissions with one key, at the same time and again after: one row. */
    async function twice(send: (headers: Record<string, string>) => Promise<{ status: number; body: any }>) {
      const headers = { 'idempotency-key': key('k') };
      const [a, b] = await Promise.all([send(headers), send(headers)]);
      const c = await send(headers);
      const ok = [a, b, c].filter((r) => r.status >= 200 && r.status < 300);
      // A racing second may be told the first is still in progress (409), never given a second record.
      for (const r of [a, b, c]) if (!(r.status >= 200 && r.status < 300)) expect([r.status, r.body.code]).toEqual([409, 'IDEMPOTENT_RETRY']);
      expect(ok.length).toBeGreaterThanOrEqual(2);
      const ids = new Set(ok.map((r) => r.body.id));
      expect(ids.size).toBe(1);
      return [...ids][0];
    }

    it('should make one ticket of a double 提交', async () => {
      const resident = await demoLogin(t.url, 'resident');
      const categories = (await client(t.url).get('/api/service/categories')).body;
      const before = await ds.getRepository(Ticket).count();
      const body = { scene: 'hy2-b12', categoryId: categories[0].id, description: `楼道灯不亮了 ${key('t')}`, contactName: '张秀英', contactPhone: '13812341234' };
      await twice((h) => resident.api.post('/api/service/tickets', body, h));
      expect(await ds.getRepository(Ticket).count()).toBe(before + 1);
    });

    it('should make one wish of a double 提交审核', async () => {
      const gw = await demoLogin(t.url, 'grid_worker');
      const before = await ds.getRepository(Wish).count();
      const body = {
        communityId: gw.user.grids[0].communityId,
        beneficiary: { name: '孙玉梅', phone: '13800006666', building: '二区3幢101室', situation: '独居', gender: 'female', ageGroup: 'elder' },
        title: '想要一台收音机', story: '平时喜欢听评弹，家里的收音机坏了。', type: 'goods', estimatedValue: 120, wishBy: shanghaiDate(new Date(Date.now() + 40 * DAY)),
      };
      await twice((h) => gw.api.post('/api/wishes', body, h));
      expect(await ds.getRepository(Wish).count()).toBe(before + 1);
    });

    it('should make one sign-up and one proxy sign-up of a double 报名', async () => {
      const staff = await demoLogin(t.url, 'staff');
      const now = Date.now();
      const a = await staff.api.post('/api/events', {
        type: 'party_lesson', title: `报名${++seq}`, description: '二楼', organiser: '漕湖花园二社区', communityId: 2, place: '党群服务中心',
        startAt: new Date(now + 3 * DAY).toISOString(), endAt: new Date(now + 3 * DAY + 2 * HOUR).toISOString(), capacity: 10, audience: 'all', hours: 1, publish: true,
      });
      const s = await signIn();
      await twice((h) => s.api.post(`/api/events/${a.body.id}/signups`, {}, h));
      const gw = await demoLogin(t.url, 'grid_worker');
      await twice((h) => gw.api.post(`/api/events/${a.body.id}/proxy-signups`, { name: '周大爷', phone: '13800005555' }, h));
      expect(await ds.getRepository(ActivitySignup).count({ where: { activityId: a.body.id } })).toBe(2);
    });

    it('should make one claim of a double 认领, and count it once', async () => {
      const gw = await demoLogin(t.url, 'grid_worker');
      const staff = await demoLogin(t.url, 'staff');
      const w = await gw.api.post('/api/wishes', {
        communityId: gw.user.grids[0].communityId,
        beneficiary: { name: '钱阿婆', phone: '13800004444', building: '四区8幢502室', situation: '独居', gender: 'female', ageGroup: 'elder' },
        title: '想要一个电饭煲', story: '家里的电饭煲坏了，想换一个小的。', type: 'goods', estimatedValue: 150, wishBy: shanghaiDate(new Date(Date.now() + 40 * DAY)),
      });
      expect((await staff.api.post(`/api/wishes/${w.body.id}/actions/publish`, {})).status).toBe(201);
      const v = await signIn(['resident', 'volunteer']);
      const k = { 'idempotency-key': key('claim') };
      const results = await Promise.all([v.api.post(`/api/wishes/${w.body.id}/actions/claim`, undefined, k), v.api.post(`/api/wishes/${w.body.id}/actions/claim`, undefined, k)]);
      for (const r of results) expect([200, 201, 409]).toContain(r.status);
      expect((await v.api.post(`/api/wishes/${w.body.id}/actions/claim`, undefined, k)).status).toBe(201);
      const row = await ds.getRepository(Wish).findOneByOrFail({ id: w.body.id });
      expect([row.status, row.claimerId]).toEqual(['claimed', v.id]);
      const { WishVolunteer } = await import('../../src/modules/wishes/wish.entities');
      expect((await ds.getRepository(WishVolunteer).findOneByOrFail({ userId: v.id })).activeClaims).toBe(1);
      expect(await ds.getRepository(IdempotencyKey).count({ where: { userId: v.id, scope: `wish.claim:${w.body.id}` } })).toBe(1);
    });

    it('should store one upload of a double 上传', async () => {
      const s = await signIn();
      const before = await ds.getRepository(Upload).count({ where: { ownerId: s.id } });
      const blob = await jpeg();
      const form = () => {
        const f = new FormData();
        f.append('file', blob, 'a.jpg');
        return f;
      };
      await twice((h) => s.api.post('/api/uploads', form(), h));
      expect(await ds.getRepository(Upload).count({ where: { ownerId: s.id } })).toBe(before + 1);
    });

    it('should make one invite of a double 生成邀请', async () => {
      const staff = await demoLogin(t.url, 'staff');
      const before = await ds.getRepository(Invite).count();
      await twice((h) => staff.api.post('/api/invites', { role: 'volunteer', communityId: 2, note: key('n') }, h));
      expect(await ds.getRepository(Invite).count()).toBe(before + 1);
    });

    it('should refuse a malformed key naming the header', async () => {
      const staff = await demoLogin(t.url, 'staff');
      const bad = await staff.api.post('/api/invites', { role: 'volunteer', communityId: 2 }, { 'idempotency-key': 'x' });
      expect(bad.status).toBe(422);
      expect(bad.body.fields['Idempotency-Key']).toBeDefined();
    });
  });
});
