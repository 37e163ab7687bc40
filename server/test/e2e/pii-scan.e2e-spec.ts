import ExcelJS from 'exceljs';
import type { Client } from '../utils/http';
import { servedRoutes } from '../utils/routes';
import { buildWorld, CASES, getPaths, MatrixRole, ROLES, SECRETS, World } from '../utils/scope-world';
import { startTestApp, TestApp } from '../utils/test-app';

/**
 * The raw-response scan: as every role, GET every GET route the server serves (each record of every case), and look
 * through the raw body — and the cells of an XLSX — for what must stay private: the beneficiaries' names, phones,
 * addresses and health notes, the anonymous filer's name and phone, the proxy-signed elder's name and phone.
 * Only the rightful viewers (PRODUCT.md) may meet each one; full phones only where the rules show them unmasked.
 */
type Secret = { label: string; text: string; seenBy: readonly MatrixRole[] };

const B_A = SECRETS.beneficiaryA;
const B_B = SECRETS.beneficiaryB;
const B_C = SECRETS.beneficiaryC;
/** grid A's beneficiary: its grid worker (王芳), staff of 漕湖花园二社区, the admin */
const GRID_A: MatrixRole[] = ['grid_worker', 'staff', 'admin'];
/** grid B's: staff of the community and the admin — never the worker of grid A */
const GRID_B: MatrixRole[] = ['staff', 'admin'];
/** 永昌泾社区's: only the admin of the roles here */
const OTHER_COMMUNITY: MatrixRole[] = ['admin'];

const SECRET_LIST: Secret[] = [
  ...(['name', 'phone', 'building', 'situation'] as const).flatMap((f) => [
    { label: `grid A beneficiary's ${f}`, text: B_A[f], seenBy: GRID_A },
    { label: `grid B beneficiary's ${f}`, text: B_B[f], seenBy: GRID_B },
    { label: `other community beneficiary's ${f}`, text: B_C[f], seenBy: OTHER_COMMUNITY },
  ]),
  // the anonymous filer in grid B: the ticket's full view is for its grid's worker, staff of its community, the admin;
  // the phone is masked there, and in full only in the staff's ticket export
  { label: 'anonymous filer\'s name', text: SECRETS.anonymousFiler.name, seenBy: GRID_B },
  { label: 'anonymous filer\'s phone', text: SECRETS.anonymousFiler.phone, seenBy: GRID_B },
  // the elder 王芳 signed up: she sees her own proxies (masked phone); the organiser, staff and admin see attendees
  { label: 'proxy-signed elder\'s name', text: SECRETS.proxyElder.name, seenBy: ['grid_worker', 'staff', 'admin'] },
  { label: 'proxy-signed elder\'s phone', text: SECRETS.proxyElder.phone, seenBy: ['staff', 'admin'] },
];

/** Images: bytes, not text (a QR or a photo cannot carry these strings). */
const BINARY = /\.(png|jpg)$/;

describe('raw-response scan (e2e): private details reach only their rightful viewers', () => {
  let t: TestApp;
  let w: World;
  let gets: string[];
  const seen = new Map<string, Set<MatrixRole>>();
  let requests = 0;

  const api = (role: MatrixRole): Client => (role === 'anon' ? w.anon : w.actors[role].api);

  async function text(res: Response): Promise<string> {
    const type = res.headers.get('content-type') ?? '';
    const buf = Buffer.from(await res.arrayBuffer());
    if (!type.includes('spreadsheetml')) return buf.toString('utf8');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as any);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text ?? '')))));
    return cells.join('\n');
  }

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    gets = servedRoutes(t.app).filter((r) => r.method === 'get').map((r) => `get ${r.path}`);
  });
  afterAll(() => t?.close());

  it('should have an address for every GET route in the scan', () => {
    const missing = gets.filter((r) => !BINARY.test(r) && getPaths(r, w) === null);
    expect(missing).toEqual([]);
  });

  it('should show each private detail only to its rightful viewers, as every role on every GET route', async () => {
    const leaks: string[] = [];
    for (const route of gets) {
      if (BINARY.test(route)) continue;
      const paths = [...getPaths(route, w)!];
      if (route === 'get /api/ledger/export.xlsx') paths.push(...CASES.map((c) => `/api/ledger/export.xlsx?userId=${w.volunteers[c]}`));
      if (route === 'get /api/wishes/manage' || route === 'get /api/wishes/beneficiaries') paths.push(...[w.places.c2, w.places.c3].map((c) => `${paths[0]}?communityId=${c}`));
      for (const path of paths) {
        for (const role of ROLES) {
          const res = await api(role).raw(path);
          requests++;
          expect({ path, role, ok: res.status < 500 }).toEqual({ path, role, ok: true });
          const body = await text(res);
          for (const s of SECRET_LIST) {
            if (!body.includes(s.text)) continue;
            if (!seen.has(s.label)) seen.set(s.label, new Set());
            seen.get(s.label)!.add(role);
            if (!s.seenBy.includes(role)) leaks.push(`${s.label} (${s.text}) shown to ${role} by GET ${path}`);
          }
        }
      }
    }
    // eslint-disable-next-line no-console
    console.log(`pii scan: ${requests} GETs over ${gets.length} routes × ${ROLES.length} roles`);
    expect(leaks).toEqual([]);
  });

  it('should have shown the details to the rightful (so the scan looked where they are)', () => {
    const by = (label: string) => [...(seen.get(label) ?? [])].sort();
    expect(by('grid A beneficiary\'s name')).toEqual([...GRID_A].sort());
    expect(by('grid A beneficiary\'s situation')).toEqual([...GRID_A].sort());
    expect(by('grid A beneficiary\'s building')).toEqual([...GRID_A].sort());
    // the full number only in the audited manage detail
    expect(by('grid A beneficiary\'s phone')).toEqual([...GRID_A].sort());
    expect(by('grid B beneficiary\'s name')).toEqual([...GRID_B].sort());
    expect(by('other community beneficiary\'s name')).toEqual([...OTHER_COMMUNITY]);
    expect(by('anonymous filer\'s name')).toEqual([...GRID_B].sort());
    expect(by('proxy-signed elder\'s name')).toEqual(['admin', 'grid_worker', 'staff']);
  });
});
