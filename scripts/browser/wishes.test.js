'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startServer, launchBrowser, newPhonePage, loginAs, settle, screenshot } = require('./lib');

/** A small JPEG for the proof upload, made without an image library dependency at the root. */
async function proofJpeg() {
  const sharp = require(require.resolve('sharp', { paths: [path.join(__dirname, '..', '..', 'server')] }));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'linli-proof-')), 'proof.jpg');
  await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 240, g: 200, b: 120 } } }).jpeg().toFile(file);
  return file;
}

async function fill(page, selector, text) {
  const el = page.locator(`${selector} input, ${selector} textarea, input${selector}, textarea${selector}`).first();
  await el.fill(text);
}

/** A button of the ActionBar by its label (labels come from the domain's transition table). */
const actionButton = (page, label) => page.locator('.action-bar__btn', { hasText: label }).first();

/** Taro H5's showModal: the ActionBar asks before a scarce or irreversible move; answer 确定. */
async function confirmModal(page) {
  const ok = page.locator('.taro__modal .taro-model__btn', { hasText: '确定' });
  await ok.waitFor({ timeout: 10_000 });
  await ok.click();
}

describe('微心愿 journey in Chromium (H5 build, real server)', () => {
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

  it('should go from a grid worker’s record to a volunteer’s hours: record, publish, claim, proof, confirm', async () => {
    // 1. The grid worker records a wish after a home visit.
    const gw = await newPhonePage(browser);
    await loginAs(gw, server.url, 'grid_worker');
    await gw.goto(`${server.url}/packages/wishes/pages/record/index`);
    await gw.waitForSelector('.wish-record__photo-reminder', { timeout: 20_000 });
    expect(await gw.locator('.wish-record__photo-reminder').innerText()).toContain('人脸');
    await fill(gw, '.wish-record__name', '王秀英');
    await fill(gw, '.wish-record__building', '六区12幢301室');
    await fill(gw, '.wish-record__title', '想要一台收音机');
    await fill(gw, '.wish-record__story', '奶奶一个人住，平时喜欢听评弹，家里的收音机坏了。');
    await fill(gw, '.wish-record__value', '120');
    await settle(gw, 200);
    expect(await gw.locator('.wish-record__preview').innerText()).toContain('王奶奶 · 漕湖花园二社区');
    await gw.locator('.wish-record__submit').click();
    await gw.waitForURL(/manage-detail\/index\?id=\d+/, { timeout: 20_000 });
    const wishId = Number(new URL(gw.url()).searchParams.get('id'));
    await gw.waitForSelector('text=待审核', { timeout: 20_000 });

    // 2. Staff publish it from the review queue.
    const staff = await newPhonePage(browser);
    await loginAs(staff, server.url, 'staff');
    await staff.goto(`${server.url}/packages/wishes/pages/manage/index?status=pending_review`);
    await staff.locator('.wish-manage__item', { hasText: '想要一台收音机' }).first().click();
    await actionButton(staff, '审核通过').waitFor({ timeout: 20_000 });
    await actionButton(staff, '审核通过').click();
    await staff.waitForSelector('.wish-manage-detail__status:text("待认领")', { timeout: 20_000 });

    // 3. The volunteer finds it on the 心愿墙 and claims it.
    const vol = await newPhonePage(browser);
    await loginAs(vol, server.url, 'volunteer');
    // The demo's own wishes have already given him hours: this one adds 2.
    await vol.goto(`${server.url}/packages/wishes/pages/ledger/index`);
    await vol.waitForSelector('.wish-ledger__hours', { timeout: 20_000 });
    await settle(vol);
    const hoursBefore = Number(await vol.locator('.wish-ledger__hours').innerText());
    await vol.goto(`${server.url}/pages/wishes/index`);
    await vol.locator('.wish-card', { hasText: '想要一台收音机' }).first().click();
    await actionButton(vol, '认领这个心愿').waitFor({ timeout: 20_000 });
    const wallText = await vol.locator('body').innerText();
    expect(wallText).toContain('王奶奶 · 漕湖花园二社区');
    expect(wallText).not.toContain('王秀英');
    await actionButton(vol, '认领这个心愿').click();
    await confirmModal(vol);
    await vol.waitForSelector('.wish-detail__handoff', { timeout: 20_000 });
    const handoff = await vol.locator('.wish-detail__handoff').innerText();
    expect(handoff).toContain('王芳');
    expect(handoff).toContain('邻里空间服务站');
    expect(handoff).not.toContain('301室');

    // ... and uploads proof from 我的认领.
    await vol.goto(`${server.url}/packages/wishes/pages/claims/index`);
    await vol.locator('.wish-claim', { hasText: '想要一台收音机' }).locator('.wish-claim__proof').click();
    const [chooser] = await Promise.all([vol.waitForEvent('filechooser', { timeout: 10_000 }), vol.locator('.wish-proof__pick').click()]);
    await chooser.setFiles(await proofJpeg());
    await vol.waitForSelector('.wish-proof img, .wish-proof .wish-block__photo', { timeout: 20_000 });
    await fill(vol, '.wish-proof__note', '收音机已送到服务站，网格员一起交给了奶奶');
    await vol.locator('.wish-proof__submit').click();
    await vol.waitForSelector('text=待确认', { timeout: 20_000 });

    // 4. The grid worker confirms with the beneficiary.
    await gw.goto(`${server.url}/packages/wishes/pages/manage-detail/index?id=${wishId}`);
    await actionButton(gw, '确认圆梦').waitFor({ timeout: 20_000 });
    await actionButton(gw, '确认圆梦').click();
    await confirmModal(gw);
    await gw.waitForSelector('.wish-manage-detail__status:text("已圆梦")', { timeout: 20_000 });

    // 5. The volunteer's hours went up.
    await vol.goto(`${server.url}/packages/wishes/pages/ledger/index`);
    await vol.waitForSelector('.wish-ledger__hours', { timeout: 20_000 });
    await settle(vol);
    expect(Number(await vol.locator('.wish-ledger__hours').innerText())).toBe(hoursBefore + 2);
    expect(await vol.locator('body').innerText()).toContain('证明人 王芳');
    const file = await screenshot(vol, 'wishes-ledger');
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    for (const p of [gw, staff, vol]) expect(p.errors).toEqual([]);
  });
});
