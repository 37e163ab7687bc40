import fc from 'fast-check';
import { demoLogin, client } from '../utils/http';
import { servedRoutes } from '../utils/routes';
import { startTestApp, TestApp } from '../utils/test-app';
import { DEMO_PERSONAS } from '../../src/modules/auth/demo-personas';

/**
 * Hostile input against every route the server serves (fastify's router, the public ones and Open311 included), for
 * every role. Two parts:
 *   1. a sweep of the shapes that made 500s before: a body nested 2,000 levels, null in every field (all at once and
 *      one at a time), arrays where objects belong, huge strings and numbers, __proto__ / constructor keys, bad path
 *      parameters and bad query parameters;
 *   2. property-based fuzzing with random path parameters, query strings, bodies and Idempotency-Keys.
 * Whatever arrives, the answer is never a 5xx, never a stack trace, and never another person's full phone number to a
 * role that has no business seeing it. The request count and the status histogram are printed for the closing note.
 */
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 2);
/** Each sweep is long (thousands of requests); a hang still fails it. */
const SWEEP_MS = 600_000;
/**
 * A fixed seed by default, so a landing is judged on the same inputs every time and a failure reproduces;
 * `FUZZ_SEED=random` explores new ground (do that when changing routes, and keep what it finds as a test).
 */
const SEED = process.env.FUZZ_SEED === 'random' ? Date.now() : Number(process.env.FUZZ_SEED ?? 20261128);
fc.configureGlobal({ seed: SEED });

const ROLES = ['anonymous', 'resident', 'volunteer', 'grid_worker', 'staff', 'admin'] as const;
type RoleName = (typeof ROLES)[number];
const hasBody = (method: string) => method !== 'GET' && method !== 'DELETE';

interface FuzzRoute {
  method: string;
  /** OpenAPI form: /api/wishes/{id} */
  path: string;
  /** body fields, from the route's request schema */
  props: string[];
  query: string[];
  /** a valid-looking value for each path parameter (an enum's first value, an id, a point code) */
  pathValues: Record<string, string>;
}

const weird = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.unicodeString({ maxLength: 40 }),
  fc.constantFrom('', ' ', '0', '-1', '1e309', 'NaN', 'null', 'undefined', '../../etc/passwd', '%00', "' OR 1=1 --", '<script>', '😀'.repeat(50), 'a'.repeat(5000), '2026-02-30T25:61:00Z'),
  fc.boolean(),
  fc.constant(null),
);
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, weird, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 12 }), tie('value'), { maxKeys: 5 })),
})).value;

function bodyFor(schemaProps: string[]) {
  // Half the time use the route's real field names with wrong values; otherwise anything at all.
  return fc.oneof(
    schemaProps.length ? fc.record(Object.fromEntries(schemaProps.map((p) => [p, weird])), { requiredKeys: [] }) : fc.constant({}),
    jsonValue,
  );
}

const HUGE_STRING = 'x'.repeat(200_000);
/** JSON text, sent as is: numbers JSON.stringify cannot write (1e400 parses to Infinity), keys it would drop. */
const rawObject = (entries: Array<[string, string]>) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
const nested = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

const FIXED_SHAPES = 13;

/** The hostile bodies for one route: [label, JSON text]; the first FIXED_SHAPES whatever its fields. */
function hostileBodies(props: string[]): Array<[string, string]> {
  const fields = props.length ? props : ['x'];
  const out: Array<[string, string]> = [
    ['deep nesting (2,000 levels)', nested(2000)],
    ['deep nesting in a field', rawObject([[fields[0], nested(1500)]])],
    ['null in every field', JSON.stringify(Object.fromEntries(fields.map((p) => [p, null])))],
    ['an array for the body', '[{"a":1},[],null]'],
    ['null for the body', 'null'],
    ['a string for the body', '"x"'],
    ['arrays in every field', JSON.stringify(Object.fromEntries(fields.map((p) => [p, [{ a: 1 }, [], null]])))],
    ['objects in every field', JSON.stringify(Object.fromEntries(fields.map((p) => [p, { a: { b: [1] } }])))],
    ['huge strings in every field', JSON.stringify(Object.fromEntries(fields.map((p) => [p, HUGE_STRING.slice(0, Math.floor(300_000 / fields.length))])))],
    ['huge numbers in every field', rawObject(fields.map((p, i) => [p, ['1e400', '-1e400', '9007199254740993', '1e-400', '123456789012345678901234567890'][i % 5]]))],
    ['__proto__ key', rawObject([['__proto__', '{"roles":["admin"],"isAdmin":true}'], ...fields.map((p): [string, string] => [p, '1'])])],
    ['constructor.prototype key', rawObject([['constructor', '{"prototype":{"isAdmin":true}}']])],
    ['too many values', JSON.stringify({ [fields[0]]: Array.from({ length: 30_000 }, () => 0) })],
  ];
  expect(out.length).toBe(FIXED_SHAPES);
  for (const p of props) out.push([`null in ${p}`, JSON.stringify({ [p]: null })], [`array in ${p}`, JSON.stringify({ [p]: [] })]);
  return out;
}

