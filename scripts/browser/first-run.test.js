'use strict';
// A real street's first day, in Chromium on the H5 build, from an EMPTY production-mode MariaDB database:
// NODE_ENV=production, no demo mode, the fake WeChat as WECHAT_API_BASE, and no SQL to set anyone's role.
//   1. admin:create (the CLI, as the README says);  2. the admin builds street → community → grid → point;
//   3. the admin invites a staff member, who accepts after a WeChat login (scanning the invite's code);
//   4. the staff member invites a grid worker for the grid, who types the code;  5. a resident logs in through
//   WeChat, completes the profile and files at the point;  6. the invited worker signs and resolves;
//   7. the resident confirms;  8. staff export the tickets as XLSX and the test reads the file back.
const fs = require('fs');
const path = require('path');
const { startProductionServer, signInWithWechat, launchBrowser, newPhonePage, settle, screenshot, looks, setElderMode, ROOT } = require('./lib');

const ExcelJS = require(require.resolve('exceljs', { paths: [path.join(ROOT, 'server')] }));

async function confirmModal(page) {
  const ok = page.locator('.taro__modal .taro-model__btn', { hasText: '确定' });
  await ok.waitFor({ timeout: 10_000 });
  await ok.click();
}

/**
 * Taps a control as a finger would: the element a tap at its centre lands on must be the control (or inside it), then
 * the click goes to that point. (Playwright's own hit check mistakes Taro's pull-to-refresh wrapper, which listens
 * for touches, for something in the way; `elementFromPoint` is what the browser itself answers.)
 */
async function tap(locator) {
  await locator.scrollIntoViewIfNeeded();
  const probe = () => locator.evaluate((el) => {
    const b = el.getBoundingClientRect();
    const hit = document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2);
    return hit && (hit === el || el.contains(hit)) ? 'the control' : `${hit ? `${hit.tagName}.${hit.className}` : 'nothing'} at ${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.width)}×${Math.round(b.height)}`;
  });
  // A toast or a closing dialog covers the page for a moment; a person waits for it to fade, and so does this.
  let onTop = await probe();
  for (let i = 0; i < 25 && onTop !== 'the control'; i++) {
    await locator.page().waitForTimeout(200);
    onTop = await probe();
  }
  expect(onTop).toBe('the control');
  await locator.click({ force: true });
}

/** 完善资料 with just a name (staff and grid workers need no building). */
async function giveName(page, url, name) {
  await page.goto(`${url}/packages/account/pages/profile/index`);
  await page.waitForSelector('.profile__name', { timeout: 20_000 });
  await page.locator('.profile__name input').fill(name);
  await tap(page.locator('.profile__save'));
  await page.waitForFunction(() => !location.pathname.includes('/profile/'), null, { timeout: 15_000 });
}

/** The main control of a console form, as it looks: opaque, legible, big enough to tap. */
async function expectUsable(locator, minHeight) {
  const l = await looks(locator);
  expect(l.opacity).toBe(1);
  expect(l.contrast).toBeGreaterThanOrEqual(4.5);
  expect(l.height).toBeGreaterThanOrEqual(minHeight);
  return l;
}

