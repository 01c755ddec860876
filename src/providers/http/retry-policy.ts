/**
 * Retries live here, in the adapter layer, and nowhere else (React Query's are off).
 * 429 and 503 are retried with capped, jittered exponential backoff that honours `Retry-After`
 * (seconds or an HTTP date) and `X-RateLimit-Reset` (epoch seconds). A per-provider budget keeps retries
 * to a small share of all requests: every first attempt earns a tenth of a token, every retry spends one.
 */
export interface RetryBudget {
  canRetry(): boolean;
  recordAttempt(): void;
}

export function createRetryBudget(maxTokens = 10, earnedPerRequest = 0.1, initialTokens = 1): RetryBudget {
  let tokens = initialTokens;
  return {
    canRetry() {
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    recordAttempt() {
      tokens = Math.min(maxTokens, tokens + earnedPerRequest);
    },
  };
}

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503]);
export const MAX_ATTEMPTS = 4;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

/** How long to wait before attempt `attempt` (1 = first retry), from the server's hints or backoff. */
export function retryDelayMs(
  headers: Headers,
  attempt: number,
  now = Date.now(),
  random = Math.random,
): number {
  const hinted = serverHintMs(headers, now);
  if (hinted !== undefined) return Math.min(MAX_DELAY_MS, hinted);
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Seconds past this are an instant, not a wait: over 31 years to wait is no reading anyone means. */
const EPOCH_SECONDS_FROM = 1e9;

/**
 * `Retry-After: 3` → 3000; `Retry-After: <HTTP date>` → ms until then; `Retry-After: <epoch s>` (Cloud
 * Foundry's 429 copies its `X-RateLimit-Reset` there) → ms until then; `X-RateLimit-Reset: <epoch s>`
 * likewise, but only once `X-RateLimit-Remaining` is 0 (or absent): Cloud Foundry sends the reset of its
 * window on every answer, and a 503 with requests left is not told to wait for it.
 */
export function serverHintMs(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    if (/^\s*\d+\s*$/.test(retryAfter)) {
      const seconds = Number(retryAfter);
      return seconds >= EPOCH_SECONDS_FROM ? Math.max(0, seconds * 1000 - now) : seconds * 1000;
    }
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = headers.get('x-ratelimit-reset');
  const remaining = headers.get('x-ratelimit-remaining');
  const exhausted = remaining === null || Number(remaining) === 0;
  if (exhausted && reset !== null && /^\s*\d+\s*$/.test(reset))
    return Math.max(0, Number(reset) * 1000 - now);
  return undefined;
}

/**
 * Whether the server asks for a longer wait than a request may spend retrying: then the request fails at
 * once with the wait (`ProviderError.retryAfterMs`), which whoever asks again honours, instead of retrying
 * early into another refusal.
 */
export function waitsTooLong(headers: Headers, now = Date.now()): boolean {
  return (serverHintMs(headers, now) ?? 0) > MAX_DELAY_MS;
}
