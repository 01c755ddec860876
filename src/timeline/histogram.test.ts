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
    expect(histogram.totals).toHaveLength(25);
    expect(histogram.totals[0]).toBe(1);
    expect(histogram.totals[2]).toBe(1);
    expect(histogram.totals[24]).toBe(1);
    expect(histogram.series.get('contabo')?.[2]).toBe(1);
    expect(histogram.series.get('openai')?.reduce((a, b) => a + b)).toBe(2);
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
