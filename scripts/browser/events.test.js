'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startServer, launchBrowser, newPhonePage, loginAs, settle, screenshot, looks, setElderMode } = require('./lib');

const MINUTE = 60_000;

/** The parts of an instant on a Beijing clock, as the pickers show them. */
function beijing(ms) {
  const d = new Date(ms + 8 * 60 * MINUTE);
  const p = (n) => String(n).padStart(2, '0');
  return { year: `${d.getUTCFullYear()}年`, month: `${p(d.getUTCMonth() + 1)}月`, day: `${p(d.getUTCDate())}日`, hour: p(d.getUTCHours()), minute: p(d.getUTCMinutes()), text: `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}` };
}

/**
 * Turns one column of Taro's H5 picker (the stand-in for WeChat's native one) until `text` sits on the indicator:
 * short mouse drags, as a finger would, so the column's own snapping decides the value.
 */
async function spinTo(page, group, text) {
  for (let i = 0; i < 40; i++) {
    const ind = await group.locator('.weui-picker__indicator').boundingBox();
    const items = group.locator('.weui-picker__item').filter({ hasText: new RegExp(`^${text}$`) });
    let best = null;
    for (let k = 0; k < (await items.count()); k++) {
      const b = await items.nth(k).boundingBox();
      if (!b) continue;
      const d = b.y + b.height / 2 - (ind.y + ind.height / 2);
      if (best === null || Math.abs(d) < Math.abs(best)) best = d;
    }
    if (best === null) throw new Error(`picker has no item ${text}`);
    if (Math.abs(best) < 4) return;
    const x = ind.x + ind.width / 2;
    const y = ind.y + ind.height / 2;
    const step = Math.max(-90, Math.min(90, -best));
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x, y + step, { steps: 8 });
    await page.mouse.up();
    await page.waitForTimeout(350);
  }
  throw new Error(`could not turn the picker to ${text}`);
}

/** Picks a date and a time for one DateTimeField (`.ev-edit__<field>`) through the pickers, then checks what it shows. */
async function pickDateTime(page, field, ms) {
  const t = beijing(ms);
  const open = async (part) => {
    await page.locator(`.ev-edit__${field} .ev-dt__${part} .ev-dt__value`).click();
    const overlay = page.locator('.weui-picker:visible');
    await overlay.waitFor({ timeout: 10_000 });
    await settle(page, 350);
    return overlay;
  };
  let overlay = await open('date');
  let groups = overlay.locator('.weui-picker__group');
  await spinTo(page, groups.nth(0), t.year);
  await spinTo(page, groups.nth(1), t.month);
  await spinTo(page, groups.nth(2), t.day);
  await overlay.locator('.weui-picker__action', { hasText: '确定' }).click();
  await settle(page, 400);
  overlay = await open('time');
  groups = overlay.locator('.weui-picker__group');
  await spinTo(page, groups.nth(0), t.hour);
  await spinTo(page, groups.nth(1), t.minute);
  await overlay.locator('.weui-picker__action', { hasText: '确定' }).click();
  await settle(page, 400);
  const shown = `${await page.locator(`.ev-edit__${field} .ev-dt__date .ev-dt__value`).innerText()} ${await page.locator(`.ev-edit__${field} .ev-dt__time .ev-dt__value`).innerText()}`;
  expect(shown).toBe(t.text);
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


/** A small real JPEG, made with the server's sharp. */
function jpegFile() {
  const sharp = require(require.resolve('sharp', { paths: [path.join(__dirname, '..', '..', 'server')] }));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'linli-cover-')), 'cover.jpg');
  return sharp({ create: { width: 640, height: 360, channels: 3, background: { r: 200, g: 60, b: 50 } } }).jpeg().toFile(file).then(() => file);
}

/** The session token the page holds (as client/stores/session.ts persists it). */
function tokenOf(page) {
  return page.evaluate(() => JSON.parse(JSON.parse(localStorage.getItem('linli-session')).data).state.token);
}

