'use strict';
// A private S3-compatible server (s3rver, a devDependency) for tests: own port and directory under .tmp,
// a fresh bucket each start, stopped by pid. Its access key is s3rver's built-in S3RVER/S3RVER.
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { freePort } = require('./mariadb');

const BUCKET = 'linli-test';

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Resolves { endpoint, bucket, pid, env (the S3_* settings for the server), stop() }. */
async function startS3({ dir, port } = {}) {
  dir = path.resolve(dir || path.join(process.cwd(), '.tmp', 's3'));
  const pidFile = path.join(dir, 's3.pid');
  await stopByPidFile(pidFile);
  fs.rmSync(path.join(dir, 'data'), { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
  port = port || (await freePort());
  const log = fs.openSync(path.join(dir, 's3.log'), 'a');
  const child = spawn(process.execPath, [path.join(__dirname, 's3-server.js'), String(port), path.join(dir, 'data'), BUCKET], { stdio: ['ignore', log, log], detached: true });
  child.unref();
  fs.writeFileSync(pidFile, String(child.pid));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      if ((await fetch(`${endpoint}/${BUCKET}?list-type=2`)).ok) break;
    } catch {}
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the S3 test server did not start; see ${path.join(dir, 's3.log')}`);
    await sleep(100);
  }
  return {
    endpoint,
    bucket: BUCKET,
    pid: child.pid,
    env: { S3_ENDPOINT: endpoint, S3_BUCKET: BUCKET, S3_REGION: 'us-east-1', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_FORCE_PATH_STYLE: 'true' },
    stop: () => stopByPidFile(pidFile),
  };
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

module.exports = { startS3 };
