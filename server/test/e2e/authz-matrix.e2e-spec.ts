import { hasAnyRole, ROLES as ALL_ROLES, TransitionTable, APPLICATION_TRANSITIONS, ACTIVITY_TRANSITIONS, SIGNUP_TRANSITIONS, TICKET_TRANSITIONS, WISH_TRANSITIONS } from '@linli/domain';
import type { Client } from '../utils/http';
import { routeGates, servedRoutes } from '../utils/routes';
import { buildWorld, Case, CASES, Fixtures, MatrixRole, ROLES, World } from '../utils/scope-world';
import { startTestApp, TestApp } from '../utils/test-app';

/**
 * The authorisation matrix, generated from the routes the server really serves (fastify's router). Every route ×
 * every role (resident, volunteer, party member, 支部 secretary, grid worker, staff, admin, no token) × every case
 * (the rightful person's record, someone else's in the same community but another grid, one in another community).
 *
 * What each role may see and do comes from PRODUCT.md's scope table, written here once per kind of record as the
 * standing each role holds on each case (`KINDS`), and from the domain's transition tables for the moves. A route
 * without a record is checked against its guard. A refusal must be 401/403/404 while, on the very same record, the
 * rightful person is answered — so a refusal cannot pass by accident (a bad id, a 404 for everyone).
 */

type Standing = string;
interface Kind {
  /** the record of each case; a case a kind has no such record for is left out */
  fixtures(w: World): Fixtures;
  /** what each role is to the record of each case (the scope table) */
  standing(role: MatrixRole, c: Case): Standing[];
}

const ALL: readonly Case[] = CASES;
/** role → the cases in which it holds the standing */
function table(rows: Partial<Record<MatrixRole, readonly Case[]>>, name: Standing) {
  return (role: MatrixRole, c: Case): Standing[] => (rows[role]?.includes(c) ? [name] : []);
}
function join(...fs: Array<(role: MatrixRole, c: Case) => Standing[]>) {
  return (role: MatrixRole, c: Case) => fs.flatMap((f) => f(role, c));
}
/** staff of C2 (own, other grid), the admin (also staff of every demo community) everywhere */
const STAFF = join(table({ staff: ['own', 'otherGrid'], admin: ALL }, 'staff'), table({ admin: ALL }, 'admin'));
const VOLUNTEERS = table({ volunteer: ALL, party: ALL, secretary: ALL }, 'volunteer');

