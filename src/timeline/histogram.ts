import type { AuditEvent } from './audit-event.ts';
import type { TimeRange } from './feed.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Bucket widths a person reads at a glance, smallest first. */
export const HISTOGRAM_STEPS: readonly number[] = [
  SECOND,
  5 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  7 * DAY,
];

/** Event counts per time bucket, oldest bucket first, in total and per series (e.g. per provider). */
export interface TimeHistogram {
  /** Start of the first bucket: the range's start rounded down to a whole step (UTC). */
  start: number;
  step: number;
  totals: number[];
  series: Map<string, number[]>;
}

/**
 * The smallest readable step that covers the span in at most `maxBuckets` buckets.
 *
 * @example histogramStep(24 * 3_600_000, 100) // 900_000 (15 minutes: 96 buckets)
 */
export function histogramStep(spanMs: number, maxBuckets = 120): number {
  for (const step of HISTOGRAM_STEPS) if (Math.ceil(spanMs / step) <= maxBuckets) return step;
  const week = HISTOGRAM_STEPS[HISTOGRAM_STEPS.length - 1] ?? 7 * DAY;
  return Math.ceil(spanMs / maxBuckets / week) * week;
}

/**
 * Counts events per bucket over the range (events outside it are left out), in one pass with no
 * allocation per event. `seriesOf` splits each bucket, e.g. by provider for a stacked chart.
 *
 * @example
 * const h = timeHistogram(rows, { from, to }, { seriesOf: (event) => event.provider });
 * h.totals[0] // events in the oldest bucket
 */
export function timeHistogram(
  events: readonly AuditEvent[],
  range: TimeRange,
  options: { maxBuckets?: number; seriesOf?: (event: AuditEvent) => string } = {},
): TimeHistogram {
  const step = histogramStep(Math.max(1, range.to - range.from), options.maxBuckets);
  const start = Math.floor(range.from / step) * step;
  const count = Math.max(1, Math.floor((range.to - start) / step) + 1);
  // Typed counters: no holes, no boxing, and no allocation per event.
  const totals = new Uint32Array(count);
  const counters = new Map<string, Uint32Array>();
  const { seriesOf } = options;
  let lastName: string | undefined;
  let lastCounts: Uint32Array | undefined;
  for (const event of events) {
    const time = event.time;
    if (time < range.from || time > range.to) continue;
    const index = Math.floor((time - start) / step);
    totals[index] = (totals[index] ?? 0) + 1;
    if (!seriesOf) continue;
    const name = seriesOf(event);
    if (name !== lastName || !lastCounts) {
      lastName = name;
      lastCounts = counters.get(name);
      if (!lastCounts) {
        lastCounts = new Uint32Array(count);
        counters.set(name, lastCounts);
      }
    }
    lastCounts[index] = (lastCounts[index] ?? 0) + 1;
  }
  const series = new Map<string, number[]>();
  for (const [name, counts] of counters) series.set(name, Array.from(counts));
  return { start, step, totals: Array.from(totals), series };
}
