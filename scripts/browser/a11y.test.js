'use strict';
// The 适老化 check (issue 14): every page of the app, as every persona it serves, in normal mode and in 大字模式,
// with the demo's real records on screen. axe-core plus the MIIT table measured from computed styles; a screenshot
// of each visit and test-output/gallery.html, the contact sheet a reviewer looks at.
const fs = require('fs');
const path = require('path');
const { ROOT, startServer, launchBrowser, demoLogin, personaContext } = require('./lib');
const { PAGES, PERSONA_LABELS } = require('./a11y-pages');
const { measure, axe } = require('./a11y-measure');
const { writeGallery } = require('./a11y-gallery');

const OUT = path.join(ROOT, 'test-output');
const SHOTS = path.join(OUT, 'a11y');
const GALLERY = path.join(OUT, 'gallery.html');
const PARALLEL = 3;
const MODES = ['normal', 'elder'];
/** the role each persona acts in (the volunteer persona is also a resident; the admin is also staff) */
const ROLE = { resident: 'resident', volunteer: 'volunteer', grid_worker: 'grid_worker', staff: 'staff', admin: 'admin' };

const slug = (page, persona, mode) => `${page.path.replace(/^\/|\/index$/g, '').replace(/\//g, '_')}${page.variant ? `-${page.variant}` : ''}-${persona}-${mode}`;

/** Every page of client/app.config.ts, as written there (tabs, main pages, subpackages). */
function appPages() {
  const src = fs.readFileSync(path.join(ROOT, 'client', 'app.config.ts'), 'utf8');
  const paths = [...src.matchAll(/pagePath: '([^']+)'/g)].map((m) => `/${m[1]}`);
  for (const m of src.matchAll(/'(pages\/not-found\/index)'/g)) paths.push(`/${m[1]}`);
  for (const block of src.matchAll(/root: '([^']+)',\s*(?:\/\/[^\n]*\n\s*)*pages: \[([^\]]+)\]/g)) {
    for (const p of block[2].matchAll(/'([^']+)'/g)) paths.push(`/${block[1]}/${p[1]}`);
  }
  return [...new Set(paths)];
}

describe('适老化: every page, every persona, normal and 大字模式', () => {
  let server;
  let browser;
  let ids;
  const contexts = new Map();
  const visits = [];
  const started = Date.now();

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const sessions = {};
    for (const p of Object.keys(ROLE)) sessions[p] = await demoLogin(server.url, p);
    ids = await demoIds(server.url, sessions);
    for (const persona of ['public', ...Object.keys(ROLE)]) {
      for (const mode of MODES) {
        const context = await personaContext(browser, { session: sessions[persona] ?? null, role: ROLE[persona] ?? null, elder: mode === 'elder' });
        const page = await context.newPage();
        page.errors = [];
        page.on('pageerror', (err) => page.errors.push(String(err).slice(0, 200)));
        contexts.set(`${persona}|${mode}`, { context, page });
      }
    }
    fs.rmSync(SHOTS, { recursive: true, force: true });
    fs.mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    if (visits.length) {
      writeGallery(GALLERY, visits, { startedAt: new Date(started).toISOString(), seconds: Math.round((Date.now() - started) / 1000) });
      const byRule = {};
      for (const v of visits) for (const f of v.failures) byRule[f.rule] = (byRule[f.rule] || 0) + 1;
      fs.writeFileSync(
        path.join(OUT, 'a11y-summary.json'),
        JSON.stringify({ pages: new Set(visits.map((v) => v.page.path)).size, pagePersonas: new Set(visits.map((v) => `${v.page.name}|${v.persona}`)).size, visits: visits.length, failingVisits: visits.filter((v) => v.failures.length).length, byRule, failing: visits.filter((v) => v.failures.length).map((v) => ({ visit: v.label, failures: v.failures })) }, null, 2),
      );
    }
    for (const { context } of contexts.values()) await context.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  it('should list every page of app.config.ts for the check', () => {
    const listed = new Set(PAGES.map((p) => p.path));
    expect(appPages().filter((p) => !listed.has(p))).toEqual([]);
    expect([...listed].filter((p) => !appPages().includes(p))).toEqual([]);
  });

  async function visit(page, persona, mode) {
    const { page: tab } = contexts.get(`${persona}|${mode}`);
    const label = `${page.name} · ${PERSONA_LABELS[persona]} · ${mode === 'elder' ? '大字模式' : '普通'}`;
    const query = page.query ? page.query(ids, persona) : {};
    const qs = Object.entries(query).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
    const failures = [];
    const t0 = Date.now();
    const laps = [];
    const lap = (what) => laps.push(`${what} ${Date.now() - t0}`);
    tab.errors.length = 0;
    await tab.goto(`${server.url}${page.path}${qs ? `?${qs}` : ''}`);
    const shows = typeof page.shows === 'function' ? page.shows(ids) : page.shows;
    try {
      await tab.waitForFunction(
        (text) => {
          const root = document.querySelector('.page');
          if (!root || [...document.querySelectorAll('.status--loading, .skeleton')].some((e) => e.checkVisibility())) return false;
          return !text || document.body.innerText.includes(text);
        },
        shows ?? null,
        { timeout: 15_000 },
      );
    } catch {
      failures.push({ rule: 'real-data', detail: shows ? `“${shows}” never appeared` : 'the page never finished loading' });
    }
    lap('loaded');
    await tab.waitForTimeout(350); // Taro's page transition
    const error = await tab.evaluate(() => [...document.querySelectorAll('.status--error')].find((e) => e.checkVisibility())?.innerText ?? null);
    if (error) failures.push({ rule: 'real-data', detail: `the page shows an error: ${error.replace(/\s+/g, ' ')}` });
    const m = await measure(tab, { elder: mode === 'elder', main: !!page.main });
    failures.push(...m.failures);
    lap('measured');
    const a = await axe(tab);
    lap('axe');
    for (const v of a.failing) for (const node of v.nodes) failures.push({ rule: v.rule, detail: `${v.help}: ${node}` });
    for (const e of tab.errors) failures.push({ rule: 'page-error', detail: e });
    const shot = path.join(SHOTS, `${slug(page, persona, mode)}.png`);
    await tab.screenshot({ path: shot, fullPage: true });
    lap('shot');
    if (process.env.A11Y_TIMING) console.log(`${label}: ${laps.join(', ')}`);
    const v = { page, persona, mode, label, shot, numbers: m.numbers, failures, minor: a.other };
    visits.push(v);
    return v;
  }

  // A11Y_ONLY=<regex on the path> narrows the visits while fixing one area; npm test never sets it, and the check
  // above still compares the whole list with app.config.ts.
  const only = process.env.A11Y_ONLY ? new RegExp(process.env.A11Y_ONLY) : null;
  for (const page of PAGES.filter((p) => !only || only.test(p.path))) {
    it(`${page.name} (${page.path}) should meet the 适老化 table for ${page.personas.map((p) => PERSONA_LABELS[p]).join('、')}`, async () => {
      const jobs = page.personas.flatMap((persona) => MODES.map((mode) => () => visit(page, persona, mode)));
      const results = [];
      const queue = [...jobs];
      await Promise.all(Array.from({ length: PARALLEL }, async () => {
        for (let job = queue.shift(); job; job = queue.shift()) results.push(await job());
      }));
      const failed = results.filter((v) => v.failures.length).map((v) => `${v.label}\n${v.failures.map((f) => `  [${f.rule}] ${f.detail}`).join('\n')}`);
      expect(failed.join('\n')).toBe('');
    }, 180_000);
  }
});

