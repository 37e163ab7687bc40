'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startServer, launchBrowser, newPhonePage, loginAs, settle, screenshot, looks, setElderMode } = require('./lib');

async function fill(page, selector, text) {
  await page.locator(`${selector} input, ${selector} textarea, input${selector}, textarea${selector}`).first().fill(text);
}

async function confirmModal(page) {
  const ok = page.locator('.taro__modal .taro-model__btn', { hasText: '确定' });
  await ok.waitFor({ timeout: 10_000 });
  await ok.click();
}

async function demo(baseUrl, persona) {
  const res = await fetch(`${baseUrl}/api/auth/demo-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona }) });
  const body = await res.json();
  return { token: body.accessToken, user: body.user };
}

async function api(baseUrl, token, method, p, body) {
  const isForm = body instanceof FormData;
  const res = await fetch(`${baseUrl}${p}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(isForm || !body ? {} : { 'content-type': 'application/json' }) },
    body: isForm ? body : body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** A wish taken through the whole flow by the demo volunteer (a party member of 漕湖花园二社区第一党支部). */
async function fulfilledWish(baseUrl, title) {
  const [gw, staff, vol] = await Promise.all([demo(baseUrl, 'grid_worker'), demo(baseUrl, 'staff'), demo(baseUrl, 'volunteer')]);
  const wishBy = new Date(Date.now() + 30 * 24 * 3600_000 + 8 * 3600_000).toISOString().slice(0, 10);
  const w = await api(baseUrl, gw.token, 'POST', '/api/wishes', {
    communityId: gw.user.grids[0].communityId,
    beneficiary: { name: '陆桂芳', gender: 'female', ageGroup: 'elder', building: '六区5幢', phone: '13800002222', situation: '独居' },
    title,
    story: '奶奶想要一副老花镜，看报纸方便些。',
    type: 'goods',
    estimatedValue: 80,
    wishBy,
  });
  await api(baseUrl, staff.token, 'POST', `/api/wishes/${w.id}/actions/publish`, {});
  await api(baseUrl, vol.token, 'POST', `/api/wishes/${w.id}/actions/claim`, {});
  const sharp = require(require.resolve('sharp', { paths: [path.join(__dirname, '..', '..', 'server')] }));
  const jpeg = await sharp({ create: { width: 60, height: 40, channels: 3, background: { r: 90, g: 160, b: 90 } } }).jpeg().toBuffer();
  const form = new FormData();
  form.append('file', new Blob([jpeg], { type: 'image/jpeg' }), 'proof.jpg');
  const photo = await api(baseUrl, vol.token, 'POST', '/api/uploads', form);
  await api(baseUrl, vol.token, 'POST', `/api/wishes/${w.id}/actions/fulfil`, { photoIds: [photo.id], note: '已送到服务站' });
  await api(baseUrl, gw.token, 'POST', `/api/wishes/${w.id}/actions/confirm`, {});
  return { wishId: w.id, volunteer: vol.user };
}

/** Downloads through the page's own button; returns the file's first bytes and every URL the page asked for it. */
async function downloadVia(page, selector, pathPart) {
  const requested = [];
  const listen = (r) => r.url().includes(pathPart) && requested.push(r.url());
  page.on('request', listen);
  const waiting = page.waitForEvent('download', { timeout: 20_000 });
  // A tap where the button is drawn (what is under that point gets it, as on a phone).
  const box = await page.locator(selector).boundingBox();
  expect(await page.evaluate(({ x, y, sel }) => !!document.elementFromPoint(x, y)?.closest(sel), { x: box.x + box.width / 2, y: box.y + box.height / 2, sel: selector })).toBe(true);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const download = await waiting;
  const file = await download.path();
  page.off('request', listen);
  return { head: fs.readFileSync(file).subarray(0, 2).toString(), name: download.suggestedFilename(), requested };
}

describe('志愿服务记录 screens in Chromium (H5 build, real server)', () => {
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

  it('should let a volunteer register the ID number (masked), download the record without a token in the URL, and see the masked leaderboard', async () => {
    await fulfilledWish(server.url, '老花镜一副');
    const vol = await newPhonePage(browser);
    await loginAs(vol, server.url, 'volunteer');
    await vol.goto(`${server.url}/packages/wishes/pages/ledger/index`);
    await vol.waitForSelector('.wish-ledger__hours', { timeout: 20_000 });
    await settle(vol);
    expect(await vol.locator('.wish-ledger__id').innerText()).toContain('未登记');
    expect(await vol.locator('body').innerText()).not.toContain('复制');
    await screenshot(vol, 'wishes-ledger-normal');

    // 志愿服务记录: fetched with the Authorization header, saved from a blob; nothing on the clipboard.
    const got = await downloadVia(vol, '.wish-ledger__export', 'export.xlsx');
    expect(got.head).toBe('PK');
    expect(got.name).toBe('volunteer-record.xlsx');
    expect(got.requested).toEqual([`${server.url}/api/ledger/export.xlsx`]);

    // The ID number: checked on the phone with the server's own rule, stored masked.
    await vol.locator('.wish-ledger__id').click();
    await vol.waitForSelector('.id-number__submit', { timeout: 20_000 });
    await settle(vol);
    await fill(vol, '.id-number__input', '320507199001011234');
    await vol.locator('.id-number__submit').click();
    await vol.waitForSelector('.id-number__error', { timeout: 10_000 });
    expect(await vol.locator('.id-number__error').innerText()).toContain('校验位');
    const normal = (await looks(vol.locator('.id-number__error'))).fontSize;
    await screenshot(vol, 'wishes-id-number-normal');
    await setElderMode(vol, true);
    await vol.waitForSelector('.id-number__submit', { timeout: 20_000 });
    await settle(vol);
    await fill(vol, '.id-number__input', '320507199001011234');
    await vol.locator('.id-number__submit').click();
    await vol.waitForSelector('.id-number__error', { timeout: 10_000 });
    expect((await looks(vol.locator('.id-number__error'))).fontSize).toBeGreaterThan(normal);
    await screenshot(vol, 'wishes-id-number-elder');
    await fill(vol, '.id-number__input', '32050719900101105X');
    await vol.locator('.id-number__submit').click();
    await vol.waitForFunction(() => document.querySelector('.id-number__stored')?.textContent === '3205**********105X', null, { timeout: 20_000 });
    await vol.goto(`${server.url}/packages/wishes/pages/ledger/index`);
    await vol.waitForSelector('.wish-ledger__id', { timeout: 20_000 });
    await vol.waitForFunction(() => document.querySelector('.wish-ledger__id')?.textContent.includes('3205**********105X'), null, { timeout: 20_000 });
    await settle(vol);
    await screenshot(vol, 'wishes-ledger-elder');
    expect(await vol.locator('body').innerText()).not.toContain('32050719900101105X');

    // The leaderboard: names masked, by community.
    await vol.locator('.wish-ledger__board').click();
    await vol.waitForSelector('.board__row', { timeout: 20_000 });
    await settle(vol);
    const board = await vol.locator('body').innerText();
    expect(board).toContain('李*国');
    expect(board).not.toContain('李建国');
    await screenshot(vol, 'wishes-leaderboard-elder');
    await setElderMode(vol, false);
    await vol.waitForSelector('.board__row', { timeout: 20_000 });
    await vol.locator('.wish-tab', { hasText: '漕湖花园二社区' }).first().click();
    await vol.waitForSelector('.wish-tab--on:text("漕湖花园二社区")', { timeout: 20_000 });
    await vol.waitForSelector('.board__row', { timeout: 20_000 });
    await settle(vol);
    await screenshot(vol, 'wishes-leaderboard-normal');
    expect(vol.errors).toEqual([]);
  });

  it('should show staff the 支部 view, their volunteers, and let them correct an entry with a reason and download the record', async () => {
    const { volunteer } = await fulfilledWish(server.url, '帮奶奶换灯泡');
    const staff = await newPhonePage(browser);
    await loginAs(staff, server.url, 'staff');
    await staff.goto(`${server.url}/pages/wishes/index`);
    await staff.waitForSelector('.wish-wall__branches', { timeout: 20_000 });
    await staff.locator('.wish-wall__branches').click();
    await staff.waitForSelector('.branch__name', { timeout: 20_000 });
    await settle(staff);
    const report = await staff.locator('body').innerText();
    expect(report).toContain('漕湖花园二社区第一党支部');
    expect(report).toContain('李建国');
    expect(report).toContain('帮奶奶换灯泡');
    await screenshot(staff, 'wishes-branches-normal');
    const normal = (await looks(staff.locator('.branch__member-name').first())).fontSize;
    await setElderMode(staff, true);
    await staff.waitForSelector('.branch__name', { timeout: 20_000 });
    await settle(staff);
    expect((await looks(staff.locator('.branch__member-name').first())).fontSize).toBeGreaterThan(normal);
    await screenshot(staff, 'wishes-branches-elder');
    await setElderMode(staff, false);

    await staff.goto(`${server.url}/packages/wishes/pages/volunteers/index`);
    await staff.waitForSelector('.volunteers__input', { timeout: 20_000 });
    await fill(staff, '.volunteers__input', '李建国');
    await staff.locator('.volunteers__go').click();
    await staff.waitForSelector('.volunteers__row:has-text("李建国")', { timeout: 20_000 });
    await settle(staff);
    await screenshot(staff, 'wishes-volunteers-normal');
    await staff.locator('.volunteers__row', { hasText: '李建国' }).first().click();
    await staff.waitForSelector('.volunteer__hours', { timeout: 20_000 });
    await settle(staff);
    const before = Number(await staff.locator('.volunteer__hours').innerText());
    expect(before).toBeGreaterThanOrEqual(2);
    expect(await staff.locator('.volunteer__name').innerText()).toBe(volunteer.name);
    await screenshot(staff, 'wishes-volunteer-normal');

    // 更正: a new entry with the reason; the total changes, the old entry stays.
    await staff.locator('.volunteer__correct').first().click();
    await fill(staff, '.volunteer__hours-input', '-0.5');
    await staff.locator('.volunteer__submit').click();
    await staff.waitForSelector('text=请写明更正原因', { timeout: 10_000 });
    await fill(staff, '.volunteer__reason', '实际服务半小时，多记了');
    await settle(staff, 200);
    await screenshot(staff, 'wishes-correction-normal');
    await staff.locator('.volunteer__submit').click();
    await confirmModal(staff);
    await staff.waitForFunction((h) => Number(document.querySelector('.volunteer__hours')?.textContent) === h, before - 0.5, { timeout: 20_000 });
    expect(await staff.locator('.ledger-entry').first().innerText()).toContain('实际服务半小时，多记了');
    // Opened afresh, as staff come back to it: the correction is the newest line, the record downloads.
    await staff.goto(`${server.url}/packages/wishes/pages/volunteer/index?id=${volunteer.id}`);
    await staff.waitForSelector('.volunteer__export', { timeout: 20_000 });
    await settle(staff);

    const got = await downloadVia(staff, '.volunteer__export', 'export.xlsx');
    expect(got.head).toBe('PK');
    expect(got.requested).toEqual([`${server.url}/api/ledger/export.xlsx?userId=${volunteer.id}`]);

    await setElderMode(staff, true);
    await staff.waitForSelector('.volunteer__hours', { timeout: 20_000 });
    await settle(staff);
    await screenshot(staff, 'wishes-volunteer-elder');
    await staff.goto(`${server.url}/packages/wishes/pages/volunteers/index`);
    await staff.waitForSelector('.volunteers__row', { timeout: 20_000 });
    await settle(staff);
    await screenshot(staff, 'wishes-volunteers-elder');
    expect(staff.errors).toEqual([]);
  });
});
