import { Throttle } from '@nestjs/throttler';

/**
 * Tighter limits than the global one, for the routes people abuse: logins (per client address) and
 * submissions that create records others must handle (per signed-in user). Set from config at boot.
 */
const limits = { login: 10, submit: 20 };

export function setRateLimits(next: Partial<typeof limits>) {
  Object.assign(limits, next);
}

/** LOGIN_RATE_LIMIT per minute. */
export const LoginRateLimit = () => Throttle({ default: { limit: () => limits.login, ttl: 60_000 } });
/** SUBMIT_RATE_LIMIT per minute: filing a matter, recording a wish, signing up. */
export const SubmitRateLimit = () => Throttle({ default: { limit: () => limits.submit, ttl: 60_000 } });