const KINDS = {
  /** a wish is served by the worker of its beneficiary's grid and staff of its community */
  wishPending: { fixtures: (w) => w.wishes.pending, standing: join(table({ grid_worker: ['own'] }, 'grid_worker'), STAFF, VOLUNTEERS) },
  wishPublished: { fixtures: (w) => w.wishes.published, standing: join(table({ grid_worker: ['own'] }, 'grid_worker'), STAFF, VOLUNTEERS) },
  wishFulfilled: { fixtures: (w) => w.wishes.fulfilled, standing: join(table({ grid_worker: ['own'] }, 'grid_worker'), STAFF, VOLUNTEERS) },
  /** a ticket: its requester (own: the demo resident's), grid workers of its grid, staff of its community */
  ticketSubmitted: { fixtures: (w) => w.tickets.submitted, standing: join(table({ resident: ['own'] }, 'owner'), table({ grid_worker: ['own'] }, 'grid'), STAFF) },
  /** dispatched to the grid's worker: own → 王芳 (grid A), otherGrid → grid B's, otherCommunity → grid C's */
  ticketDispatched: { fixtures: (w) => w.tickets.dispatched, standing: join(table({ resident: ['own'] }, 'owner'), table({ grid_worker: ['own'] }, 'grid_worker'), table({ grid_worker: ['own'] }, 'grid'), STAFF) },
  /** own: organised by the C2 staff member; otherGrid: by the admin in C2; otherCommunity: in C3. 王芳 proxied an elder into each. */
  activity: {
    fixtures: (w) => w.activities,
    // 'proxy': a grid worker signs elders up for any published activity, and sees those they signed up;
    // 'signsUpOthers': staff may too (the activity is public; who is signed up is the elder)
    standing: join(table({ staff: ['own'] }, 'organiser'), STAFF, table({ grid_worker: ALL }, 'proxy'), table({ staff: ALL }, 'signsUpOthers')),
  },
  /** own: the demo resident's sign-up in A; otherGrid: resident B's in B; otherCommunity: resident C's in C */
  signup: { fixtures: (w) => w.signups, standing: join(table({ resident: ['own'] }, 'owner'), STAFF) },
  /** own: 李建国 (party member of the branch, C2); otherGrid: the plain volunteer (C2); otherCommunity: a C3 volunteer */
  volunteer: {
    fixtures: (w) => w.volunteers,
    standing: join(table({ party: ['own'], volunteer: ['otherGrid'] }, 'self'), table({ secretary: ['own'] }, 'secretary'), STAFF),
  },
  invite: { fixtures: (w) => w.invites, standing: STAFF },
  application: { fixtures: (w) => w.applications, standing: join(table({ resident: ['own'] }, 'owner'), STAFF) },
  point: { fixtures: (w) => w.points, standing: STAFF },
  grid: { fixtures: (w) => w.grids, standing: STAFF },
  community: { fixtures: (w) => w.communities, standing: STAFF },
  /** records outside any community: the street's settings, branches, categories, Open311 keys — the admin's */
  street: { fixtures: (w) => ({ own: String(w.places.street) }), standing: table({ admin: ALL }, 'admin') },
  branch: { fixtures: (w) => ({ own: String(w.branchId) }), standing: table({ admin: ALL }, 'admin') },
  category: { fixtures: (w) => ({ own: String(w.categoryId) }), standing: table({ admin: ALL }, 'admin') },
  open311Key: { fixtures: (w) => ({ own: String(w.open311KeyId) }), standing: table({ admin: ALL }, 'admin') },
  /** Open311's public entries: a service (category) and a request (ticket) of each case */
  open311Service: { fixtures: (w) => ({ own: `${w.open311ServiceCode}.json` }), standing: () => ['anyone'] },
  open311Request: { fixtures: (w) => ({ own: `${w.ticketNumbers.own}.json`, otherGrid: `${w.ticketNumbers.otherGrid}.json`, otherCommunity: `${w.ticketNumbers.otherCommunity}.json` }), standing: () => ['anyone'] },
  /** a point's code: public knowledge (it is printed on the building) */
  scene: { fixtures: (w) => ({ own: w.places.sceneA, otherGrid: w.places.sceneB, otherCommunity: w.places.sceneC }), standing: () => ['anyone'] },
} satisfies Record<string, Kind>;
type KindName = keyof typeof KINDS;

/** Who may read or act, in standings: `signedIn` / `anyone` are everyone with a token / everyone. */
type Allow = Standing[] | 'signedIn' | 'anyone';
interface RecordRoute {
  kind: KindName;
  allow?: Allow;
  /** the action routes: the moves are those of this table out of the record's state */
  moves?: { table: TransitionTable<string, string, string>; state: string; by: Record<string, Standing[]> };
  query?: (w: World, c: Case, id: string) => string;
  body?: (w: World, c: Case, id: string) => unknown;
  /** a move or write whose first success changes the record: later rightful answers may be 409/410/422, never a refusal */
  writes?: boolean;
}

const MANAGE_WISH: Standing[] = ['grid_worker', 'staff', 'admin'];
const SEE_ATTENDEES: Standing[] = ['organiser', 'staff', 'admin'];
const WISH_BY = { owner: [], volunteer: ['volunteer'], grid_worker: ['grid_worker'], staff: ['staff'], admin: ['admin'] };
const TICKET_BY = { owner: ['owner'], follower: [], grid_worker: ['grid_worker'], staff: ['staff'], admin: ['admin'] };
const EVENT_BY = { owner: ['owner'], grid_worker: [], staff: ['staff'], admin: ['admin'] };
const APPLICATION_BY = { owner: ['owner'], staff: ['staff'], admin: ['admin'] };
/** A move's reason, under whichever name the route's body takes it */
const REASONS: Record<string, string> = { note: '矩阵测试的说明文字', reason: '矩阵测试的说明文字' };

