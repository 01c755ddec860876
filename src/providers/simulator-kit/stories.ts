import { CAST, INTRUDER_IP, type Person } from './cast.ts';
import { HOUR_MS } from './clock.ts';

/**
 * Cross-provider stories: moments in the demo history that several simulators tell from their own side,
 * sharing people, addresses and request/trace ids where the APIs carry them. Times are relative to the
 * simulator clock's start rounded down to the hour (`startedAt`), so a story sits inside the default
 * 24-hour range of a fresh server and never moves.
 */
function anchored(hoursAgo: number, minute: number, second: number) {
  return (anchor: number) =>
    Math.floor(anchor / HOUR_MS) * HOUR_MS - hoursAgo * HOUR_MS + minute * 60_000 + second * 1000;
}

const compromised = CAST[0] as Person;

/** One compromised account: failed logins from a new IP, an API key created, an app changed, an image replaced. */
export const COMPROMISED_ACCOUNT = {
  actor: compromised,
  ip: INTRUDER_IP,
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  requestId: '7d6b1f9e-2c1a-4a4b-9f0e-5c3b2a1d0e9f',
  failedLoginsAt: anchored(5, 2, 11),
  apiKeyCreatedAt: anchored(5, 9, 42),
  appChangedAt: anchored(5, 14, 3),
  imageReplacedAt: anchored(5, 21, 30),
} as const;
