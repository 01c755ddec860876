/**
 * Time expressions of the URL contract: `now`, `now-15m`, `now-24h`, `now-7d`, `now-1d/d` (rounded down
 * to the unit in the view's time zone), `now/d`, or an ISO 8601 instant. Days and weeks are calendar
 * days in the view's time zone, as in Grafana and Kibana: `now-1d` across a DST change is 23 or 25 hours
 * back, the same wall-clock time the day before.
 *
 * @example parseTimeExpression('now-1d/d', Date.UTC(2026, 10, 24, 15), 'UTC') // → { ok: true, ms: Date.UTC(2026, 10, 23) }
 */
export type TimeExpressionResult = { ok: true; ms: number } | { ok: false; problem: string };

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
type Unit = keyof typeof UNIT_MS;

const RELATIVE = /^now(?:([+-])(\d{1,6})([smhdw]))?(?:\/([smhdw]))?$/;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2})))?$/;
const EARLIEST_MS = Date.UTC(1970, 0, 1);
const LATEST_MS = Date.UTC(2200, 0, 1);

/** The number written by `count` ASCII digits at `at`, or -1 when any of them is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Whether the date and time fields at the start of an ISO 8601 text are each in range (a month of 1–12, a
 * day that month has, hours to 23, minutes and seconds to 59). `Date.parse` alone would read 2026-02-30 as
 * March 2 and T24:00 as the next day. Read by position, without a regex or an allocation: every
 * timestamp of every page goes through it.
 *
 * @example hasRealDateFields('2024-02-29T10:00:00Z') // true; '2023-02-29T10:00:00Z' → false
 */
export function hasRealDateFields(text: string): boolean {
  const year = digitsAt(text, 0, 4);
  const month = text.charCodeAt(4) === 45 ? digitsAt(text, 5, 2) : -1;
  const day = text.charCodeAt(7) === 45 ? digitsAt(text, 8, 2) : -1;
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  // `THH:MM` and `:SS` are optional; where they are not written as such, they are not checked.
  if (text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58) return true;
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  if (hour < 0 || minute < 0) return true;
  if (hour > 23 || minute > 59) return false;
  const second = text.charCodeAt(16) === 58 ? digitsAt(text, 17, 2) : -1;
  return second <= 59;
}

/** `ms` moved by whole calendar days in `timeZone`, keeping its wall-clock time. */
function shiftDays(ms: number, days: number, timeZone: string): number {
  const offset = zoneOffsetMs(ms, timeZone);
  const wall = ms + offset + days * UNIT_MS.d;
  // The offset valid at the shifted instant (a DST change may sit in between).
  return wall - zoneOffsetMs(wall - offset, timeZone);
}

export function parseTimeExpression(text: string, now: number, timeZone: string): TimeExpressionResult {
  const trimmed = text.trim();
  const relative = RELATIVE.exec(trimmed);
  if (relative) {
    const [, sign, amount, unit, round] = relative;
    let ms = now;
    if (sign && amount && unit) {
      const count = (sign === '-' ? -1 : 1) * Number(amount);
      if (unit === 'd' || unit === 'w') ms = shiftDays(ms, unit === 'w' ? count * 7 : count, timeZone);
      else ms += count * UNIT_MS[unit as Unit];
    }
    if (round) ms = startOf(ms, round as Unit, timeZone);
    if (ms >= EARLIEST_MS && ms <= LATEST_MS) return { ok: true, ms };
    return { ok: false, problem: 'outside the years 1970 to 2200' };
  }
  const iso = ISO.exec(trimmed);
  if (iso && hasRealDateFields(trimmed) && Number(iso[7] ?? 0) <= 23 && Number(iso[8] ?? 0) <= 59) {
    // A date alone is that day in the view's zone (as `now/d` is): its first midnight there.
    const ms =
      trimmed.length === 10
        ? startOfDayIn(Date.parse(`${trimmed}T12:00:00Z`), timeZone)
        : Date.parse(trimmed);
    if (!Number.isNaN(ms) && ms >= EARLIEST_MS && ms <= LATEST_MS) return { ok: true, ms };
  }
  return { ok: false, problem: 'not a time: use now, now-6h, now-1d/d or an ISO 8601 instant' };
}

/** The start of the day in `timeZone` whose wall-clock noon is `wallNoon` (a wall time read as UTC). */
function startOfDayIn(wallNoon: number, timeZone: string): number {
  return startOf(wallNoon - zoneOffsetMs(wallNoon, timeZone), 'd', timeZone);
}

