import { describe, expect, it } from 'vitest';
import { chartBuckets, chartSummary } from './chart-data.ts';

describe('activity chart data', () => {
  const histogram = {
    start: 0,
    step: 60_000,
    edges: [0, 60_000, 120_000, 180_000],
    range: { from: 0, to: 180_000 },
    totals: [3, 0, 5],
    series: new Map([
      ['openai', [1, 0, 5]],
      ['contabo', [2, 0, 0]],
    ]),
  };

  it('turns the histogram into stacked buckets whose parts add up', () => {
    const buckets = chartBuckets(histogram);
    expect(buckets).toEqual([
      {
        start: 0,
        end: 60_000,
        zoomFrom: 0,
        zoomTo: 59_999,
        shownFrom: 0,
        shownTo: 60_000,
        total: 3,
        openai: 1,
        contabo: 2,
      },
      {
        start: 60_000,
        end: 120_000,
        zoomFrom: 60_000,
        zoomTo: 119_999,
        shownFrom: 60_000,
        shownTo: 120_000,
        total: 0,
        openai: 0,
        contabo: 0,
      },
      {
        start: 120_000,
        end: 180_000,
        zoomFrom: 120_000,
        zoomTo: 180_000,
        shownFrom: 120_000,
        shownTo: 180_000,
        total: 5,
        openai: 5,
        contabo: 0,
      },
    ]);
    for (const bucket of buckets) expect((bucket.openai ?? 0) + (bucket.contabo ?? 0)).toBe(bucket.total);
  });

  it('takes each bucket from its own edges (a day across a DST change is not 24 hours)', () => {
    const uneven = { ...histogram, step: 86_400_000, edges: [0, 82_800_000, 169_200_000, 255_600_000] };
    expect(chartBuckets(uneven).map(({ start, end }) => [start, end])).toEqual([
      [0, 82_800_000],
      [82_800_000, 169_200_000],
      [169_200_000, 255_600_000],
    ]);
  });

  it('zooms a bar to exactly the instants it counts: within the range, its end left to the next bar', () => {
    // Last 24 h at 10:07:33: the first 15-minute bar starts at 10:00, before the range.
    const from = Date.parse('2026-11-19T10:07:33Z');
    const to = from + 86_400_000;
    const edges = Array.from({ length: 98 }, (_, at) => Date.parse('2026-11-19T10:00:00Z') + at * 900_000);
    const buckets = chartBuckets({
      start: edges[0]!,
      step: 900_000,
      edges,
      range: { from, to },
      totals: edges.slice(1).map(() => 1),
      series: new Map(),
    });
    expect(buckets[0]).toMatchObject({ zoomFrom: from, zoomTo: Date.parse('2026-11-19T10:14:59.999Z') });
    expect(buckets[1]?.zoomFrom).toBe(Date.parse('2026-11-19T10:15:00Z'));
    expect(buckets[buckets.length - 1]?.zoomTo).toBe(to);
    // Labelled with the part of the range each edge bar covers, not its whole step.
    expect(buckets[0]).toMatchObject({ shownFrom: from, shownTo: Date.parse('2026-11-19T10:15:00Z') });
    expect(buckets[buckets.length - 1]?.shownTo).toBe(to);
    expect(chartSummary(buckets, (ms) => new Date(ms).toISOString())).toMatch(
      /^97 events from 2026-11-19T10:07:33.000Z to 2026-11-20T10:07:33.000Z;/,
    );
  });

  it('summarises the span, the total and the busiest bucket', () => {
    expect(chartSummary(chartBuckets(histogram), (ms) => `t${ms / 60_000}`)).toBe(
      '8 events from t0 to t3; busiest: 5 from t2.',
    );
    expect(chartSummary([], String)).toBe('No events in this range.');
  });
});