describe('first run of a real street (production mode, empty MariaDB, no SQL)', () => {
  let server;
  let browser;
  beforeAll(async () => {
    server = await startProductionServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('should take a street from admin:create to a resolved, confirmed and exported matter', async () => {
    const url = server.url;
    // Demo mode is really off.
    expect((await fetch(`${url}/api/auth/demo-personas`)).status).toBe(403);

    // ── 1–2. The admin signs in with the password admin:create set, and builds the map.
    const admin = await newPhonePage(browser);
    await admin.goto(`${url}/packages/account/pages/login/index`);
    await admin.locator('.login-form__username input').fill(server.admin.username);
    await admin.locator('.login-form__password input').fill(server.admin.password);
    await admin.locator('.login-form__submit').click();
    await admin.waitForFunction(() => !location.pathname.includes('/login/'), null, { timeout: 15_000 });
    await admin.goto(`${url}/packages/console/pages/index/index`);
    await tap(admin.locator('.cs-home__entry', { hasText: '点位管理' }));
    await admin.waitForSelector('.cs-places__street', { timeout: 20_000 });
    await settle(admin);
    await screenshot(admin, 'console-places-empty');
    await expectUsable(admin.locator('.cs-places__street-save'), 44);
    await admin.locator('.cs-places__street-name input').fill('漕湖街道');
    await tap(admin.locator('.cs-places__street-save'));
    await admin.locator('.cs__heading', { hasText: '漕湖街道' }).waitFor({ timeout: 20_000 });
    await admin.locator('.cs-places__community-name input').fill('漕湖花苑社区');
    await tap(admin.locator('.cs-places__community-save'));
    await admin.locator('.cs-places__communities .cs__chip--on', { hasText: '漕湖花苑社区' }).waitFor({ timeout: 20_000 });
    await admin.locator('.cs-places__grid-name input').fill('第一网格');
    await tap(admin.locator('.cs-places__grid-save'));
    await admin.locator('.cs-places__grids .cs__chip--on', { hasText: '第一网格' }).waitFor({ timeout: 20_000 });
    await admin.locator('.cs-places__point-name input').fill('12幢');
    await admin.locator('.cs-places__point-address input').fill('漕湖花苑12幢东单元');
    await admin.locator('.cs-places__point-lat input').fill('31.4521');
    await admin.locator('.cs-places__point-lng input').fill('120.5563');
    await admin.locator('.cs-places__point-scene input').fill('hy-12');
    await tap(admin.locator('.cs-places__point-save'));
    await confirmModal(admin);
    const point = admin.locator('.cs-places__point', { hasText: '12幢' });
    await point.waitFor({ timeout: 20_000 });
    expect(await point.innerText()).toContain('31.4521, 120.5563');
    await settle(admin, 1600);
    await screenshot(admin, 'console-places');
    // The sticker sheet for the grid: the point's name, its code, a QR per sticker.
    await tap(admin.locator('.cs-places__print'));
    await admin.waitForSelector('.sheet__sticker', { timeout: 20_000 });
    const sticker = admin.locator('.sheet__sticker').first();
    expect(await sticker.innerText()).toContain('点位码 hy-12');
    expect(await sticker.locator('img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await settle(admin);
    await screenshot(admin, 'console-sheet');
    await admin.emulateMedia({ media: 'print' });
    expect(await admin.locator('.sheet__tools').isVisible()).toBe(false);
    await admin.emulateMedia({ media: 'screen' });

    // ── 3. The admin invites a staff member for the community; they accept by scanning the invite's code.
    await admin.goto(`${url}/packages/console/pages/invites/index`);
    await tap(admin.locator('.cs-invites__kinds .cs__chip', { hasText: '工作人员' }));
    await admin.locator('.cs-invites__communities .cs__chip--on', { hasText: '漕湖花苑社区' }).waitFor({ timeout: 20_000 });
    await admin.locator('.cs-invites__note input').fill('陈主任');
    await tap(admin.locator('.cs-invites__create'));
    await admin.waitForSelector('.cs-invites__code', { timeout: 20_000 });
    const staffCode = (await admin.locator('.cs-invites__code').innerText()).trim();
    expect(staffCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(await admin.locator('.cs-invites__qr img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await settle(admin, 1600);
    await screenshot(admin, 'console-invite');

    const staff = await newPhonePage(browser);
    await signInWithWechat(staff, url, 'chen');
    // What the invite's QR code holds: the app's URL with scene i.<code>.
    await staff.goto(`${url}/?scene=i.${staffCode.replace('-', '').toLowerCase()}`);
    await staff.waitForSelector('.invite__preview', { timeout: 20_000 });
    expect(await staff.locator('.invite__preview').innerText()).toContain('漕湖花苑社区的工作人员');
    await settle(staff);
    await screenshot(staff, 'account-invite');
    await tap(staff.locator('.invite__accept'));
    await staff.waitForSelector('.invite__done', { timeout: 20_000 });
    await tap(staff.locator('.invite__go'));
    await staff.waitForSelector('.cs-home__entry', { timeout: 20_000 });
    // A first WeChat login is 微信用户: the new staff member gives their name once.
    await giveName(staff, url, '陈主任');
    await staff.goto(`${url}/packages/console/pages/index/index`);
    await staff.waitForSelector('.cs-home__entry', { timeout: 20_000 });
    expect(await staff.locator('.cs__heading').first().innerText()).toBe('陈主任');
    await settle(staff);
    await screenshot(staff, 'console-home');

    // ── 4. The staff member invites a grid worker for 第一网格; the worker types the code as a phone would.
    await tap(staff.locator('.cs-home__entry', { hasText: '邀请' }).first());
    await staff.locator('.cs-invites__grids .cs__chip--on', { hasText: '第一网格' }).waitFor({ timeout: 20_000 });
    await tap(staff.locator('.cs-invites__create'));
    await staff.waitForSelector('.cs-invites__code', { timeout: 20_000 });
    const workerCode = (await staff.locator('.cs-invites__code').innerText()).trim();
    const worker = await newPhonePage(browser);
    await signInWithWechat(worker, url, 'wang');
    await worker.goto(`${url}/packages/account/pages/invite/index`);
    await worker.locator('.invite__code input').fill(`${workerCode.slice(0, 1)}${workerCode.slice(1, 4).toLowerCase()}－${workerCode.slice(5).toLowerCase()}`);
    await tap(worker.locator('.invite__look'));
    await worker.waitForSelector('.invite__preview', { timeout: 20_000 });
    expect(await worker.locator('.invite__preview').innerText()).toContain('第一网格的网格员');
    await tap(worker.locator('.invite__accept'));
    await worker.waitForSelector('.invite__done', { timeout: 20_000 });
    await giveName(worker, url, '王芳');
    // The staff member sees them under 人员与角色, with the grid.
    await staff.goto(`${url}/packages/console/pages/people/index`);
    await staff.locator('.cs-people__item', { hasText: '王芳' }).waitFor({ timeout: 20_000 });
    expect(await staff.locator('.cs-people__item', { hasText: '王芳' }).innerText()).toContain('漕湖花苑社区 · 第一网格');
    await settle(staff);
    await screenshot(staff, 'console-people');

    // ── 5. A resident logs in through WeChat, completes the profile once, and files at the point.
    const resident = await newPhonePage(browser);
    await signInWithWechat(resident, url, 'zhang');
    await resident.goto(`${url}/packages/account/pages/profile/index`);
    await resident.waitForSelector('.profile__name', { timeout: 20_000 });
    await settle(resident);
    await screenshot(resident, 'account-profile');
    await resident.locator('.profile__name input').fill('张秀英');
    await tap(resident.locator('.profile__community'));
    await resident.locator('.weui-picker__action', { hasText: '确定' }).click();
    await resident.locator('.profile__building input').fill('12幢302');
    await expectUsable(resident.locator('.profile__save'), 44);
    await tap(resident.locator('.profile__save'));
    await resident.waitForFunction(() => !location.pathname.includes('/profile/'), null, { timeout: 15_000 });
    const me = await (await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${(await resident.evaluate(() => JSON.parse(JSON.parse(localStorage.getItem('linli-session')).data).state.token))}` } })).json();
    expect(me).toMatchObject({ name: '张秀英', communityName: '漕湖花苑社区', building: '12幢302', profileMissing: [] });

    await resident.goto(`${url}/?scene=hy-12`);
    await resident.waitForSelector('.scene-report', { timeout: 20_000 });
    expect(await resident.locator('body').innerText()).toContain('12幢');
    await resident.locator('.scene-report').first().click();
    await resident.waitForSelector('.svc-chip', { timeout: 20_000 });
    await settle(resident);
    await resident.locator('.svc-chip', { hasText: '环境卫生' }).first().click();
    await resident.locator('.svc-textarea textarea, textarea').first().fill('12幢一楼楼道堆满纸箱，影响通行');
    const fields = resident.locator('.svc-field input');
    expect(await fields.nth(0).inputValue()).toBe('张秀英');
    await fields.nth(1).fill('13812341234');
    await resident.locator('.svc-big').click();
    // Filing ends on 已提交 (the number, what happens next); 查看办理进度 opens the ticket.
    await resident.waitForURL(/\/packages\/service\/pages\/filed\/index\?id=\d+/, { timeout: 20_000 });
    await resident.locator('.btn', { hasText: '查看办理进度' }).click({ timeout: 20_000 });
    await resident.waitForURL(/\/packages\/service\/pages\/detail\/index\?id=\d+/, { timeout: 20_000 });
    const id = new URL(resident.url()).searchParams.get('id');
    await resident.waitForSelector('.svc-timeline', { timeout: 20_000 });
    const filed = await resident.locator('body').innerText();
    const number = filed.match(/MSB-\d{8}-\d{4}/)[0];
    // Dispatched to the invited worker, on duty for the grid the admin drew.
    expect(filed).toContain('已派单');

    // ── 6. The invited grid worker signs, checks in with the point's code and resolves.
    await worker.goto(`${url}/packages/service/pages/detail/index?id=${id}`);
    const sign = worker.locator('.action-bar__btn', { hasText: /^签收$/ });
    await sign.waitFor({ timeout: 20_000 });
    await sign.click();
    await worker.waitForSelector('.svc-checkin-code', { timeout: 20_000 });
    const code = worker.locator('.svc-checkin-code input, input.svc-checkin-code').first();
    await code.fill('hy-12');
    await code.press('Enter');
    await worker.locator('.action-bar__btn', { hasText: /^办结$/ }).waitFor({ timeout: 20_000 });
    await worker.locator('textarea').first().fill('纸箱已清运');
    await worker.locator('.action-bar__btn', { hasText: /^办结$/ }).click();
    await worker.waitForSelector('text=纸箱已清运', { timeout: 20_000 });

    // ── 7. The resident confirms.
    await resident.goto(`${url}/packages/service/pages/detail/index?id=${id}`);
    const confirm = resident.locator('.action-bar__btn', { hasText: /^确认办结$/ });
    await confirm.waitFor({ timeout: 20_000 });
    await confirm.click();
    await resident.waitForSelector('.svc-star', { timeout: 20_000 });

    // ── 8. Staff export the community's tickets as XLSX from the console, and the file says what happened.
    await staff.goto(`${url}/packages/console/pages/index/index`);
    await tap(staff.locator('.cs-home__entry', { hasText: '导出' }));
    await staff.waitForSelector('.cs-export__go', { timeout: 20_000 });
    await settle(staff);
    await screenshot(staff, 'console-exports');
    const [download] = await Promise.all([staff.waitForEvent('download', { timeout: 30_000 }), tap(staff.locator('.cs-export__go'))]);
    const file = path.join(fs.mkdtempSync(path.join(require('os').tmpdir(), 'linli-export-')), 'tickets.xlsx');
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const rows = [];
    book.worksheets[0].eachRow((row) => rows.push(row.values.slice(1).map((v) => (v && typeof v === 'object' && 'text' in v ? v.text : v))));
    const text = rows.map((r) => r.join(' | ')).join('\n');
    expect(text).toContain(number);
    expect(text).toContain('12幢');
    expect(text).toContain('环境卫生');
    expect(text).toMatch(/已确认|已办结|已评价|确认/);

    // ── The resident applies to volunteer; the staff member approves in 志愿者申请 (both told what happened).
    await resident.goto(`${url}/packages/account/pages/apply/index`);
    await resident.waitForSelector('.apply__submit', { timeout: 20_000 });
    await tap(resident.locator('.apply__party .cs__chip', { hasText: '不是党员' }));
    await resident.locator('.apply-page textarea').fill('退休了，周末有空');
    await tap(resident.locator('.apply__submit'));
    await resident.waitForSelector('.apply__status', { timeout: 20_000 });
    expect(await resident.locator('.apply__status').innerText()).toContain('待审核');
    await settle(resident, 1600);
    await screenshot(resident, 'account-apply-normal');
    await staff.goto(`${url}/packages/console/pages/applications/index`);
    const application = staff.locator('.cs-apps__item', { hasText: '张秀英' });
    await application.waitFor({ timeout: 20_000 });
    await settle(staff);
    await screenshot(staff, 'console-applications-normal');
    await application.locator('.action-bar__btn', { hasText: /^通过$/ }).click();
    await confirmModal(staff);
    await staff.waitForFunction(() => !document.body.innerText.includes('退休了，周末有空'), null, { timeout: 20_000 });
    await resident.goto(`${url}/packages/account/pages/apply/index`);
    await resident.locator('.cs__heading', { hasText: '您已经是志愿者' }).waitFor({ timeout: 20_000 });

    // ── The admin keeps the list of 党支部.
    await admin.goto(`${url}/packages/console/pages/branches/index`);
    await admin.locator('.cs-branches__name input').fill('漕湖花苑社区第一党支部');
    await tap(admin.locator('.cs-branches__save'));
    await admin.locator('.cs-branches__item', { hasText: '漕湖花苑社区第一党支部' }).waitFor({ timeout: 20_000 });
    await settle(admin, 1600);
    await screenshot(admin, 'console-branches-normal');

    // Every console and account screen, in both modes: the main control plainly enabled, legible and big enough.
    const screens = [
      [admin, 'console-home', '/packages/console/pages/index/index', '.cs-home__entry'],
      [admin, 'console-places', '/packages/console/pages/places/index', '.cs-places__print'],
      [admin, 'console-sheet', `/packages/console/pages/sheet/index?gridId=1`, '.sheet__print'],
      [admin, 'console-invites', '/packages/console/pages/invites/index', '.cs-invites__create'],
      [staff, 'console-people', '/packages/console/pages/people/index', '.cs-people__tabs .cs__chip--on'],
      [staff, 'console-applications', '/packages/console/pages/applications/index', '.cs-apps .cs__chip--on'],
      [admin, 'console-branches', '/packages/console/pages/branches/index', '.cs-branches__save'],
      [resident, 'account-profile', '/packages/account/pages/profile/index', '.profile__save'],
      [resident, 'account-invite', '/packages/account/pages/invite/index', '.invite__look'],
    ];
    for (const [page, name, at, main] of screens) {
      for (const elder of [false, true]) {
        await page.goto(`${url}${at}`);
        await page.waitForSelector(main, { timeout: 20_000 });
        await setElderMode(page, elder);
        await page.waitForSelector(main, { timeout: 20_000 });
        await settle(page, 600);
        const l = await expectUsable(page.locator(main).first(), elder ? 60 : 44);
        expect([name, elder, l.fontSize >= (elder ? 18 : 14)]).toEqual([name, elder, true]);
        await screenshot(page, `${name}-${elder ? 'elder' : 'normal'}`);
      }
      await setElderMode(page, false);
    }

    // 大字模式 on the console: the main control grows to a 60 px target.
    await staff.goto(`${url}/packages/console/pages/invites/index`);
    await staff.waitForSelector('.cs-invites__create', { timeout: 20_000 });
    await setElderMode(staff, true);
    await staff.waitForSelector('.cs-invites__create', { timeout: 20_000 });
    await settle(staff);
    const big = await expectUsable(staff.locator('.cs-invites__create'), 60);
    expect(big.fontSize).toBeGreaterThanOrEqual(18);
    await screenshot(staff, 'console-invite-elder');

    for (const p of [admin, staff, worker, resident]) expect(p.errors).toEqual([]);
  });
});