/**
 * The instant a wall-clock time names in `timeZone`, written with that zone's offset:
 * `wallClockIso('2026-03-01T09:00', 'Europe/Berlin')` → `'2026-03-01T09:00:00+01:00'`. A time a DST change
 * skips is written as the instant just after it.
 */
const HOUR = 3_600_000;

export function wallClockIso(wallClock: string, timeZone: string): string {
  // `datetime-local` gives minutes, or seconds when its step asks for them.
  const wall = Date.parse(`${wallClock.length === 16 ? `${wallClock}:00` : wallClock}Z`);
  if (Number.isNaN(wall)) return '';
  if (timeZone === 'UTC') return new Date(wall).toISOString().replace('.000Z', 'Z');
  // The offsets in force half a day either side hold every offset the wall time can have; of the instants
  // that read back as it, the earliest (the first of a repeated hour, whichever side of UTC the zone is).
  const readsBack = [zoneOffsetMs(wall - 14 * HOUR, timeZone), zoneOffsetMs(wall + 14 * HOUR, timeZone)]
    .map((offset) => wall - offset)
    .filter((instant) => instant + zoneOffsetMs(instant, timeZone) === wall);
  const instant = readsBack.length
    ? Math.min(...readsBack)
    : wall - zoneOffsetMs(wall - zoneOffsetMs(wall, timeZone), timeZone);
  const offset = zoneOffsetMs(instant, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.abs(offset) / 60_000;
  const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const local = new Date(instant + offset).toISOString();
  return `${local.slice(0, wall % 1000 === 0 ? 19 : 23)}${sign}${hhmm}`;
}

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: creating one costs far more than using it, and offsets are read per bucket edge. */
function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClockFormats.set(timeZone, format);
  }
  return format;
}

/** The offset of `timeZone` from UTC at instant `ms`, in ms (positive east of Greenwich). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  const parts = Object.fromEntries(
    wallClockFormat(timeZone)
      .formatToParts(new Date(ms))
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<string, number>;
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** Rounds `ms` down to the start of its second, minute, hour, day or (Monday-based) week in `timeZone`. */
export function startOf(ms: number, unit: Unit, timeZone: string): number {
  const offset = zoneOffsetMs(ms, timeZone);
  const local = ms + offset;
  let rounded: number;
  if (unit === 'w') {
    const day = Math.floor(local / UNIT_MS.d);
    const weekday = (day + 3) % 7; // 1970-01-01 was a Thursday; 0 = Monday
    rounded = (day - weekday) * UNIT_MS.d;
  } else {
    rounded = Math.floor(local / UNIT_MS[unit]) * UNIT_MS[unit];
  }
  // Re-apply the offset valid at the rounded instant (a DST change may sit in between).
  const after = rounded - zoneOffsetMs(rounded - offset, timeZone);
  return unit === 'd' || unit === 'w' ? firstReading(rounded, after, timeZone) : after;
}

const CLOCK_CHANGE_REACH_MS = 3 * UNIT_MS.h;

/**
 * The first instant whose clock in `timeZone` reads `local` (a wall-clock time on a UTC scale), near
 * `near`. A clock set back at midnight reads it twice (Havana's in November), and a day starts at the
 * first; a clock that skips it starts the day where it jumps (`near` itself).
 */
function firstReading(local: number, near: number, timeZone: string): number {
  let first = near;
  for (const probe of [near - CLOCK_CHANGE_REACH_MS, near + CLOCK_CHANGE_REACH_MS]) {
    const candidate = local - zoneOffsetMs(probe, timeZone);
    if (candidate < first && candidate + zoneOffsetMs(candidate, timeZone) === local) first = candidate;
  }
  return first;
}

/**
 * A zone's own spelling, or undefined when it is none: `utc`, `Etc/UTC` and `GMT` are `UTC`, and
 * `europe/berlin` is `Europe/Berlin`. A link zone is written back so, and `UTC` shows as UTC everywhere.
 * Another alias (`EST`) keeps its name: the engine's canonical zone for it can read as a different place.
 */
export function canonicalTimeZone(timeZone: string): string | undefined {
  if (!isValidTimeZone(timeZone)) return undefined;
  const canonical = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  return canonical === 'UTC' || canonical.toLowerCase() === timeZone.toLowerCase() ? canonical : timeZone;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
