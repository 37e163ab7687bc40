import { FixedWindowThrottlerStorage } from './throttler.storage';

describe('FixedWindowThrottlerStorage', () => {
  it('should allow exactly `limit` hits in a window, then block until the window ends', async () => {
    const s = new FixedWindowThrottlerStorage();
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await s.increment('ip:1', 60_000, 3, 0, 'default'));
    expect(results.map((r) => r.isBlocked)).toEqual([false, false, false, true, true]);
    expect(results[3].timeToBlockExpire).toBeGreaterThan(0);
    expect((await s.increment('ip:2', 60_000, 3, 0, 'default')).isBlocked).toBe(false);
    s.onModuleDestroy();
  });

  it('should open a new window once the old one expires', async () => {
    const s = new FixedWindowThrottlerStorage();
    const now = Date.now();
    const spy = jest.spyOn(Date, 'now').mockReturnValue(now);
    for (let i = 0; i < 4; i++) await s.increment('u:1', 1000, 3, 0, 'default');
    expect((await s.increment('u:1', 1000, 3, 0, 'default')).isBlocked).toBe(true);
    spy.mockReturnValue(now + 1001);
    expect((await s.increment('u:1', 1000, 3, 0, 'default')).isBlocked).toBe(false);
    spy.mockRestore();
    s.onModuleDestroy();
  });
});
