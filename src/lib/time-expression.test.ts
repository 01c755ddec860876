import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasRealDateFields, parseTimeExpression, startOf, wallClockIso } from './time-expression.ts';

const NOW = Date.UTC(2026, 10, 24, 15, 30, 12);

describe('parseTimeExpression', () => {
  it.each([
    ['now', NOW],
    ['now-15m', NOW - 15 * 60_000],
    ['now-24h', NOW - 86_400_000],
    ['now-7d', NOW - 7 * 86_400_000],
    ['now-1d/d', Date.UTC(2026, 10, 23)],
    ['now/d', Date.UTC(2026, 10, 24)],
    ['now+1h', NOW + 3_600_000],
    ['2026-11-20T08:00:00Z', Date.UTC(2026, 10, 20, 8)],
    ['2026-11-20T08:00:00.250+01:00', Date.UTC(2026, 10, 20, 7, 0, 0, 250)],
    ['2026-11-20T08:00:00+05:30', Date.UTC(2026, 10, 20, 2, 30)],
    ['2026-11-20T08:00:00-09:45', Date.UTC(2026, 10, 20, 17, 45)],
    ['2026-11-20', Date.UTC(2026, 10, 20)],
  ])('%s', (text, expected) => {
    expect(parseTimeExpression(text, NOW, 'UTC')).toEqual({ ok: true, ms: expected });
  });

  it('rounds in the view time zone', () => {
    // Midnight in New York (UTC-5 in November) is 05:00 UTC.
    expect(parseTimeExpression('now/d', NOW, 'America/New_York')).toEqual({
      ok: true,
      ms: Date.UTC(2026, 10, 24, 5),
    });
    expect(parseTimeExpression('now-1d/d', NOW, 'Asia/Tokyo')).toEqual({
      ok: true,
      ms: Date.UTC(2026, 10, 23, 15),
    });
  });

  it('rounds across a DST change', () => {
    // 2026-03-29 is the spring-forward day in Berlin: the day starts at 23:00 UTC the day before (CET).
    const afternoon = Date.UTC(2026, 2, 29, 14);
    expect(startOf(afternoon, 'd', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 28, 23));
  });

  it("starts a day at its first midnight where the clock is set back at midnight (Havana's)", () => {
    // 2026-11-01 in Havana: at 01:00 CDT (05:00 UTC) the clock goes back to 00:00 CST, so midnight comes
    // twice; the day began at the first, 04:00 UTC.
    for (const during of [
      Date.UTC(2026, 10, 1, 4, 30),
      Date.UTC(2026, 10, 1, 5, 30),
      Date.UTC(2026, 10, 1, 12),
    ])
      expect(startOf(during, 'd', 'America/Havana')).toBe(Date.UTC(2026, 10, 1, 4));
    // Monday 2026-11-02 is the next week; the week of 2026-11-01 began on Monday 2026-10-26 (CDT).
    expect(startOf(Date.UTC(2026, 10, 1, 12), 'w', 'America/Havana')).toBe(Date.UTC(2026, 9, 26, 4));
    // 2026-03-08: the clock skips from 00:00 to 01:00 CDT, so the day starts where it jumps.
    expect(startOf(Date.UTC(2026, 2, 8, 12), 'd', 'America/Havana')).toBe(Date.UTC(2026, 2, 8, 5));
  });

  it('starts every day at an instant the day holds, with the one before it in the day before', () => {
    const zones = [
      'America/Havana',
      'Europe/Berlin',
      'America/Santiago',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
    ];
    const day = (ms: number, timeZone: string) =>
      new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(new Date(ms));
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.constantFrom(...zones),
        (ms, timeZone) => {
          const start = startOf(ms, 'd', timeZone);
          expect(start).toBeLessThanOrEqual(ms);
          expect(day(start, timeZone)).toBe(day(ms, timeZone));
          expect(day(start - 1000, timeZone)).not.toBe(day(ms, timeZone));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('counts days and weeks as calendar days across a DST change', () => {
    // 00:30 on 2026-03-30 in Berlin (CEST, UTC+2); the day before began in CET (UTC+1).
    const justAfterMidnight = Date.UTC(2026, 2, 29, 22, 30);
    const yesterday = Date.UTC(2026, 2, 28, 23);
    expect(parseTimeExpression('now-1d/d', justAfterMidnight, 'Europe/Berlin')).toEqual({
      ok: true,
      ms: yesterday,
    });
    // The same wall-clock time a day back: 23 hours earlier, not 24.
    expect(parseTimeExpression('now-1d', justAfterMidnight, 'Europe/Berlin')).toEqual({
      ok: true,
      ms: Date.UTC(2026, 2, 28, 23, 30),
    });
    // Monday 2026-03-23 00:00 CET: the week before this one.
    expect(parseTimeExpression('now-1w/w', justAfterMidnight, 'Europe/Berlin')).toEqual({
      ok: true,
      ms: Date.UTC(2026, 2, 22, 23),
    });
  });

  it.each([
    '2026-02-30',
    '2026-02-29T10:00:00Z',
    '2026-04-31',
    '2026-11-20T25:00:00Z',
    '2026-11-20T10:60:00Z',
    '2026-11-20T10:00:00+24:00',
    '1969-12-31',
    'now-999999w',
  ])('refuses %s, which would otherwise be read as another instant', (text) => {
    expect(parseTimeExpression(text, NOW, 'UTC').ok).toBe(false);
  });

  it("reads a date alone as that day in the view's zone, as now/d is", () => {
    const day = (text: string, zone: string) => parseTimeExpression(text, NOW, zone);
    expect(day('2026-03-01', 'America/New_York')).toEqual({ ok: true, ms: Date.UTC(2026, 2, 1, 5) });
    expect(day('2026-03-02', 'Asia/Kathmandu')).toEqual({ ok: true, ms: Date.UTC(2026, 2, 1, 18, 15) });
    // Havana's 2026-11-01 has two midnights: the day starts at the first.
    expect(day('2026-11-01', 'America/Havana')).toEqual({ ok: true, ms: Date.UTC(2026, 10, 1, 4) });
    // 2026-03-08 in Havana has none: it starts where the clock jumps to 01:00.
    expect(day('2026-03-08', 'America/Havana')).toEqual({ ok: true, ms: Date.UTC(2026, 2, 8, 5) });
  });

  it("writes a calendar's wall time as the instant it names in the view's zone, with that zone's offset", () => {
    expect(wallClockIso('2026-03-01T09:00', 'UTC')).toBe('2026-03-01T09:00:00Z');
    expect(wallClockIso('2026-03-01T09:00', 'Europe/Berlin')).toBe('2026-03-01T09:00:00+01:00');
    expect(wallClockIso('2026-07-01T09:00:30', 'Europe/Berlin')).toBe('2026-07-01T09:00:30+02:00');
    expect(wallClockIso('2026-03-01T09:00', 'Asia/Kathmandu')).toBe('2026-03-01T09:00:00+05:45');
    expect(wallClockIso('2026-03-01T09:00', 'America/St_Johns')).toBe('2026-03-01T09:00:00-03:30');
    // 02:30 does not exist in Berlin on 2026-03-29: the instant just after the jump, 03:30 CEST.
    expect(wallClockIso('2026-03-29T02:30', 'Europe/Berlin')).toBe('2026-03-29T03:30:00+02:00');
    expect(wallClockIso('', 'UTC')).toBe('');
    // A repeated hour names two instants: the first, east or west of Greenwich alike.
    expect(wallClockIso('2026-10-25T02:30', 'Europe/Berlin')).toBe('2026-10-25T02:30:00+02:00');
    expect(wallClockIso('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T01:30:00-04:00');
    // A fraction of a second is kept, as it is in UTC.
    expect(wallClockIso('2026-03-01T09:00:00.500', 'Europe/Berlin')).toBe('2026-03-01T09:00:00.500+01:00');
    expect(parseTimeExpression('2026-03-01T09:00:00.500+01:00', NOW, 'UTC')).toEqual({
      ok: true,
      ms: Date.UTC(2026, 2, 1, 8, 0, 0, 500),
    });
    for (const zone of ['UTC', 'Europe/Berlin', 'Asia/Kathmandu', 'America/St_Johns']) {
      const written = wallClockIso('2026-11-20T08:15', zone);
      expect(parseTimeExpression(written, NOW, zone).ok).toBe(true);
    }
  });

  it('reads a leap day', () => {
    expect(parseTimeExpression('2028-02-29', NOW, 'UTC')).toEqual({ ok: true, ms: Date.UTC(2028, 1, 29) });
  });

  it.each(['', 'yesterday', 'now-', 'now-5y', 'now-1d/x', '2026-13-45', '<script>', 'now-9999999d'])(
    'refuses %s with a problem',
    (text) => {
      const result = parseTimeExpression(text, NOW, 'UTC');
      expect(result.ok).toBe(false);
    },
  );

  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseTimeExpression(text, NOW, 'UTC');
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('hasRealDateFields', () => {
  it.each([
    ['2024-02-29T10:00:00Z', true],
    ['2000-02-29', true],
    ['2023-12-31T23:59:59.999+05:30', true],
    ['2026-11-30T12:00', true],
    ['2023-02-29T10:00:00Z', false],
    ['1900-02-29', false],
    ['2026-04-31T00:00:00Z', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-05-14T24:00:00Z', false],
    ['2026-05-14T23:60:00Z', false],
    ['2026-05-14T23:59:60Z', false],
    ['2026-5-14', false],
    ['x2026-05-14', false],
    ['', false],
  ])('%s → %s', (text, real) => {
    expect(hasRealDateFields(text)).toBe(real);
  });

  it('agrees with a round trip through Date for every well-formed instant', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 1970, max: 2199 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 60 }),
        (year, month, day, hour, minute) => {
          const text = `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:00Z`;
          const ms = Date.UTC(year, month - 1, day, hour, minute);
          const roundTrips = new Date(ms).toISOString().slice(0, 16) === text.slice(0, 16);
          expect(hasRealDateFields(text)).toBe(roundTrips);
        },
      ),
    );
  });
});
