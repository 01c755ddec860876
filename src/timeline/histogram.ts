import { startOf, zoneOffsetMs } from '../lib/time-expression.ts';
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
  /** Start of the first bucket: the range's start rounded down to a whole step in the view's time zone. */
  start: number;
  /** The nominal bucket width; a day or week bucket across a DST change is an hour shorter or longer. */
  step: number;
  /** Bucket i spans `[edges[i], edges[i + 1])`, the last one up to and including the range's end. */
  edges: number[];
  /** The range counted (both ends included): the first bucket may start before it, the last end after. */
  range: TimeRange;
  totals: number[];
  series: Map<string, number[]>;
}

/** Where a histogram's buckets start and end; `bucketOf` finds an instant's bucket among them. */
export interface HistogramBuckets {
  start: number;
  step: number;
  /** One more than the buckets: bucket i spans `[edges[i], edges[i + 1])`. */
  edges: Float64Array;
  count: number;
  /** Every bucket is `step` long (no DST change in range): an instant's bucket is plain arithmetic. */
  even: boolean;
}

/**
 * The buckets over `range`, on the boundaries a person in `timeZone` reads: hours, days and (Monday) weeks
 * start on the local clock, so a day bar in New York runs from midnight to midnight there, and a day across
 * a DST change is 23 or 25 hours, and 3, 6 and 12 hours stay on multiples of the step there. Steps up to an
 * hour are even, aligned to the local clock at the range's start. The last bucket ends at or after the range's end, which it includes: no bucket lies beyond it.
 */
export function histogramBuckets(
  range: TimeRange,
  maxBuckets: number | undefined,
  timeZone: string,
): HistogramBuckets {
  const step = histogramStep(Math.max(1, range.to - range.from), maxBuckets);
  const edges: number[] = [];
  if (step <= HOUR) {
    // An even grid aligned to the local clock at the range's start. (Placing each edge by its own offset
    // was tried: a fall-back hour then had no edge, one bar took an extra hour, and a range opening in the
    // repeated hour started its first bar late.)
    const offset = zoneOffsetMs(range.from, timeZone);
    const start = Math.floor((range.from + offset) / step) * step - offset;
    const count = Math.max(1, Math.ceil((range.to - start) / step));
    for (let at = 0; at <= count; at++) edges.push(start + at * step);
  } else if (step < DAY) {
    // 3, 6 or 12 hours: each edge at a multiple of the step on the local clock, so bars keep reading
    // 00:00–03:00 after a DST change instead of drifting to 23:00–02:00 (the bar across the change is an
    // hour shorter or longer).
    let wall = Math.floor((range.from + zoneOffsetMs(range.from, timeZone)) / step) * step;
    // The first edge by the offset at its own wall time (a change may lie between it and the range's start).
    let edge = Math.min(range.from, instantOfWallClock(wall, timeZone));
    edges.push(edge);
    while (edge < range.to) {
      wall += step;
      const next = instantOfWallClock(wall, timeZone);
      // A wall time the clock skips or repeats can map at or before the last edge: the next one follows.
      if (next <= edge) continue;
      edge = next;
      edges.push(edge);
    }
  } else {
    // Whole days or weeks: each next edge is the local midnight `days` later (noon, then rounded down,
    // lands on the right day whether the day between has 23, 24 or 25 hours).
    const days = Math.round(step / DAY);
    let edge = startOf(range.from, step % (7 * DAY) === 0 ? 'w' : 'd', timeZone);
    edges.push(edge);
    do {
      edge = startOf(edge + days * DAY + DAY / 2, 'd', timeZone);
      edges.push(edge);
    } while (edge < range.to);
  }
  const start = edges[0] as number;
  const even = edges.every((edge, at) => edge === start + at * step);
  return { start, step, edges: Float64Array.from(edges), count: edges.length - 1, even };
}

/**
 * The instant a wall-clock time (read as UTC) names in `timeZone`. A time the clock skips (a midnight some
 * zones leap over) names the instant the clock resumes, never one before the gap.
 */
function instantOfWallClock(wall: number, timeZone: string): number {
  const guess = wall - zoneOffsetMs(wall, timeZone);
  const instant = wall - zoneOffsetMs(guess, timeZone);
  if (instant + zoneOffsetMs(instant, timeZone) === wall) return instant;
  // In a gap: both readings miss; the later of the two is where the clock resumes past it.
  return Math.max(guess, instant, wall - zoneOffsetMs(instant, timeZone));
}

/** The bucket of an instant in range: arithmetic on the even grid, corrected where edges are uneven. */
export function bucketOf(buckets: HistogramBuckets, time: number): number {
  const { edges, count } = buckets;
  let at = Math.min(count - 1, Math.max(0, Math.floor((time - buckets.start) / buckets.step)));
  if (buckets.even) return at;
  while (at > 0 && time < (edges[at] as number)) at--;
  while (at < count - 1 && time >= (edges[at + 1] as number)) at++;
  return at;
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
  options: { maxBuckets?: number; seriesOf?: (event: AuditEvent) => string; timeZone?: string } = {},
): TimeHistogram {
  const buckets = histogramBuckets(range, options.maxBuckets, options.timeZone ?? 'UTC');
  const { count } = buckets;
  // Typed counters: no holes, no boxing, and no allocation per event.
  const totals = new Uint32Array(count);
  const counters = new Map<string, Uint32Array>();
  const { seriesOf } = options;
  let lastName: string | undefined;
  let lastCounts: Uint32Array | undefined;
  for (const event of events) {
    const time = event.time;
    if (time < range.from || time > range.to) continue;
    const index = bucketOf(buckets, time);
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
  return histogramResult(buckets, range, totals, series);
}

export function histogramResult(
  buckets: HistogramBuckets,
  range: TimeRange,
  totals: Uint32Array,
  series: Map<string, number[]>,
): TimeHistogram {
  return {
    start: buckets.start,
    step: buckets.step,
    edges: Array.from(buckets.edges),
    range: { from: range.from, to: range.to },
    totals: Array.from(totals),
    series,
  };
}
