'use strict';
// The staff console's 码上办 pages in Chromium on the H5 build: 事项分类 and its editor (questions of every type),
// Open311 密钥 (issue once, revoke), 导出工单 (filters → XLSX read back), and the dispatch picker on a ticket —
// each screenshotted in normal and 大字模式.
const fs = require('fs');
const path = require('path');
const { startServer, launchBrowser, newPhonePage, loginAs, settle, screenshot, looks, setElderMode } = require('./lib');

const ExcelJS = require(require.resolve('exceljs', { paths: [path.join(__dirname, '..', '..', 'server')] }));

async function confirmModal(page) {
  const ok = page.locator('.taro__modal .taro-model__btn', { hasText: '确定' });
  await ok.waitFor({ timeout: 10_000 });
  await ok.click();
}

/** Both modes of one page: normal, then 大字模式 (the text must grow), back to normal. */
async function bothModes(page, name, selector) {
  await page.waitForSelector(selector, { timeout: 20_000 });
  await settle(page);
  const normal = await looks(page.locator(selector).first());
  await screenshot(page, `${name}-normal`);
  await setElderMode(page, true);
  await page.waitForSelector(selector, { timeout: 20_000 });
  await settle(page);
  const elder = await looks(page.locator(selector).first());
  await screenshot(page, `${name}-elder`);
  expect(elder.fontSize).toBeGreaterThan(normal.fontSize);
  expect(elder.fontSize).toBeGreaterThanOrEqual(18);
  await setElderMode(page, false);
  return { normal, elder };
}

async function api(url, persona) {
  const res = await fetch(`${url}/api/auth/demo-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona }) });
  const { accessToken } = await res.json();
  return async (method, p, body) => {
    const r = await fetch(url + p, { method, headers: { authorization: `Bearer ${accessToken}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return { status: r.status, body: await r.json().catch(() => null) };
  };
}

