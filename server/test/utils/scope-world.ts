import sharp from 'sharp';
import { client, Client, demoLogin } from './http';
import type { TestApp } from './test-app';

/**
 * A street with people in every role and records on both sides of every scope line, built through the real HTTP
 * routes on top of the demo seed — the fixtures of the authorisation matrix and of the raw-response scan.
 *
 *   漕湖花园二社区 (C2): 六区第一网格 (grid A, 王芳 the demo grid worker) and 六区第二网格 (grid B, 网格员乙)
 *   永昌泾社区 (C3):      南片区网格 (grid C, 网格员丙)
 *
 * Each kind of record has an `own` one (grid A / C2: the rightful person's), an `otherGrid` one (C2, grid B, someone
 * else's) and an `otherCommunity` one (C3).
 */
export const ROLES = ['resident', 'volunteer', 'party', 'secretary', 'grid_worker', 'staff', 'admin', 'anon'] as const;
export type MatrixRole = (typeof ROLES)[number];
export const CASES = ['own', 'otherGrid', 'otherCommunity'] as const;
export type Case = (typeof CASES)[number];
export type Fixtures = Partial<Record<Case, string>>;

/** What must never leak: the beneficiaries recorded in grid A and grid B, the anonymous filer in grid B. */
export const SECRETS = {
  beneficiaryA: { name: '蒋桂兰', phone: '13900001111', building: '六区12幢3单元301室', situation: '独居，患糖尿病和高血压，行动不便' },
  beneficiaryB: { name: '顾美华', phone: '13900002222', building: '六区20幢2单元502室', situation: '术后康复期，需要陪护' },
  beneficiaryC: { name: '沈阿福', phone: '13900003333', building: '南片区5幢101室', situation: '低保户，听力障碍' },
  anonymousFiler: { name: '匿名居民甲乙', phone: '13911112222' },
  proxyElder: { name: '代报名老人丁', phone: '13955556666' },
} as const;

export interface Person {
  id: number;
  api: Client;
}

export interface World {
  anon: Client;
  actors: Record<Exclude<MatrixRole, 'anon'>, Person>;
  /** people who own the other side's records */
  others: { gridWorkerB: Person; gridWorkerC: Person; residentB: Person; residentC: Person; claimer: Person; volunteerC: Person };
  places: { c2: number; c3: number; gridA: number; gridB: number; gridC: number; pointA: number; pointB: number; pointC: number; street: number; streetName: string; sceneA: string; sceneB: string; sceneC: string };
  branchId: number;
  categoryId: number;
  open311ServiceCode: string;
  open311KeyId: number;
  wishes: { pending: Fixtures; published: Fixtures; fulfilled: Fixtures };
  tickets: { submitted: Fixtures; dispatched: Fixtures };
  /** the public numbers (Open311's service_request_id) of the submitted tickets */
  ticketNumbers: Fixtures;
  activities: Fixtures;
  signups: Fixtures;
  volunteers: Fixtures;
  invites: Fixtures;
  applications: Fixtures;
  points: Fixtures;
  grids: Fixtures;
  communities: Fixtures;
  /** a personal check-in code of someone signed up to each activity */
  checkinCodes: Fixtures;
  feedToken: string;
}

function ok<T = any>(res: { status: number; body: T; text: string }, what: string, ...statuses: number[]): T {
  if (!(statuses.length ? statuses : [200, 201]).includes(res.status)) throw new Error(`${what}: ${res.status} ${res.text.slice(0, 300)}`);
  return res.body;
}

