'use strict';
// A private MariaDB for tests and benchmarks: its own data directory, socket and port.
// It never touches a system instance and is stopped by pid.
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

function bin(name) {
  for (const dir of ['/usr/sbin', '/usr/bin', '/usr/local/bin', '/usr/local/sbin']) {
    const p = path.join(dir, name);
    if (fs.existsSync(p)) return p;
  }
  return name;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Starts MariaDB in `dir` (initialised on first use) and creates user linli/linli with rights to create
 * the per-suite databases. Resolves { url, port, pid, stop() }.
 */
async function startMariadb({ dir, port } = {}) {
  dir = path.resolve(dir || path.join(process.cwd(), '.tmp', 'mariadb'));
  const datadir = path.join(dir, 'data');
  const sock = path.join(dir, 'mysqld.sock');
  const pidFile = path.join(dir, 'mysqld.pid');
  fs.mkdirSync(dir, { recursive: true });
  await stopByPidFile(pidFile);
  if (!fs.existsSync(path.join(datadir, 'mysql'))) {
    fs.rmSync(datadir, { recursive: true, force: true });
    const user = process.getuid && process.getuid() === 0 ? ['--user=root'] : [];
    const r = spawnSync(bin('mariadb-install-db'), ['--no-defaults', ...user, `--datadir=${datadir}`, '--auth-root-authentication-method=socket', '--skip-test-db'], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`mariadb-install-db failed:\n${r.stdout}\n${r.stderr}`);
  }
  port = port || (await freePort());
  const user = process.getuid && process.getuid() === 0 ? ['--user=root'] : [];
  const log = fs.openSync(path.join(dir, 'mysqld.log'), 'a');
  const child = spawn(
    bin('mariadbd'),
    [
      '--no-defaults',
      ...user,
      `--datadir=${datadir}`,
      `--socket=${sock}`,
      `--pid-file=${pidFile}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      '--skip-name-resolve',
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
      '--default-time-zone=+00:00',
      '--max-connections=1000',
      '--innodb-buffer-pool-size=256M',
      '--innodb-flush-log-at-trx-commit=2',
      '--innodb-lock-wait-timeout=20',
      '--skip-log-bin',
    ],
    { stdio: ['ignore', log, log], detached: true },
  );
  child.unref();
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ping = spawnSync(bin('mariadb-admin'), ['--no-defaults', `--socket=${sock}`, '-uroot', 'ping'], { encoding: 'utf8' });
    if (ping.status === 0) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`MariaDB did not start; see ${path.join(dir, 'mysqld.log')}`);
    }
    await sleep(250);
  }
  sql(sock, [
    "CREATE USER IF NOT EXISTS 'linli'@'127.0.0.1' IDENTIFIED BY 'linli'",
    "CREATE USER IF NOT EXISTS 'linli'@'localhost' IDENTIFIED BY 'linli'",
    "GRANT ALL PRIVILEGES ON *.* TO 'linli'@'127.0.0.1'",
    "GRANT ALL PRIVILEGES ON *.* TO 'linli'@'localhost'",
    'CREATE DATABASE IF NOT EXISTS linli CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci',
    'FLUSH PRIVILEGES',
  ]);
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  return {
    dir,
    port,
    pid,
    socket: sock,
    url: `mysql://linli:linli@127.0.0.1:${port}/linli`,
    stop: () => stopByPidFile(pidFile),
    /** SIGSTOP/SIGCONT-free outage for fault tests: stop and start again on the same port and data. */
    restart: async () => {
      await stopByPidFile(pidFile);
      return startMariadb({ dir, port });
    },
  };
}

function sql(sock, statements) {
  const r = spawnSync(bin('mariadb'), ['--no-defaults', `--socket=${sock}`, '-uroot', '-e', statements.join(';\n') + ';'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mariadb client failed: ${r.stderr}`);
  return r.stdout;
}

async function stopByPidFile(pidFile) {
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  if (!pid) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    fs.rmSync(pidFile, { force: true });
    return;
  }
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      fs.rmSync(pidFile, { force: true });
      return;
    }
    await sleep(100);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {}
  fs.rmSync(pidFile, { force: true });
}

module.exports = { startMariadb, freePort };
