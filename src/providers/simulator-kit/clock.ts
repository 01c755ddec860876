/**
 * The simulators' clock. `AUDIT_LENS_NOW` pins it to an instant (tests, screenshots); otherwise it is the
 * wall clock, so new events trickle in as time passes. Tests may advance a pinned clock.
 */
export interface SimulatorClock {
  now(): number;
  /**
   * The instant the clock started: stories and image builds are placed relative to it, so a record never
   * moves once served (placed relative to `now`, they jumped an hour or a day at every rollover).
   */
  readonly startedAt: number;
  advance(ms: number): void;
}

export function createClock(pinned?: string): SimulatorClock {
  let offset = 0;
  if (pinned) {
    const at = Date.parse(pinned);
    if (Number.isNaN(at)) throw new Error(`AUDIT_LENS_NOW is not an ISO 8601 instant: ${pinned}`);
    return {
      now: () => at + offset,
      startedAt: at,
      advance: (ms) => {
        offset += ms;
      },
    };
  }
  return {
    now: () => Date.now() + offset,
    startedAt: Date.now(),
    advance: (ms) => {
      offset += ms;
    },
  };
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
/** Every simulator serves this much history before its clock's now. */
export const HISTORY_MS = 30 * DAY_MS;