export async function buildWorld(t: TestApp): Promise<World> {
  const anon = client(t.url);
  let n = 0;
  const wechat = async (who: string): Promise<Person> => {
    const body = ok(await anon.post('/api/auth/wechat-login', { code: `${who}.${++n}` }), `wechat login ${who}`);
    return { id: body.user.id, api: client(t.url, body.accessToken) };
  };
  const demo = async (key: string): Promise<Person> => {
    const d = await demoLogin(t.url, key);
    return { id: d.user.id, api: d.api };
  };
  const [resident, party, gridWorker, admin] = await Promise.all(['resident', 'volunteer', 'grid_worker', 'admin'].map(demo));
  const scene = async (s: string) => ok(await anon.get(`/api/places/scene/${s}`), `scene ${s}`);
  const [sa, sb, sc] = await Promise.all(['hy2-b12', 'hy2-b20', 'ycj-s05'].map(scene));
  const places = {
    c2: sa.community.id, c3: sc.community.id, gridA: sa.grid.id, gridB: sb.grid.id, gridC: sc.grid.id,
    pointA: sa.point.id, pointB: sb.point.id, pointC: sc.point.id, street: sa.street.id, streetName: sa.street.name as string, sceneA: 'hy2-b12', sceneB: 'hy2-b20', sceneC: 'ycj-s05',
  };
  if (sb.community.id !== places.c2 || sa.grid.id === sb.grid.id || sc.community.id === places.c2) throw new Error('the demo map changed: grid A and B must share a community, C another');

  const invite = async (by: Client, body: Record<string, unknown>) => ok(await by.post('/api/invites', body), `invite ${JSON.stringify(body)}`) as { id: number; code: string };
  const join = async (who: string, by: Client, body: Record<string, unknown>): Promise<Person> => {
    const p = await wechat(who);
    ok(await p.api.post('/api/invites/accept', { code: (await invite(by, body)).code }), `accept ${who}`);
    return p;
  };
  const branch = ok(await admin.api.post('/api/branches', { name: '漕湖花园二社区第一党支部', communityId: places.c2 }), 'branch');
  const staff = await join('staff-c2', admin.api, { role: 'staff', communityId: places.c2 });
  const gridWorkerB = await join('gw-b', admin.api, { role: 'grid_worker', gridId: places.gridB });
  const gridWorkerC = await join('gw-c', admin.api, { role: 'grid_worker', gridId: places.gridC });
  const volunteer = await join('volunteer-c2', admin.api, { role: 'volunteer', communityId: places.c2 });
  const claimer = await join('claimer-c2', admin.api, { role: 'volunteer', communityId: places.c2 });
  const volunteerC = await join('volunteer-c3', admin.api, { role: 'volunteer', communityId: places.c3 });
  const secretary = await join('secretary', admin.api, { role: 'volunteer', communityId: places.c2, isPartyMember: true, branchId: branch.id });
  ok(await admin.api.patch(`/api/branches/${branch.id}`, { name: branch.name, communityId: places.c2, secretaryId: secretary.id }), 'secretary');
  const residentB = await wechat('resident-b');
  const residentC = await wechat('resident-c');
  const actors = { resident, volunteer, party, secretary, grid_worker: gridWorker, staff, admin };

  // ── wishes: each recorded by the grid worker of the beneficiary's grid ──
  const recorders: Record<Case, Person> = { own: gridWorker, otherGrid: gridWorkerB, otherCommunity: gridWorkerC };
  const benOf: Record<Case, { name: string; phone: string; building: string; situation: string }> = { own: SECRETS.beneficiaryA, otherGrid: SECRETS.beneficiaryB, otherCommunity: SECRETS.beneficiaryC };
  const day = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  let w = 0;
  const record = async (c: Case) => {
    const community = c === 'otherCommunity' ? places.c3 : places.c2;
    const b = benOf[c];
    return ok(
      await recorders[c].api.post('/api/wishes', {
        communityId: community,
        beneficiary: { ...b, gender: 'female', ageGroup: 'elder' },
        title: `一台电风扇${++w}`,
        story: '夏天屋里闷热，想要一台落地扇。',
        type: 'goods',
        estimatedValue: 120,
        wishBy: day,
      }),
      `record wish ${c}`,
    ).id as number;
  };
  const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 90, g: 160, b: 90 } } }).jpeg().toBuffer();
  const photo = async (api: Client) => {
    const f = new FormData();
    f.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'proof.jpg');
    return ok(await api.post('/api/uploads', f), 'upload').id as number;
  };
  const wishes = { pending: {} as Fixtures, published: {} as Fixtures, fulfilled: {} as Fixtures };
  for (const c of CASES) {
    wishes.pending[c] = String(await record(c));
    const pub = await record(c);
    ok(await admin.api.post(`/api/wishes/${pub}/actions/publish`, {}), 'publish');
    wishes.published[c] = String(pub);
    const ful = await record(c);
    ok(await admin.api.post(`/api/wishes/${ful}/actions/publish`, {}), 'publish');
    ok(await claimer.api.post(`/api/wishes/${ful}/actions/claim`, {}), 'claim');
    ok(await claimer.api.post(`/api/wishes/${ful}/actions/fulfil`, { note: '电风扇已送到', photoIds: [await photo(claimer.api)] }), 'fulfil');
    wishes.fulfilled[c] = String(ful);
  }

  // ── tickets: filed at a point of each grid; grid B's by an anonymous resident ──
  const cats = ok(await anon.get('/api/service/categories'), 'categories') as Array<{ id: number; questions?: Array<{ required?: boolean }> }>;
  const category = cats.find((c) => !(c.questions ?? []).some((q) => q.required)) ?? cats[0];
  const filers: Record<Case, { who: Person; scene: string; anonymous: boolean; contactName: string; contactPhone: string }> = {
    own: { who: resident, scene: places.sceneA, anonymous: false, contactName: '张秀英', contactPhone: '13812341234' },
    otherGrid: { who: residentB, scene: places.sceneB, anonymous: true, contactName: SECRETS.anonymousFiler.name, contactPhone: SECRETS.anonymousFiler.phone },
    otherCommunity: { who: residentC, scene: places.sceneC, anonymous: false, contactName: '居民丙', contactPhone: '13977778888' },
  };
  const workers: Record<Case, Person> = { own: gridWorker, otherGrid: gridWorkerB, otherCommunity: gridWorkerC };
  const file = async (c: Case, i: number) => {
    const f = filers[c];
    const body = ok(await f.who.api.post('/api/service/tickets', { scene: f.scene, categoryId: category.id, description: `路灯不亮了${i}`, contactName: f.contactName, contactPhone: f.contactPhone, anonymous: f.anonymous }), `file ${c}`);
    numbers.set(String(body.id), String(body.number));
    return String(body.id);
  };
  const numbers = new Map<string, string>();
  const tickets = { submitted: {} as Fixtures, dispatched: {} as Fixtures };
  let k = 0;
  for (const c of CASES) {
    tickets.submitted[c] = await file(c, ++k);
    const d = await file(c, ++k);
    const now = ok(await admin.api.get(`/api/service/tickets/${d}`), 'ticket');
    if (now.status === 'submitted') ok(await admin.api.post(`/api/service/tickets/${d}/actions/accept`, {}), 'accept');
    const after = ok(await admin.api.get(`/api/service/tickets/${d}`), 'ticket');
    if (after.status !== 'dispatched') ok(await admin.api.post(`/api/service/tickets/${d}/actions/dispatch`, { workerId: workers[c].id }), 'dispatch');
    tickets.dispatched[c] = d;
  }

  // ── activities: A by the C2 staff member (its organiser), B by the admin in C2, C by the admin in C3 ──
  const at = Date.now();
  const activity = async (by: Client, communityId: number, title: string) =>
    String(
      ok(
        await by.post('/api/events', {
          type: 'volunteer_service', title, description: '社区志愿服务', organiser: '社区', communityId, place: '邻里空间服务站',
          startAt: new Date(at + 2 * 86_400_000).toISOString(), endAt: new Date(at + 2 * 86_400_000 + 7_200_000).toISOString(),
          capacity: 20, audience: 'all', hours: 1, publish: true,
        }),
        `activity ${title}`,
      ).id,
    );
  const activities: Fixtures = { own: await activity(staff.api, places.c2, '送餐队A'), otherGrid: await activity(admin.api, places.c2, '送餐队B'), otherCommunity: await activity(admin.api, places.c3, '送餐队C') };
  const signups: Fixtures = {};
  const signupOf = async (p: Person, id: string) => String(ok(await p.api.post(`/api/events/${id}/signups`, {}), 'signup').id);
  signups.own = await signupOf(resident, activities.own!);
  signups.otherGrid = await signupOf(residentB, activities.otherGrid!);
  signups.otherCommunity = await signupOf(residentC, activities.otherCommunity!);
  for (const c of CASES) ok(await gridWorker.api.post(`/api/events/${activities[c]}/proxy-signups`, { ...SECRETS.proxyElder, name: `${SECRETS.proxyElder.name}` }), `proxy ${c}`);
  const codeOf = async (p: Person) => ok(await p.api.get('/api/events/me/code'), 'my code').code as string;
  const checkinCodes: Fixtures = { own: await codeOf(resident), otherGrid: await codeOf(residentB), otherCommunity: await codeOf(residentC) };
  const feedUrl = ok(await resident.api.get('/api/events/me/calendar'), 'calendar').feedUrl as string;

  // ── the rest of the console's records ──
  const invites: Fixtures = {
    own: String((await invite(staff.api, { role: 'volunteer', communityId: places.c2 })).id),
    otherGrid: String((await invite(admin.api, { role: 'grid_worker', gridId: places.gridB })).id),
    otherCommunity: String((await invite(admin.api, { role: 'volunteer', communityId: places.c3 })).id),
  };
  ok(await residentC.api.patch('/api/me', { name: '居民丙', communityId: places.c3, building: '南片区6幢' }), 'profile C');
  const applications: Fixtures = {
    own: String(ok(await resident.api.post('/api/applications', { isPartyMember: false, note: '想参加志愿服务' }), 'apply').id),
    otherCommunity: String(ok(await residentC.api.post('/api/applications', { isPartyMember: false, note: '想参加志愿服务' }), 'apply C').id),
  };
  const key = ok(await admin.api.post('/api/service/open311-keys', { name: '矩阵测试' }), 'open311 key');

  return {
    anon,
    actors,
    others: { gridWorkerB, gridWorkerC, residentB, residentC, claimer, volunteerC },
    places,
    branchId: branch.id,
    categoryId: category.id,
    open311ServiceCode: String(ok(await anon.get('/open311/v2/services.json'), 'open311 services')[0].service_code),
    open311KeyId: key.id,
    wishes,
    tickets,
    ticketNumbers: Object.fromEntries(CASES.map((c) => [c, numbers.get(tickets.submitted[c]!)!])),
    activities,
    signups,
    volunteers: { own: String(party.id), otherGrid: String(volunteer.id), otherCommunity: String(volunteerC.id) },
    invites,
    applications,
    points: { own: String(places.pointA), otherGrid: String(places.pointB), otherCommunity: String(places.pointC) },
    grids: { own: String(places.gridA), otherGrid: String(places.gridB), otherCommunity: String(places.gridC) },
    communities: { own: String(places.c2), otherCommunity: String(places.c3) },
    checkinCodes,
    feedToken: new URL(feedUrl).searchParams.get('token') ?? '',
  };
}

