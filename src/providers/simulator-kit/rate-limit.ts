/** A rate limit like the ones real APIs enforce: `burst` requests at once, refilled at `perSecond`. */
export interface RateLimit {
  burst: number;
  perSecond: number;
}

/** Generous enough for an investigation loading a whole range; tests set their own or turn it off. */
export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 300, perSecond: 100 };

/**
 * A token bucket on the wall clock (a pinned simulator clock must not stop the refill).
 * `take()` answers how many seconds to wait when the bucket is empty, or 0 when the request may pass.
 */
export function createRateLimiter(limit: RateLimit | false, now: () => number = Date.now) {
  if (!limit) return { take: () => 0 };
  let tokens = limit.burst;
  let last = now();
  return {
    take(): number {
      const at = now();
      tokens = Math.min(limit.burst, tokens + ((at - last) / 1000) * limit.perSecond);
      last = at;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - tokens) / limit.perSecond));
    },
  };
}
