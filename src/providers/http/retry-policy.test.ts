import { describe, expect, it } from 'vitest';
import { retryDelayMs, serverHintMs, waitsTooLong } from './retry-policy.ts';

const NOW = Date.UTC(2026, 10, 20, 12);
const headers = (init: Record<string, string>) => new Headers(init);

describe('the server’s wait', () => {
  it('reads Retry-After as seconds or a date, and a rate-limit reset only once nothing remains', () => {
    expect(serverHintMs(headers({ 'retry-after': '3' }), NOW)).toBe(3000);
    expect(serverHintMs(headers({ 'retry-after': new Date(NOW + 5000).toUTCString() }), NOW)).toBe(5000);
    const reset = String(NOW / 1000 + 120);
    expect(serverHintMs(headers({ 'x-ratelimit-reset': reset, 'x-ratelimit-remaining': '0' }), NOW)).toBe(
      120_000,
    );
    expect(serverHintMs(headers({ 'x-ratelimit-reset': reset }), NOW)).toBe(120_000);
    // Cloud Foundry sends its window's reset on every answer: with requests left it is no wait.
    expect(serverHintMs(headers({ 'x-ratelimit-reset': reset, 'x-ratelimit-remaining': '1999' }), NOW)).toBe(
      undefined,
    );
    expect(
      retryDelayMs(headers({ 'x-ratelimit-reset': reset, 'x-ratelimit-remaining': '5' }), 1, NOW, () => 0),
    ).toBe(250);
  });

  it("reads Cloud Foundry's Retry-After, which is an epoch second (its 429 copies X-RateLimit-Reset there)", () => {
    const cf429 = headers({ 'retry-after': String(NOW / 1000 + 5), 'x-ratelimit-remaining': '0' });
    expect(serverHintMs(cf429, NOW)).toBe(5000);
    expect(waitsTooLong(cf429, NOW)).toBe(false);
    expect(serverHintMs(headers({ 'retry-after': String(NOW / 1000 - 5) }), NOW)).toBe(0);
  });

  it('tells a wait longer than a request may retry for', () => {
    expect(waitsTooLong(headers({ 'retry-after': '31' }), NOW)).toBe(true);
    expect(waitsTooLong(headers({ 'retry-after': '30' }), NOW)).toBe(false);
    expect(waitsTooLong(headers({}), NOW)).toBe(false);
  });
});
