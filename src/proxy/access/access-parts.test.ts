import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cookieValues, sessionCookie } from './cookie.ts';
import { createSessionStore } from './session-store.ts';
import { createSignInThrottle, failureDelayMs } from './sign-in-throttle.ts';
import { tokenComparer } from './token.ts';

describe('tokenComparer', () => {
  it('matches only the exact token, whatever the lengths', () => {
    const matches = tokenComparer('correct horse battery staple');
    expect(matches('correct horse battery staple')).toBe(true);
    expect(matches('correct horse battery stapl')).toBe(false);
    expect(matches('')).toBe(false);
    fc.assert(
      fc.property(fc.string(), (guess) => matches(guess) === (guess === 'correct horse battery staple')),
    );
  });
});

describe('failureDelayMs', () => {
  it('doubles from 250 ms and stops at 5 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 50].map(failureDelayMs)).toEqual([
      0, 250, 500, 1000, 2000, 4000, 5000, 5000,
    ]);
  });
});

describe('createSignInThrottle', () => {
  it('forgets a client a quarter of an hour after its last failure, and at once after a success', () => {
    const clock = { now: 0 };
    const throttle = createSignInThrottle(() => clock.now);
    throttle.fail('a');
    expect(throttle.fail('a').failures).toBe(2);
    clock.now += 15 * 60 * 1000 + 1;
    expect(throttle.fail('a').failures).toBe(1);
    throttle.succeed('a');
    expect(throttle.waitFor('a')).toBe(0);
  });
});

describe('createSessionStore', () => {
  it('issues 32-byte random ids that stay valid for their lifetime only', () => {
    const clock = { now: 0 };
    const store = createSessionStore({ ttlMs: 1000, now: () => clock.now });
    const id = store.create();
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(id, 'base64url')).toHaveLength(32);
    expect(store.create()).not.toBe(id);
    expect(store.isValid(id)).toBe(true);
    expect(store.isValid(`${id}x`)).toBe(false);
    expect(store.isValid('')).toBe(false);
    clock.now = 1000;
    expect(store.isValid(id)).toBe(false);
  });
});

describe('cookies', () => {
  it('reads every value of one cookie name and nothing else', () => {
    expect(cookieValues('a=1; al_session=x; b=2; al_session=y', 'al_session')).toEqual(['x', 'y']);
    expect(cookieValues('xal_session=1; al_session_old=2', 'al_session')).toEqual([]);
    expect(cookieValues(null, 'al_session')).toEqual([]);
  });

  it('writes the session cookie with its attributes', () => {
    expect(sessionCookie('id', { secure: true, maxAgeSeconds: 43200 })).toBe(
      'al_session=id; Path=/; Max-Age=43200; HttpOnly; SameSite=Strict; Secure',
    );
  });
});
