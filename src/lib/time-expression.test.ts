import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimeExpression, startOf } from './time-expression.ts';

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
