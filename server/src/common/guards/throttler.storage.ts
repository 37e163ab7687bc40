import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';

interface Window {
  hits: number;
  resetAt: number;
  blockedUntil: number;
}

/**
 * Fixed-window counters: O(1) per request. The library's default storage keeps one timestamp per hit and filters
 * the whole list on every request, which costs more the higher the limit is. The same shape maps onto Redis
 * INCR + PEXPIRE when several server processes must share limits.
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
