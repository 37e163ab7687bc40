'use strict';
// Arriving signed out, in Chromium on the H5 build: a resident scans a sticker, fills the 码上办 form, is asked to log
// in when sending it, and comes back to the same form with what she typed; a shared ticket link opened signed out
// goes through 登录 to the ticket; an unknown address shows 页面不存在; a page opened on its own has 回到首页; point
// codes typed in capitals or with a full-width hyphen resolve.
const { startServer, launchBrowser, newPhonePage, settle, screenshot, looks } = require('./lib');

/** 大字模式 for someone who is not signed in: the preference lives in the same stored session. */
async function setElder(page, on) {
  await page.evaluate((value) => {
    const raw = localStorage.getItem('linli-session');
    const session = raw ? JSON.parse(JSON.parse(raw).data) : { state: { token: null, user: null, role: null }, version: 1 };
    session.state.elderMode = value;
    localStorage.setItem('linli-session', JSON.stringify({ data: JSON.stringify(session) }));
  }, on);
  await page.reload();
}

/** The persona picker on the login page the app brought us to (lib's loginAs opens its own, without the way back). */
async function pickPersona(page, persona) {
  await page.locator(`.persona-card--${persona}`).first().click();
  await page.waitForFunction(() => !location.pathname.includes('/login/'), null, { timeout: 15_000 });
  await settle(page);
}

const FORM = '/packages/service/pages/new/index';

