'use strict';
const fs = require('fs');
const { startServer, launchBrowser, newPhonePage, loginAs, settle, screenshot } = require('./lib');

const MINUTE = 60_000;

/** "2031-05-01 14:00" in 北京时间, the way the staff form takes times. */
function beijing(ms) {
  const d = new Date(ms + 8 * 60 * MINUTE);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

async function fill(page, selector, text) {
  await page.locator(`${selector} input, ${selector} textarea, input${selector}, textarea${selector}`).first().fill(text);
}

/**
 * A WeChat user made through the fake WeChat the demo server mounts (code `<who>.<n>` → openid of <who>), put into
 * the H5 session the way client/stores/session.ts persists it: zustand `persist` under `linli-session`, written
 * through Taro's setStorageSync, which wraps the value as {"data": …} in localStorage.
 */
async function wechatResident(browser, baseUrl, who) {
  const res = await fetch(`${baseUrl}/api/auth/wechat-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: `${who}.1` }) });
  if (res.status !== 200) throw new Error(`wechat-login ${who}: ${res.status} ${await res.text()}`);
  const { accessToken, user } = await res.json();
  const page = await newPhonePage(browser);
  await page.goto(`${baseUrl}/`);
  const session = JSON.stringify({ state: { token: accessToken, user, role: 'resident', elderMode: false }, version: 1 });
  await page.evaluate((value) => localStorage.setItem('linli-session', JSON.stringify({ data: value })), session);
  await page.reload();
  return { page, user, token: accessToken };
}

async function openDetail(page, baseUrl, id) {
  await page.goto(`${baseUrl}/packages/events/pages/detail/index?id=${id}`);
  await page.waitForSelector('.ev-detail__seats', { timeout: 20_000 });
  await settle(page, 200);
}

describe('活动报名 journey in Chromium (H5 build, real server)', () => {
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

  it('should go from staff creating a 2-place activity to a promoted resident checking in by its code and seeing the hours', async () => {
    // 1. Staff create the activity through the form: 2 places, starting in 10 minutes, so check-in is already open.
    const staff = await newPhonePage(browser);
    await loginAs(staff, server.url, 'staff');
    await staff.goto(`${server.url}/packages/events/pages/edit/index`);
    await staff.waitForSelector('.ev-edit__publish', { timeout: 20_000 });
    const start = Math.ceil((Date.now() + 10 * MINUTE) / MINUTE) * MINUTE;
    await fill(staff, '.ev-edit__title', '五月党课：红色家书');
    await fill(staff, '.ev-edit__place', '党群服务中心二楼');
    await fill(staff, '.ev-edit__startAt', beijing(start));
    await fill(staff, '.ev-edit__endAt', beijing(start + 90 * MINUTE));
    await fill(staff, '.ev-edit__capacity', '2');
    await fill(staff, '.ev-edit__hours', '2');
    await settle(staff, 200);
    await staff.locator('.ev-edit__publish').click();
    await staff.waitForURL(/detail\/index\?id=\d+/, { timeout: 20_000 });
    const activityId = Number(new URL(staff.url()).searchParams.get('id'));
    await staff.waitForSelector('text=剩余 2 / 2 个名额', { timeout: 20_000 });
    // The printable check-in code is there for staff, and it is a real PNG.
    const qr = staff.locator('.ev-detail__qr-image img, img.ev-detail__qr-image').first();
    await qr.waitFor({ timeout: 20_000 });
    await staff.waitForFunction(() => {
      const img = document.querySelector('.ev-detail__qr-image img, img.ev-detail__qr-image');
      return img && img.complete && img.naturalWidth > 0;
    }, null, { timeout: 20_000 });
    expect(await qr.getAttribute('src')).toContain(`/api/events/${activityId}/qrcode.png?token=`);
    expect(await staff.locator('body').innerText()).toContain('打印后张贴在签到处');
    const scene = (await staff.locator('.ev-detail__qr .ev__muted').first().innerText()).replace(/^活动签到码：/, '').trim();
    expect(scene).toMatch(/^a\./);
    // …drawn inside its card (H5 positions the <img> absolutely; a centred line box once pushed it half out).
    const card = await staff.locator('.ev-detail__qr').boundingBox();
    const box = await qr.boundingBox();
    expect(box.width).toBeGreaterThan(200);
    expect(box.x).toBeGreaterThanOrEqual(card.x);
    expect(box.x + box.width).toBeLessThanOrEqual(card.x + card.width);
    await staff.locator('.ev-detail__qr').scrollIntoViewIfNeeded();
    await screenshot(staff, 'events-staff-detail');

    // 2. Three residents sign up in the browser; the third joins the waiting list.
    const amei = await wechatResident(browser, server.url, 'amei');
    const bo = await wechatResident(browser, server.url, 'bo');
    const cai = await wechatResident(browser, server.url, 'cai');
    for (const r of [amei, bo]) {
      await openDetail(r.page, server.url, activityId);
      await r.page.locator('.ev__btn', { hasText: /^报名$/ }).click();
      await r.page.waitForSelector('.ev-detail__my-status:text("已报名")', { timeout: 20_000 });
    }
    await openDetail(cai.page, server.url, activityId);
    expect(await cai.page.locator('.ev-detail__seats').innerText()).toContain('名额已满（2 人）');
    await cai.page.locator('.ev__btn', { hasText: '加入候补' }).click();
    await cai.page.waitForSelector('.ev-detail__my-status:text("候补第 1 位")', { timeout: 20_000 });

    // 3. The first one cancels; the waiting resident is promoted in the same transaction.
    await amei.page.locator('.action-bar__btn', { hasText: '取消报名' }).click();
    await amei.page.locator('.taro-model__confirm:visible').click();
    // Her seat went to the waiting list, so the activity is full again: she can only join the waiting list now.
    await amei.page.waitForSelector('.ev__btn:text("加入候补")', { timeout: 20_000 });
    expect(await amei.page.locator('.ev-detail__my-status').count()).toBe(0);

    await cai.page.reload();
    await cai.page.waitForSelector('.ev-detail__my-status', { timeout: 20_000 });
    expect(await cai.page.locator('.ev-detail__my-status').innerText()).toBe('已报名（候补转正）');
    expect(await cai.page.locator('body').innerText()).toContain('放弃名额');
    await screenshot(cai.page, 'events-promoted');

    // 4. At the venue she scans the activity's code: the H5 build opens /?scene=a.… and checks her in.
    await cai.page.goto(`${server.url}/?scene=${encodeURIComponent(scene)}`);
    await cai.page.waitForSelector('.ev-checkin__result', { timeout: 20_000 });
    expect(await cai.page.locator('.ev-checkin__result').innerText()).toBe('签到成功');
    const checkedIn = await cai.page.locator('body').innerText();
    expect(checkedIn).toContain('已记志愿时长 2 小时');
    expect(checkedIn).not.toContain('签退'); // a 党课 credits its hours at check-in; only 志愿服务 checks out
    await settle(cai.page);
    await screenshot(cai.page, 'events-checked-in');

    // A second scan changes nothing.
    await cai.page.goto(`${server.url}/?scene=${encodeURIComponent(scene)}`);
    await cai.page.waitForSelector('.ev-checkin__result', { timeout: 20_000 });
    expect(await cai.page.locator('.ev-checkin__result').innerText()).toBe('已签到');

    // 5. The hours are in her 我的志愿时长 ledger, and staff see the live counts.
    await cai.page.goto(`${server.url}/packages/wishes/pages/ledger/index`);
    await cai.page.waitForSelector('.wish-ledger__hours', { timeout: 20_000 });
    expect(await cai.page.locator('.wish-ledger__hours').innerText()).toBe('2');
    expect(await cai.page.locator('body').innerText()).toContain('五月党课：红色家书');
    const ledgerShot = await screenshot(cai.page, 'events-ledger');
    expect(fs.statSync(ledgerShot).size).toBeGreaterThan(10_000);

    await staff.goto(`${server.url}/packages/events/pages/manage/index?id=${activityId}`);
    await staff.waitForSelector('.ev-manage__checked', { timeout: 20_000 });
    expect(await staff.locator('.ev-manage__signed').innerText()).toBe('2/2');
    expect(await staff.locator('.ev-manage__waiting').innerText()).toBe('0');
    expect(await staff.locator('.ev-manage__checked').innerText()).toBe('1');
    await screenshot(staff, 'events-staff-counts');

    for (const p of [staff, amei.page, bo.page, cai.page]) expect(p.errors).toEqual([]);
  });
});
