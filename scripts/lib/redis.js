'use strict';
// A private Redis for tests and benchmarks: Debian's redis-server in the foreground, its own port and directory,
// nothing saved to disk, stopped by pid. It never touches a system instance.
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');
const { freePort } = require('./mariadb');

function bin() {
  for (const p of ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/usr/sbin/redis-server']) if (fs.existsSync(p)) return p;
  return 'redis-server';
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

function ping(port) {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host: '127.0.0.1' });
    let answer = '';
    const done = (ok) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(1000, () => done(false));
    sock.on('error', () => done(false));
    sock.on('connect', () => sock.write('PING\r\n'));
    sock.on('data', (d) => {
      answer += d;
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
  });
}

/** Starts redis-server in `dir`. Resolves { url, port, pid, stop() }. */
async function startRedis({ dir, port } = {}) {
  dir = path.resolve(dir || path.join(process.cwd(), '.tmp', 'redis'));
  fs.mkdirSync(dir, { recursive: true });
  const pidFile = path.join(dir, 'redis.pid');
  await stopByPidFile(pidFile);
  port = port || (await freePort());
  const log = fs.openSync(path.join(dir, 'redis.log'), 'a');
  const child = spawn(
    bin(),
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--pidfile', pidFile, '--protected-mode', 'yes', '--logfile', ''],
    { stdio: ['ignore', log, log], detached: true },
  );
  child.unref();
  fs.writeFileSync(pidFile, String(child.pid));
  const deadline = Date.now() + 15_000;
  while (!(await ping(port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`Redis did not start; see ${path.join(dir, 'redis.log')}`);
    await sleep(100);
  }
  return { dir, port, pid: child.pid, url: `redis://127.0.0.1:${port}/0`, stop: () => stopByPidFile(pidFile) };
}

async function stopByPidFile(pidFile) {
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  fs.rmSync(pidFile, { force: true });
  if (!pid) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(50);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {}
}

module.exports = { startRedis };
