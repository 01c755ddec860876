import { createStringKeys } from '../lib/string-keys.ts';
import type { AuditEvent } from './audit-event.ts';
import { compareNewestFirst } from './ordering.ts';

/**
 * The exact merge of DESIGN.md. Each feed delivers pages newest first; an event is shown only once it is
 * strictly newer than the watermark, the newest frontier (oldest loaded time) among feeds that may still
 * hold more. Shown rows are therefore always a prefix of the sorted union and never move.
 *
 * A feed that failed is left out of the watermark, so one failing provider does not blank the others; the
 * caller says loudly that its events are missing, and rebuilds the merge once it recovers.
 *
 * @example
 * const merge = createTimelineMerge(['a', 'b']);
 * merge.addPage('a', pageOfA, true);
 * merge.rows(); // only what is certain so far
 */
export interface TimelineMerge {
  /** Adds one page of a feed. `hasMore` false marks the feed exhausted. */
  addPage(source: string, events: readonly AuditEvent[], hasMore: boolean): PageResult;
  /** Leaves a feed out of (or back into) the watermark, e.g. while it is failing. */
  setFailed(source: string, failed: boolean): void;
  rows(): readonly AuditEvent[];
  /** Counts the times shown rows were changed other than by appending (a late event inserted). */
  generation(): number;
  /**
   * Adds events found after the rows were loaded (the "N newer events" bar), skipping any already loaded:
   * those newer than every shown row go on top; one that belongs among them (stamped in the boundary's
   * second, which whole-second APIs are asked again for) goes in its place, or waits in its feed's pending
   * rows when it is older than every shown row. Returns how many were added.
   */
  prepend(events: readonly AuditEvent[], feedOf: (event: AuditEvent) => string): number;
  /** Whether an event of this key was ever added. */
  has(key: string): boolean;
  /** The feed whose next page moves the watermark, or undefined when every healthy feed is exhausted. */
  watermarkFeed(): string | undefined;
  /** Time of the watermark: rows older than this wait for other feeds. -Infinity once all are exhausted. */
  watermark(): number;
  feed(source: string): FeedSummary;
}

export interface FeedSummary {
  loaded: number;
  /** Loaded events not shown yet: not newer than the watermark, they wait for another feed's older pages. */
  waiting: number;
  hasMore: boolean;
  /** Oldest loaded event time, or +Infinity before the first page. */
  frontier: number;
  duplicatesDropped: number;
  orderViolations: number;
}

export interface PageResult {
  appended: number;
  duplicates: number;
  /** The page was not newest-first, or started newer than the feed's previous page ended. */
  orderViolation: boolean;
}

interface FeedState {
  /** Events not yet shown, newest first, from `head` on (a moving start instead of copying on release). */
  pending: AuditEvent[];
  head: number;
  loaded: number;
  hasMore: boolean;
  started: boolean;
  failed: boolean;
  frontier: number;
  duplicatesDropped: number;
  orderViolations: number;
}