/** Query strings a list route needs to answer at all (asked as its page asks). */
export const REQUIRED_QUERIES: Record<string, (w: World) => string> = {
  'get /api/people': () => '?role=volunteer',
  'get /api/places/points': (w) => `?gridId=${w.places.gridA}`,
  'get /api/places/sheet': (w) => `?gridId=${w.places.gridA}`,
  'get /api/events/calendar/feed.ics': (w) => `?token=${w.feedToken}`,
};

/**
 * Every concrete address of a GET route in this world: each case's record for a route with one in its path, and
 * the required query for a list. null: the world has no record for this route's parameter.
 */
export function getPaths(route: string, w: World): string[] | null {
  const path = route.replace(/^get /, '');
  const all = (f: Fixtures) => CASES.map((c) => f[c]).filter((x): x is string => !!x);
  const fill = (ids: string[], param = '{id}') => ids.map((id) => path.replace(param, id));
  if (!path.includes('{')) return [path + (REQUIRED_QUERIES[route]?.(w) ?? '')];
  if (path.includes('{scene}')) return fill([w.places.sceneA, w.places.sceneB, w.places.sceneC], '{scene}');
  if (path.startsWith('/open311/v2/services/')) return fill([`${w.open311ServiceCode}.json`], '{file}');
  if (path.startsWith('/open311/v2/requests/')) return fill(all(w.ticketNumbers).map((n) => `${n}.json`), '{file}');
  if (path.startsWith('/api/wishes/')) return fill([...all(w.wishes.pending), ...all(w.wishes.published), ...all(w.wishes.fulfilled)]);
  if (path.startsWith('/api/service/tickets/')) return fill([...all(w.tickets.submitted), ...all(w.tickets.dispatched)]);
  if (path.startsWith('/api/service/categories/')) return fill([String(w.categoryId)]);
  if (path.startsWith('/api/events/')) return fill(all(w.activities));
  if (path.startsWith('/api/ledger/volunteers/')) return fill(all(w.volunteers));
  if (path.startsWith('/api/invites/')) return fill(all(w.invites));
  if (path.startsWith('/api/places/points/')) return fill(all(w.points));
  return null;
}
