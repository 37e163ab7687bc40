import Redis from 'ioredis';
import { SharedThrottlerStorage, throttlerStorage, FixedWindowThrottlerStorage } from './throttler.storage';

describe('SharedThrottlerStorage (REDIS_URL)', () => {
  it('should count in this process while Redis is unreachable, so requests are still limited and never fail', async () => {
    // Nothing listens on port 1; with no offline queue every command fails at once.
    const redis = new Redis({ host: '127.0.0.1', port: 1, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    const s = new SharedThrottlerStorage(redis);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await s.increment('u:7', 60_000, 3, 60_000, 'default'));
    expect(results.map((r) => r.isBlocked)).toEqual([false, false, false, true]);
    s.onModuleDestroy();
    redis.disconnect();
  });

  it('should pick the in-memory counters when there is no Redis', () => {
    const s = throttlerStorage(null);
    expect(s).toBeInstanceOf(FixedWindowThrottlerStorage);
    (s as FixedWindowThrottlerStorage).onModuleDestroy();
  });
});