export function createTimelineMerge(sources: readonly string[]): TimelineMerge {
  const feeds = new Map<string, FeedState>(
    sources.map((source) => [
      source,
      {
        pending: [],
        head: 0,
        loaded: 0,
        hasMore: true,
        started: false,
        failed: false,
        frontier: Infinity,
        duplicatesDropped: 0,
        orderViolations: 0,
      },
    ]),
  );
  // Not a Set: see string-keys.ts (a Set would put every event key in V8's string table).
  const seen = createStringKeys(1024);
  const shown: AuditEvent[] = [];
  let generation = 0;

  const state = (source: string): FeedState => {
    const feed = feeds.get(source);
    if (!feed) throw new Error(`unknown feed ${source}`);
    return feed;
  };

  const watermark = (): number => {
    let mark = -Infinity;
    for (const feed of feeds.values()) {
      if (feed.failed || !feed.hasMore) continue;
      mark = Math.max(mark, feed.frontier);
    }
    return mark;
  };

  const release = (): number => {
    const mark = watermark();
    const ready: AuditEvent[] = [];
    for (const feed of feeds.values()) {
      const start = feed.head;
      while (feed.head < feed.pending.length && (feed.pending[feed.head] as AuditEvent).time > mark)
        ready.push(feed.pending[feed.head++] as AuditEvent);
      if (feed.head === start) continue;
      if (feed.head === feed.pending.length) {
        feed.pending = [];
        feed.head = 0;
      } else if (feed.head > 4096 && feed.head * 2 > feed.pending.length) {
        feed.pending = feed.pending.slice(feed.head);
        feed.head = 0;
      }
    }
    if (ready.length === 0) return 0;
    // One feed's events are already in order; only events from several feeds need sorting.
    if (!isSorted(ready)) ready.sort(compareNewestFirst);
    for (const event of ready) shown.push(event);
    return ready.length;
  };

  return {
    addPage(source, events, hasMore) {
      const feed = state(source);
      let duplicates = 0;
      let orderViolation = false;
      let previous = feed.frontier;
      const fresh: AuditEvent[] = [];
      for (const event of events) {
        if (event.time > previous) orderViolation = true;
        previous = event.time;
        // One lookup instead of has + add: a key already seen leaves the size unchanged.
        const before = seen.size;
        seen.add(event.key);
        if (seen.size === before) {
          duplicates++;
          continue;
        }
        fresh.push(event);
      }
      const lastShown = shown[shown.length - 1];
      const late = lastShown ? fresh.filter((event) => compareNewestFirst(event, lastShown) < 0) : [];
      if (late.length) {
        // Something that belongs among shown rows: a feed that broke its own order (counted above, against
        // its own oldest event), or one that failed, so the rows went on without it, and is back.
        generation++;
        for (const event of late) shown.splice(lowerBound(shown, event), 0, event);
      }
      const rest = late.length ? fresh.filter((event) => !late.includes(event)) : fresh;
      // A page normally continues its feed's order: append it. Only a feed out of order needs a sort.
      const sortedRest = isSorted(rest) ? rest : [...rest].sort(compareNewestFirst);
      const lastPending = feed.pending[feed.pending.length - 1];
      const first = sortedRest[0];
      if (
        feed.head < feed.pending.length &&
        lastPending &&
        first &&
        compareNewestFirst(lastPending, first) > 0
      ) {
        feed.pending = feed.pending.slice(feed.head).concat(sortedRest).sort(compareNewestFirst);
        feed.head = 0;
      } else {
        for (const event of sortedRest) feed.pending.push(event);
      }
      feed.loaded += fresh.length;
      feed.started = true;
      feed.hasMore = hasMore;
      for (const event of fresh) feed.frontier = Math.min(feed.frontier, event.time);
      feed.duplicatesDropped += duplicates;
      if (orderViolation) feed.orderViolations++;
      return { appended: release() + late.length, duplicates, orderViolation };
    },
    setFailed(source, failed) {
      state(source).failed = failed;
      release();
    },
    rows: () => shown,
    generation: () => generation,
    prepend(events, feedOf) {
      const fresh = events.filter((event) => seen.indexOf(event.key) < 0);
      if (fresh.length === 0) return 0;
      fresh.sort(compareNewestFirst);
      const top = shown[0];
      const last = shown[shown.length - 1];
      // Newest first, the events newer than every shown row are a prefix. With no row shown yet there is
      // no such prefix: rows still pending (a feed's first page late) may be newer, so every event waits
      // in its feed's pending rows, and the release orders them all.
      let newer = 0;
      while (top && newer < fresh.length && compareNewestFirst(fresh[newer] as AuditEvent, top) < 0) newer++;
      for (const event of fresh) {
        seen.add(event.key);
        const feed = feeds.get(feedOf(event));
        if (feed) feed.loaded++;
      }
      for (const event of fresh.slice(newer)) {
        const feed = feeds.get(feedOf(event));
        if (feed && (!last || compareNewestFirst(event, last) > 0)) {
          // Older than every shown row: shown in order once the watermark passes it, like its feed's own.
          feed.pending.splice(feed.head + lowerBound(feed.pending.slice(feed.head), event), 0, event);
        } else {
          shown.splice(lowerBound(shown, event), 0, event);
        }
      }
      shown.unshift(...fresh.slice(0, newer));
      release();
      generation++;
      return fresh.length;
    },
    has: (key) => seen.indexOf(key) >= 0,
    watermark,
    watermarkFeed() {
      let best: string | undefined;
      let bestFrontier = -Infinity;
      for (const [source, feed] of feeds) {
        if (feed.failed || !feed.hasMore) continue;
        if (best === undefined || feed.frontier > bestFrontier) {
          best = source;
          bestFrontier = feed.frontier;
        }
      }
      return best;
    },
    feed(source) {
      const feed = state(source);
      return {
        loaded: feed.loaded,
        waiting: feed.pending.length - feed.head,
        hasMore: feed.hasMore,
        frontier: feed.frontier,
        duplicatesDropped: feed.duplicatesDropped,
        orderViolations: feed.orderViolations,
      };
    },
  };
}

function isSorted(events: readonly AuditEvent[]): boolean {
  for (let i = 1; i < events.length; i++)
    if (compareNewestFirst(events[i - 1] as AuditEvent, events[i] as AuditEvent) > 0) return false;
  return true;
}

function lowerBound(rows: readonly AuditEvent[], event: AuditEvent): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareNewestFirst(rows[mid] as AuditEvent, event) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
