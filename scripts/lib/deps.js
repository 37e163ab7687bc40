'use strict';
// Installs npm dependencies on a fresh clone (or when package-lock.json changed since the last install).
const { execSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');

function ensureDependencies() {
  const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
  const lock = path.join(ROOT, 'package-lock.json');
  const needed = ['@tarojs/cli', '@nestjs/core', 'better-sqlite3', 'playwright-core', 'miniprogram-simulate'];
  const missing = needed.filter((m) => !fs.existsSync(path.join(ROOT, 'node_modules', m, 'package.json')));
  const stale = fs.existsSync(marker) && fs.statSync(lock).mtimeMs > fs.statSync(marker).mtimeMs + 1000;
  if (!missing.length && !stale) return false;
  console.log(`[setup] installing npm dependencies (npm ci${missing.length ? `; missing ${missing.join(', ')}` : '; lockfile changed'}) …`);
  const t = Date.now();
  execSync('npm ci --no-audit --no-fund', { cwd: ROOT, stdio: 'inherit' });
  console.log(`[setup] dependencies installed in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  return true;
}

function run(cmd, opts = {}) {
  execSync(cmd, { cwd: ROOT, stdio: 'inherit', ...opts });
}

/** Newest modification time under a directory (skips node_modules), to decide whether a build is stale. */
function newest(dir) {
  let max = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else max = Math.max(max, fs.statSync(p).mtimeMs);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return max;
}

module.exports = { ROOT, ensureDependencies, run, newest };
