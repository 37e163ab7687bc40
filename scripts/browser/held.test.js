'use strict';
// 待审核内容 in Chromium on the H5 build, served by the real server with its security headers (helmet's CSP): with
// WeChat unreachable, a resident's matter is held from the point's public list; staff read it on 待审核内容 (normal
// and 大字模式), release one (after the confirmation) and refuse another with a reason. The H5 app and the Swagger UI
// at /api/docs must load with no CSP violation.
const { startServer, launchBrowser, newPhonePage, loginAs, settle, screenshot, looks, setElderMode, demoLogin } = require('./lib');

async function confirmModal(page) {
  const ok = page.locator('.taro__modal .taro-model__btn', { hasText: '确定' });
  await ok.waitFor({ timeout: 10_000 });
  await ok.click();
}

/** Records every CSP violation the page reports (the browser fires securitypolicyviolation for each). */
async function watchCsp(page) {
  page.cspViolations = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) page.cspViolations.push(m.text());
  });
  await page.context().addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
}

describe('待审核内容 in Chromium', () => {
  let server;
  let browser;
  beforeAll(async () => {
    // Nothing listens on port 9: every msgSecCheck fails to connect, as when WeChat is unreachable.
    server = await startServer({ WECHAT_API_BASE: 'http://127.0.0.1:9' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('should keep a matter filed during a WeChat outage off the public list until staff release it, and refuse another with a reason', async () => {
    const resident = await demoLogin(server.url, 'resident');
    const call = (token, method, p, body) =>
      fetch(server.url + p, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined }).then(async (r) => ({ status: r.status, body: await r.json().catch(() => null) }));
    const categoryId = (await call(resident.token, 'GET', '/api/service/categories')).body[0].id;
    const file = (description) => call(resident.token, 'POST', '/api/service/tickets', { scene: 'hy2-b12', categoryId, description, contactName: '张秀英', contactPhone: '13812341234' });
    const first = await file('12幢楼道里堆满了纸箱，晚上看不清');
    const second = await file('有人在楼下违禁品交易');
    expect([first.status, second.status]).toEqual([201, 201]);
    const neighbour = await demoLogin(server.url, 'volunteer');
    const atPoint = async () => (await call(neighbour.token, 'GET', '/api/service/points/hy2-b12/open-tickets')).body.map((x) => x.id);
    expect(await atPoint()).not.toContain(first.body.id);

    const staff = await newPhonePage(browser);
    await watchCsp(staff);
    await loginAs(staff, server.url, 'staff');
    await staff.goto(`${server.url}/packages/console/pages/index/index`);
    await staff.locator('.cs__entry-title', { hasText: '待审核内容' }).click();
    await staff.waitForURL(/\/packages\/console\/pages\/held\/index/, { timeout: 20_000 });
    const item = staff.locator('.cs-held__item', { hasText: '12幢楼道里堆满了纸箱' });
    await item.waitFor({ timeout: 20_000 });
    await settle(staff, 800);
    expect(await item.innerText()).toContain('微信内容安全检测无法访问');
    const normal = await looks(item.locator('.cs-held__content'));
    await screenshot(staff, 'console-held-normal');
    await setElderMode(staff, true);
    await item.waitFor({ timeout: 20_000 });
    await settle(staff, 800);
    const elder = await looks(item.locator('.cs-held__content'));
    await screenshot(staff, 'console-held-elder');
    expect(elder.fontSize).toBeGreaterThan(normal.fontSize);
    expect(normal.contrast).toBeGreaterThanOrEqual(4.5);
    await setElderMode(staff, false);

    await item.waitFor({ timeout: 20_000 });
    await item.locator('.action-bar__btn', { hasText: /^放行$/ }).click();
    await confirmModal(staff);
    await item.waitFor({ state: 'detached', timeout: 20_000 });
    expect(await atPoint()).toContain(first.body.id);

    const other = staff.locator('.cs-held__item', { hasText: '违禁品交易' });
    await other.locator('.action-bar__btn', { hasText: /^不予公开$/ }).click();
    await other.locator('textarea').first().fill('含有不宜公开的内容');
    await other.locator('.action-bar__btn', { hasText: /^不予公开$/ }).click();
    await other.waitFor({ state: 'detached', timeout: 20_000 });
    expect(await atPoint()).not.toContain(second.body.id);
    await staff.locator('.cs__chip', { hasText: '不予公开' }).click();
    await staff.locator('.cs-held__item', { hasText: '违禁品交易' }).waitFor({ timeout: 20_000 });
    await settle(staff, 800);
    expect(await staff.locator('.cs-held__item', { hasText: '违禁品交易' }).innerText()).toContain('含有不宜公开的内容');
    await screenshot(staff, 'console-held-refused-normal');

    expect(staff.errors).toEqual([]);
    expect(staff.cspViolations).toEqual([]);
  });

  it('should serve the Swagger UI at /api/docs under the same CSP without a violation', async () => {
    const page = await newPhonePage(browser);
    await watchCsp(page);
    await page.goto(`${server.url}/api/docs`);
    await page.locator('.swagger-ui .opblock').first().waitFor({ timeout: 30_000 });
    expect(page.cspViolations).toEqual([]);
  });
});
