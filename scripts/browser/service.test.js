'use strict';
// 码上办 journey in Chromium on the H5 build: a resident files from a ?scene= URL with a photo, the grid worker
// signs, checks in and resolves, the resident confirms and rates.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startServer, launchBrowser, newPhonePage, loginAs, settle, screenshot, looks, setElderMode } = require('./lib');

/** A small real JPEG (a red square), written without an image library. */
function jpegFile() {
  const sharp = require(require.resolve('sharp', { paths: [path.join(__dirname, '..', '..', 'server')] }));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'linli-photo-')), 'scene.jpg');
  return sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .jpeg()
    .toFile(file)
    .then(() => file);
}

describe('码上办 in Chromium: file → dispatch → sign → check in → resolve → confirm → rate', () => {
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

  it('should carry one matter from a scanned code to a rated resolution', async () => {
    // Resident: scene page → 反映问题 → form with a photo.
    const resident = await newPhonePage(browser);
    await loginAs(resident, server.url, 'resident');
    await resident.goto(`${server.url}/?scene=hy2-b12`);
    await resident.waitForSelector('.scene-report', { timeout: 20_000 });
    await resident.locator('.scene-report').first().click();
    await resident.waitForSelector('.svc-chip', { timeout: 20_000 });
    await settle(resident);
    // A category with its own question: 设施报修 asks for the kind of facility, as chips.
    await resident.locator('.svc-chip', { hasText: '设施报修' }).first().click();
    await resident.locator('.svc-questions .svc-chip', { hasText: '电梯' }).waitFor({ timeout: 10_000 });
    await resident.locator('.svc-questions .svc-chip', { hasText: '电梯' }).click();
    expect(await resident.locator('.svc-questions .svc-chip--on').innerText()).toBe('电梯');
    await screenshot(resident, 'service-form-questions');
    // The matter is about rubbish after all: another category, and its answers go with the old one.
    await resident.locator('.svc-chip', { hasText: '环境卫生' }).first().click();
    expect(await resident.locator('.svc-questions').count()).toBe(0);
    await resident.locator('.svc-textarea textarea, textarea').first().fill('六区12幢一楼楼道堆满纸箱，影响通行');
    const photo = await jpegFile();
    const [chooser] = await Promise.all([resident.waitForEvent('filechooser', { timeout: 10_000 }), resident.locator('.svc-photo--add').click()]);
    await chooser.setFiles(photo);
    await resident.waitForFunction(() => document.querySelectorAll('.svc-photo').length >= 2 && !document.querySelector('.svc-photo__progress'), null, { timeout: 20_000 });
    // 张秀英 bound her phone: the form shows it and does not ask her to type 11 digits again.
    expect(await resident.locator('.svc-bound-phone').innerText()).toContain('138****1234');
    await resident.locator('.svc-big').click();
    // Filing ends on 已提交 (the number, what happens next); 查看办理进度 opens the ticket.
    await resident.waitForURL(/\/packages\/service\/pages\/filed\/index\?id=\d+/, { timeout: 20_000 });
    await resident.locator('.btn', { hasText: '查看办理进度' }).click({ timeout: 20_000 });
    await resident.waitForURL(/\/packages\/service\/pages\/detail\/index\?id=\d+/, { timeout: 20_000 });
    const id = new URL(resident.url()).searchParams.get('id');
    await resident.waitForSelector('.svc-timeline', { timeout: 20_000 });
    await settle(resident);
    const filed = await resident.locator('body').innerText();
    expect(filed).toMatch(/MSB-\d{8}-\d{4}/);
    expect(filed).toContain('已派单');
    expect(await resident.locator('.svc-photo img').count()).toBeGreaterThan(0);

    // Grid worker on duty: sign, check in with the point's code, resolve.
    const worker = await newPhonePage(browser);
    await loginAs(worker, server.url, 'grid_worker');
    await worker.goto(`${server.url}/packages/service/pages/detail/index?id=${id}`);
    const sign = worker.locator('.action-bar__btn', { hasText: /^签收$/ });
    const ret = worker.locator('.action-bar__btn', { hasText: /^退回$/ });
    await sign.waitFor({ timeout: 20_000 });
    // The worker's two moves, as they look: the main one filled, the other outlined, both plainly enabled and legible.
    await settle(worker);
    const desc = worker.locator('.svc-head__desc').first();
    const normal = { sign: await looks(sign), ret: await looks(ret), desc: await looks(desc) };
    await screenshot(worker, 'service-worker-actions');
    for (const b of [normal.sign, normal.ret]) {
      expect(b.opacity).toBe(1);
      expect(b.contrast).toBeGreaterThanOrEqual(4.5);
      expect(b.height).toBeGreaterThanOrEqual(44);
    }
    // 大字模式: the same buttons grow, text and target both.
    await setElderMode(worker, true);
    await sign.waitFor({ timeout: 20_000 });
    await settle(worker);
    const elder = { sign: await looks(sign), ret: await looks(ret), desc: await looks(desc) };
    // 大字模式 reaches 码上办's own text too, not only the buttons: the description grows with the place name.
    expect(elder.desc.fontSize).toBeGreaterThan(normal.desc.fontSize);
    await screenshot(worker, 'service-worker-actions-elder');
    expect(elder.sign.fontSize).toBeGreaterThan(normal.sign.fontSize);
    expect(elder.sign.height).toBeGreaterThan(normal.sign.height);
    expect(elder.ret.contrast).toBeGreaterThanOrEqual(4.5);
    await setElderMode(worker, false);
    await sign.waitFor({ timeout: 20_000 });
    await sign.click();
    await worker.waitForSelector('.svc-checkin-code', { timeout: 20_000 });
    const code = worker.locator('.svc-checkin-code input, input.svc-checkin-code').first();
    await code.fill('hy2-b12');
    await code.press('Enter');
    await worker.locator('.action-bar__btn', { hasText: /^办结$/ }).waitFor({ timeout: 20_000 });
    await worker.locator('textarea').first().fill('纸箱已清运，已提醒住户不要堆放');
    await worker.locator('.action-bar__btn', { hasText: /^办结$/ }).click();
    await worker.waitForSelector('text=纸箱已清运', { timeout: 20_000 });
    await settle(worker);

    // Resident: confirm, then rate.
    await resident.goto(`${server.url}/packages/service/pages/detail/index?id=${id}`);
    await resident.locator('.action-bar__btn', { hasText: /^确认办结$/ }).waitFor({ timeout: 20_000 });
    await resident.locator('.action-bar__btn', { hasText: /^确认办结$/ }).click();
    await resident.waitForSelector('.svc-star', { timeout: 20_000 });
    await resident.locator('.svc-star').nth(4).click();
    await resident.locator('textarea').first().fill('处理很快，谢谢网格员');
    await resident.locator('.action-bar__btn', { hasText: /^评价$/ }).click();
    await resident.waitForSelector('text=★★★★★', { timeout: 20_000 });
    await settle(resident);
    const done = await resident.locator('body').innerText();
    for (const step of ['提交', '受理', '派单', '签收', '到场打卡', '办结', '确认办结', '评价']) expect(done).toContain(step);
    expect(done).toContain('已评价');
    await settle(resident, 1800); // let the 已评价 toast fade before the screenshot
    const file = await screenshot(resident, 'service-journey');
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    expect(resident.errors).toEqual([]);
    expect(worker.errors).toEqual([]);
  });
});
