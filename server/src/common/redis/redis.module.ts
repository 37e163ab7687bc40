import { Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app.config';

/** The one Redis connection of a process (REDIS_URL), or null when each process keeps its own state. */
export const REDIS = Symbol('REDIS');
export type SharedRedis = Redis | null;

const CONNECT_TIMEOUT_MS = 5000;

/**
 * Connects before the app serves: with REDIS_URL set, a process that cannot reach Redis would count rate limits and
 * fetch WeChat tokens alone, which is the bug REDIS_URL exists to fix, so it refuses to start instead.
 */
export async function connectRedis(config: AppConfig): Promise<SharedRedis> {
  if (!config.redisUrl) return null;
  const logger = new Logger('Redis');
  const redis = new Redis(config.redisUrl, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    // A request waits for at most one reconnect; callers fall back (rate limits) or report WeChat as busy.
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    connectionName: `linli:${process.pid}`,
  });
  let lastWarn = 0;
  redis.on('error', (err) => {
    if (Date.now() - lastWarn < 10_000) return;
    lastWarn = Date.now();
    logger.warn(`Redis: ${err.message}`);
  });
  try {
    await Promise.race([redis.connect(), new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer in ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS).unref())]);
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    const u = new URL(config.redisUrl);
    throw new Error(`REDIS_URL is set but Redis at ${u.hostname}:${u.port || 6379} cannot be reached (${(err as Error).message}). Start it, or unset REDIS_URL for a single process.`);
  }
  return redis;
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: SharedRedis) {}

  async onApplicationShutdown() {
    if (!this.redis || this.redis.status === 'end') return;
    await this.redis.quit().catch(() => this.redis?.disconnect());
  }
}

/** Import where shared state is needed (rate limits, the WeChat token). Not global: the importers are the list of what is shared. */
@Module({ providers: [{ provide: REDIS, inject: [APP_CONFIG], useFactory: connectRedis }, RedisCloser], exports: [REDIS] })
export class RedisModule {}
