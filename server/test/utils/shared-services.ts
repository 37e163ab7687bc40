import { spawn } from 'child_process';
import Redis from 'ioredis';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..', '..');

export interface SharedServices {
  redisUrl: string;
  /** a client of that Redis, for the test's own looks */
  redis: Redis;
  s3: { endpoint: string; bucket: string };
  /** the S3_* settings of a server process using that bucket */
  s3Env: Record<string, string>;
  stop: () => Promise<void>;
}

/**
 * The Redis and S3-compatible server several processes share. `npm test` starts both (TEST_REDIS_URL, TEST_S3_*);
 * a fault spec run alone starts its own through the same scripts, each in its own .tmp directory, stopped by pid.
 */
export async function sharedServices(): Promise<SharedServices> {
  const stops: Array<() => Promise<void>> = [];
  let redisUrl = process.env.TEST_REDIS_URL;
  if (!redisUrl) {
    const { startRedis } = require('../../../scripts/lib/redis');
    const r = await startRedis({ dir: path.join(ROOT, '.tmp', 'redis-faults') });
    redisUrl = r.url as string;
    stops.push(r.stop);
  }
  let endpoint = process.env.TEST_S3_ENDPOINT;
  let bucket = process.env.TEST_S3_BUCKET;
  if (!endpoint || !bucket) {
    const { startS3 } = require('../../../scripts/lib/s3');
    const s = await startS3({ dir: path.join(ROOT, '.tmp', 's3-faults') });
    endpoint = s.endpoint as string;
    bucket = s.bucket as string;
    stops.push(s.stop);
  }
  const redis = new Redis(redisUrl);
  await redis.flushdb();
  return {
    redisUrl,
    redis,
    s3: { endpoint, bucket },
    // s3rver's built-in account
    s3Env: { S3_ENDPOINT: endpoint, S3_BUCKET: bucket, S3_REGION: 'us-east-1', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_FORCE_PATH_STYLE: 'true' },
    stop: async () => {
      await redis.quit().catch(() => redis.disconnect());
      for (const stop of stops.reverse()) await stop();
    },
  };
}

export interface FakeWechatProcess {
  url: string;
  /** the fake's own record (GET /__fake/state): every API call, the codes made */
  state: () => Promise<{ calls: Array<{ api: string; at: string }>; qrcodes: number }>;
  stop: () => Promise<void>;
}

/**
 * The fake WeChat (the built one, server/dist) in a process of its own, as the real one is another host: answering
 * three busy servers from inside the jest process held their requests for seconds.
 */
export async function startFakeWechatProcess(appId: string, secret: string): Promise<FakeWechatProcess> {
  const fake = path.join(ROOT, 'server', 'dist', 'modules', 'wechat', 'fake', 'fake-wechat.js');
  const script = `require(${JSON.stringify(fake)}).startFakeWechat(${JSON.stringify({ appId, secret })}).then((f) => console.log('ready ' + f.url), (e) => { console.error(e); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`fake WeChat did not start: ${out}`)), 20_000);
    const read = (d: Buffer) => {
      out += d;
      const m = /ready (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', (d) => (out += d));
    child.once('exit', () => reject(new Error(`fake WeChat exited: ${out}`)));
  });
  return {
    url,
    state: async () => (await fetch(`${url}/__fake/state`)).json(),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
