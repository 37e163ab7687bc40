import { client, demoLogin } from '../utils/http';
import { startTestApp, TestApp } from '../utils/test-app';

// A sticker code as people type it: a phone capitalises it, a Chinese keyboard gives a full-width hyphen.
describe('typed point codes over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it.each(['hy2-b12', 'HY2-B12', 'Hy2-b12', 'hy2－b12', 'ＨＹ２－Ｂ１２', ' hy2-b12 '])('should resolve %p to the same point', async (typed) => {
    const res = await client(t.url).get(`/api/places/scene/${encodeURIComponent(typed)}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ scene: 'hy2-b12', point: { name: '六区12幢' } });
  });

  it('should still refuse a code that is not one after folding, and an unknown one', async () => {
    const bad = await client(t.url).get(`/api/places/scene/${encodeURIComponent('中文码')}`);
    expect(bad.status).toBe(422);
    expect(bad.body.fields.scene).toBeDefined();
    const unknown = await client(t.url).get(`/api/places/scene/${encodeURIComponent('ＨＹ２－Ｂ９９')}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('PLACE_SCENE_INVALID');
  });

  it('should list the open tickets at a point typed with a full-width hyphen', async () => {
    const resident = await demoLogin(t.url, 'resident');
    const res = await resident.api.get(`/api/service/points/${encodeURIComponent('hy2－b12')}/open-tickets`);
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
  });

  it('should file a ticket at a point typed in capitals with a full-width hyphen, and check in with the code typed another way', async () => {
    const resident = await demoLogin(t.url, 'resident');
    const worker = await demoLogin(t.url, 'grid_worker');
    const categories = (await client(t.url).get('/api/service/categories')).body;
    const filed = await resident.api.post('/api/service/tickets', { scene: 'ＨＹ２－Ｂ１２', categoryId: categories[0].id, description: '六区12幢门口垃圾满了', contactName: '张秀英', contactPhone: '13812341234' });
    expect(filed.status).toBe(201);
    expect(filed.body.point).toMatchObject({ scene: 'hy2-b12', name: '六区12幢' });
    const id = filed.body.id;
    expect((await worker.api.post(`/api/service/tickets/${id}/actions/sign`, {})).status).toBe(201);
    const wrong = await worker.api.post(`/api/service/tickets/${id}/actions/check_in`, { scene: 'HY2－B20' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('TICKET_CHECKIN_WRONG_CODE');
    const onSite = await worker.api.post(`/api/service/tickets/${id}/actions/check_in`, { scene: 'Hy2－B12' });
    expect(onSite.status).toBe(201);
    expect(onSite.body.status).toBe('on_site');
  });

  it('should keep a typed custom code in lower case, and find a point by address_id as printed (Open311)', async () => {
    const admin = await demoLogin(t.url, 'admin');
    const tree = (await admin.api.get('/api/places/tree')).body;
    const gridId = tree[0].communities[0].grids[0].id;
    const made = await admin.api.post('/api/places/points', { gridId, name: '大写码', kind: 'other', scene: 'HY-Case-9' });
    expect(made.status).toBe(201);
    expect(made.body.scene).toBe('hy-case-9');
    expect((await admin.api.post('/api/places/points', { gridId, name: '重复', kind: 'other', scene: 'hy-case-9' })).status).toBe(409);
    expect((await client(t.url).get('/api/places/scene/HY-CASE-9')).body.point.name).toBe('大写码');
    const [service] = (await client(t.url).get('/open311/v2/services.json')).body;
    const form = new URLSearchParams({ api_key: 'linli-demo-open311-key', service_code: service.service_code, address_id: 'HY2－B12', description: '路灯不亮' });
    const res = await client(t.url).post('/open311/v2/requests.json', form);
    expect(res.status).toBe(201);
  });
});