/** Routes with a record in their path (or, for a volunteer's export, their query): which kind, and who may. */
const RECORD_ROUTES: Record<string, RecordRoute | RecordRoute[]> = {
  'get /api/wishes/{id}': { kind: 'wishPending', allow: MANAGE_WISH },
  'get /api/wishes/manage/{id}': { kind: 'wishPending', allow: MANAGE_WISH },
  'post /api/wishes/{id}/actions/{action}': [
    { kind: 'wishPending', moves: { table: WISH_TRANSITIONS, state: 'pending_review', by: WISH_BY }, writes: true },
    { kind: 'wishPublished', moves: { table: WISH_TRANSITIONS, state: 'published', by: WISH_BY }, writes: true },
    { kind: 'wishFulfilled', moves: { table: WISH_TRANSITIONS, state: 'fulfilled', by: WISH_BY }, writes: true },
  ],
  'get /api/service/tickets/{id}': { kind: 'ticketSubmitted', allow: 'signedIn' },
  'post /api/service/tickets/{id}/reveal-phone': { kind: 'ticketSubmitted', allow: ['grid', 'staff', 'admin'] },
  'post /api/service/tickets/{id}/follow': { kind: 'ticketSubmitted', allow: 'signedIn', writes: true },
  'post /api/service/tickets/{id}/actions/{action}': [
    { kind: 'ticketSubmitted', moves: { table: TICKET_TRANSITIONS, state: 'submitted', by: TICKET_BY }, writes: true },
    { kind: 'ticketDispatched', moves: { table: TICKET_TRANSITIONS, state: 'dispatched', by: TICKET_BY }, writes: true },
  ],
  'get /api/service/points/{scene}/open-tickets': { kind: 'scene', allow: 'signedIn' },
  'get /api/places/scene/{scene}': { kind: 'scene', allow: 'anyone' },
  'get /api/events/{id}': { kind: 'activity', allow: 'anyone' },
  'get /api/events/{id}/calendar.ics': { kind: 'activity', allow: 'anyone' },
  'get /api/events/{id}/counts': { kind: 'activity', allow: SEE_ATTENDEES },
  'get /api/events/{id}/attendees': { kind: 'activity', allow: [...SEE_ATTENDEES, 'proxy'] },
  'get /api/events/{id}/attendees.xlsx': { kind: 'activity', allow: SEE_ATTENDEES },
  'get /api/events/{id}/proxy-signups': { kind: 'activity', allow: ['staff', 'admin', 'proxy'] },
  'get /api/events/{id}/qrcode.png': { kind: 'activity', allow: ['staff', 'admin'] },
  'get /api/events/{id}/qrcode-url': { kind: 'activity', allow: ['staff', 'admin'] },
  'get /open311/v2/services/{file}': { kind: 'open311Service', allow: 'anyone' },
  'get /open311/v2/requests/{file}': { kind: 'open311Request', allow: 'anyone' },
  'patch /api/events/{id}': { kind: 'activity', allow: ['staff', 'admin'], body: () => ({ description: '社区志愿服务（已更新）' }) },
  'post /api/events/{id}/signups': { kind: 'activity', allow: 'signedIn', writes: true },
  'post /api/events/{id}/proxy-signups': { kind: 'activity', allow: ['signsUpOthers', 'admin', 'proxy'], body: (_w, c) => ({ name: '代报名老人戊', phone: `1395555${CASES.indexOf(c)}777` }), writes: true },
  'post /api/events/{id}/checkin/code': { kind: 'activity', allow: ['staff', 'admin'], body: (w, c) => ({ code: w.checkinCodes[c] }), writes: true },
  'post /api/events/{id}/checkout/code': { kind: 'activity', allow: ['staff', 'admin'], body: (w, c) => ({ code: w.checkinCodes[c] }), writes: true },
  'post /api/signups/{id}/actions/{action}': { kind: 'signup', moves: { table: SIGNUP_TRANSITIONS, state: 'confirmed', by: EVENT_BY }, writes: true },
  'post /api/activities/{id}/actions/{action}': { kind: 'activity', moves: { table: ACTIVITY_TRANSITIONS, state: 'published', by: EVENT_BY }, writes: true },
  // one's own record is `GET /api/ledger/me`; this is the console's view of someone else's
  'get /api/ledger/volunteers/{id}': { kind: 'volunteer', allow: ['secretary', 'staff', 'admin'] },
  'get /api/invites/{id}': { kind: 'invite', allow: ['staff', 'admin'] },
  'post /api/invites/{id}/revoke': { kind: 'invite', allow: ['staff', 'admin'], writes: true },
  'post /api/applications/{id}/actions/{action}': { kind: 'application', moves: { table: APPLICATION_TRANSITIONS, state: 'pending', by: APPLICATION_BY }, writes: true },
  'patch /api/places/points/{id}': { kind: 'point', allow: ['staff', 'admin'], body: () => ({ active: true }) },
  'get /api/places/points/{id}/qrcode.png': { kind: 'point', allow: ['staff', 'admin'] },
  'get /api/places/points/{id}/qrcode-url': { kind: 'point', allow: ['staff', 'admin'] },
  'patch /api/places/grids/{id}': { kind: 'grid', allow: ['staff', 'admin'], body: (_w, c) => ({ name: { own: '六区第一网格', otherGrid: '六区第二网格', otherCommunity: '南片区网格' }[c] }) },
  'patch /api/places/communities/{id}': { kind: 'community', allow: ['staff', 'admin'], body: () => ({}) },
  'patch /api/places/streets/{id}': { kind: 'street', allow: ['admin'], body: (w) => ({ name: w.places.streetName }) },
  'patch /api/branches/{id}': { kind: 'branch', allow: ['admin'], body: (w) => ({ name: '漕湖花园二社区第一党支部', communityId: w.places.c2, secretaryId: w.actors.secretary.id }) },
  'get /api/service/categories/{id}': { kind: 'category', allow: ['admin'] },
  'patch /api/service/categories/{id}': { kind: 'category', allow: ['admin'], body: () => ({}) },
  'post /api/service/open311-keys/{id}/revoke': { kind: 'open311Key', allow: ['admin'], writes: true },
};