async function api(baseUrl, token, method, p, body) {
  const res = await fetch(`${baseUrl}${p}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
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
    // Times come from the native date and time pickers, nothing typed.
    expect(await staff.locator('.ev-edit__startAt input:not([type=hidden]), .ev-edit__startAt textarea').count()).toBe(0);
    await pickDateTime(staff, 'startAt', start);
    await pickDateTime(staff, 'endAt', start + 90 * MINUTE);
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
    // Loaded by a signed, expiring URL: no login token in it.
    const qrSrc = await qr.getAttribute('src');
    expect(qrSrc).toMatch(new RegExp(`/api/events/${activityId}/qrcode\\.png\\?exp=\\d+&uid=\\d+&sig=`));
    expect(qrSrc).not.toContain('token=');
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
  it('should let staff choose the community, write questions, add a cover, set the sign-up start and cancellation deadline, keep them on edit, and cancel it for everyone signed up or waiting', async () => {
    const staff = await newPhonePage(browser);
    await loginAs(staff, server.url, 'staff');
    await staff.goto(`${server.url}/packages/events/pages/edit/index`);
    await staff.waitForSelector('.ev-edit__publish', { timeout: 20_000 });
    await settle(staff);
    // The staff member serves several communities: the first is chosen, another can be picked.
    const communityText = await staff.locator('.ev-edit__community-value').innerText();
    await staff.locator('.ev-edit__community-value').click();
    const overlay = staff.locator('.weui-picker:visible');
    await overlay.waitFor({ timeout: 10_000 });
    await settle(staff, 350);
    const names = await overlay.locator('.weui-picker__item').allInnerTexts();
    const target = names.find((n) => n && !communityText.startsWith(n));
    await spinTo(staff, overlay.locator('.weui-picker__group').first(), target);
    await overlay.locator('.weui-picker__action', { hasText: '确定' }).click();
    await settle(staff);
    expect(await staff.locator('.ev-edit__community-value').innerText()).toContain(target);

    await fill(staff, '.ev-edit__title', '重阳敬老志愿服务');
    await fill(staff, '.ev-edit__place', '邻里空间服务站');
    await fill(staff, '.ev-edit__capacity', '1');
    const now = Date.now();
    const signupStart = Math.floor((now - 60 * MINUTE) / MINUTE) * MINUTE;
    // the default start is tomorrow 14:00 Beijing; the deadline to cancel is two hours before
    const startText = `${await staff.locator('.ev-edit__startAt .ev-dt__date .ev-dt__value').innerText()} 14:00`;
    const startMs = Date.parse(`${startText.replace(' ', 'T')}:00+08:00`);
    await pickDateTime(staff, 'signupStartAt', signupStart);
    await pickDateTime(staff, 'cancelDeadline', startMs - 120 * MINUTE);
    await staff.locator('.ev-qe__add').click();
    await fill(staff, '.ev-qe__title', '是否需要接送');
    await fill(staff, '.ev-qe__options', '需要\n不需要');
    const photo = await jpegFile();
    const [chooser] = await Promise.all([staff.waitForEvent('filechooser', { timeout: 10_000 }), staff.locator('.ev-cover__choose').click()]);
    await chooser.setFiles(photo);
    await staff.waitForSelector('.ev-cover__image', { timeout: 20_000 });
    await staff.waitForFunction(() => !document.querySelector('.taro__toast, .taro-toast')?.offsetParent, null, { timeout: 10_000 }).catch(() => undefined);
    await settle(staff, 1800); // past the upload's toast
    // The chosen type is marked in words (✓) as well as in colour.
    expect(await staff.evaluate(() => getComputedStyle(document.querySelector('.ev-edit .chip--on'), '::before').content)).toContain('✓');
    const normalSize = (await looks(staff.locator('.ev-qe__title input').first())).fontSize;
    await screenshot(staff, 'events-edit-normal');
    await staff.locator('.ev-edit__publish').click();
    await staff.waitForURL(/detail\/index\?id=\d+/, { timeout: 20_000 });
    const id = Number(new URL(staff.url()).searchParams.get('id'));
    const token = await tokenOf(staff);
    const made = (await api(server.url, token, 'GET', `/api/events/${id}`)).body;
    expect(made).toMatchObject({ title: '重阳敬老志愿服务', capacity: 1, questions: [{ title: '是否需要接送', kind: 'single', required: true, options: ['需要', '不需要'] }] });
    expect(made.cover).toMatchObject({ url: expect.stringContaining('/') });
    expect(made.signupStartAt).toBe(new Date(signupStart).toISOString());
    expect(made.cancelDeadline).toBe(new Date(startMs - 120 * MINUTE).toISOString());
    expect(names.length).toBeGreaterThan(1);

    // Edited again: the times and the question come back into the form and are kept.
    await staff.goto(`${server.url}/packages/events/pages/edit/index?id=${id}`);
    await staff.waitForSelector('.ev-edit__activity-actions', { timeout: 20_000 });
    await settle(staff);
    expect(await staff.locator('.ev-qe__title input').inputValue()).toBe('是否需要接送');
    expect(await staff.locator('.ev-edit__cancelDeadline .ev-dt__time .ev-dt__value').innerText()).toBe('12:00');
    await fill(staff, '.ev-edit__place', '邻里空间服务站二楼');
    await staff.locator('.ev-edit__publish').click();
    await staff.waitForURL(/detail\/index\?id=\d+/, { timeout: 20_000 });
    const kept = (await api(server.url, token, 'GET', `/api/events/${id}`)).body;
    expect(kept).toMatchObject({ place: '邻里空间服务站二楼', signupStartAt: made.signupStartAt, cancelDeadline: made.cancelDeadline, cover: made.cover });

    // One resident takes the place, another waits.
    const people = [];
    for (const who of ['laowang', 'laoli']) {
      const login = await (await fetch(`${server.url}/api/auth/wechat-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: `${who}.1` }) })).json();
      const signed = await api(server.url, login.accessToken, 'POST', `/api/events/${id}/signups`, { answers: { q1: '需要' } });
      expect(signed.status).toBe(201);
      people.push({ token: login.accessToken, status: signed.body.status });
    }
    expect(people.map((p) => p.status)).toEqual(['confirmed', 'waitlisted']);

    // 大字模式: the same form, bigger.
    await setElderMode(staff, true);
    await staff.goto(`${server.url}/packages/events/pages/edit/index?id=${id}`);
    await staff.waitForSelector('.ev-edit__activity-actions', { timeout: 20_000 });
    await settle(staff);
    expect((await looks(staff.locator('.ev-qe__title input').first())).fontSize).toBeGreaterThan(normalSize);
    await screenshot(staff, 'events-edit-elder');

    // 取消活动 with its reason, from the server's actions: everyone signed up or waiting is told.
    await staff.locator('.ev-edit__activity-actions .action-bar__btn', { hasText: '取消活动' }).click();
    await staff.locator('.action-bar__note textarea, textarea.action-bar__note').first().fill('场地临时检修');
    await staff.locator('.ev-edit__activity-actions .action-bar__btn', { hasText: '取消活动' }).click();
    await staff.locator('.taro-model__confirm:visible').click();
    await staff.waitForURL(/detail\/index\?id=\d+/, { timeout: 20_000 });
    await staff.waitForSelector('text=场地临时检修', { timeout: 20_000 });
    for (const p of people) {
      const notes = (await api(server.url, p.token, 'GET', '/api/notifications')).body.items;
      expect(notes.some((n) => n.title === '活动已取消：重阳敬老志愿服务' && n.body.includes('场地临时检修'))).toBe(true);
    }
    expect(staff.errors).toEqual([]);
  });

  it('should let a grid worker sign an elder up by name and phone, list them, cancel it, and export the list with no token in the URL', async () => {
    const staff = await newPhonePage(browser);
    await loginAs(staff, server.url, 'staff');
    const staffToken = await tokenOf(staff);
    const start = Date.now() + 2 * 24 * 60 * MINUTE;
    const me = (await api(server.url, staffToken, 'GET', '/api/me')).body;
    const made = await api(server.url, staffToken, 'POST', '/api/events', {
      type: 'film_lesson', title: '电影党史课：长津湖', organiser: '漕湖花园二社区', communityId: me.communities[0].id, place: '社区影院',
      startAt: new Date(start).toISOString(), endAt: new Date(start + 2 * 60 * MINUTE).toISOString(), capacity: 30, audience: 'all', hours: 1, publish: true,
    });
    expect(made.status).toBe(201);
    const id = made.body.id;

    const worker = await newPhonePage(browser);
    await loginAs(worker, server.url, 'grid_worker');
    await openDetail(worker, server.url, id);
    await worker.locator('.ev-detail__proxy').click();
    await worker.waitForSelector('.ev-proxy__submit', { timeout: 20_000 });
    await settle(worker);
    await fill(worker, '.ev-proxy__name', '周桂英');
    await fill(worker, '.ev-proxy__phone', '13655556666');
    await worker.locator('.ev-proxy__submit').click();
    await worker.locator('.taro-model__confirm:visible').click();
    await worker.waitForSelector('.ev-proxy__row', { timeout: 20_000 });
    await settle(worker);
    const row = await worker.locator('.ev-proxy__row').first().innerText();
    expect(row).toContain('周桂英 · 136****6666');
    expect(row).toContain('已报名');
    expect(await worker.locator('.ev-proxy__name input').inputValue()).toBe('');
    const normal = (await looks(worker.locator('.ev-proxy__row .ev__row').first())).fontSize;
    await screenshot(worker, 'events-proxy-normal');
    await setElderMode(worker, true);
    await worker.waitForSelector('.ev-proxy__row', { timeout: 20_000 });
    await settle(worker);
    expect((await looks(worker.locator('.ev-proxy__row .ev__row').first())).fontSize).toBeGreaterThan(normal);
    await screenshot(worker, 'events-proxy-elder');
    await worker.locator('.ev-proxy__row .action-bar__btn', { hasText: '取消报名' }).click();
    await worker.locator('.taro-model__confirm:visible').click();
    await worker.waitForFunction(() => document.querySelector('.ev-proxy__row')?.textContent.includes('已取消'), null, { timeout: 20_000 });

    // Staff export the attendee list: fetched with the Authorization header, saved from a blob.
    await staff.goto(`${server.url}/packages/events/pages/manage/index?id=${id}`);
    await staff.waitForSelector('.ev-manage__export', { timeout: 20_000 });
    const requested = [];
    staff.on('request', (r) => requested.push(r.url()));
    const [download] = await Promise.all([staff.waitForEvent('download', { timeout: 20_000 }), staff.locator('.ev-manage__export').click()]);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    expect(download.suggestedFilename()).toBe(`activity-${id}-attendees.xlsx`);
    expect(requested.filter((u) => u.includes('attendees.xlsx'))).toEqual([`${server.url}/api/events/${id}/attendees.xlsx`]);
    for (const p of [staff, worker]) expect(p.errors).toEqual([]);
  });
});
