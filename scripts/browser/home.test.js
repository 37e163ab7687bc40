'use strict';
// 首页 and 我的 per role in Chromium on the H5 build: each demo persona's home with real data made through the API,
// its main entries measured as seen (contrast ≥ 4.5, tap target ≥ 44 px, ≥ 60 px in 大字模式), one tap into what a
// count counts, and 我的's entries for the role. Screenshots: test-output/browser/{home,mine}-<role>-<normal|elder>.png.
const { startServer, launchBrowser, newPhonePage, loginAs, settle, screenshot, looks, setElderMode } = require('./lib');

const HOUR = 3600_000;
const DAY = 24 * HOUR;

async function api(baseUrl, persona) {
  const res = await fetch(`${baseUrl}/api/auth/demo-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona }) });
  if (!res.ok) throw new Error(`demo-login ${persona}: ${res.status}`);
  const { accessToken, user } = await res.json();
  const call = async (method, path, body) => {
    const r = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return { user, get: (p) => call('GET', p), post: (p, b = {}) => call('POST', p, b) };
}

/** Measures a main entry: its box (the tap target) and the contrast of each text in it against what is behind it. */
async function entry(page, selector, textSelectors) {
  const box = await looks(page.locator(selector).first());
  const texts = [];
  for (const t of textSelectors) texts.push({ t, ...(await looks(page.locator(`${selector} >> ${t.startsWith('text=') ? t : `css=${t}`}`).first())) });
  return { box, texts };
}

function expectReadable(measured, minHeight) {
  const { box, texts } = measured;
  expect(box.opacity).toBe(1);
  expect(box.height).toBeGreaterThanOrEqual(minHeight);
  expect(box.width).toBeGreaterThanOrEqual(minHeight);
  for (const x of texts) {
    if (x.contrast < 4.5) throw new Error(`${x.t}: contrast ${x.contrast.toFixed(2)} < 4.5`);
  }
}

const MAIN_ENTRIES = {
  resident: [
    ['.scan-entry__button', ['text=扫一扫']],
    ['.home-matter', ['.home-row__title', '.home-row__meta', '.home-chip']],
    ['.home-signup', ['.home-row__title', '.home-row__meta', '.home-chip']],
    ['.home-elder', ['.home-elder__label', '.home-elder__state']],
  ],
  volunteer: [
    ['.home-hours', ['.home-hours__label', '.home-hours__value', '.home-hours__meta']],
    ['.home-claim', ['.home-row__title', '.home-claim__countdown']],
    ['.home-elder', ['.home-elder__label', '.home-elder__state']],
  ],
  grid_worker: [
    ['.home-tile--pending', ['.home-tile__count', '.home-tile__label']],
    ['.home-tile--working', ['.home-tile__count', '.home-tile__label']],
    ['.home-tile--overdue', ['.home-tile__count', '.home-tile__label']],
    ['.home-cta', ['text=打开工作台']],
  ],
  staff: [
    ['.home-console', ['text=进入工作台']],
    ['.home-tile--submitted', ['.home-tile__count', '.home-tile__label']],
    ['.home-tile--wishes', ['.home-tile__count', '.home-tile__label']],
    ['.home-activity', ['.home-row__title', '.home-activity__seats']],
  ],
};
MAIN_ENTRIES.admin = MAIN_ENTRIES.staff;
const PANEL = { resident: 'resident', volunteer: 'volunteer', grid_worker: 'worker', staff: 'staff', admin: 'staff' };

describe('首页 and 我的 per role in Chromium', () => {
  let server;
  let browser;
  let made;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // What each persona has waiting, made the way people make it.
    const [resident, volunteer, worker, staff] = await Promise.all(['resident', 'volunteer', 'grid_worker', 'staff'].map((p) => api(server.url, p)));
    const categories = await resident.get('/api/service/categories');
    const cat = categories.find((c) => c.name === '环境卫生');
    const file = (description) => resident.post('/api/service/tickets', { scene: 'hy2-b12', categoryId: cat.id, description, contactName: '张秀英', contactPhone: '13812341234' });
    const waiting = await file('12幢一楼楼道堆满纸箱，影响通行');
    const working = await file('12幢门口路灯不亮，晚上看不清台阶');
    await worker.post(`/api/service/tickets/${working.id}/actions/sign`);
    const communityId = worker.user.grids[0].communityId;
    const now = Date.now();
    const activity = await staff.post('/api/events', {
      type: 'party_lesson', title: '七一党课：红色家书', description: '党群服务中心二楼', organiser: '第一党支部', communityId, place: '党群服务中心二楼',
      startAt: new Date(now + 2 * DAY).toISOString(), endAt: new Date(now + 2 * DAY + 2 * HOUR).toISOString(), capacity: 30, audience: 'all', hours: 2, publish: true,
    });
    await resident.post(`/api/events/${activity.id}/signups`);
    await volunteer.post(`/api/events/${activity.id}/signups`);
    const wishBody = (title) => ({
      communityId, beneficiary: { name: '王秀英', phone: '13800009999', building: '六区12幢301室', situation: '独居', gender: 'female', ageGroup: 'elder' },
      title, story: '奶奶一个人住，平时喜欢听评弹。', type: 'goods', estimatedValue: 120, wishBy: new Date(now + 60 * DAY).toISOString().slice(0, 10),
    });
    const claimable = await worker.post('/api/wishes', wishBody('想要一台收音机'));
    await staff.post(`/api/wishes/${claimable.id}/actions/publish`);
    await volunteer.post(`/api/wishes/${claimable.id}/actions/claim`);
    const toReview = await worker.post('/api/wishes', wishBody('想要一副老花镜'));
    made = { waiting, working, activity, claimable, toReview, worker };
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openHome(page, role) {
    await page.goto(`${server.url}/pages/index/index`);
    await page.waitForSelector(`.home-panel--${PANEL[role]}`, { timeout: 20_000 });
    await settle(page, 600);
  }

  for (const role of ['resident', 'volunteer', 'grid_worker', 'staff', 'admin']) {
    it(`should show the ${role} their own home, legible and large enough to tap, and larger in 大字模式`, async () => {
      const page = await newPhonePage(browser);
      await loginAs(page, server.url, role);
      await openHome(page, role);
      const normal = [];
      for (const [sel, texts] of MAIN_ENTRIES[role]) normal.push(await entry(page, sel, texts));
      await screenshot(page, `home-${role}-normal`);
      for (const m of normal) expectReadable(m, 44);

      const text = await page.locator('.home-panel').innerText();
      if (role === 'resident') {
        expect(text).toContain(made.waiting.number);
        expect(text).toContain('七一党课：红色家书');
        expect(text).toContain('已派单');
      } else if (role === 'volunteer') {
        expect(text).toContain('想要一台收音机');
        expect(text).toMatch(/还剩 \d+ 天/);
        expect(text).toMatch(/我的认领（[1-3]\/3）/);
      } else if (role === 'grid_worker') {
        // the same numbers as the workbench's tabs (the demo's own matters are counted too)
        const desk = await made.worker.get('/api/service/tickets/worker');
        expect(Number(await page.locator('.home-tile--pending .home-tile__count').innerText())).toBe(desk.counts.pending);
        expect(Number(await page.locator('.home-tile--working .home-tile__count').innerText())).toBe(desk.counts.working);
        expect(Number(await page.locator('.home-tile--overdue .home-tile__count').innerText())).toBe(desk.counts.overdue);
        expect(desk.counts.pending).toBeGreaterThanOrEqual(1);
      } else {
        expect(Number(await page.locator('.home-tile--wishes .home-tile__count').innerText())).toBeGreaterThanOrEqual(1);
        expect(await page.locator('.home-tile--late .home-tile__label').innerText()).toBe('已超时');
        expect(text).toContain('七一党课：红色家书');
      }

      await setElderMode(page, true);
      await page.waitForSelector(`.page.elder .home-panel`, { timeout: 20_000 });
      await settle(page, 600);
      const elder = [];
      for (const [sel, texts] of MAIN_ENTRIES[role]) elder.push(await entry(page, sel, texts));
      await screenshot(page, `home-${role}-elder`);
      for (const m of elder) expectReadable(m, 60);
      // The text grows with the mode, not only the boxes.
      expect(elder[0].texts[0].fontSize).toBeGreaterThan(normal[0].texts[0].fontSize);
      expect(page.errors).toEqual([]);
      await page.context().close();
    });
  }

  it('should open the pile a count counts with one tap: the worker’s 处置中, staff’s 心愿待审核', async () => {
    const worker = await newPhonePage(browser);
    await loginAs(worker, server.url, 'grid_worker');
    await openHome(worker, 'grid_worker');
    await worker.locator('.home-tile--working').click();
    await worker.waitForURL(/\/packages\/service\/pages\/worker\/index\?tab=working/, { timeout: 20_000 });
    await worker.waitForSelector('.svc-tab--on', { timeout: 20_000 });
    await settle(worker);
    expect(await worker.locator('.svc-tab--on').innerText()).toContain('处置中');
    expect(await worker.locator('body').innerText()).toContain('路灯不亮');
    await worker.context().close();

    const staff = await newPhonePage(browser);
    await loginAs(staff, server.url, 'staff');
    await openHome(staff, 'staff');
    await staff.locator('.home-tile--wishes').click();
    await staff.waitForURL(/\/packages\/wishes\/pages\/manage\/index\?status=pending_review/, { timeout: 20_000 });
    await staff.waitForSelector('.wish-manage__item', { timeout: 20_000 });
    expect(await staff.locator('body').innerText()).toContain('想要一副老花镜');
    await staff.context().close();
  });

  it('should turn 大字模式 on from the home page itself, and keep it on in 我的', async () => {
    const page = await newPhonePage(browser);
    await loginAs(page, server.url, 'resident');
    await openHome(page, 'resident');
    expect(await page.locator('.home-elder__state').innerText()).toBe('已关闭');
    const before = await looks(page.locator('.home-row__title').first());
    await page.locator('.home-elder').click();
    await page.waitForSelector('.page.elder .home-elder--on', { timeout: 10_000 });
    expect(await page.locator('.home-elder__state').innerText()).toBe('已开启');
    expect((await looks(page.locator('.home-row__title').first())).fontSize).toBeGreaterThan(before.fontSize);
    await page.goto(`${server.url}/pages/mine/index`);
    await page.waitForSelector('.page.elder .mine-elder', { timeout: 20_000 });
    await page.context().close();
  });

  const MINE = {
    resident: { has: ['我的诉求', '我的活动', '完善资料', '输入邀请码', '申请成为志愿者'], not: ['我的认领', '工作台'] },
    volunteer: { has: ['我的认领', '我的志愿时长', '我的诉求', '完善资料'], not: ['申请成为志愿者', '工作台'] },
    grid_worker: { has: ['网格员工作台', '录入心愿', '完善资料', '输入邀请码'], not: ['申请成为志愿者'] },
    staff: { has: ['工作台', '诉求队列', '心愿审核', '完善资料'], not: ['申请成为志愿者', '我的认领'] },
    admin: { has: ['工作台', '诉求队列', '心愿审核'], not: ['申请成为志愿者'] },
  };

  for (const role of Object.keys(MINE)) {
    it(`should give the ${role} the entries of their role in 我的, each a target large enough in both modes`, async () => {
      const page = await newPhonePage(browser);
      await loginAs(page, server.url, role);
      await page.goto(`${server.url}/pages/mine/index`);
      await page.waitForSelector('.mine-entry', { timeout: 20_000 });
      await settle(page, 600);
      const text = await page.locator('.page').innerText();
      for (const t of MINE[role].has) expect(text).toContain(t);
      for (const t of MINE[role].not) expect(text.split('\n').map((l) => l.trim())).not.toContain(t);
      const first = await entry(page, '.mine-entry', ['.cell__title', '.cell__value']);
      await screenshot(page, `mine-${role}-normal`);
      expectReadable(first, 44);
      await setElderMode(page, true);
      await page.waitForSelector('.page.elder .mine-entry', { timeout: 20_000 });
      await settle(page, 600);
      const elder = await entry(page, '.mine-entry', ['.cell__title', '.cell__value']);
      await screenshot(page, `mine-${role}-elder`);
      expectReadable(elder, 60);
      expect(elder.texts[0].fontSize).toBeGreaterThan(first.texts[0].fontSize);
      expect(page.errors).toEqual([]);
      await page.context().close();
    });
  }

  it('should offer a clear 登录 on the home page when signed out', async () => {
    const page = await newPhonePage(browser);
    await page.goto(`${server.url}/pages/index/index`);
    await page.waitForSelector('.home-login__btn', { timeout: 20_000 });
    await settle(page, 600);
    const login = await looks(page.locator('.home-login__btn'));
    expect(login.contrast).toBeGreaterThanOrEqual(4.5);
    expect(login.height).toBeGreaterThanOrEqual(44);
    expect(await page.locator('.home-elder').count()).toBe(1);
    await screenshot(page, 'home-signedout-normal');
    await page.locator('.home-login__btn').click();
    await page.waitForURL(/\/packages\/account\/pages\/login\/index/, { timeout: 20_000 });
    await page.context().close();
  });
});
