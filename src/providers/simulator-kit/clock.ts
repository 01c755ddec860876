/**
 * The simulators' clock. `AUDIT_LENS_NOW` pins it to an instant (tests, screenshots); otherwise it is the
 * wall clock, so new events trickle in as time passes. Tests may advance a pinned clock.
 */
export interface SimulatorClock {
  now(): number;
  advance(ms: number): void;
}

export function createClock(pinned?: string): SimulatorClock {
  let offset = 0;
  if (pinned) {
    const at = Date.parse(pinned);
    if (Number.isNaN(at)) throw new Error(`AUDIT_LENS_NOW is not an ISO 8601 instant: ${pinned}`);
    return {
      now: () => at + offset,
      advance: (ms) => {
        offset += ms;
      },
    };
  }
  return {
    now: () => Date.now() + offset,
    advance: (ms) => {
      offset += ms;
    },
  };
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
/** Every simulator serves this much history before its clock's now. */
export const HISTORY_MS = 30 * DAY_MS;
