import { createHash, timingSafeEqual } from 'node:crypto';

/** Shorter tokens are refused at start-up: the sign-in throttle slows guessing, it does not stop it. */
export const MIN_ACCESS_TOKEN_LENGTH = 16;

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * A comparer for the configured access token. Both sides are hashed first, so the comparison is
 * constant-time whatever the submitted length.
 *
 * @example tokenComparer('correct horse battery')('correct horse battery') // true
 */
export function tokenComparer(expected: string): (submitted: string) => boolean {
  const want = digest(expected);
  return (submitted) => timingSafeEqual(want, digest(submitted));
}
