const BASE_DELAY_MS = 250;
const MAX_DELAY_MS = 5000;
/** A client's failures are forgotten this long after its last one. */
const FORGET_AFTER_MS = 15 * 60 * 1000;
const MAX_CLIENTS = 10_000;

/**
 * The delay after the n-th failed sign-in in a row: 250 ms doubling, capped at 5 s.
 *
 * @example failureDelayMs(1) // 250
 * @example failureDelayMs(3) // 1000
 * @example failureDelayMs(20) // 5000
 */
export function failureDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(BASE_DELAY_MS * 2 ** Math.min(failures - 1, 30), MAX_DELAY_MS);
}

export interface SignInThrottle {
  /** How long this client must still wait before its next attempt is even checked; 0 when it may try now. */
  waitFor(client: string): number;
  /** Records a failed attempt and answers the delay it earns. */
  fail(client: string): { failures: number; delayMs: number };
  succeed(client: string): void;
}

interface Entry {
  failures: number;
  nextAttemptAt: number;
  lastFailureAt: number;
}

/** Exponential slow-down per client address, kept in memory. */
export function createSignInThrottle(now: () => number = Date.now): SignInThrottle {
  const entries = new Map<string, Entry>();

  const current = (client: string): Entry | undefined => {
    const entry = entries.get(client);
    if (entry && now() - entry.lastFailureAt > FORGET_AFTER_MS) {
      entries.delete(client);
      return undefined;
    }
    return entry;
  };

  return {
    waitFor(client) {
      const entry = current(client);
      return entry ? Math.max(0, entry.nextAttemptAt - now()) : 0;
    },
    fail(client) {
      const failures = (current(client)?.failures ?? 0) + 1;
      const delayMs = failureDelayMs(failures);
      entries.delete(client);
      if (entries.size >= MAX_CLIENTS) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(client, { failures, nextAttemptAt: now() + delayMs, lastFailureAt: now() });
      return { failures, delayMs };
    },
    succeed(client) {
      entries.delete(client);
    },
  };
}
