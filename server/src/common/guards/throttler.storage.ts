import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';
import type { SharedRedis } from '../redis/redis.module';

interface Window {
  hits: number;
  resetAt: number;
  blockedUntil: number;
}

/**
 * Fixed-window counters: O(1) per request. The library's default storage keeps one timestamp per hit and filters
 * the whole list on every request, which costs more the higher the limit is. With REDIS_URL the counters move to Redis
 * (SharedThrottlerStorage below), so several server processes share them.
 */
@Injectable()
export class FixedWindowThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper = setInterval(() => this.sweep(), 60_000).unref();

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    const now = Date.now();
    const k = `${throttlerName}:${key}`;
    let w = this.windows.get(k);
    if (!w || (w.resetAt <= now && w.blockedUntil <= now)) {
      w = { hits: 0, resetAt: now + ttl, blockedUntil: 0 };
      this.windows.set(k, w);
    }
    if (w.blockedUntil > now) {
      return { totalHits: w.hits, timeToExpire: Math.ceil((w.resetAt - now) / 1000), isBlocked: true, timeToBlockExpire: Math.ceil((w.blockedUntil - now) / 1000) };
    }
    w.hits++;
    const isBlocked = w.hits > limit;
    if (isBlocked) w.blockedUntil = now + (blockDuration > 0 ? blockDuration : w.resetAt - now);
    return {
      totalHits: w.hits,
      timeToExpire: Math.ceil((w.resetAt - now) / 1000),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil((w.blockedUntil - now) / 1000) : 0,
    };
  }

  private sweep() {
    const now = Date.now();
    for (const [k, w] of this.windows) if (w.resetAt <= now && w.blockedUntil <= now) this.windows.delete(k);
  }

  onModuleDestroy() {
    clearInterval(this.sweeper);
  }
}

/**
 * REDIS_URL set: one counter per user (or address) across every process, through @nest-lab/throttler-storage-redis
 * (one Lua INCR/PEXPIRE round trip). While Redis is unreachable each process counts alone again, logged, rather than
 * failing every request with a 500: the limit is then at most N times looser for N processes, never gone.
 */
export class SharedThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly logger = new Logger('RateLimits');
  private readonly shared: ThrottlerStorageRedisService;
  private readonly local = new FixedWindowThrottlerStorage();
  private lastWarn = 0;

  constructor(redis: Redis) {
    this.shared = new ThrottlerStorageRedisService(redis);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    try {
      return await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
    } catch (err) {
      if (Date.now() - this.lastWarn > 10_000) {
        this.lastWarn = Date.now();
        this.logger.warn(`Redis unavailable, counting in this process only: ${(err as Error).message}`);
      }
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  onModuleDestroy() {
    this.local.onModuleDestroy();
  }
}

export function throttlerStorage(redis: SharedRedis): ThrottlerStorage {
  return redis ? new SharedThrottlerStorage(redis) : new FixedWindowThrottlerStorage();
}
