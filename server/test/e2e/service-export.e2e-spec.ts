import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { Grid, Point } from '../../src/modules/places/place.entities';
import { Ticket } from '../../src/modules/service-requests/service-request.entities';
import { EXPORT_PAGE } from '../../src/modules/service-requests/service-requests.exports';
import { demoLogin } from '../utils/http';
import { startTestApp, TestApp } from '../utils/test-app';

/**
 * The ticket export streams: the workbook is written to the response while keyset pages of tickets are read, so a
 * large export neither waits for every row nor holds them all. Pages must join without a row lost or repeated.
 */
describe('ticket export, streamed', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: Awaited<ReturnType<typeof demoLogin>>;
  const MANY = EXPORT_PAGE * 2 + 345;

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.dataSource;
    admin = await demoLogin(t.url, 'admin');
    const point = await ds.getRepository(Point).findOneByOrFail({ scene: 'hy2-b12' });
    const grid = await ds.getRepository(Grid).findOneByOrFail({ id: point.gridId });
    const [cat] = await ds.query('SELECT MIN(id) AS id FROM service_categories');
    const at = Date.now() - 5 * 86_400_000;
    const rows = Array.from({ length: MANY }, (_, i) => ({
      number: `EXP-${String(i).padStart(6, '0')}`,
      categoryId: Number(cat.id),
      pointId: point.id,
      gridId: grid.id,
      communityId: grid.communityId,
      requesterId: null,
      contactName: '居民',
      contactPhone: '13812341234',
      anonymous: false,
      description: `导出分页检查 #${i}`,
      photos: [],
      attributes: {},
      status: (i % 2 === 0 ? 'dispatched' : 'closed') as Ticket['status'],
      createdAt: new Date(at + i * 60_000),
      updatedAt: new Date(at + i * 60_000),
    }));
    for (let i = 0; i < rows.length; i += 200) await ds.getRepository(Ticket).insert(rows.slice(i, i + 200));
  });
  afterAll(async () => t?.close());

  const numbersOf = async (res: Response) => {
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    const ws = wb.getWorksheet('工单')!;
    expect(ws.getRow(1).getCell(1).value).toBe('工单编号');
    expect(ws.getRow(1).font?.bold).toBe(true);
    const out: Array<{ number: string; phone: string; status: string }> = [];
    ws.eachRow((r, i) => {
      if (i > 1) out.push({ number: String(r.getCell(1).value), status: String(r.getCell(2).value), phone: String(r.getCell(8).value ?? '') });
    });
    return out;
  };

  it('should stream every ticket across keyset pages, newest first, none lost or repeated', async () => {
    const res = await admin.api.raw('/api/service/tickets/export.xlsx');
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-length')).toBeNull(); // streamed, not buffered
    const rows = await numbersOf(res);
    const expected = (await ds.query('SELECT number FROM tickets ORDER BY id DESC')).map((r: any) => r.number);
    expect(expected.length).toBeGreaterThanOrEqual(MANY);
    expect(rows.map((r) => r.number)).toEqual(expected);
    expect(rows.filter((r) => r.number.startsWith('EXP-')).every((r) => r.phone === '138****1234')).toBe(true);
    const audit = await ds.query("SELECT data FROM audit_logs WHERE action = 'ticket.export' ORDER BY id DESC");
    const data = typeof audit[0].data === 'string' ? JSON.parse(audit[0].data) : audit[0].data;
    expect(data.rows).toBe(expected.length);
  });

  it('should page a filtered export the same way', async () => {
    const rows = await numbersOf(await admin.api.raw('/api/service/tickets/export.xlsx?status=dispatched'));
    const expected = (await ds.query("SELECT number FROM tickets WHERE status = 'dispatched' ORDER BY id DESC")).map((r: any) => r.number);
    expect(expected.length).toBeGreaterThan(EXPORT_PAGE);
    expect(rows.map((r) => r.number)).toEqual(expected);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['已派单']));
  });

  it('should refuse bad filters with 422 before any byte of a workbook', async () => {
    const res = await admin.api.get('/api/service/tickets/export.xlsx?from=2026-02-01&to=2026-01-01');
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('json');
    expect(res.body.fields.from).toBeDefined();
  });
});
