'use strict';
// Browser tests: the real server (built) serving the real H5 build, driven by Debian's Chromium via playwright-core.
const { spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');
const { freePort } = require('../lib/mariadb');
const { chromiumPath } = require('../lib/system');

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'test-output', 'browser');

/** A fresh database for one test file: a new MariaDB schema when DATABASE_URL is MySQL, else a temp SQLite file. */
async function freshDatabaseUrl() {
  const base = process.env.DATABASE_URL;
  if (base && base.startsWith('mysql')) {
    const url = new URL(base);
    const name = `linli_b_${crypto.randomBytes(4).toString('hex')}`;
    const mysql = require('mysql2/promise');
    const c = await mysql.createConnection({ host: url.hostname, port: Number(url.port), user: url.username, password: url.password });
    await c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await c.end();
    url.pathname = `/${name}`;
    return url.toString();
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-browser-'));
  return `sqlite:${path.join(dir, 'app.sqlite')}`;
}

/** Starts `node server/dist/main.js` in demo mode with the built H5 app; resolves when it answers /api/health. */
async function startServer(extraEnv = {}) {
  const h5 = path.join(ROOT, 'dist', 'h5', 'index.html');
  if (!fs.existsSync(h5)) throw new Error('dist/h5 is missing: run `npm run build:h5` first (npm test does this).');
  const port = await freePort();
  const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-browser-uploads-'));
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    DATABASE_URL: await freshDatabaseUrl(),
    DEMO_MODE: 'true',
    MIGRATE_ON_START: 'true',
    H5_DIR: path.join(ROOT, 'dist', 'h5'),
    UPLOAD_DIR: uploads,
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    LOGIN_RATE_LIMIT: '1000',
    SUBMIT_RATE_LIMIT: '1000',
  };
  delete env.WECHAT_API_BASE;
  Object.assign(env, extraEnv);
  const server = await spawnServer(env);
  return {
    ...server,
    stop: async () => {
      await server.stop();
      fs.rmSync(uploads, { recursive: true, force: true });
    },
  };
}

/**
 * A street's first day: `NODE_ENV=production` on a fresh, empty database, no demo mode, the fake WeChat (which
 * follows the documented protocol) as WECHAT_API_BASE. The schema comes from the committed migrations
 * (MIGRATE_ON_START), the first admin from the real `admin:create` command — nothing else is written by SQL.
 */
async function startProductionServer({ admin = { username: 'jiedao.admin', password: 'first-run-password-2026', name: '街道管理员' } } = {}) {
  const h5 = path.join(ROOT, 'dist', 'h5', 'index.html');
  if (!fs.existsSync(h5)) throw new Error('dist/h5 is missing: run `npm run build:h5` first (npm test does this).');
  const dist = path.join(ROOT, 'server', 'dist');
  const { startFakeWechat } = require(path.join(dist, 'modules', 'wechat', 'fake', 'fake-wechat.js'));
  const appId = 'wxfirstrun0000001';
  const secret = 'first-run-wechat-secret';
  const wechat = await startFakeWechat({ appId, secret });
  const port = await freePort();
  const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-prod-uploads-'));
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: await freshDatabaseUrl(),
    DEMO_MODE: 'false',
    MIGRATE_ON_START: 'true',
    JWT_SECRET: crypto.randomBytes(24).toString('hex'),
    WECHAT_APPID: appId,
    WECHAT_SECRET: secret,
    WECHAT_API_BASE: wechat.url,
    // production refuses demo template ids: the street's own, as copied from the mini-program console
    WECHAT_TEMPLATES: JSON.stringify(Object.fromEntries(Object.keys(require(path.join(dist, 'modules', 'notifications', 'templates.js')).DEFAULT_TEMPLATES).map((p) => [p, `firstrun-${p}`]))),
    H5_DIR: path.join(ROOT, 'dist', 'h5'),
    UPLOAD_DIR: uploads,
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    LOGIN_RATE_LIMIT: '1000',
    SUBMIT_RATE_LIMIT: '1000',
  };
  const server = await spawnServer(env);
  // The documented first step of a real street: one admin account from the command line.
  const { spawnSync } = require('child_process');
  const r = spawnSync(process.execPath, [path.join(dist, 'cli', 'create-admin.js'), '--username', admin.username, '--name', admin.name], {
    env: { ...env, ADMIN_PASSWORD: admin.password },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`admin:create failed: ${r.stderr || r.stdout}`);
  return {
    ...server,
    env,
    admin,
    wechat,
    stop: async () => {
      await server.stop();
      await wechat.app.close();
      fs.rmSync(uploads, { recursive: true, force: true });
    },
  };
}

/** Starts `node server/dist/main.js` with this environment; resolves when it answers /api/health. */
async function spawnServer(env) {
  const main = path.join(ROOT, 'server', 'dist', 'main.js');
  if (!fs.existsSync(main)) throw new Error('server/dist is missing: run `npm run build:server` first (npm test does this).');
  const child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${env.PORT}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    log: () => log,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => {
          const t = setTimeout(() => (child.kill('SIGKILL'), r()), 5000);
          child.on('exit', () => (clearTimeout(t), r()));
        });
      }
    },
  };
}

