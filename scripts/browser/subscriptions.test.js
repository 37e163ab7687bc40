'use strict';
// 消息提醒 and the message centre's push mark, in Chromium on the H5 build: the resident grants 办理进度 (as the weapp
// does after wx.requestSubscribeMessage), files a matter, and the message centre says the WeChat reminder went out;
// 消息提醒 lists every reminder with what is left, and in a browser says it is opened in the mini-program.
const { startServer, launchBrowser, newPhonePage, loginAs, settle, screenshot, looks, setElderMode } = require('./lib');

async function api(baseUrl, persona) {
  const res = await fetch(`${baseUrl}/api/auth/demo-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona }) });
  if (!res.ok) throw new Error(`demo-login ${persona}: ${res.status}`);
  const { accessToken, user } = await res.json();
  const call = async (method, path, body) => {
    const r = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return { user, get: (p) => call('GET', p), post: (p, b = {}) => call('POST', p, b) };
}

describe('消息提醒 and the push mark in Chromium', () => {
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

  it('should mark in the message centre that the WeChat reminder for a filed matter went out', async () => {
    const resident = await api(server.url, 'resident');
    const templates = await resident.get('/api/notifications/templates');
    await resident.post('/api/notifications/subscriptions', { accepted: [templates.ticket_progress] });
    const categories = await resident.get('/api/service/categories');
    const cat = categories.find((c) => c.name === '环境卫生');
    const t = await resident.post('/api/service/tickets', { scene: 'hy2-b12', categoryId: cat.id, description: '楼道灯不亮，晚上看不清台阶', contactName: '张秀英', contactPhone: '13812341234' });
    // Filing writes 已提交 and then (auto-dispatch) 已派单 for the resident: one accept, one WeChat message — the first.
    let mine = [];
    for (let i = 0; i < 50; i++) {
      mine = (await resident.get('/api/notifications')).items.filter((n) => n.title.includes(t.number));
      if (mine.length && mine.every((n) => n.push !== 'pending')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(mine.map((n) => n.push).reverse()[0]).toBe('sent');
    expect(mine.filter((n) => n.push === 'sent')).toHaveLength(1);
    const page = await newPhonePage(browser);
    await loginAs(page, server.url, 'resident');
    await page.goto(`${server.url}/packages/account/pages/messages/index`);
    await page.locator('.msg-item').first().waitFor({ timeout: 20_000 });
    await settle(page, 500);
    const items = page.locator('.msg-item', { hasText: t.number });
    expect(await items.count()).toBe(mine.length);
    const first = items.last();
    expect(await first.locator('.msg-item__push').innerText()).toBe('已发送微信提醒');
    if (mine.length > 1) expect(await items.first().locator('.msg-item__push').innerText()).toBe('未发送微信提醒');
    // a message for the centre only has no mark
    const marks = await page.locator('.msg-item__push').allInnerTexts();
    for (const m of marks) expect(['已发送微信提醒', '微信提醒发送中', '未发送微信提醒']).toContain(m);
    const mark = await looks(first.locator('.msg-item__push'));
    expect(mark.contrast).toBeGreaterThanOrEqual(4.5);
    await screenshot(page, 'messages-push-normal');
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('should open 消息提醒 from 我的 with every reminder and what is left, legible and larger in 大字模式', async () => {
    const page = await newPhonePage(browser);
    await loginAs(page, server.url, 'resident');
    await page.goto(`${server.url}/pages/mine/index`);
    await page.locator('.mine-subscriptions').waitFor({ timeout: 20_000 });
    await page.locator('.mine-subscriptions').click();
    await page.waitForURL(/subscriptions/, { timeout: 15_000 });
    await page.locator('.subs-item').first().waitFor({ timeout: 20_000 });
    await settle(page, 500);
    const text = await page.locator('.subs-page').innerText();
    for (const title of ['办理进度', '认领到期提醒', '圆梦确认', '报名结果', '候补递补', '活动提醒', '活动取消']) expect(text).toContain(title);
    // a resident is not offered the grid worker's or staff's reminders
    for (const title of ['新派单提醒', '超时提醒', '邀请已接受']) expect(text).not.toContain(title);
    expect(text).toContain('请在微信小程序中开启');
    expect(await page.locator('.subs-item').count()).toBe(7);
    const row = await looks(page.locator('.subs-item').first());
    expect(row.height).toBeGreaterThanOrEqual(44);
    const title = await looks(page.locator('.subs-item .reminder__title').first());
    const hint = await looks(page.locator('.subs-item .reminder__hint').first());
    expect(title.contrast).toBeGreaterThanOrEqual(4.5);
    expect(hint.contrast).toBeGreaterThanOrEqual(4.5);
    await screenshot(page, 'subscriptions-normal');
    // a tap in a browser says where reminders are turned on
    await page.locator('.subs-item--event_reminder').click();
    await page.getByText('请在微信小程序中开启提醒').first().waitFor({ timeout: 5_000 });
    await setElderMode(page, true);
    await page.waitForSelector('.page.elder.subs-page .subs-item', { timeout: 20_000 });
    await settle(page, 600);
    const big = await looks(page.locator('.subs-item .reminder__title').first());
    expect(big.fontSize).toBeGreaterThan(title.fontSize);
    await screenshot(page, 'subscriptions-elder');
    expect(page.errors).toEqual([]);
    await page.context().close();
  });
});