/** Routes whose record is in the query or the body: the same kinds and the same scope table. */
const BODY_RECORD_ROUTES: Record<string, RecordRoute> = {
  'get /api/ledger/export.xlsx': { kind: 'volunteer', allow: ['self', 'staff', 'admin'], query: (_w, _c, id) => `?userId=${id}` },
  // recording a wish for a beneficiary of a grid: its worker, staff of the community
  'post /api/wishes': {
    kind: 'grid',
    allow: ['staff', 'admin', 'grid_worker'],
    body: (w, c) => ({ communityId: c === 'otherCommunity' ? w.places.c3 : w.places.c2, gridId: Number(w.grids[c]), beneficiary: { name: '新对象', gender: 'male', ageGroup: 'elder', building: '某幢' }, title: '一把新椅子', story: '想要一把结实的椅子', type: 'goods', estimatedValue: 80, wishBy: new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10) }),
    writes: true,
  },
  'post /api/events': {
    kind: 'community',
    allow: ['staff', 'admin'],
    body: (w, c) => ({ type: 'other', title: '矩阵活动', organiser: '社区', communityId: Number(w.communities[c]), place: '服务站', startAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), endAt: new Date(Date.now() + 3 * 86_400_000 + 3_600_000).toISOString(), capacity: 5, audience: 'all', hours: 1, publish: false }),
    writes: true,
  },
  'post /api/invites': { kind: 'grid', allow: ['staff', 'admin'], body: (w, c) => ({ role: 'grid_worker', gridId: Number(w.grids[c]) }), writes: true },
  'post /api/places/points': { kind: 'grid', allow: ['staff', 'admin'], body: (w, c) => ({ gridId: Number(w.grids[c]), name: '矩阵点位', kind: 'other' }), writes: true },
  'post /api/places/grids': { kind: 'community', allow: ['staff', 'admin'], body: (w, c) => ({ communityId: Number(w.communities[c]), name: `矩阵网格${c}` }), writes: true },
};
// 'grid' for a wish: the grid worker holds 'grid_worker' on grid A only
const GRID_STANDING = join(STAFF, table({ grid_worker: ['own'] }, 'grid_worker'));

/** Required query strings of list routes (the matrix asks them as the page does). */
const LIST_QUERIES: Record<string, (w: World) => string> = {
  'get /api/people': () => '?role=volunteer',
  'get /api/places/points': (w) => `?gridId=${w.places.gridA}`,
  'get /api/places/sheet': (w) => `?gridId=${w.places.gridA}`,
  'get /api/events/calendar/feed.ics': (w) => `?token=${w.feedToken}`,
};

