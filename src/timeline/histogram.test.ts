import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditEvent, ProviderId } from './audit-event.ts';
import { HISTOGRAM_STEPS, histogramStep, timeHistogram } from './histogram.ts';

const HOUR = 3_600_000;
const FROM = Date.parse('2026-11-19T12:00:00Z');
const TO = FROM + 24 * HOUR;

function event(time: number, provider: ProviderId = 'openai'): AuditEvent {
  return {
    key: `openai.audit_logs:${time}`,
    provider,
    source: 'openai.audit_logs',
    time,
    action: 'login.succeeded',
    category: 'authentication',
    outcome: 'success',
    actor: {},
    target: {},
    scope: {},
    summary: 'x',
    demo: true,
    raw: {},
  };
}

describe('histogramStep', () => {
  it('picks the smallest readable step within the bucket budget', () => {
    expect(histogramStep(24 * HOUR, 100)).toBe(15 * 60_000);
    expect(histogramStep(30 * 24 * HOUR, 120)).toBe(6 * HOUR);
    expect(histogramStep(10_000, 120)).toBe(1000);
  });

  it('never exceeds the budget, however long the span', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e13 }), fc.integer({ min: 1, max: 500 }), (span, max) => {
        expect(Math.ceil(span / histogramStep(span, max))).toBeLessThanOrEqual(max);
      }),
    );
  });

  it('offers steps in increasing order', () => {
    expect([...HISTOGRAM_STEPS].sort((a, b) => a - b)).toEqual(HISTOGRAM_STEPS);
  });
});

