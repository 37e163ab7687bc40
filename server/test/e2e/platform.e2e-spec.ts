import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { AuditService } from '../../src/modules/audit/audit.service';
import { JobsService } from '../../src/modules/jobs/jobs.service';
import { NotificationsService } from '../../src/modules/notifications/notifications.service';
import { TransactionService } from '../../src/database/transaction.service';
import { client, demoLogin } from '../utils/http';
import { handlerInputs, servedRoutes } from '../utils/routes';
import { startTestApp, TestApp } from '../utils/test-app';

function decodeQr(png: Buffer): string | null {
  const img = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data ?? null;
}

async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 100, b: 50 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'TestPhone', Model: 'GPS-Cam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 24/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '120/1 36/1 0/1' } })
    .toBuffer();
}

function form(name: string, data: Buffer, type = 'image/jpeg') {
  const f = new FormData();
  f.append('file', new Blob([data], { type }), name);
  return f;
}

describe('platform over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('should report the database as up on /api/health', async () => {
    const res = await client(t.url).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.info.database.status).toBe('up');
  });

  it('should serve the OpenAPI document with the auth and places routes', async () => {
    const res = await client(t.url).get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/auth/wechat-login', '/api/places/scene/{scene}', '/api/uploads', '/api/health']));
  });

  describe('the OpenAPI document', () => {
    let doc: any;
    let operations: Array<{ method: string; path: string; op: any }>;
    beforeAll(async () => {
      doc = (await client(t.url).get('/api/docs-json')).body;
      operations = Object.entries(doc.paths).flatMap(([path, item]: [string, any]) => Object.entries(item).map(([method, op]) => ({ method, path, op })));
    });

    it('should list every route the server answers, and only those, each with its path parameters', () => {
      const served = servedRoutes(t.app);
      expect(served.length).toBeGreaterThan(60);
      const documented = operations.map((o) => `${o.method} ${o.path}`).sort();
      expect(documented).toEqual(served.map((r) => `${r.method} ${r.path}`).sort());
      for (const { path, op } of operations) {
        const inTemplate = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
        const described = op.parameters.filter((p: any) => p.in === 'path');
        expect([op.operationId, described.map((p: any) => p.name).sort()]).toEqual([op.operationId, inTemplate]);
        for (const p of described) expect(p.required).toBe(true);
      }
    });

    it('should describe every query, path and header input a handler reads', () => {
      const inputs = handlerInputs(t.app);
      const byId = new Map(operations.map((o) => [o.op.operationId, o.op]));
      let checked = 0;
      for (const [id, args] of inputs) {
        const op = byId.get(id);
        expect([id, !!op]).toEqual([id, true]);
        const params = op.parameters.map((p: any) => `${p.in} ${p.name.toLowerCase()}`);
        for (const { kind, names } of args) {
          for (const name of names) {
            expect([id, params]).toEqual([id, expect.arrayContaining([`${kind} ${name.toLowerCase()}`])]);
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(50);
      // Open311 reads its query by hand (GeoReport v2 names): documented on the controller.
      const list = byId.get('Open311Controller_list');
      expect(list.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(['jurisdiction_id', 'service_request_id', 'service_code', 'start_date', 'end_date', 'status']));
    });

    it('should mark exactly the routes that answer without a token as public (security: [])', async () => {
      const anonymous = client(t.url);
      const sample = (p: any) => (p.schema?.enum?.[0] ?? (p.schema?.type === 'integer' ? '1' : p.name === 'scene' ? 'hy2-b12' : 'x.json'));
      let publicCount = 0;
      for (const { method, path, op } of operations) {
        const url = path.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(sample(op.parameters.find((p: any) => p.in === 'path' && p.name === name))));
        const res = await anonymous.raw(url, { method: method.toUpperCase() });
        const body = await res.text();
        const refused = res.status === 401 && body.includes('UNAUTHENTICATED');
        if (op.security.length === 0) publicCount++;
        expect([method, path, op.security.length === 0 ? 'public' : 'signed in']).toEqual([method, path, refused ? 'signed in' : 'public']);
      }
      expect(publicCount).toBeGreaterThanOrEqual(15);
      for (const { op } of operations.filter((o) => o.op.security.length)) expect(op.security).toEqual([{ bearer: [] }]);
    });

    it('should say the Idempotency-Key header is optional wherever it is read', () => {
      const withKey = operations.filter((o) => o.op.parameters.some((p: any) => p.in === 'header' && /^idempotency-key$/i.test(p.name)));
      expect(withKey.map((o) => `${o.method} ${o.path}`)).toEqual(
        expect.arrayContaining(['post /api/service/tickets', 'post /api/wishes', 'post /api/events/{id}/signups', 'post /api/events/{id}/proxy-signups']),
      );
      for (const { op } of withKey) {
        const header = op.parameters.find((p: any) => p.in === 'header' && /^idempotency-key$/i.test(p.name));
        expect(header).toMatchObject({ name: 'Idempotency-Key', required: false, schema: { type: 'string' } });
      }
    });

    it('should document the Open311 GeoReport routes under their own tag', () => {
      const open311 = operations.filter((o) => o.path.startsWith('/open311/v2/'));
      expect(open311.map((o) => `${o.method} ${o.path}`).sort()).toEqual(
        ['get /open311/v2/discovery.json', 'get /open311/v2/requests.json', 'get /open311/v2/requests/{file}', 'get /open311/v2/services.json', 'get /open311/v2/services/{file}', 'post /open311/v2/requests.json'],
      );
      for (const { op } of open311) expect(op.tags).toEqual(['open311']);
      expect(doc.tags.map((tag: any) => tag.name)).toContain('open311');
      for (const { op } of operations.filter((o) => !o.path.startsWith('/open311/'))) expect(op.tags).not.toContain('open311');
    });

    it('should give every operation a 2xx response with a schema, and every reference should resolve', () => {
      for (const { method, path, op } of operations) {
        const ok = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
        expect([method, path, ok.length]).toEqual([method, path, 1]);
        const content = (ok[0][1] as any).content ?? {};
        expect([method, path, Object.keys(content).length > 0]).toEqual([method, path, true]);
        for (const media of Object.values(content) as any[]) {
          expect([method, path, Object.keys(media.schema ?? {}).length > 0]).toEqual([method, path, true]);
        }
      }
      const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
      expect(refs.length).toBeGreaterThan(50);
      for (const name of new Set(refs)) expect([name, !!doc.components.schemas[name]]).toEqual([name, true]);
      // Spot checks that the schemas are the real shapes, not placeholders.
      const detail = doc.paths['/api/wishes/{id}'].get.responses['200'].content['application/json'].schema;
      expect(detail).toEqual({ $ref: '#/components/schemas/WishDetail' });
      expect(doc.components.schemas.WishDetail.properties.actions.items).toEqual({ $ref: '#/components/schemas/ActionView_WishAction' });
      expect(Object.keys(doc.paths['/api/service/tickets/export.xlsx'].get.responses['200'].content)).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    });
  });

  it('should answer malformed JSON and unknown routes with coded 4xx, never a stack trace', async () => {
    const bad = await client(t.url).post('/api/auth/wechat-login', '{"code":', { 'content-type': 'application/json' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.text).not.toMatch(/at .*\.(js|ts):\d+/);
    const none = await client(t.url).get('/api/no-such-thing');
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('NOT_FOUND');
  });

  describe('places and QR codes', () => {
    it('should resolve a scene to point, grid, community, street and the grid worker on duty with a masked phone', async () => {
      const res = await client(t.url).get('/api/places/scene/hy2-b12');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        point: { name: '六区12幢' },
        community: { name: '漕湖花园二社区' },
        street: { name: '漕湖街道' },
        gridWorker: { name: '王芳', phone: '137****1111' },
      });
      expect(res.text).not.toContain('13700001111');
    });

    it('should answer 404 for an unknown scene and 422 for characters WeChat does not allow', async () => {
      const unknown = await client(t.url).get('/api/places/scene/nope-123');
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('PLACE_SCENE_INVALID');
      const bad = await client(t.url).get(`/api/places/scene/${encodeURIComponent('中文码')}`);
      expect(bad.status).toBe(422);
      expect(bad.body.fields.scene).toBeDefined();
      const long = await client(t.url).get(`/api/places/scene/${'a'.repeat(33)}`);
      expect(long.status).toBe(422);
    });

    it('should make a 小程序码 through getwxacodeunlimit when WeChat credentials are configured, and reuse it', async () => {
      const staff = await demoLogin(t.url, 'staff');
      const tree = await staff.api.get('/api/places/tree');
      const point = tree.body[0].communities.flatMap((c: any) => c.grids).flatMap((g: any) => g.points).find((p: any) => p.scene === 'hy2-b12');
      const before = t.wechat.state.qrcodes;
      const res = await staff.api.raw(`/api/places/points/${point.id}/qrcode.png`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(decodeQr(Buffer.from(await res.arrayBuffer()))).toBe('wxacode:pages/index/index?scene=hy2-b12');
      await staff.api.raw(`/api/places/points/${point.id}/qrcode.png`);
      expect(t.wechat.state.qrcodes).toBe(before + 1);
    });

    it('should let a staff member create a point with a generated WeChat-safe scene code', async () => {
      const staff = await demoLogin(t.url, 'staff');
      const tree = await staff.api.get('/api/places/tree');
      const grid = tree.body[0].communities[0].grids[0];
      const res = await staff.api.post('/api/places/points', { gridId: grid.id, name: '7幢', kind: 'building' });
      expect(res.status).toBe(201);
      expect(res.body.scene).toMatch(/^p[0-9a-z]{6}$/);
      const dup = await staff.api.post('/api/places/points', { gridId: grid.id, name: '8幢', kind: 'building', scene: res.body.scene });
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('PLACE_SCENE_TAKEN');
      const resolved = await client(t.url).get(`/api/places/scene/${res.body.scene}`);
      expect(resolved.body.point.name).toBe('7幢');
    });
  });

  describe('uploads', () => {
    it('should re-encode a photo without its EXIF GPS and make a thumbnail', async () => {
      const original = await jpegWithGps();
      expect((await sharp(original).metadata()).exif).toBeDefined();
      const { api } = await demoLogin(t.url, 'resident');
      const res = await api.post('/api/uploads', form('photo.jpg', original));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ width: 64, height: 48 });
      const stored = Buffer.from(await (await fetch(t.url + res.body.url)).arrayBuffer());
      const meta = await sharp(stored).metadata();
      expect(meta.exif).toBeUndefined();
      expect(stored.includes(Buffer.from('GPS-Cam'))).toBe(false);
      const thumb = await fetch(t.url + res.body.thumbUrl);
      expect(thumb.status).toBe(200);
    });

    it.each([
      ['a script named .jpg', 'evil.jpg', Buffer.from('#!/bin/sh\nrm -rf /\n'), 415],
      ['an SVG', 'logo.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 415],
    ])('should refuse %s with a clear 4xx', async (_label, name, data, status) => {
      const { api } = await demoLogin(t.url, 'resident');
      const res = await api.post('/api/uploads', form(name, data as Buffer));
      expect(res.status).toBe(status);
      expect(res.body.fields.file).toBeDefined();
    });

    it('should refuse a file over 10 MB with 413', async () => {
      const { api } = await demoLogin(t.url, 'resident');
      const big = Buffer.alloc(11 * 1024 * 1024, 0xff);
      big[0] = 0xff; big[1] = 0xd8; big[2] = 0xff;
      const res = await api.post('/api/uploads', form('big.jpg', big));
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('UPLOAD_TOO_LARGE');
    });

    it('should refuse a decompression bomb (tiny file, huge pixel count)', async () => {
      const bomb = await sharp({ create: { width: 10000, height: 10000, channels: 3, background: { r: 0, g: 0, b: 0 } } }).png({ compressionLevel: 9 }).toBuffer();
      expect(bomb.length).toBeLessThan(1024 * 1024);
      const { api } = await demoLogin(t.url, 'resident');
      const res = await api.post('/api/uploads', form('bomb.png', bomb, 'image/png'));
      expect(res.status).toBe(413);
      expect(res.body.fields.file[0]).toContain('像素');
    });

    it('should need a login to upload', async () => {
      const res = await client(t.url).post('/api/uploads', form('a.jpg', await jpegWithGps()));
      expect(res.status).toBe(401);
    });
  });

  describe('audit trail', () => {
    it('should refuse UPDATE and DELETE on audit rows at the database', async () => {
      const ds = t.get<DataSource>(DataSource);
      await t.get<TransactionService>(TransactionService).run((em) =>
        t.get<AuditService>(AuditService).record(em, { actorId: 1, actorRole: 'staff', action: 'test.touch', entityType: 'test', entityId: 1 }),
      );
      await expect(ds.query("UPDATE audit_logs SET reason = 'changed'")).rejects.toThrow(/append-only/);
      await expect(ds.query('DELETE FROM audit_logs')).rejects.toThrow(/append-only/);
      const rows = await ds.query("SELECT COUNT(*) AS n FROM audit_logs WHERE action = 'test.touch'");
      expect(Number(rows[0].n)).toBe(1);
    });
  });

  describe('notifications', () => {
    it('should put a message in the centre and send a subscribe message only once per granted template', async () => {
      const resident = await demoLogin(t.url, 'resident');
      const notifications = t.get<NotificationsService>(NotificationsService);
      const templates = (await resident.api.get('/api/notifications/templates')).body;
      const grant = await resident.api.post('/api/notifications/subscriptions', { accepted: [templates.ticket_progress, 'unknown-template'] });
      expect(grant.body.granted).toEqual([templates.ticket_progress]);

      const sentBefore = t.wechat.state.sent.length;
      for (let i = 0; i < 2; i++) {
        await t.get<TransactionService>(TransactionService).run((em) =>
          notifications.notify(em, [resident.user.id], { kind: 'test.progress', title: `进度更新${i}`, body: '您反映的问题已签收', purpose: 'ticket_progress', templateData: { thing1: '已签收' } }),
        );
        await notifications.flush();
      }
      expect(t.wechat.state.sent.length - sentBefore).toBe(1);
      expect(t.wechat.state.sent[t.wechat.state.sent.length - 1].template_id).toBe(templates.ticket_progress);

      const list = await resident.api.get('/api/notifications');
      expect(list.body.items.slice(0, 2).map((n: any) => n.title)).toEqual(['进度更新1', '进度更新0']);
      expect((await resident.api.get('/api/notifications/unread-count')).body.count).toBeGreaterThanOrEqual(2);
      await resident.api.post(`/api/notifications/${list.body.items[0].id}/read`);
      const after = await resident.api.get('/api/notifications');
      expect(after.body.items[0].readAt).not.toBeNull();
    });

    it('should not let one user mark another user’s message read', async () => {
      const resident = await demoLogin(t.url, 'resident');
      const volunteer = await demoLogin(t.url, 'volunteer');
      const list = await resident.api.get('/api/notifications');
      const id = list.body.items.find((n: any) => !n.readAt)?.id;
      expect(id).toBeDefined();
      await volunteer.api.post(`/api/notifications/${id}/read`);
      const still = await resident.api.get('/api/notifications');
      expect(still.body.items.find((n: any) => n.id === id).readAt).toBeNull();
    });
  });

  describe('scheduled jobs', () => {
    it('should run a job once when two runners race for its lease', async () => {
      const jobs = t.get<JobsService>(JobsService);
      let runs = 0;
      jobs.register({ name: 'test.lease', everyMs: 60_000, run: async () => (runs++, await new Promise((r) => setTimeout(r, 50)), 1) });
      const results = await Promise.all([jobs.tick('test.lease'), jobs.tick('test.lease'), jobs.tick('test.lease')]);
      expect(results.filter((r) => r === 1)).toHaveLength(1);
      expect(runs).toBe(1);
    });
  });

  describe('utf8mb4', () => {
    it('should store Chinese and emoji as their exact UTF-8 bytes', async () => {
      const staff = await demoLogin(t.url, 'staff');
      const tree = await staff.api.get('/api/places/tree');
      const grid = tree.body[0].communities[0].grids[0];
      const name = '漕湖🏠六区';
      const res = await staff.api.post('/api/places/points', { gridId: grid.id, name, kind: 'other' });
      expect(res.status).toBe(201);
      const ds = t.get<DataSource>(DataSource);
      const hexFn = t.dbKind === 'mysql' ? 'HEX(name)' : 'hex(name)';
      const rows = await ds.query(`SELECT ${hexFn} AS h FROM points WHERE id = ${Number(res.body.id)}`);
      expect(String(rows[0].h).toUpperCase()).toBe(Buffer.from(name, 'utf8').toString('hex').toUpperCase());
      const back = await client(t.url).get(`/api/places/scene/${res.body.scene}`);
      expect(back.body.point.name).toBe(name);
    });
  });
});

describe('QR codes without WeChat credentials', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ WECHAT_APPID: '', WECHAT_SECRET: '', PUBLIC_URL: 'https://linli.example.cn' });
  });
  afterAll(async () => t?.close());

  it('should draw a plain QR of the H5 URL carrying ?scene=', async () => {
    const staff = await demoLogin(t.url, 'staff');
    const tree = await staff.api.get('/api/places/tree');
    const point = tree.body[0].communities.flatMap((c: any) => c.grids).flatMap((g: any) => g.points)[0];
    // Loaded the way an <Image> does: by the signed URL, with no login header.
    const signed = await staff.api.get(`/api/places/points/${point.id}/qrcode-url`);
    const res = await client(t.url).raw(signed.body.url);
    expect(res.status).toBe(200);
    expect(decodeQr(Buffer.from(await res.arrayBuffer()))).toBe(`https://linli.example.cn/?scene=${point.scene}`);
  });
});