/** Routes without a record whose answer depends on more than the guard (being a 支部书记 is not a role). */
const LIST_POLICY: Record<string, MatrixRole[]> = {
  'get /api/ledger/branches': ['secretary', 'staff', 'admin'],
};

/**
 * Routes the matrix does not send, by name, with the reason. Each is still under the guard check of its own spec.
 */
const NOT_EXERCISED: Record<string, string> = {
  'post /api/auth/logout': 'ends the session of the token it is sent with: it would sign the matrix\'s actors out (auth.e2e-spec)',
  'post /api/auth/refresh': 'takes a refresh token, not an access token; rotation and revocation are auth.e2e-spec\'s',
  'post /api/people/{id}/remove-role': 'takes a role away: it would dismantle the fixtures themselves; scoped removal and the next-request refusal are in people.e2e-spec',
  'patch /api/places/grids/{id}/worker': 'reassigns a grid: it would move grid A from its worker mid-matrix; staff-of-the-community only, in people.e2e-spec / service-console.e2e-spec',
  'post /api/notifications/{id}/read': 'only ever touches the caller\'s own row (UPDATE … WHERE id AND userId = :me) and answers {ok} for any id: there is nothing to refuse',
  'get /api/uploads/{id}/photo.jpg': 'a private photo by its signed URL: the signature is the permission, no role or token is read (signed-url spec); the URLs are handed out only in responses the scan below checks',
  'get /api/uploads/{id}/thumb.jpg': 'as photo.jpg',
  'post /api/moderation/held/{id}/actions/{action}': 'a held text exists only while WeChat\'s content check is down or the author has no openid; releasing and refusing it (staff of its community) are in the moderation spec',
  'post /open311/v2/requests.json': 'authorised by an Open311 api_key, not by a role or a scope; keys and their refusals are in service-requests.e2e-spec',
  'post /api/ledger/corrections': 'a correction is an append-only ledger entry for a volunteer; staff of the volunteer\'s community, in ledger.e2e-spec',
};

const REFUSED = [401, 403, 404];
type Check = { route: string; role: MatrixRole; c: Case | 'none'; status: number; allowed: boolean; writes: boolean };

