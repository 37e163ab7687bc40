'use strict';
const fs = require('fs');
const { startServer, launchBrowser, newPhonePage, loginAs, settle, screenshot } = require('./lib');

describe('H5 build served by the real server, in Chromium', () => {
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

  it('should let a resident choose a persona, open a point’s ?scene= URL and see where they are', async () => {
    const page = await newPhonePage(browser);
    await loginAs(page, server.url, 'resident');
    await page.goto(`${server.url}/?scene=hy2-b12`);
    await page.waitForSelector('.scene-point-name', { timeout: 20_000 });
    await settle(page);
    expect(await page.locator('.scene-point-name').first().innerText()).toBe('六区12幢');
    const text = await page.locator('body').innerText();
    expect(text).toContain('漕湖花园二社区');
    expect(text).toContain('王芳');
    expect(text).toContain('137****1111');
    expect(text).not.toContain('13700001111');
    const file = await screenshot(page, 'foundation-scene');
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    expect(page.errors).toEqual([]);
  });

  it('should show a clear error for a code that does not exist', async () => {
    const page = await newPhonePage(browser);
    await page.goto(`${server.url}/?scene=nope-000`);
    await page.waitForSelector('.scene-invalid', { timeout: 20_000 });
    expect(await page.locator('.scene-invalid').innerText()).toMatch(/二维码/);
  });

  it('should show the user and roles on 我的 and switch to large text', async () => {
    const page = await newPhonePage(browser);
    await loginAs(page, server.url, 'volunteer');
    await page.goto(`${server.url}/pages/mine/index`);
    await page.waitForSelector('text=李建国', { timeout: 20_000 });
    const body = await page.locator('body').innerText();
    expect(body).toContain('志愿者');
    const before = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.page')).fontSize));
    await page.locator('.taro-switch-input, [class*=switch] input, .weui-switch').first().click({ force: true });
    await settle(page);
    const after = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.page')).fontSize));
    expect(after).toBeGreaterThan(before);
    await screenshot(page, 'foundation-mine-elder');
  });
});
