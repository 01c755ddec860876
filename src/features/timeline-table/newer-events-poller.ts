import { ProviderError } from '../../lib/provider-error.ts';
import type { AuditEvent } from '../../timeline/audit-event.ts';
import type { ProviderFeed, PushdownFilters, TimelineQuery } from '../../timeline/feed.ts';
import { compareNewestFirst } from '../../timeline/ordering.ts';

export interface NewerSnapshot {
  /** Distinct newer events that `take()` would return now (all found ones when capped). */
  count: number;
  /** Some feed had more pages than the poller reads, so `count` is a lower bound ("N+ newer"). */
  capped: boolean;
  /** The check time of the last finished poll, or null before the first. */
  checkedAt: number | null;
  /** Feeds whose last poll failed; they are asked again at the next interval. */
  failures: readonly { feedId: string; message: string }[];
}

/** Newer events to apply, the bound they reach, their feeds, and each feed's possible gaps among them. */
export interface NewerBatch {
  events: AuditEvent[];
  until: number;
  feedOf: ReadonlyMap<string, string>;
  warnings: ReadonlyMap<string, readonly string[]>;
}

export interface NewerEventsPollerOptions {
  feeds: readonly { feed: ProviderFeed; demo: boolean }[];
  /**
   * The query's pinned upper bound, epoch ms: events newer than it count, and so do events at or before
   * it that `isLoaded` does not know (see `boundaryOf`).
   */
  since: number;
  /** Whether the timeline holds an event already (by key); by default every event up to `since` is. */
  isLoaded?: (key: string) => boolean;
  filters?: PushdownFilters;
  /**
   * The browser-side filter of the view: the count says how many of the newer events the user will see.
   * Every newer event is still applied (a cleared filter must not find a hole in the timeline).
   */
  matches?: (event: AuditEvent) => boolean;
  now?: () => number;
  intervalMs?: number;
  maxPagesPerFeed?: number;
  isVisible?: () => boolean;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface NewerEventsPoller {
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => NewerSnapshot;
  /** The view's filter changed: the count follows it, nothing is fetched again. */
  setMatches(matches: ((event: AuditEvent) => boolean) | undefined): void;
  /**
   * The newer events, newest first, and the instant they are complete up to; null when capped (restart
   * the query instead) or when there is nothing to apply. Later polls look only after `until`.
   */
  take(): NewerBatch | null;
  /** Aborts the poll in flight and polls no more, until a first subscriber again. */
  stop(): void;
}

export const DEFAULT_POLL_INTERVAL_MS = 30_000;
export const MAX_POLL_INTERVAL_MS = 5 * 60_000;
/** The longest server-asked wait honoured: a broken `Retry-After` must not stop polling for good. */
export const MAX_SERVER_WAIT_MS = 60 * 60_000;
export const DEFAULT_MAX_PAGES_PER_FEED = 5;

interface FeedSlot {
  feed: ProviderFeed;
  demo: boolean;
  /** Every event of this feed up to here (and after `since`) has been found. */
  coveredUntil: number;
  capped: boolean;
  /** What the adapter said of a possible gap in what was polled (a cut page, a repeated cursor). */
  warnings: string[];
}

type FeedOutcome =
  | { kind: 'ok'; events: AuditEvent[]; capped: boolean; warnings: string[] }
  | { kind: 'failed'; error: unknown };

const defaultIsVisible = () => typeof document === 'undefined' || document.visibilityState === 'visible';

/**
 * Where a poll after `since` starts: the start of its second. Cloud Foundry and OpenAI stamp events in
 * whole seconds, so one written just after the load, in the load's last second, reads as older than
 * `since`; their docs say to poll `[gte]` the last second seen and de-duplicate, never `[gt]`.
 */
export function boundaryOf(since: number): number {
  return Math.floor(since / 1000) * 1000;
}

/**
 * Watches for events newer than a query's pinned upper bound, without touching the rows on screen.
 * Each poll re-asks every feed for (since, now], so an event that reaches an API late is still found.
 */
export function createNewerEventsPoller(options: NewerEventsPollerOptions): NewerEventsPoller {
  const now = options.now ?? Date.now;
  const isLoaded = options.isLoaded ?? (() => true);
  const baseInterval = options.intervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const maxPages = Math.max(1, options.maxPagesPerFeed ?? DEFAULT_MAX_PAGES_PER_FEED);
  const isVisible = options.isVisible ?? defaultIsVisible;
  const setTimer = options.setTimer ?? ((callback: () => void, ms: number) => setTimeout(callback, ms));
  const clearTimer =
    options.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));

  const listeners = new Set<() => void>();
  const slots: FeedSlot[] = options.feeds.map(({ feed, demo }) => ({
    feed,
    demo,
    coveredUntil: options.since,
    capped: false,
    warnings: [],
  }));
  const found = new Map<string, AuditEvent>();
  /** The feed each found event came from, by event key (the ledger counts per feed). */
  const feedOf = new Map<string, string>();
  let since = options.since;
  let interval = baseInterval;
  let nextDelay = baseInterval;
  let timer: { handle: unknown } | null = null;
  let controller: AbortController | null = null;
  let polling = false;
  let due = false;
  let stopped = false;
  let checkedAt: number | null = null;
  let failures: NewerSnapshot['failures'] = [];
  let snapshot: NewerSnapshot = { count: 0, capped: false, checkedAt: null, failures: [] };

  // A feed that failed (or is capped) holds `until` back, so applying never skips its events.
  const until = () => slots.reduce((low, slot) => Math.min(low, slot.coveredUntil), Infinity);
  const capped = () => slots.some((slot) => slot.capped);
  // What the timeline already holds is not newer: the main load may deliver an event of the boundary's
  // second after a poll found it, and a poll in flight while others were applied finds those again.
  const forgetLoaded = () => {
    if (!options.isLoaded) return;
    for (const key of found.keys())
      if (isLoaded(key)) {
        found.delete(key);
        feedOf.delete(key);
      }
  };
  const applicable = (): AuditEvent[] => {
    const limit = until();
    return [...found.values()].filter((event) => event.time <= limit);
  };

  let matches = options.matches;
  const counted = (events: Iterable<AuditEvent>): number => {
    let count = 0;
    for (const event of events) if (!matches || matches(event)) count++;
    return count;
  };

  const publish = () => {
    forgetLoaded();
    const isCapped = capped();
    const next: NewerSnapshot = {
      count: counted(isCapped ? found.values() : applicable()),
      capped: isCapped,
      checkedAt,
      failures,
    };
    if (sameSnapshot(snapshot, next)) return;
    snapshot = next;
    for (const listener of listeners) listener();
  };

  const schedule = () => {
    if (stopped || polling || timer || listeners.size === 0) return;
    const entry = { handle: undefined as unknown };
    entry.handle = setTimer(() => {
      if (timer !== entry) return;
      timer = null;
      due = true;
      if (isVisible()) void poll();
      // Hidden: look again later; a visibilitychange to visible polls at once.
      else schedule();
    }, nextDelay);
    timer = entry;
  };

  const cancelTimer = () => {
    if (!timer) return;
    clearTimer(timer.handle);
    timer = null;
  };

  const fetchFeed = async (
    slot: FeedSlot,
    query: TimelineQuery,
    signal: AbortSignal,
  ): Promise<FeedOutcome> => {
    const events: AuditEvent[] = [];
    const warnings: string[] = [];
    let cursor: unknown = null;
    try {
      for (let page = 0; page < maxPages; page++) {
        const result = await slot.feed.fetchPage(query, cursor, { demo: slot.demo, signal });
        events.push(...result.events);
        warnings.push(...result.warnings);
        cursor = result.nextCursor;
        if (cursor === null) return { kind: 'ok', events, capped: false, warnings };
      }
      return { kind: 'ok', events, capped: true, warnings };
    } catch (error) {
      return { kind: 'failed', error };
    }
  };

  const poll = async () => {
    if (stopped || polling) return;
    cancelTimer();
    polling = true;
    due = false;
    const checkTime = now();
    const from = since;
    const abort = new AbortController();
    controller = abort;
    const query: TimelineQuery = {
      range: { from: boundaryOf(from), to: checkTime },
      filters: options.filters,
    };
    const outcomes =
      checkTime > from
        ? await Promise.all(slots.map((slot) => fetchFeed(slot, query, abort.signal)))
        : slots.map((): FeedOutcome => ({ kind: 'ok', events: [], capped: false, warnings: [] }));
    controller = null;
    polling = false;
    // stop() aborts the poll it interrupts: drop what it found.
    if (abort.signal.aborted) return;

    const nextFailures: { feedId: string; message: string }[] = [];
    let rateLimited = false;
    let retryAfter = 0;
    for (const [index, outcome] of outcomes.entries()) {
      const slot = slots[index] as FeedSlot;
      if (outcome.kind === 'failed') {
        nextFailures.push({ feedId: slot.feed.id, message: errorMessage(outcome.error) });
        if (isRateLimited(outcome.error)) {
          rateLimited = true;
          if (outcome.error instanceof ProviderError)
            retryAfter = Math.max(retryAfter, outcome.error.retryAfterMs ?? 0);
        }
        continue;
      }
      for (const event of outcome.events) {
        // Adapters trim to the range, but a stray event outside it must not be applied twice or skipped.
        if (event.time < boundaryOf(from) || event.time > checkTime) continue;
        if (event.time <= from && isLoaded(event.key)) continue;
        found.set(event.key, event);
        feedOf.set(event.key, slot.feed.id);
      }
      slot.capped = outcome.capped;
      // A poll read to its end with a cut is covered, but what it found is not the whole: the warning goes
      // with the events when they are applied, so the range is never called complete around the cut.
      for (const warning of outcome.warnings)
        if (!slot.warnings.includes(warning)) slot.warnings.push(warning);
      if (!outcome.capped) slot.coveredUntil = Math.max(slot.coveredUntil, checkTime);
    }

    if (rateLimited) interval = Math.min(interval * 2, MAX_POLL_INTERVAL_MS);
    else if (nextFailures.length === 0) interval = baseInterval;
    nextDelay = Math.max(interval, Math.min(retryAfter, MAX_SERVER_WAIT_MS));
    checkedAt = checkTime;
    failures = sameFailures(failures, nextFailures) ? failures : nextFailures;
    publish();
    schedule();
  };

  const onVisibilityChange = () => {
    if (due && listeners.size > 0 && isVisible()) void poll();
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) {
        // A subscriber after stop() starts it again: React's StrictMode (dev) runs every effect's cleanup
        // once before its setup again, and a stop for good there left `npm start` never polling.
        stopped = false;
        if (typeof document !== 'undefined')
          document.addEventListener('visibilitychange', onVisibilityChange);
        schedule();
      }
      return () => {
        if (!listeners.delete(listener) || listeners.size > 0) return;
        // An in-flight poll finishes and keeps its results; only the next one is not scheduled.
        cancelTimer();
        if (typeof document !== 'undefined')
          document.removeEventListener('visibilitychange', onVisibilityChange);
      };
    },
    getSnapshot: () => snapshot,
    setMatches(next) {
      matches = next;
      publish();
    },
    take() {
      forgetLoaded();
      if (capped()) return null;
      const events = applicable();
      if (events.length === 0) return null;
      const limit = until();
      const taken = new Map<string, string>();
      for (const event of events) {
        found.delete(event.key);
        taken.set(event.key, feedOf.get(event.key) ?? '');
        feedOf.delete(event.key);
      }
      since = limit;
      const warnings = new Map<string, string[]>();
      for (const slot of slots) {
        if (slot.warnings.length) warnings.set(slot.feed.id, slot.warnings);
        slot.warnings = [];
      }
      publish();
      return { events: events.sort(compareNewestFirst), until: limit, feedOf: taken, warnings };
    },
    stop() {
      stopped = true;
      cancelTimer();
      controller?.abort();
      controller = null;
      if (typeof document !== 'undefined')
        document.removeEventListener('visibilitychange', onVisibilityChange);
    },
  };
}

function isRateLimited(error: unknown): boolean {
  return error instanceof ProviderError && (error.status === 429 || error.kind === 'rate-limited');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sameFailures(
  a: NewerSnapshot['failures'],
  b: readonly { feedId: string; message: string }[],
): boolean {
  return (
    a.length === b.length &&
    a.every((failure, i) => failure.feedId === b[i]?.feedId && failure.message === b[i].message)
  );
}

function sameSnapshot(a: NewerSnapshot, b: NewerSnapshot): boolean {
  return (
    a.count === b.count &&
    a.capped === b.capped &&
    a.checkedAt === b.checkedAt &&
    sameFailures(a.failures, b.failures)
  );
}