describe('码上办 console pages in Chromium', () => {
  let server;
  let browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('should let the admin write a category with questions of every type, which Open311 then describes', async () => {
    const admin = await newPhonePage(browser);
    await loginAs(admin, server.url, 'admin');
    await admin.goto(`${server.url}/packages/console/pages/categories/index`);
    await admin.waitForSelector('.cs-cats__item', { timeout: 20_000 });
    expect(await admin.locator('.cs-cats__item').count()).toBe(8);
    await bothModes(admin, 'console-categories', '.cs-cats__item .cs__item-title');

    await admin.locator('.cs-cats__new').dispatchEvent('click');
    await admin.waitForURL(/\/packages\/console\/pages\/category\/index/, { timeout: 20_000 });
    await admin.waitForSelector('.cs-cat__icons', { timeout: 20_000 });
    await settle(admin);
    const fields = admin.locator('.cs__field input');
    await fields.nth(0).fill('noise');
    await fields.nth(1).fill('噪音扰民');
    await admin.locator('.cs-cat__icon', { hasText: '🔊' }).click();
    // Saving with a list question of one choice is refused by the same check the server runs.
    const types = ['单行文字', '多行文字', '数字', '日期', '单选', '多选'];
    for (const [i, label] of types.entries()) {
      await admin.locator('.cs__btn', { hasText: '添加问题' }).click();
      const q = admin.locator('.cs-cat__q').nth(i);
      await q.locator('input').first().fill(`问题${label}`);
      await q.locator('.cs__chip', { hasText: label }).click();
    }
    await admin.locator('.cs-cat__q').nth(4).locator('textarea').fill('施工');
    await admin.locator('.cs-cat__q').nth(5).locator('textarea').fill('上午\n下午\n夜间');
    // 数字 and 单选 are required.
    for (const i of [2, 4]) await admin.locator('.cs-cat__q').nth(i).locator('.weui-switch, input[type=checkbox]').first().click();
    await admin.locator('.cs-cat__bar .cs__btn').click();
    await admin.locator('.cs-cat__q').nth(4).locator('.cs__error').waitFor({ timeout: 10_000 });
    expect(await admin.locator('.cs-cat__q').nth(4).locator('.cs__error').innerText()).toContain('至少要有 2 个选项');
    await admin.locator('.cs-cat__q').nth(4).locator('textarea').fill('施工\n广场舞');
    await bothModes(admin, 'console-category', '.cs-cat .cs__heading');
    // The reload kept nothing typed: write it again, shortly, and save.
    await admin.waitForSelector('.cs-cat__icons', { timeout: 20_000 });
    const again = admin.locator('.cs__field input');
    await again.nth(0).fill('noise');
    await again.nth(1).fill('噪音扰民');
    for (const [i, label] of ['数字', '单选'].entries()) {
      await admin.locator('.cs__btn', { hasText: '添加问题' }).click();
      const q = admin.locator('.cs-cat__q').nth(i);
      await q.locator('input').first().fill(i ? '噪音来源' : '楼层');
      await q.locator('.cs__chip', { hasText: label }).click();
      await q.locator('.weui-switch, input[type=checkbox]').first().click();
    }
    await admin.locator('.cs-cat__q').nth(1).locator('textarea').fill('施工\n广场舞');
    await admin.locator('.cs-cat__bar .cs__btn').click();
    await admin.waitForURL(/\/packages\/console\/pages\/categories\/index/, { timeout: 20_000 });
    await admin.locator('.cs-cats__item', { hasText: '噪音扰民' }).waitFor({ timeout: 20_000 });
    const def = await (await fetch(`${server.url}/open311/v2/services/noise.json`)).json();
    expect(def.attributes.map((a) => [a.description, a.datatype, a.required])).toEqual([['楼层', 'number', true], ['噪音来源', 'singlevaluelist', true]]);
    expect(def.attributes[1].values.map((v) => v.name)).toEqual(['施工', '广场舞']);
    expect(admin.errors).toEqual([]);
  });

  it('should issue an Open311 key shown once, and revoke it after asking', async () => {
    const admin = await newPhonePage(browser);
    await loginAs(admin, server.url, 'admin');
    await admin.goto(`${server.url}/packages/console/pages/open311/index`);
    await admin.waitForSelector('.cs__item', { timeout: 20_000 });
    await admin.locator('.cs__field input').fill('12345 热线对接');
    await admin.locator('.cs__btn', { hasText: '签发新密钥' }).dispatchEvent('click');
    await admin.waitForSelector('.cs-o311__key', { timeout: 20_000 });
    const key = (await admin.locator('.cs-o311__key').innerText()).trim();
    expect(key).toMatch(/^o311_[0-9a-f]{36}$/);
    await settle(admin);
    await screenshot(admin, 'console-open311-issued');
    const filed = await fetch(`${server.url}/open311/v2/requests.json`, { method: 'POST', body: new URLSearchParams({ api_key: key, service_code: 'other', lat: '31.4530', long: '120.5456', description: '桥头护栏松动' }) });
    expect(filed.status).toBe(201);
    await bothModes(admin, 'console-open311', '.cs__item .cs__item-title');
    // After a reload the key is gone from the page: only its prefix is listed.
    expect(await admin.locator('.cs-o311__key').count()).toBe(0);
    expect(await admin.content()).not.toContain(key);
    const row = admin.locator('.cs__item', { hasText: '12345 热线对接' });
    await row.locator('.cs__btn', { hasText: '吊销' }).dispatchEvent('click');
    await confirmModal(admin);
    await row.locator('.cs__tag', { hasText: '已吊销' }).waitFor({ timeout: 10_000 });
    const refused = await fetch(`${server.url}/open311/v2/requests.json`, { method: 'POST', body: new URLSearchParams({ api_key: key, service_code: 'other', address_id: 'tb-bridge', description: 'x' }) });
    expect(refused.status).toBe(403);
    expect(admin.errors).toEqual([]);
  });

  it('should export the filtered tickets as XLSX through a header-authorised download', async () => {
    const resident = await api(server.url, 'resident');
    const cats = (await (await fetch(`${server.url}/api/service/categories`)).json());
    const sanitation = cats.find((c) => c.code === 'sanitation');
    for (const [scene, categoryId] of [['hy2-b12', sanitation.id], ['hy2-b12', cats[1].id], ['ycj-s05', sanitation.id]]) {
      const r = await resident('POST', '/api/service/tickets', { scene, categoryId, description: `导出测试 ${scene}`, contactName: '张秀英', contactPhone: '13812341234', ...(categoryId === cats[1].id ? { attributes: { facility: 'light' } } : {}) });
      expect(r.status).toBe(201);
    }
    const staff = await newPhonePage(browser);
    await loginAs(staff, server.url, 'staff');
    await staff.goto(`${server.url}/packages/console/pages/exports/index`);
    await bothModes(staff, 'console-exports', '.cs-export__go');
    await staff.waitForSelector('.cs-export__go', { timeout: 20_000 });
    // 社区 → 漕湖花园二社区; 分类 → 环境卫生 (the weui pickers of Taro H5).
    const pick = async (index, label) => {
      await staff.locator('.cs__picker').nth(index).click();
      const overlay = staff.locator('.weui-picker:visible');
      await overlay.waitFor({ timeout: 10_000 });
      const item = overlay.locator('.weui-picker__item', { hasText: label }).first();
      await item.scrollIntoViewIfNeeded().catch(() => {});
      const box = await overlay.locator('.weui-picker__indicator').first().boundingBox();
      const from = await item.boundingBox();
      await staff.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await staff.mouse.down();
      await staff.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 });
      await staff.mouse.up();
      await settle(staff, 600);
      await overlay.locator('.weui-picker__action', { hasText: '确定' }).click();
      await settle(staff);
    };
    await pick(0, '漕湖花园二社区');
    await pick(1, '环境卫生');
    expect(await staff.locator('.cs__picker').nth(0).innerText()).toContain('漕湖花园二社区');
    const requested = [];
    staff.on('request', (r) => requested.push({ url: r.url(), auth: r.headers().authorization }));
    const [download] = await Promise.all([staff.waitForEvent('download', { timeout: 20_000 }), staff.locator('.cs-export__go').click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const ws = wb.getWorksheet('工单');
    const rows = [];
    ws.eachRow((r, i) => i > 1 && rows.push({ community: String(r.getCell(4).value), category: String(r.getCell(3).value), desc: String(r.getCell(6).value) }));
    // The demo's own matters are in the period too: every row is of the chosen community and category.
    expect(rows.map((r) => r.desc)).toContain('导出测试 hy2-b12');
    expect(rows.map((r) => r.desc)).not.toContain('导出测试 ycj-s05');
    for (const r of rows) expect(r).toMatchObject({ community: '漕湖花园二社区', category: '环境卫生' });
    expect(download.suggestedFilename()).toMatch(/^码上办工单-\d{8}-\d{8}\.xlsx$/);
    const xlsx = requested.filter((r) => r.url.includes('export.xlsx'));
    expect(xlsx).toHaveLength(1);
    expect(xlsx[0].auth).toMatch(/^Bearer /);
    expect(xlsx[0].url).not.toMatch(/token|Bearer/i);
    expect(staff.errors).toEqual([]);
  });

  it('should let staff pick a grid worker of the ticket’s community by name when reassigning', async () => {
    const resident = await api(server.url, 'resident');
    const cats = (await (await fetch(`${server.url}/api/service/categories`)).json());
    const t = (await resident('POST', '/api/service/tickets', { scene: 'hy2-b20', categoryId: cats[0].id, description: '六区20幢门口积水', contactName: '张秀英', contactPhone: '13812341234' })).body;
    expect(t.status).toBe('submitted');
    const staff = await newPhonePage(browser);
    await loginAs(staff, server.url, 'staff');
    await staff.goto(`${server.url}/packages/service/pages/detail/index?id=${t.id}`);
    await staff.locator('.action-bar__btn', { hasText: '受理' }).first().click();
    await staff.waitForSelector('.svc-pick', { timeout: 20_000 });
    await staff.locator('.svc-pick__row', { hasText: '王芳' }).waitFor({ timeout: 20_000 });
    await screenshot(staff, 'service-dispatch-picker-before');
    await bothModes(staff, 'service-dispatch-picker', '.svc-pick__name');
    await staff.locator('.svc-pick__row', { hasText: '王芳' }).dispatchEvent('click');
    await staff.locator('.action-bar__btn', { hasText: '派给王芳' }).dispatchEvent('click');
    await staff.waitForFunction(() => document.body.innerText.includes('承办网格员：王芳'), null, { timeout: 20_000 });
    expect(staff.errors).toEqual([]);
  });
});