/**
 * A WeChat sign-in as the mini-program does it: a wx.login code (the fake's `<who>.<nonce>` form) exchanged at the
 * real `POST /api/auth/wechat-login`, and the session kept where the app keeps it. H5 has no wx.login, so this is
 * the one step a browser cannot click.
 */
async function signInWithWechat(page, baseUrl, who) {
  const res = await fetch(`${baseUrl}/api/auth/wechat-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: `${who}.${crypto.randomBytes(6).toString('hex')}` }),
  });
  if (!res.ok) throw new Error(`wechat-login ${res.status}: ${await res.text()}`);
  const { accessToken, user } = await res.json();
  if (!page.url().startsWith(baseUrl)) await page.goto(`${baseUrl}/`);
  await page.evaluate(
    ({ token, user }) => {
      const raw = localStorage.getItem('linli-session');
      const elderMode = raw ? JSON.parse(JSON.parse(raw).data).state.elderMode : false;
      const state = { token, user, role: null, elderMode };
      localStorage.setItem('linli-session', JSON.stringify({ data: JSON.stringify({ state, version: 1 }) }));
    },
    { token: accessToken, user },
  );
  return { token: accessToken, user };
}

/** Chromium for the tests; `extraArgs` adds switches (e.g. a fake camera) to the usual ones. */
async function launchBrowser(extraArgs = []) {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium not found: `apt-get install -y chromium fonts-wqy-microhei` (npm test installs it as root), or set CHROMIUM_PATH.');
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

/** A phone-sized page; console errors are collected so a test can assert there were none. */
async function newPhonePage(browser) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true, hasTouch: true });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(String(err)));
  return page;
}

/** Taro's page transition takes ~300 ms; wait for it before asserting. */
function settle(page, ms = 400) {
  return page.waitForTimeout(ms);
}

/** Logs in through the persona picker, as a person would. */
async function loginAs(page, baseUrl, persona) {
  await page.goto(`${baseUrl}/packages/account/pages/login/index`);
  await page.locator(`.persona-card--${persona}`).first().click();
  await page.waitForFunction(() => !location.pathname.includes('/login/'), null, { timeout: 15_000 });
  await settle(page);
}

async function screenshot(page, name) {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * What a person sees of an element: its opacity (its own and its ancestors'), the contrast of its text against the
 * first opaque background behind it (WCAG 2.x ratio), its size in CSS px and its font size.
 */
async function looks(locator) {
  return locator.evaluate((el) => {
    const rgba = (c) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const [r, g, b, a = '1'] = m[1].split(',').map((x) => x.trim());
      return [Number(r), Number(g), Number(b), Number(a)];
    };
    const lum = ([r, g, b]) => {
      const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let opacity = 1;
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) opacity *= Number(getComputedStyle(n).opacity);
    let bg = [255, 255, 255, 1];
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const c = rgba(getComputedStyle(n).backgroundColor);
      if (c[3] > 0.5) {
        bg = c;
        break;
      }
    }
    const fg = rgba(getComputedStyle(el).color);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const box = el.getBoundingClientRect();
    return { opacity, contrast: (hi + 0.05) / (lo + 0.05), width: box.width, height: box.height, fontSize: parseFloat(getComputedStyle(el).fontSize) };
  });
}

/** Turns 大字模式 on or off the way the app keeps it (the persisted session), then reloads. */
async function setElderMode(page, on) {
  await page.evaluate((value) => {
    const raw = JSON.parse(localStorage.getItem('linli-session'));
    const session = JSON.parse(raw.data);
    session.state.elderMode = value;
    localStorage.setItem('linli-session', JSON.stringify({ data: JSON.stringify(session) }));
  }, on);
  await page.reload();
}

/** A demo persona's session from the real `POST /api/auth/demo-login` (what 登录's persona cards call). */
async function demoLogin(baseUrl, persona) {
  const res = await fetch(`${baseUrl}/api/auth/demo-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona }) });
  if (!res.ok) throw new Error(`demo-login ${persona} ${res.status}: ${await res.text()}`);
  const { accessToken, refreshToken = null, user } = await res.json();
  return { token: accessToken, refreshToken, user };
}

/**
 * A phone-sized context already signed in as `session` (or signed out when null), in 大字模式 or not: the persisted
 * session is written before the app's scripts run on every page load, so one login serves many visits.
 */
async function personaContext(browser, { session = null, role = null, elder = false, deviceScaleFactor = 1 } = {}) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true, hasTouch: true });
  const state = { token: session?.token ?? null, refreshToken: session?.refreshToken ?? null, user: session?.user ?? null, role: session ? role : null, elderMode: elder, elderModeChosen: true };
  await context.addInitScript((value) => {
    try {
      localStorage.setItem('linli-session', value);
    } catch {} // about:blank has no storage
  }, JSON.stringify({ data: JSON.stringify({ state, version: 1 }) }));
  return context;
}

module.exports = { ROOT, startServer, startProductionServer, signInWithWechat, launchBrowser, newPhonePage, loginAs, settle, screenshot, looks, setElderMode, demoLogin, personaContext };