/** Ids of real records in the demo content, read the way the app reads them, so detail pages show them. */
async function demoIds(baseUrl, s) {
  const get = async (p, who) => {
    const res = await fetch(`${baseUrl}/api${p}`, { headers: { authorization: `Bearer ${s[who].token}` } });
    if (!res.ok) throw new Error(`GET ${p} as ${who}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const events = (await get('/events', 'staff')).items;
  const wishes = (await get('/wishes/manage', 'staff')).items;
  const pick = (list, what, f) => {
    const x = list.find(f);
    if (!x) throw new Error(`the demo content has no ${what}`);
    return x;
  };
  const tree = await get('/places/tree', 'staff');
  const grid = tree.flatMap((street) => street.communities).flatMap((c) => c.grids).find((g) => g.worker?.name === '王芳');
  const invite = await fetch(`${baseUrl}/api/invites`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.staff.token}` }, body: JSON.stringify({ role: 'volunteer', communityId: 2, note: '六区楼组长' }) });
  if (!invite.ok) throw new Error(`POST /invites: ${invite.status} ${await invite.text()}`);
  return {
    eventOpen: pick(events, 'activity with places', (e) => e.signupOpen && !e.ended && e.remaining > 0),
    eventFull: pick(events, 'full activity', (e) => !e.ended && e.remaining === 0),
    eventEnded: pick(events, 'activity held', (e) => e.ended),
    wishOpen: pick(wishes, 'wish on the wall', (w) => w.status === 'published'),
    wishClaimed: pick(wishes, 'claimed wish', (w) => w.status === 'claimed'),
    wishDone: pick(wishes, 'confirmed wish', (w) => w.status === 'confirmed'),
    ticket: (await get('/service/tickets/mine', 'resident')).items[0],
    workerTicket: (await get('/service/tickets/worker', 'grid_worker')).items[0],
    volunteerId: (await get('/ledger/volunteers', 'staff')).items[0].userId,
    categoryId: pick(await get('/service/categories/all', 'admin'), 'category 设施报修', (c) => c.name === '设施报修').id,
    gridId: grid.id,
    inviteCode: (await invite.json()).code,
  };
}
