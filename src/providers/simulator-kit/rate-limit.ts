import type { SimulatorClock } from './clock.ts';

/**
 * A token bucket like the ones real APIs enforce: `burst` requests at once, refilled at `perSecond`.
 * `take()` answers how many seconds to wait when the bucket is empty, or 0 when the request may pass.
 */
export function createRateLimiter(clock: SimulatorClock, burst: number, perSecond: number) {
  let tokens = burst;
  let last = clock.now();
  return {
    take(): number {
      const now = clock.now();
      tokens = Math.min(burst, tokens + ((now - last) / 1000) * perSecond);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - tokens) / perSecond));
    },
  };
}
