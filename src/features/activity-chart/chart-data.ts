import type { TimeHistogram } from '../../timeline/histogram.ts';

export interface ChartBucket {
  /** Bucket start, epoch ms. */
  start: number;
  end: number;
  /**
   * The range a click on the bar narrows to, both ends included like every range: exactly the instants
   * the bar counts (its part of the range; up to 1 ms before the next bar, or the range's end for the last).
   */
  zoomFrom: number;
  zoomTo: number;
  /** The bar's part of the range, as its label says: a first or last bar may cover less than a step. */
  shownFrom: number;
  shownTo: number;
  total: number;
  /** Events per provider id in this bucket. */
  [provider: string]: number;
}

/**
 * The histogram as rows a stacked bar chart reads, oldest bucket first.
 *
 * @example chartBuckets({ start: 0, step: 60_000, edges: [0, 60_000], totals: [2], series: new Map([['openai', [2]]]) })
 * // → [{ start: 0, end: 60_000, total: 2, openai: 2 }]
 */
export function chartBuckets(histogram: TimeHistogram): ChartBucket[] {
  return histogram.totals.map((total, index) => {
    // One more edge than buckets: bucket i spans edges i to i + 1.
    const start = histogram.edges[index] as number;
    const end = histogram.edges[index + 1] as number;
    const last = index === histogram.totals.length - 1;
    const { range } = histogram;
    const zoomFrom = Math.max(start, range.from);
    const zoomTo = last ? range.to : Math.min(end - 1, range.to);
    const shownTo = Math.min(end, range.to);
    const bucket: ChartBucket = { start, end, zoomFrom, zoomTo, shownFrom: zoomFrom, shownTo, total };
    for (const [provider, counts] of histogram.series) bucket[provider] = counts[index] ?? 0;
    return bucket;
  });
}

/** One sentence for screen readers: the span, the total and the busiest bucket. */
export function chartSummary(buckets: readonly ChartBucket[], format: (ms: number) => string): string {
  const total = buckets.reduce((sum, bucket) => sum + bucket.total, 0);
  if (buckets.length === 0 || total === 0) return 'No events in this range.';
  const busiest = buckets.reduce((best, bucket) => (bucket.total > best.total ? bucket : best));
  const numbers = new Intl.NumberFormat('en-US');
  const count = (value: number) => numbers.format(value);
  return `${count(total)} events from ${format(buckets[0]?.shownFrom ?? 0)} to ${format(buckets[buckets.length - 1]?.shownTo ?? 0)}; busiest: ${count(busiest.total)} from ${format(busiest.shownFrom)}.`;
}
