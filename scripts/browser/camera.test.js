'use strict';
// 扫一扫 on H5 uses the camera (qr-scanner): with no camera it says so in Chinese and the typed code still works;
// with a camera showing a point's QR it opens the point; the overlay's 取消 is big enough and closes it.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ROOT, startServer, launchBrowser, newPhonePage, settle, screenshot, setElderMode } = require('./lib');

const QRCode = require(require.resolve('qrcode', { paths: [path.join(ROOT, 'server')] }));

/** A YUV4MPEG2 clip Chromium plays as its fake camera: `text` as a QR code on white, or a blank white picture. */
function writeY4m(file, text) {
  const W = 640;
  const H = 480;
  const y = Buffer.alloc(W * H, 235);
  if (text) {
    const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
    const scale = Math.floor(360 / (size + 8));
    const x0 = Math.floor((W - size * scale) / 2);
    const y0 = Math.floor((H - size * scale) / 2);
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        if (!data[r * size + c]) continue;
        for (let dy = 0; dy < scale; dy++) y.fill(16, (y0 + r * scale + dy) * W + x0 + c * scale, (y0 + r * scale + dy) * W + x0 + (c + 1) * scale);
      }
    }
  }
  const uv = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, uv]);
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), frame, frame, frame]));
}

const fakeCamera = (file) => ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${file}`];

describe('扫一扫 with the browser camera', () => {
  let server;
  let dir;
  const browsers = [];
  beforeAll(async () => {
    server = await startServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-camera-'));
  });
  afterAll(async () => {
    for (const b of browsers) await b.close();
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('should say in Chinese that there is no camera, keep the typed field working and focused', async () => {
    const browser = await launchBrowser();
    browsers.push(browser);
    const page = await newPhonePage(browser);
    await page.goto(`${server.url}/`);
    await page.waitForSelector('.scan-entry__button', { timeout: 20_000 });
    await settle(page, 800);
    await page.locator('.scan-entry__button').click();
    const modal = page.getByText('这台设备没有可用的摄像头，请输入二维码下方的编码').first();
    await modal.waitFor({ timeout: 10_000 });
    expect(await page.locator('.camera-scan').count()).toBe(0);
    await page.getByText('知道了').click();
    await settle(page);
    expect(await page.locator('.scan-entry__reason').innerText()).toContain('这台设备没有可用的摄像头');
    expect(await page.evaluate(() => !!document.activeElement?.closest('.scan-entry__input'))).toBe(true);
    await screenshot(page, 'camera-none-normal');
    await page.keyboard.type('hy2-b12');
    await page.locator('.scan-entry__ok').click();
    await page.waitForSelector('.scene-point-name', { timeout: 20_000 });
    expect(await page.locator('.scene-point-name').innerText()).toBe('六区12幢');
    expect(page.errors).toEqual([]);
  });

  it('should open the point a fake camera shows the QR code of', async () => {
    const file = path.join(dir, 'point.y4m');
    writeY4m(file, `${server.url}/?scene=hy2-b12`);
    const browser = await launchBrowser(fakeCamera(file));
    browsers.push(browser);
    const page = await newPhonePage(browser);
    await page.goto(`${server.url}/`);
    await page.waitForSelector('.scan-entry__button', { timeout: 20_000 });
    await settle(page, 800);
    await page.locator('.scan-entry__button').click();
    await page.waitForSelector('.scene-point-name', { timeout: 20_000 });
    expect(await page.locator('.scene-point-name').innerText()).toBe('六区12幢');
    expect(await page.locator('.camera-scan').count()).toBe(0);
    expect(page.errors).toEqual([]);
  });

  it('should show the camera full screen with a hint and a 取消 that is big in 大字模式 too', async () => {
    const file = path.join(dir, 'blank.y4m');
    writeY4m(file, null);
    const browser = await launchBrowser(fakeCamera(file));
    browsers.push(browser);
    const page = await newPhonePage(browser);
    await page.goto(`${server.url}/`);
    await page.waitForSelector('.scan-entry__button', { timeout: 20_000 });
    for (const [mode, min] of [['normal', 44], ['elder', 60]]) {
      if (mode === 'elder') {
        await setElderMode(page, true).catch(async () => {
          await page.evaluate(() => {
            const session = { state: { token: null, user: null, role: null, elderMode: true }, version: 1 };
            localStorage.setItem('linli-session', JSON.stringify({ data: JSON.stringify(session) }));
          });
          await page.reload();
        });
        await page.waitForSelector('.scan-entry__button', { timeout: 20_000 });
      }
      await settle(page, 800);
      await page.locator('.scan-entry__button').click();
      await page.waitForSelector('.camera-scan__cancel', { timeout: 10_000 });
      await settle(page, 800);
      expect(await page.locator('.camera-scan__hint').innerText()).toBe('将点位二维码放入框内');
      const box = await page.locator('.camera-scan__cancel').boundingBox();
      expect(box.height).toBeGreaterThanOrEqual(min);
      const video = await page.locator('.camera-scan__video').boundingBox();
      expect(video.width).toBe(390);
      expect(await page.locator('.camera-scan__video').evaluate((v) => v.videoWidth)).toBe(640);
      await screenshot(page, `camera-scan-${mode}`);
      await page.locator('.camera-scan__cancel').click();
      await page.waitForSelector('.camera-scan', { state: 'detached', timeout: 5_000 });
      // 取消 is not a failure: no reason shown, still on 首页.
      expect(await page.locator('.scan-entry__reason').count()).toBe(0);
    }
    expect(page.errors).toEqual([]);
  });
});
