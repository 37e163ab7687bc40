'use strict';
// Section 5 — client: weapp package sizes, H5 initial JS/CSS, and H5 first contentful paint of the home page in
// headless Chromium against a blank Taro H5 page. The blank page is bench/blank/client (one page, one <Text>), built
// with an unmodified copy of the app's config/ (same Taro, React, webpack5, router, output settings) in
// .tmp/bench-blank — Taro only transpiles config files inside the project it builds, so the config is copied there
// rather than imported. The build is cached and redone when config/ or bench/blank/ change.
const { spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const path = require('path');
const L = require('./lib');

const ROOT = L.ROOT;
const LOADS = Number(process.env.BENCH_FCP_LOADS || 7);
const BLANK = path.join(ROOT, '.tmp', 'bench-blank');

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function buildBlank() {
  const inputs = [...filesUnder(path.join(ROOT, 'config')), ...filesUnder(path.join(__dirname, 'blank')), path.join(ROOT, 'babel.config.js'), path.join(ROOT, 'package-lock.json')].filter(fs.existsSync);
  const stamp = crypto.createHash('sha1');
  for (const f of inputs.sort()) stamp.update(f).update(fs.readFileSync(f));
  const digest = stamp.digest('hex');
  const stampFile = path.join(BLANK, 'stamp');
  if (fs.existsSync(path.join(BLANK, 'dist', 'h5', 'index.html')) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === digest) return path.join(BLANK, 'dist', 'h5');
  fs.rmSync(BLANK, { recursive: true, force: true });
  fs.mkdirSync(BLANK, { recursive: true });
  fs.cpSync(path.join(ROOT, 'config'), path.join(BLANK, 'config'), { recursive: true });
  fs.cpSync(path.join(__dirname, 'blank', 'client'), path.join(BLANK, 'client'), { recursive: true });
  fs.copyFileSync(path.join(__dirname, 'blank', 'package.json'), path.join(BLANK, 'package.json'));
  fs.copyFileSync(path.join(ROOT, 'babel.config.js'), path.join(BLANK, 'babel.config.js'));
  fs.copyFileSync(path.join(ROOT, 'tsconfig.json'), path.join(BLANK, 'tsconfig.json'));
  console.log('  building the blank Taro H5 page with the app config …');
  const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'taro'), ['build', '--type', 'h5', '--no-check'], { cwd: BLANK, env: { ...process.env, NODE_ENV: 'production' }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`blank Taro build failed:\n${(r.stdout + r.stderr).slice(-3000)}`);
  fs.writeFileSync(stampFile, digest);
  return path.join(BLANK, 'dist', 'h5');
}

function initialAssets(dir) {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  let js = 0;
  let css = 0;
  for (const m of html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)) {
    const f = path.join(dir, m[1].replace(/^\//, ''));
    if (!fs.existsSync(f)) continue;
    if (m[1].endsWith('.js')) js += fs.statSync(f).size;
    else css += fs.statSync(f).size;
  }
  return { jsKiB: js / 1024, cssKiB: css / 1024 };
}

/** Static files with the SPA fallback, like the app server does for H5. */
function serveStatic(dir) {
  const types = { '.js': 'application/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml' };
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let f = path.join(dir, p);
    if (!f.startsWith(dir) || !fs.existsSync(f) || fs.statSync(f).isDirectory()) f = path.join(dir, 'index.html');
    res.writeHead(200, { 'content-type': types[path.extname(f)] || 'application/octet-stream' });
    fs.createReadStream(f).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}

async function fcp(browser, url) {
  const out = [];
  for (let i = 0; i < LOADS + 1; i++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    const t = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const done = (v) => resolve(v);
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') done(e.startTime);
          }).observe({ type: 'paint', buffered: true });
          setTimeout(() => done(null), 10_000);
        }),
    );
    await context.close();
    if (i > 0) out.push(t); // the first load warms the server and the OS file cache
  }
  return out.filter((x) => x != null);
}

async function run({ row, notes, databaseUrl }) {
  const sizes = (() => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'check-size.js'), '--json'], { cwd: ROOT, encoding: 'utf8' });
    try {
      return JSON.parse(r.stdout);
    } catch {
      return null;
    }
  })();
  if (sizes?.weapp) {
    row('5. client', 'weapp main package (baseline: 2 MiB limit)', { median: sizes.weapp.mainKiB, baseline: 2048, unit: 'KiB' });
    row('5. client', 'weapp total (baseline: 30 MiB limit)', { median: sizes.weapp.totalKiB, baseline: 30 * 1024, unit: 'KiB' });
  } else notes.push('weapp sizes: dist/weapp not built (npm run build:weapp)');
  const h5Dir = path.join(ROOT, 'dist', 'h5');
  if (!fs.existsSync(path.join(h5Dir, 'index.html'))) {
    notes.push('H5: dist/h5 not built (npm run build:h5); H5 rows skipped');
    return;
  }
  const blankDir = buildBlank();
  const appAssets = initialAssets(h5Dir);
  const blankAssets = initialAssets(blankDir);
  row('5. client', 'H5 initial JS (baseline: blank Taro page)', { median: appAssets.jsKiB, baseline: blankAssets.jsKiB, unit: 'KiB' });
  row('5. client', 'H5 initial CSS (baseline: blank Taro page)', { median: appAssets.cssKiB, baseline: blankAssets.cssKiB, unit: 'KiB' });

  const { chromium } = require('playwright-core');
  const { chromiumPath } = require('../scripts/lib/system');
  const executablePath = chromiumPath();
  if (!executablePath) {
    notes.push('FCP skipped: Chromium not found (apt-get install chromium, or CHROMIUM_PATH)');
    return;
  }
  // The home page is served by the real server (its API answers the home page's requests); the blank page by a
  // static server. Both are local, so the difference is the app's own weight and work.
  const app = await L.startApp(databaseUrl, { H5_DIR: h5Dir });
  const blank = await serveStatic(blankDir);
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const a = [];
    const b = [];
    // alternate blank and home so that noise falls on both
    for (let i = 0; i < 1; i++) {
      b.push(...(await fcp(browser, `${blank.url}/pages/index/index`)));
      a.push(...(await fcp(browser, `${app.url}/pages/index/index`)));
    }
    row('5. client', `H5 home first contentful paint, median of ${a.length} cold loads (baseline: blank Taro page)`, { median: L.median(a), p99: Math.max(...a), runs: a.length, baseline: L.median(b), unit: 'ms' });
  } finally {
    await browser.close();
    blank.close();
    await app.stop();
  }
}

module.exports = { run };