const BAD_PATH_VALUES = ['0', '-1', '99999999999', '1.5', 'abc', '%00', '..%2F..%2Fetc', '%E4%BD%A0', 'a'.repeat(190), '__proto__'];
const BAD_QUERY_VALUES = ['', 'abc', '-1', '1e309', 'x'.repeat(5000), '%00', '2026-02-30'];
const STANDARD_QUERY = ['cursor', 'status', 'limit', 'communityId', 'type', 'from', 'to', 'q', 'role', 'gridId', 'userId', 'width'];

describe('fuzzing every served route for every role', () => {
  let t: TestApp;
  let routes: FuzzRoute[];
  const tokens: Record<RoleName, string | undefined> = { anonymous: undefined, resident: undefined, volunteer: undefined, grid_worker: undefined, staff: undefined, admin: undefined };
  const histogram: Record<string, number> = {};
  const slowest: Record<string, number> = {};
  const failures: string[] = [];
  let requests = 0;
  const phones = Object.fromEntries(DEMO_PERSONAS.map((p) => [p.key, p.phone]));

  /** One request; records its status and anything that must never happen. */
  async function send(role: RoleName, method: string, url: string, body: string | undefined, label: string, headers: Record<string, string> = {}) {
    requests++;
    const started = Date.now();
    let res: Response;
    try {
      res = await client(t.url, tokens[role]).raw(url, {
        method,
        headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body,
      });
    } catch (err) {
      failures.push(`${method} ${url.slice(0, 120)} as ${role} (${label}) → no answer: ${String((err as Error).message).slice(0, 120)}`);
      histogram['no answer'] = (histogram['no answer'] ?? 0) + 1;
      return false;
    }
    histogram[res.status] = (histogram[res.status] ?? 0) + 1;
    const type = res.headers.get('content-type') ?? '';
    const text = type.includes('json') || type.includes('text') || type.includes('xml') ? await res.text() : (await res.arrayBuffer(), '');
    const problems: string[] = [];
    if (res.status >= 500) problems.push(`status ${res.status}: ${text.slice(0, 200)}`);
    if (/\n\s+at .+:\d+:\d+/.test(text) || /"stack"/.test(text)) problems.push('stack trace in response');
    if (role === 'anonymous' || role === 'volunteer' || role === 'resident') {
      for (const [who, phone] of Object.entries(phones)) if (who !== role && text.includes(phone)) problems.push(`${who}'s phone leaked to ${role}`);
    }
    if (problems.length) failures.push(`${method} ${url.slice(0, 160)} as ${role} (${label}) → ${problems.join('; ')}`);
    const key = `${method} ${url.split('?')[0].replace(/\/[^/]*\d[^/]*(?=\/|$)/g, '/…')}`;
    slowest[key] = (slowest[key] ?? 0) + Date.now() - started;
    return !problems.length;
  }

  const fill = (route: FuzzRoute, values: Record<string, string> = {}) =>
    route.path.replace(/\{([^}]+)\}/g, (_m, name: string) => values[name] ?? route.pathValues[name] ?? '1');

  beforeAll(async () => {
    // The limits would answer most of the sweep with 429 and hide what the handlers do.
    t = await startTestApp({ RATE_LIMIT: '10000000', LOGIN_RATE_LIMIT: '10000000', SUBMIT_RATE_LIMIT: '10000000' });
    const doc = (await client(t.url).get('/api/docs-json')).body;
    const schemas = doc.components?.schemas ?? {};
    routes = servedRoutes(t.app).map(({ method, path }) => {
      const op = doc.paths?.[path]?.[method] ?? {};
      const ref = op.requestBody?.content?.['application/json']?.schema?.$ref as string | undefined;
      const inline = op.requestBody?.content?.['application/json']?.schema?.properties;
      const props = Object.keys((ref ? schemas[ref.split('/').pop()!]?.properties : inline) ?? {});
      const params: any[] = op.parameters ?? [];
      const pathValues: Record<string, string> = {};
      for (const p of params.filter((x) => x.in === 'path')) {
        const enumValues = p.schema?.enum as string[] | undefined;
        pathValues[p.name] = enumValues?.length ? String(enumValues[0]) : p.name === 'scene' ? 'hy2-b12' : '1';
      }
      const query = [...new Set(params.filter((x) => x.in === 'query').map((x) => x.name as string))];
      return { method: method.toUpperCase(), path, props, query, pathValues };
    });
    for (const persona of ROLES) if (persona !== 'anonymous') tokens[persona] = (await demoLogin(t.url, persona)).token;
  });
  afterAll(async () => {
    // eslint-disable-next-line no-console
    console.log(
      `fuzz (seed ${SEED}, ${t?.dbKind}): ${routes?.length} routes × ${ROLES.length} roles, ${requests} requests; statuses ${JSON.stringify(Object.fromEntries(Object.entries(histogram).sort(([a], [b]) => a.localeCompare(b))))}`,
    );
    if (process.env.FUZZ_TIMES) console.log(Object.entries(slowest).sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, ms]) => `${ms} ms ${k}`).join('\n')); // eslint-disable-line no-console
    await t?.close();
  });

  it('should answer 422, not 500, for hours written in exponent form (found by this fuzzer)', async () => {
    const staff = client(t.url, tokens.staff);
    const created = await staff.post('/api/events', {
      type: 'party_lesson', title: '指数', description: '—', organiser: '漕湖街道', communityId: 2, place: '党群服务中心',
      startAt: new Date(Date.now() + 48 * 3_600_000).toISOString(), endAt: new Date(Date.now() + 50 * 3_600_000).toISOString(), capacity: 5, audience: 'all', hours: 2,
    });
    expect(created.status).toBe(201);
    const res = await staff.patch(`/api/events/${created.body.id}`, { hours: 1e-7 });
    expect(res.status).toBe(422);
    expect(res.body.fields.hours).toBeDefined();
  });

  it('should have found every route, public ones and Open311 included, with their body fields', () => {
    expect(routes.length).toBeGreaterThan(100);
    expect(routes.some((r) => r.path === '/api/auth/password-login' && r.props.includes('username'))).toBe(true);
    expect(routes.some((r) => r.path.startsWith('/open311/'))).toBe(true);
    expect(routes.some((r) => r.path === '/api/events/{id}' && r.method === 'PATCH' && r.props.includes('description'))).toBe(true);
  });

  it('should refuse the hostile body shapes on every route with a body, for every role, without a 5xx or a stack trace', async () => {
    const before = failures.length;
    for (const route of routes.filter((r) => hasBody(r.method))) {
      const url = fill(route);
      const bodies = hostileBodies(route.props);
      for (const role of ['anonymous', 'resident', 'grid_worker', 'staff', 'admin'] as const) {
        // The anonymous caller is refused at the guard except on public routes, so it gets the shapes that reach a
        // parser either way; the admin, who passes every guard, also gets null and an array in each field alone.
        const shapes = role === 'anonymous' ? bodies.slice(0, 6) : role === 'admin' ? bodies : bodies.slice(0, FIXED_SHAPES);
        for (const [label, body] of shapes) await send(role, route.method, url, body, label);
      }
    }
    expect(failures.slice(before)).toEqual([]);
  }, SWEEP_MS);

  it('should answer bad path and query parameters on every route, for every role, without a 5xx or a stack trace', async () => {
    const before = failures.length;
    for (const route of routes) {
      const names = Object.keys(route.pathValues);
      // The route's own query parameters, and one it does not read (refused or ignored, never a 500).
      const query = [...new Set([...route.query, 'cursor'])];
      // A resident and the admin: between them every guard lets the request through to the pipes.
      for (const role of ['resident', 'admin'] as const) {
        const body = hasBody(route.method) ? '{}' : undefined;
        for (const name of names) for (const v of BAD_PATH_VALUES) await send(role, route.method, fill(route, { [name]: v }), body, `path ${name}=${v.slice(0, 12)}`);
        for (const q of query) {
          for (const v of BAD_QUERY_VALUES) await send(role, route.method, `${fill(route)}?${encodeURIComponent(q)}=${encodeURIComponent(v)}`, body, `query ${q}=${v.slice(0, 12)}`);
          await send(role, route.method, `${fill(route)}?${q}=1&${q}=2`, body, `query ${q} twice`);
          await send(role, route.method, `${fill(route)}?${q}[a]=1&${q}[__proto__]=x`, body, `query ${q}[a]`);
        }
      }
    }
    expect(failures.slice(before)).toEqual([]);
  }, SWEEP_MS);

  it('should never answer 5xx, a stack trace, or someone else’s full phone number to random input (property-based)', async () => {
    const before = failures.length;
    for (const route of routes) {
      for (const role of ROLES) {
        await fc.assert(
          fc.asyncProperty(
            fc.array(weird, { minLength: 3, maxLength: 3 }),
            fc.dictionary(fc.constantFrom(...new Set([...route.query, ...STANDARD_QUERY])), weird, { maxKeys: 3 }),
            bodyFor(route.props),
            fc.option(fc.oneof(fc.string({ maxLength: 100 }), fc.constant('key-' + 'x'.repeat(100))), { nil: undefined }),
            async (params, query, body, idem) => {
              let i = 0;
              const path = route.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(String(params[i++ % params.length])).slice(0, 180) || '0');
              const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
              const headers: Record<string, string> = {};
              if (idem !== undefined) headers['idempotency-key'] = idem.replace(/[^\x20-\x7e]/g, '');
              return send(role, route.method, `${path}${qs ? `?${qs}` : ''}`, hasBody(route.method) ? JSON.stringify(body) : undefined, 'random', headers);
            },
          ),
          { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
        ).catch((err) => {
          // A property that failed has already recorded why; anything else (a dropped connection, a hang) is a failure too.
          if (failures.length === before) failures.push(`${route.method} ${route.path} as ${role} → ${String(err?.message ?? err).slice(0, 300)}`);
        });
      }
    }
    expect(failures.slice(before)).toEqual([]);
  }, SWEEP_MS);
});
