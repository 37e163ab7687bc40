'use strict';
// Installs what the tests need on a fresh Debian machine: MariaDB, Redis, Chromium and a CJK font.
const { execSync, spawnSync } = require('child_process');
const fs = require('fs');

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

let aptUpdated = false;
function aptInstall(packages, why) {
  if (!isRoot()) return false;
  if (!has('apt-get')) return false;
  console.log(`[setup] installing ${packages.join(' ')} (${why}) with apt-get …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    execSync('apt-get update -qq', { stdio: 'inherit', env });
    aptUpdated = true;
  }
  execSync(`apt-get install -y -qq --no-install-recommends ${packages.join(' ')}`, { stdio: 'inherit', env });
  return true;
}

function ensureMariadb() {
  if (has('mariadbd') || fs.existsSync('/usr/sbin/mariadbd')) return true;
  try {
    aptInstall(['mariadb-server', 'mariadb-client'], 'MySQL-compatible database for the tests');
  } catch (err) {
    console.error(`[setup] apt-get failed: ${err.message}`);
  }
  return has('mariadbd') || fs.existsSync('/usr/sbin/mariadbd');
}

const REDIS_PATHS = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'];
/** Debian's redis-server for the multi-process suite (started by scripts/lib/redis.js, never as a system service). */
function ensureRedis() {
  const found = () => has('redis-server') || REDIS_PATHS.some((p) => fs.existsSync(p));
  if (found()) return true;
  try {
    aptInstall(['redis-server'], 'shared state of several server processes, for the multi-process tests');
  } catch (err) {
    console.error(`[setup] apt-get failed: ${err.message}`);
  }
  return found();
}

const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
function chromiumPath() {
  if (process.env.CHROMIUM_PATH && fs.existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  return CHROMIUM_PATHS.find((p) => fs.existsSync(p)) || null;
}

function hasCjkFont() {
  try {
    return /CJK|WenQuanYi|Noto Sans SC|Droid Sans Fallback/i.test(execSync('fc-list :lang=zh 2>/dev/null || true').toString());
  } catch {
    return false;
  }
}

function hasEmojiFont() {
  try {
    return /Noto Color Emoji|Emoji/i.test(execSync('fc-list 2>/dev/null || true').toString());
  } catch {
    return false;
  }
}

function ensureChromium() {
  const wanted = [];
  if (!chromiumPath()) wanted.push('chromium');
  if (!hasCjkFont()) wanted.push('fonts-wqy-microhei');
  // The category icons are emoji: without a colour emoji font Chromium draws them as empty boxes.
  if (!hasEmojiFont()) wanted.push('fonts-noto-color-emoji');
  if (wanted.length) {
    try {
      aptInstall(wanted, 'browser tests of the H5 build');
    } catch (err) {
      console.error(`[setup] apt-get failed: ${err.message}`);
    }
  }
  return chromiumPath();
}

module.exports = { has, isRoot, aptInstall, ensureMariadb, ensureRedis, ensureChromium, chromiumPath };