describe('arriving signed out: login on the way, the way home, typed codes', () => {
  let server;
  let browser;
  let ticketId;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('should take a signed-out resident from a scan through 登录 back to her form, intact, and file it', async () => {
    const page = await newPhonePage(browser);
    await page.goto(`${server.url}/?scene=hy2-b12`);
    await page.waitForSelector('.scene-report', { timeout: 20_000 });
    await page.locator('.scene-report').first().click();
    await page.waitForSelector('.svc-chip', { timeout: 20_000 });
    await settle(page);
    expect(await page.locator('.svc-new__point').innerText()).toContain('六区12幢');
    await page.locator('.svc-chip', { hasText: '环境卫生' }).first().click();
    const words = '六区12幢北门口的垃圾桶坏了，盖子掉在地上';
    await page.locator('textarea').first().fill(words);
    const inputs = page.locator('.svc-field input');
    await inputs.nth(0).fill('张秀英');
    await inputs.nth(1).fill('13800001234');
    await settle(page, 300);

    // A reload of the ?scene= URL keeps what was typed.
    await page.reload();
    await page.waitForSelector('.svc-chip--on', { timeout: 20_000 });
    await settle(page);
    expect(await page.locator('textarea').first().inputValue()).toBe(words);
    expect(await page.locator('.svc-chip--on').innerText()).toContain('环境卫生');
    expect(await page.locator('.svc-field input').nth(0).inputValue()).toBe('张秀英');

    // 提交 signed out: the login screen, with the way back.
    await page.locator('.svc-big').click();
    await page.waitForURL(/\/packages\/account\/pages\/login\/index\?redirect=/, { timeout: 15_000 });
    await page.waitForSelector('.persona-card--resident', { timeout: 20_000 });
    await pickPersona(page, 'resident');

    // Back on the same form, for the same point, with everything she typed.
    await page.waitForURL((u) => u.pathname === FORM && u.searchParams.get('scene') === 'hy2-b12', { timeout: 15_000 });
    await page.waitForSelector('.svc-chip--on', { timeout: 20_000 });
    await settle(page);
    expect(await page.locator('textarea').first().inputValue()).toBe(words);
    expect(await page.locator('.svc-chip--on').innerText()).toContain('环境卫生');
    expect(await page.locator('.svc-new__point').innerText()).toContain('六区12幢');

    await page.locator('.svc-big').click();
    // Filing ends on 已提交 (the number, what happens next); 查看办理进度 opens the ticket.
    await page.waitForURL(/\/packages\/service\/pages\/filed\/index\?id=\d+/, { timeout: 20_000 });
    await page.locator('.btn', { hasText: '查看办理进度' }).click({ timeout: 20_000 });
    await page.waitForURL(/\/packages\/service\/pages\/detail\/index\?id=\d+/, { timeout: 20_000 });
    ticketId = new URL(page.url()).searchParams.get('id');
    await page.waitForSelector('.svc-timeline', { timeout: 20_000 });
    const filed = await page.locator('body').innerText();
    expect(filed).toMatch(/MSB-\d{8}-\d{4}/);
    expect(filed).toContain(words);

    // Sent: the draft is gone, a new form for the point starts empty.
    await page.goto(`${server.url}${FORM}?scene=hy2-b12`);
    await page.waitForSelector('.svc-chip', { timeout: 20_000 });
    await settle(page);
    expect(await page.locator('textarea').first().inputValue()).toBe('');
    expect(page.errors).toEqual([]);
  });

  it('should take a shared ticket link opened signed out through 登录 to the ticket, not 请先登录 / 重试', async () => {
    expect(ticketId).toBeTruthy();
    const page = await newPhonePage(browser);
    await page.goto(`${server.url}/packages/service/pages/detail/index?id=${ticketId}`);
    await page.waitForURL(/\/packages\/account\/pages\/login\/index\?redirect=/, { timeout: 20_000 });
    await page.waitForSelector('.persona-card--resident', { timeout: 20_000 });
    await pickPersona(page, 'resident');
    await page.waitForURL((u) => u.pathname === '/packages/service/pages/detail/index' && u.searchParams.get('id') === ticketId, { timeout: 15_000 });
    await page.waitForSelector('.svc-timeline', { timeout: 20_000 });
    expect(await page.locator('body').innerText()).toMatch(/MSB-\d{8}-\d{4}/);
  });

  it('should show 页面不存在 in Chinese with a way home for an unknown address', async () => {
    const page = await newPhonePage(browser);
    await page.goto(`${server.url}/packages/nothing/pages/here/index?x=1`);
    await page.waitForSelector('.not-found__title', { timeout: 20_000 });
    await settle(page);
    const text = await page.locator('.not-found').innerText();
    expect(text).toContain('页面不存在');
    expect(text).toContain('回到首页');
    // Its own big button; the small 回到首页 of other pages would be said twice.
    expect(await page.locator('.page-home__link').count()).toBe(0);
    const normal = await looks(page.locator('.not-found__title'));
    await screenshot(page, 'not-found-normal');
    await setElder(page, true);
    await page.waitForSelector('.not-found__title', { timeout: 20_000 });
    await settle(page);
    expect((await looks(page.locator('.not-found__title'))).fontSize).toBeGreaterThan(normal.fontSize);
    await screenshot(page, 'not-found-elder');
    await page.locator('.not-found__home').click();
    await page.waitForFunction(() => location.pathname === '/' || location.pathname === '/pages/index/index', null, { timeout: 15_000 });
    expect(page.errors).toEqual([]);
  });

  it('should give a sub-page opened on its own a 回到首页, and none when there is a page to go back to', async () => {
    const page = await newPhonePage(browser);
    await page.goto(`${server.url}/packages/service/pages/board/index`);
    const home = page.locator('.page-home__link');
    await home.waitFor({ timeout: 20_000 });
    await settle(page, 1500);
    expect(await home.innerText()).toContain('回到首页');
    const normal = await looks(home);
    expect(normal.height).toBeGreaterThanOrEqual(30);
    await screenshot(page, 'home-control-normal');
    await setElder(page, true);
    await home.waitFor({ timeout: 20_000 });
    await settle(page, 1500);
    expect((await looks(home)).fontSize).toBeGreaterThan(normal.fontSize);
    await screenshot(page, 'home-control-elder');
    await setElder(page, false);
    await home.waitFor({ timeout: 20_000 });
    await home.click();
    await page.waitForFunction(() => location.pathname === '/' || location.pathname === '/pages/index/index', null, { timeout: 15_000 });
    await page.waitForSelector('.scan-entry', { timeout: 20_000 });
    await settle(page, 800);
    // Home is a tab: no 回到首页 there.
    expect(await page.locator('.page-home__link:visible').count()).toBe(0);
  });

  it('should resolve HY2-B12 and hy2－b12 to the same point, from a link and typed with 确定', async () => {
    const page = await newPhonePage(browser);
    for (const typed of ['HY2-B12', 'hy2－b12']) {
      await page.goto(`${server.url}/packages/places/pages/scene/index?scene=${encodeURIComponent(typed)}`);
      await page.waitForSelector('.scene-point-name', { timeout: 20_000 });
      expect(await page.locator('.scene-point-name').innerText()).toBe('六区12幢');
    }
    // The typed fallback on 首页, sent with 确定 rather than Enter.
    await page.goto(`${server.url}/`);
    await page.waitForSelector('.scan-entry__input', { timeout: 20_000 });
    await page.locator('.scan-entry__input input').fill('Hy2－B12');
    await page.locator('.scan-entry__ok').click();
    await page.waitForSelector('.scene-point-name', { timeout: 20_000 });
    expect(await page.locator('.scene-point-name').innerText()).toBe('六区12幢');
    // And on the 码上办 form opened without a point.
    await page.goto(`${server.url}${FORM}`);
    await page.waitForSelector('.svc-typed-scene__ok', { timeout: 20_000 });
    await page.locator('.svc-typed-scene input').fill('HY2－B12');
    await page.locator('.svc-typed-scene__ok').click();
    await page.waitForSelector('.svc-new__point', { timeout: 20_000 });
    expect(await page.locator('.svc-new__point').innerText()).toContain('六区12幢');
    expect(page.errors).toEqual([]);
  });
});