describe('authorisation matrix (e2e): every route × every role × own / other grid / other community', () => {
  let t: TestApp;
  let w: World;
  let routes: string[];
  let gates: ReturnType<typeof routeGates>;
  const checks: Check[] = [];
  const roleOf: Record<Exclude<MatrixRole, 'anon'>, string[]> = {} as any;

  const api = (role: MatrixRole): Client => (role === 'anon' ? w.anon : w.actors[role].api);
  const send = (a: Client, method: string, path: string, body?: unknown) =>
    method === 'get' ? a.get(path) : method === 'patch' ? a.patch(path, body ?? {}) : method === 'put' ? a.put(path, body ?? {}) : method === 'delete' ? a.delete(path) : a.post(path, body ?? {});

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    routes = servedRoutes(t.app).map((r) => `${r.method} ${r.path}`);
    gates = routeGates(t.app);
    for (const role of ROLES) if (role !== 'anon') roleOf[role] = (await w.actors[role].api.get('/api/me')).body.roles;
  });
  afterAll(async () => {
    const routesRun = new Set(checks.map((c) => c.route)).size;
    const cells = new Set(checks.map((c) => `${c.route}|${c.role}|${c.c}`)).size;
    const recordPairs = new Set(checks.filter((c) => c.c !== 'none').map((c) => `${c.route}|${c.c}`)).size;
    const recordRoutes = new Set(checks.filter((c) => c.c !== 'none').map((c) => c.route)).size;
    const size =
      `authz matrix: ${cells} cells (route × role × case) = ${recordPairs} record route×case pairs (${recordRoutes} routes) × ${ROLES.length} roles` +
      ` + ${routesRun - recordRoutes} routes without a record × ${ROLES.length} roles; ${checks.length} requests (moves sent one by one),` +
      ` ${checks.filter((c) => c.allowed).length} rightful, ${checks.filter((c) => !c.allowed).length} refused; ${routes?.length ?? 0} routes served, ${Object.keys(NOT_EXERCISED).length} not sent (listed)`;
    // eslint-disable-next-line no-console
    console.log(size);
    require('fs').mkdirSync('test-output', { recursive: true });
    require('fs').writeFileSync('test-output/authz-matrix.txt', `${size}\n${checks.map((c) => `${c.route}\t${c.role}\t${c.c}\t${c.allowed ? 'allow' : 'refuse'}\t${c.status}`).join('\n')}\n`);
    await t?.close();
  });

  it('should know every route the server serves: in the matrix, or listed with the reason it is not sent', () => {
    const known = new Set([...Object.keys(RECORD_ROUTES), ...Object.keys(BODY_RECORD_ROUTES), ...Object.keys(NOT_EXERCISED)]);
    const unknownWithRecord = routes.filter((r) => r.includes('{') && !known.has(r));
    expect(unknownWithRecord).toEqual([]);
    for (const r of [...known]) expect(routes).toContain(r);
    for (const r of routes) expect(gates.has(r)).toBe(true);
  });

  it('should give the roles the matrix names (the fixtures are who they say)', () => {
    expect(roleOf.resident).toEqual(['resident']);
    expect(roleOf.volunteer).toContain('volunteer');
    expect(roleOf.grid_worker).toContain('grid_worker');
    expect(roleOf.staff).toContain('staff');
    expect(roleOf.admin).toContain('admin');
    for (const r of Object.values(roleOf)) expect(r.every((x) => (ALL_ROLES as readonly string[]).includes(x))).toBe(true);
  });

  function reasonBody(route: string) {
    return Object.fromEntries((gates.get(route)?.bodyFields ?? []).filter((f) => REASONS[f]).map((f) => [f, REASONS[f]]));
  }

  function allowedBy(allow: Allow, standing: Standing[], role: MatrixRole) {
    if (allow === 'anyone') return true;
    if (role === 'anon') return false;
    if (allow === 'signedIn') return true;
    return allow.some((s) => standing.includes(s));
  }

  /** Sends every role at one record: the refusals first (the record still in the state the moves start from), then the rightful. */
  async function runRecord(route: string, spec: RecordRoute, standingOf: (role: MatrixRole, c: Case) => Standing[], fixtures: Fixtures) {
    const [method, pattern] = route.split(' ');
    for (const c of CASES) {
      const id = fixtures[c];
      if (!id) continue;
      const moves = spec.moves
        ? Object.entries(spec.moves.table[spec.moves.state] ?? {})
            // the moves a person makes over HTTP: those the route's action parameter takes
            .filter(([action, rule]) => !!rule && rule.by.some((b) => b !== 'system') && (gates.get(route)?.paramChoices.action ?? []).includes(action))
            .map(([action, rule]) => ({ action, allowed: (st: Standing[]) => rule!.by.some((b) => (spec.moves!.by[b] ?? []).some((s) => st.includes(s))) }))
        : [{ action: '', allowed: (st: Standing[]) => allowedBy(spec.allow!, st, 'resident') }];
      const planned: Array<{ role: MatrixRole; action: string; allowed: boolean }> = [];
      for (const m of moves) {
        for (const role of ROLES) {
          const st = role === 'anon' ? [] : standingOf(role, c);
          const allowed = spec.moves ? role !== 'anon' && m.allowed(st) : allowedBy(spec.allow!, st, role);
          planned.push({ role, action: m.action, allowed });
        }
      }
      // the rightful are sent last: the table's moves in order, each by the most specific person first (the grid's
      // worker, then staff, then the admin), so the first move a rightful person makes is the one that changes the record
      const order: MatrixRole[] = ['grid_worker', 'staff', 'resident', 'volunteer', 'party', 'secretary', 'admin', 'anon'];
      const actions = moves.map((m) => m.action);
      planned.sort((a, b) => Number(a.allowed) - Number(b.allowed) || (a.allowed ? actions.indexOf(a.action) - actions.indexOf(b.action) || order.indexOf(a.role) - order.indexOf(b.role) : 0));
      let answered = 0;
      for (const p of planned) {
        const path = pattern.replace('{action}', p.action).replace(/\{(id|scene|file)\}/, id) + (spec.query ? spec.query(w, c, id) : '');
        const res = await send(api(p.role), method, path, spec.body ? spec.body(w, c, id) : spec.moves ? reasonBody(route) : undefined);
        const label = `${method.toUpperCase()} ${path} as ${p.role} (${c})${p.action ? ` ${p.action}` : ''} → ${res.status} ${res.text.slice(0, 160)}`;
        checks.push({ route, role: p.role, c, status: res.status, allowed: p.allowed, writes: !!spec.writes });
        expect({ label, ok: res.status < 500 }).toEqual({ label, ok: true });
        if (!p.allowed) {
          expect({ label, refused: REFUSED.includes(res.status) }).toEqual({ label, refused: true });
          if (p.role === 'anon' && !gates.get(route)?.isPublic) expect({ label, status: res.status }).toEqual({ label, status: 401 });
        } else if (spec.writes) {
          // the first rightful answer changes the record; the later ones may find it moved (409/410/422), never refuse
          expect({ label, refused: REFUSED.includes(res.status) }).toEqual({ label, refused: false });
          answered++;
        } else {
          expect({ label, answered: method === 'get' ? res.status === 200 : res.status >= 200 && res.status < 300 }).toEqual({ label, answered: true });
          answered++;
        }
      }
      if (planned.some((p) => p.allowed)) expect({ route, c, answered: answered > 0 }).toEqual({ route, c, answered: true });
    }
  }

  it('should answer the rightful and refuse everyone else on every record route (reads first, then writes, then moves)', async () => {
    const entries = Object.entries(RECORD_ROUTES).flatMap(([route, s]) => (Array.isArray(s) ? s : [s]).map((spec) => ({ route, spec })));
    const rank = (e: { route: string; spec: RecordRoute }) => (e.spec.moves ? (e.route.includes('/activities/') ? 4 : 3) : e.spec.writes ? 2 : e.route.startsWith('get ') ? 0 : 1);
    entries.sort((a, b) => rank(a) - rank(b));
    for (const { route, spec } of entries) {
      if (!routes.includes(route)) continue;
      const kind: Kind = KINDS[spec.kind];
      await runRecord(route, spec, kind.standing, kind.fixtures(w));
    }
  });

  it('should scope the records named in a query or a body the same way (export, recording a wish, creating in a grid)', async () => {
    for (const [route, spec] of Object.entries(BODY_RECORD_ROUTES)) {
      const kind: Kind = KINDS[spec.kind];
      const standing = spec.kind === 'grid' ? GRID_STANDING : kind.standing;
      await runRecord(route, spec, standing, kind.fixtures(w));
    }
  });

  it('should let through exactly the roles its guard names on every route without a record, and refuse no token', async () => {
    const simple = routes.filter((r) => !r.includes('{') && !BODY_RECORD_ROUTES[r] && !NOT_EXERCISED[r]);
    for (const route of simple) {
      const [method, path] = route.split(' ');
      const gate = gates.get(route)!;
      for (const role of ROLES) {
        const allowed = LIST_POLICY[route] ? LIST_POLICY[route].includes(role) : gate.isPublic || (role !== 'anon' && (!gate.roles.length || hasAnyRole(roleOf[role], gate.roles as any)));
        const res = await send(api(role), method, path + (LIST_QUERIES[route]?.(w) ?? ''), method === 'get' ? undefined : {});
        const label = `${route} as ${role} → ${res.status} ${res.text.slice(0, 160)}`;
        checks.push({ route, role, c: 'none', status: res.status, allowed, writes: method !== 'get' });
        expect({ label, ok: res.status < 500 }).toEqual({ label, ok: true });
        if (!allowed) expect({ label, status: res.status }).toEqual({ label, status: role === 'anon' ? 401 : 403 });
        else if (method === 'get') expect({ label, status: res.status }).toEqual({ label, status: 200 });
        // a write with an empty body: past the guard it is the DTO that answers (422), never a refusal
        else expect({ label, refused: [401, 403].includes(res.status) }).toEqual({ label, refused: false });
      }
    }
  });

  describe('lists hold only what the asker serves', () => {
    const ids = (items: Array<{ id: number | string }>) => items.map((i) => String(i.id));

    it('should give a grid worker only the wishes and beneficiaries of their own grid, staff their community\'s', async () => {
      const mine = (await w.actors.grid_worker.api.get('/api/wishes/manage?limit=50')).body;
      const all = [...Object.values(w.wishes.pending), ...Object.values(w.wishes.published), ...Object.values(w.wishes.fulfilled)];
      const own = [w.wishes.pending.own, w.wishes.published.own, w.wishes.fulfilled.own];
      expect(ids(mine.items).filter((i) => all.includes(i)).sort()).toEqual([...own].sort());
      const staff = (await w.actors.staff.api.get('/api/wishes/manage?limit=50')).body;
      const c2 = [...own, w.wishes.pending.otherGrid, w.wishes.published.otherGrid, w.wishes.fulfilled.otherGrid];
      expect(ids(staff.items).filter((i) => all.includes(i)).sort()).toEqual(c2.sort());
      const total = Object.values(mine.counts as Record<string, number>).reduce((a, b) => a + b, 0);
      expect(total).toBe(ids(mine.items).length);
      const bens = (await w.actors.grid_worker.api.get('/api/wishes/beneficiaries')).body.map((b: any) => b.name);
      expect(bens).toContain('蒋桂兰');
      expect(bens).not.toContain('顾美华');
      expect(bens).not.toContain('沈阿福');
      expect((await w.actors.grid_worker.api.get(`/api/wishes/beneficiaries?communityId=${w.places.c3}`)).status).toBe(403);
      expect((await w.actors.grid_worker.api.get(`/api/wishes/manage?communityId=${w.places.c3}`)).status).toBe(403);
    });

    it('should give a grid worker only the attendees they signed up by proxy', async () => {
      for (const c of CASES) {
        const page = (await w.actors.grid_worker.api.get(`/api/events/${w.activities[c]}/attendees`)).body;
        expect(page.items.length).toBeGreaterThan(0);
        expect(page.items.every((i: any) => i.proxy)).toBe(true);
        expect(page.phonesMasked).toBe(true);
        const full = (await w.actors.admin.api.get(`/api/events/${w.activities[c]}/attendees`)).body;
        expect(full.items.some((i: any) => !i.proxy)).toBe(true);
      }
    });

    it('should give staff the tickets, activities, invites and people of their community only', async () => {
      const queue = (await w.actors.staff.api.get('/api/service/tickets/queue?limit=50')).body.items.map((i: any) => String(i.id));
      expect(queue).not.toContain(w.tickets.submitted.otherCommunity);
      const worker = (await w.actors.grid_worker.api.get('/api/service/tickets/worker')).body.items.map((i: any) => String(i.id));
      expect(worker).not.toContain(w.tickets.dispatched.otherGrid);
      expect(worker).not.toContain(w.tickets.dispatched.otherCommunity);
      const manage = (await w.actors.staff.api.get('/api/events?manage=1&limit=50')).body.items.map((i: any) => String(i.id));
      expect(manage).toContain(w.activities.own);
      expect(manage).not.toContain(w.activities.otherCommunity);
      const invites = (await w.actors.staff.api.get('/api/invites')).body.items.map((i: any) => String(i.id));
      expect(invites).not.toContain(w.invites.otherCommunity);
      const volunteers = (await w.actors.staff.api.get('/api/ledger/volunteers')).body.items.map((i: any) => String(i.userId ?? i.id));
      expect(volunteers).not.toContain(w.volunteers.otherCommunity);
    });
  });

  it('should write every view of a beneficiary to the audit trail, like a phone reveal', async () => {
    const { AuditLog } = await import('../../src/modules/audit/audit-log.entity');
    const before = await t.dataSource.getRepository(AuditLog).count({ where: { action: 'beneficiary.view' } });
    await w.actors.grid_worker.api.get(`/api/wishes/manage/${w.wishes.pending.own}`);
    await w.actors.staff.api.get('/api/wishes/beneficiaries');
    const rows = await t.dataSource.getRepository(AuditLog).find({ where: { action: 'beneficiary.view' }, order: { id: 'DESC' } });
    expect(rows.length).toBeGreaterThan(before + 1);
    expect(rows.some((r) => r.actorId === w.actors.grid_worker.id && (r.data as any)?.via === 'wish' && String((r.data as any)?.wishId) === w.wishes.pending.own)).toBe(true);
    expect(rows.some((r) => r.actorId === w.actors.staff.id && (r.data as any)?.via === 'beneficiary_list')).toBe(true);
  });
});
