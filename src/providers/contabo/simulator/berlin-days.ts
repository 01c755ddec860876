import { HOUR_MS } from '../../simulator-kit/clock.ts';

const berlin = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Berlin',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Europe/Berlin's offset from UTC at an instant, in ms (+1 h in winter, +2 h in summer). */
function berlinOffsetMs(utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of berlin.formatToParts(new Date(utcMs))) parts[part.type] = Number(part.value);
  const local = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return local - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The instant a `YYYY-MM-DD` day starts in Europe/Berlin. The zone Contabo reads startDate/endDate in is
 * unconfirmed; the simulator picks its home zone so an adapter that does not widen the days loses events.
 */
export function berlinDayStart(day: string): number {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  // Clocks change at 01:00 UTC, never near local midnight: the offset a few hours earlier is the one.
  return utcMidnight - berlinOffsetMs(utcMidnight - 3 * HOUR_MS);
}

/**
 * The instant after a `YYYY-MM-DD` day ends in Europe/Berlin: the next day's start, which is 23 or 25 hours
 * after this one's on the days the clocks change.
 */
export function berlinDayEnd(day: string): number {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return berlinDayStart(next);
}
