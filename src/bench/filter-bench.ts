import type { AuditEvent } from '../timeline/audit-event.ts';
import { createEventIndex, type EventIndex } from '../timeline/event-index.ts';
import { countFacets, FACET_FIELDS } from '../timeline/facets.ts';
import type { TimeRange } from '../timeline/feed.ts';
import type { EventField, EventFilter } from '../timeline/filter.ts';
import { median, quantile } from './stats.ts';

export interface FilterResult {
  p95Ms: number;
  medianMs: number;
  maxMs: number;
  changes: number;
  events: number;
}

function include(field: EventField, value: string): EventFilter {
  return { field, value, exclude: false, disabled: false };
}

function exclude(field: EventField, value: string): EventFilter {
  return { field, value, exclude: true, disabled: false };
}

/**
 * A session of filter changes a person might make, built from the values the events really hold: click a
 * facet value, add a second field, exclude a value, use a prefix, disable a pill, clear everything.
 */
export function filterSession(events: readonly AuditEvent[], changes: number): EventFilter[][] {
  const facets = countFacets(events.slice(0, 20_000), FACET_FIELDS);
  const top = (field: EventField, rank = 0): string => facets.get(field)?.[rank]?.value ?? 'none';
  const steps: EventFilter[][] = [
    [include('provider', top('provider'))],
    [include('provider', top('provider')), include('outcome', 'failure')],
    [include('outcome', 'failure')],
    [include('category', 'authentication')],
    [include('category', 'authentication'), exclude('provider', top('provider', 1))],
    [include('actor', top('actor'))],
    [include('actor', top('actor')), include('actor', top('actor', 1))],
    [include('action', `${top('action').slice(0, 4)}*`)],
    [exclude('outcome', 'success')],
    [include('ip', top('ip'))],
    [include('target.type', top('target.type'))],
    [include('org', top('org')), include('space', top('space'))],
    [{ ...include('provider', top('provider')), disabled: true }],
    [],
    [include('source', top('source', 2))],
    [include('project', top('project'))],
  ];
  return Array.from({ length: changes }, (_, index) => steps[index % steps.length] ?? []);
}

/**
 * What the timeline recomputes after one filter change, as the view does it: the selected rows, every facet
 * count and the histogram, from the event index (built as pages arrive, so outside the clock).
 */
export function applyFilterChange(index: EventIndex, filters: readonly EventFilter[], range: TimeRange) {
  const selection = index.select(filters);
  const facets = index.facets(selection, FACET_FIELDS);
  const histogram = index.histogram(selection, range);
  return { rows: selection?.length ?? index.size, facets, histogram };
}

/** A pause between two changes, as between a person's clicks. */
const IDLE_MS = 50;
const idle = () => new Promise((resolve) => setTimeout(resolve, IDLE_MS));

/**
 * Benchmark 2: the time of each filter change over `events`, p95 over the session. `gc` (when exposed)
 * runs between changes, so one change's garbage does not land on the next one's clock; then a short idle
 * pause lets the collector finish sweeping in the background, as it does between clicks. (Timing a change
 * right after a forced full collection charges it the sweep of the whole heap: that doubled the p95.)
 */
export async function benchFilter(
  events: readonly AuditEvent[],
  range: TimeRange,
  options: { changes: number; gc?: () => void },
): Promise<FilterResult> {
  const session = filterSession(events, options.changes);
  const index = createEventIndex();
  index.sync(events);
  for (const filters of session.slice(0, 3)) applyFilterChange(index, filters, range);
  const times: number[] = [];
  let sink = 0;
  for (const filters of session) {
    options.gc?.();
    await idle();
    const started = performance.now();
    const { rows, facets, histogram } = applyFilterChange(index, filters, range);
    times.push(performance.now() - started);
    sink += rows + facets.size + histogram.totals.length;
  }
  if (sink < 0) throw new Error('unreachable');
  return {
    p95Ms: quantile(times, 0.95),
    medianMs: median(times),
    maxMs: Math.max(...times),
    changes: times.length,
    events: events.length,
  };
}
