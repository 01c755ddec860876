import { describe, expect, it } from 'vitest';
import { resolveQuery } from './resolve-query.ts';

const NOW = Date.UTC(2026, 10, 24, 15);
const HOUR = 3_600_000;
const LAST_24_HOURS = { range: { from: NOW - 24 * HOUR, to: NOW } };

describe('resolveQuery', () => {
  it('resolves the view range at the moment the query starts, the end clamped to now', () => {
    expect(resolveQuery({ from: 'now-6h', to: 'now+1h', tz: 'UTC' }, NOW)).toEqual({
      query: { range: { from: NOW - 6 * HOUR, to: NOW } },
    });
  });

  it.each([
    ['an end before the start', { from: 'now-24h', to: 'now-1d' }, /range now-24h to now-1d is empty/],
    ['a range wholly in the future', { from: 'now+1h', to: 'now+2h' }, /range now\+1h to now\+2h is empty/],
    ['a time that is not one', { from: 'yesterday', to: 'now' }, /^from “yesterday”: not a time/],
    [
      "Grafana's “Today” (a rounded end, which rounds to the start here)",
      { from: 'now/d', to: 'now/d' },
      /is empty: .*\(a rounded “to” is the start of its day: for all of it, end at the next one, as “Yesterday” ends at now\/d\)/,
    ],
  ])('reports %s and runs the last 24 hours instead of nothing', (_, range, problem) => {
    const resolved = resolveQuery({ ...range, tz: 'UTC' }, NOW);
    expect(resolved.query).toEqual(LAST_24_HOURS);
    expect(resolved.problem).toMatch(problem);
    expect(resolved.problem).toMatch(/showing the last 24 hours instead$/);
  });
});