describe('timeHistogram', () => {
  it('counts each event in range in its bucket, split by series', () => {
    const histogram = timeHistogram(
      [event(TO), event(FROM + 2 * HOUR + 1, 'contabo'), event(FROM), event(FROM - 1), event(TO + 1)],
      { from: FROM, to: TO },
      { maxBuckets: 24, seriesOf: (e) => e.provider },
    );
    expect(histogram.step).toBe(HOUR);
    expect(histogram.start).toBe(FROM);
    // The range's end belongs to the last bucket: no bucket lies beyond it.
    expect(histogram.totals).toHaveLength(24);
    expect(histogram.edges).toHaveLength(25);
    expect(histogram.edges[24]).toBe(TO);
    expect(histogram.totals[0]).toBe(1);
    expect(histogram.totals[2]).toBe(1);
    expect(histogram.totals[23]).toBe(1);
    expect(histogram.series.get('contabo')?.[2]).toBe(1);
    expect(histogram.series.get('openai')?.reduce((a, b) => a + b)).toBe(2);
  });

  it('starts day bars at midnight in the view time zone, 23 hours long on a spring-forward day', () => {
    const from = Date.parse('2026-03-27T04:00:00Z'); // 00:00 in New York (EDT since 8 March)
    const berlin = timeHistogram(
      [],
      { from, to: from + 4 * 24 * HOUR },
      { maxBuckets: 5, timeZone: 'Europe/Berlin' },
    );
    expect(berlin.step).toBe(24 * HOUR);
    expect(berlin.edges.map((edge) => new Date(edge).toISOString())).toEqual([
      '2026-03-26T23:00:00.000Z', // midnight CET
      '2026-03-27T23:00:00.000Z',
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T22:00:00.000Z', // 29 March had 23 hours: midnight CEST
      '2026-03-30T22:00:00.000Z',
      '2026-03-31T22:00:00.000Z',
    ]);
    const newYork = timeHistogram(
      [],
      { from, to: from + 2 * 24 * HOUR },
      { maxBuckets: 5, timeZone: 'America/New_York' },
    );
    expect(newYork.edges[0]).toBe(from);
  });

  it('starts week bars on Monday in the view time zone, and hours on its clock', () => {
    const thursday = Date.parse('2024-02-08T12:00:00Z');
    const weeks = timeHistogram(
      [],
      { from: thursday, to: thursday + 60 * 24 * HOUR },
      { maxBuckets: 10, timeZone: 'UTC' },
    );
    expect(weeks.step).toBe(7 * 24 * HOUR);
    expect(new Date(weeks.start).toISOString()).toBe('2024-02-05T00:00:00.000Z');
    const kolkata = timeHistogram(
      [],
      { from: FROM, to: FROM + 24 * HOUR },
      { maxBuckets: 24, timeZone: 'Asia/Kolkata' },
    );
    // 12:00 UTC is 17:30 in Kolkata: the first hour bar starts at 17:00 there.
    expect(new Date(kolkata.start).toISOString()).toBe('2026-11-19T11:30:00.000Z');
  });

  it('keeps 3-, 6- and 12-hour bars on multiples of the step on the local clock across a DST change', () => {
    const localHour = (ms: number, timeZone: string) =>
      Number(
        new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
          .format(ms)
          .replace(':', '.'),
      );
    for (const [timeZone, from, to, buckets] of [
      ['America/New_York', '2026-10-28T04:00:00Z', '2026-11-07T05:00:00Z', 90],
      ['Europe/Berlin', '2026-03-20T00:00:00Z', '2026-04-05T00:00:00Z', 70],
      ['Australia/Lord_Howe', '2026-03-30T00:00:00Z', '2026-04-30T00:00:00Z', 70],
    ] as const) {
      const range = { from: Date.parse(from), to: Date.parse(to) };
      const histogram = timeHistogram([], range, { maxBuckets: buckets, timeZone });
      const stepHours = histogram.step / HOUR;
      expect([3, 6, 12]).toContain(stepHours);
      for (const edge of histogram.edges)
        expect(localHour(edge, timeZone) % stepHours, `${timeZone} ${new Date(edge).toISOString()}`).toBe(0);
    }
  });

  it('starts a multi-hour grid on the local clock when a DST change lies before the first edge, and resumes after a skipped midnight', () => {
    const local = (ms: number, timeZone: string) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone,
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(ms);
    const from = Date.parse('2026-03-08T07:30:00Z'); // 03:30 EDT, the first edge at 00:00 EST
    const newYork = timeHistogram(
      [],
      { from, to: from + 30 * 24 * HOUR },
      { maxBuckets: 130, timeZone: 'America/New_York' },
    );
    expect(newYork.step).toBe(6 * HOUR);
    expect(local(newYork.edges[0]!, 'America/New_York')).toBe('08, 00:00');
    expect(newYork.edges[0]).toBeLessThanOrEqual(from);
    // Santiago's clock leaps from 00:00 to 01:00 on 6 September 2026: the bar resumes at 01:00, not 23:00.
    const start = Date.parse('2026-09-05T12:00:00Z');
    const santiago = timeHistogram(
      [],
      { from: start, to: start + 5 * 24 * HOUR },
      { maxBuckets: 45, timeZone: 'America/Santiago' },
    );
    const edges = santiago.edges.map((edge) => local(edge, 'America/Santiago'));
    expect(edges).toContain('06, 01:00');
    expect(edges.filter((edge) => edge.endsWith('23:00'))).toEqual([]);
  });

  it('puts every instant in the bucket whose edges hold it, in any zone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 0, 1) }),
        fc.integer({ min: 1, max: 400 * 24 * HOUR }),
        fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }),
        (from, span, timeZone, places) => {
          const range = { from, to: from + span };
          const times = places.map((place) => Math.round(from + place * span));
          const histogram = timeHistogram(
            times.map((time) => event(time)),
            range,
            { maxBuckets: 120, timeZone },
          );
          const { edges, totals } = histogram;
          expect(edges[0]).toBeLessThanOrEqual(from);
          expect(edges[edges.length - 1]).toBeGreaterThanOrEqual(range.to);
          expect(edges[edges.length - 2]).toBeLessThan(range.to);
          for (let at = 1; at < edges.length; at++)
            expect(edges[at]).toBeGreaterThan(edges[at - 1] as number);
          const expected = totals.map(() => 0);
          for (const time of times) {
            const at = edges.findIndex(
              (edge, i) => time >= edge && (time < (edges[i + 1] as number) || i === edges.length - 2),
            );
            expected[at] = (expected[at] ?? 0) + 1;
          }
          expect(totals).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('loses no event in range and counts none outside', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: FROM - HOUR, max: TO + HOUR })),
        fc.integer({ min: 1, max: 200 }),
        (times, max) => {
          const histogram = timeHistogram(
            times.map((time) => event(time)),
            { from: FROM, to: TO },
            { maxBuckets: max },
          );
          const inRange = times.filter((time) => time >= FROM && time <= TO).length;
          expect(histogram.totals.reduce((a, b) => a + b, 0)).toBe(inRange);
          expect(histogram.totals.every((count) => Number.isInteger(count))).toBe(true);
        },
      ),
    );
  });
});
