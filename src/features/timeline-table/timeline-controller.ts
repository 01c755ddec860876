import { InfiniteQueryObserver, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { feedQueryOptions, type FeedQueryKey } from '../../providers/feed-query-options.ts';
import { ProviderError } from '../../lib/provider-error.ts';
import type { AuditEvent, ProviderId, Source } from '../../timeline/audit-event.ts';
import { createEventIndex, type EventIndex } from '../../timeline/event-index.ts';
import type { FeedPage, ProviderFeed, TimelineQuery } from '../../timeline/feed.ts';
import { createTimelineMerge, type TimelineMerge } from '../../timeline/merge.ts';

export type FeedState = 'loading' | 'partial' | 'complete' | 'error';

export interface FeedView {
  feedId: string;
  source: Source;
  provider: ProviderId;
  state: FeedState;
  fetching: boolean;
  loaded: number;
  /** Of `loaded`, the events not shown yet: older than what `waitingFor` (a feed id) has loaded so far. */
  waiting: number;
  waitingFor?: string;
  hasMore: boolean;
  total?: number;
  totalSpan?: string;
  error?: ProviderError;
  warnings: string[];
  notes: string[];
  /** The adapter is waiting to retry after a 429 or 503. */
  retry?: { status: number; inSeconds: number };
}

export interface TimelineSnapshot {
  version: number;
  /** The merged rows as columns; this snapshot covers its first `loaded` rows. */
  index: EventIndex | null;
  loaded: number;
  /** Changes when rows were rewritten rather than appended (views recompute then). */
  generation: string;
  feeds: readonly FeedView[];
  /** Every healthy feed is exhausted and none failed: the rows are the whole range. */
  complete: boolean;
  /**
   * Nothing more comes without the user: every feed is exhausted or failed (and not being retried), and
   * every row is indexed. `complete` or, with a failed feed, everything the others have.
   */
  settled: boolean;
  /**
   * Some feed's adapter reported a possible gap (a cut it could not page past, pages out of order): the
   * rows are all the providers gave, which may not be the whole range. Never says "complete" alone then.
   */
  gaps: boolean;
  /** More rows exist but automatic loading has paused; the user may ask for more. */
  paused: boolean;
  /** "Load all in range" is running. */
  loadingAll: boolean;
  /** The range's upper bound: pinned when the query started, moved on when newer events are applied. */
  upperBound: number;
  /**
   * Every event newer than this is shown (the watermark); older ones may not be loaded yet. Null once no
   * feed may hold more. Newer events applied above do not move it, unlike a share of the range.
   */
  loadedFrom: number | null;
}

interface FeedSlot {
  feed: ProviderFeed;
  observer: InfiniteQueryObserver<FeedPage, Error, InfiniteData<FeedPage>, FeedQueryKey>;
  pagesSeen: number;
  failed: boolean;
  retrying?: { status: number; until: number };
  unsubscribe?: () => void;
}

/** Who wants rows no scroll position asks for: the table's filter or oldest-first order, or a permalink. */
export type FurtherAsker = 'view' | 'link';

/** Automatic paging stops after this many pages beyond what the screen asked for. */
export const AUTO_PAGE_LIMIT = 30;
const PUBLISH_INTERVAL_MS = 100;
const LOAD_ALL_PUBLISH_INTERVAL_MS = 250;
/**
 * Rows appended to the index per task: about 5 ms in Chromium here. A rebuild (rows rewritten in place)
 * still indexes every row at once.
 */
export const SYNC_ROWS_PER_TASK = 1500;

/**
 * Owns the loading of one timeline query: an infinite query per feed (so a failing provider only marks
 * itself), merged exactly, paged on demand. Framework-free so it could move off the main thread.
 */
export function createTimelineController(
  queryClient: QueryClient,
  feeds: readonly { feed: ProviderFeed; demo: boolean }[],
  query: TimelineQuery,
) {
  const listeners = new Set<() => void>();
  let merge: TimelineMerge = createTimelineMerge(feeds.map(({ feed }) => feed.id));
  /** The most rows the screen has asked for by scrolling (`ensureRows`). */
  let scrollAsk = 0;
  /** Rows wanted beyond any scroll position, by who wants them (see FurtherAsker). */
  const furtherAsks = new Map<FurtherAsker | 'keep-loading', number>();
  const wantedRows = () => Math.max(scrollAsk, ...furtherAsks.values());
  let autoPages = 0;
  let version = 0;
  let loadingAll = false;
  const index = createEventIndex();
  let epoch = 0;
  let publishTimer: ReturnType<typeof setTimeout> | undefined;
  let indexTimer: ReturnType<typeof setTimeout> | undefined;
  let publishedAt = 0;
  /** `urgentState()` as of the last publish. */
  let publishedUrgentState = '';
  let upperBound = query.range.to;
  const applied: { events: readonly AuditEvent[]; feedOf: ReadonlyMap<string, string> }[] = [];
  /** Possible gaps the adapters reported in newer events applied above the range, by feed. */
  const newerWarnings = new Map<string, string[]>();
  let snapshot: TimelineSnapshot = {
    upperBound,
    version,
    index,
    loaded: 0,
    generation: '0:0',
    feeds: [],
    complete: false,
    settled: false,
    gaps: false,
    paused: false,
    loadingAll,
    loadedFrom: upperBound,
  };

  const slots: FeedSlot[] = feeds.map(({ feed, demo }) => {
    const slot: FeedSlot = { feed, observer: undefined as never, pagesSeen: 0, failed: false };
    // The adapter says when it waits to retry (429/503), so the ledger can say "retrying in Ns".
    const onRetry = (info: { status: number; delayMs: number }) => {
      slot.retrying = { status: info.status, until: Date.now() + info.delayMs };
      publish();
    };
    slot.observer = new InfiniteQueryObserver(queryClient, feedQueryOptions(feed, query, demo, onRetry));
    return slot;
  });

  const rebuild = () => {
    epoch++;
    merge = createTimelineMerge(slots.map((slot) => slot.feed.id));
    for (const slot of slots) {
      slot.pagesSeen = 0;
      merge.setFailed(slot.feed.id, slot.failed);
    }
  };

  const ingest = (slot: FeedSlot) => {
    const result = slot.observer.getCurrentResult();
    const pages = result.data?.pages ?? [];
    const failedNow = result.status === 'error';
    if (slot.failed && !failedNow) {
      // A retry with nothing new yet (a feed that failed its first page is `pending` again, not `error`)
      // keeps it out of the watermark: rows released meanwhile may be older than what it will bring.
      if (pages.length <= slot.pagesSeen) return;
      // Recovered: rows released while it was out of the watermark may now be out of place. Start over.
      slot.failed = false;
      rebuild();
      for (const other of slots) feedPages(other);
      // Newer events applied from the bar are not in any feed's pages: they go back on top.
      for (const newer of applied) merge.prepend(newer.events, (event) => newer.feedOf.get(event.key) ?? '');
      return;
    }
    if (failedNow !== slot.failed) {
      slot.failed = failedNow;
      merge.setFailed(slot.feed.id, failedNow);
    }
    feedPages(slot);
  };

  const feedPages = (slot: FeedSlot) => {
    const pages = slot.observer.getCurrentResult().data?.pages ?? [];
    for (let i = slot.pagesSeen; i < pages.length; i++) {
      const page = pages[i] as FeedPage;
      merge.addPage(slot.feed.id, page.events, page.nextCursor !== null);
    }
    slot.pagesSeen = pages.length;
  };

  const view = (slot: FeedSlot, watermarkFeed: string | undefined): FeedView => {
    const result = slot.observer.getCurrentResult();
    const summary = merge.feed(slot.feed.id);
    const pages = result.data?.pages ?? [];
    const error = result.error ? asProviderError(result.error, slot.feed.provider) : undefined;
    // A failed feed being retried reads as loading, though the merge keeps it out until its pages come.
    const state: FeedState =
      slot.failed && result.status === 'error'
        ? 'error'
        : pages.length === 0
          ? 'loading'
          : summary.hasMore
            ? 'partial'
            : 'complete';
    const warnings = pages.flatMap((page) => page.warnings);
    for (const warning of newerWarnings.get(slot.feed.id) ?? []) warnings.push(`in newer events: ${warning}`);
    if (summary.orderViolations)
      warnings.push(`${summary.orderViolations} page(s) arrived out of newest-first order`);
    return {
      feedId: slot.feed.id,
      source: slot.feed.source,
      provider: slot.feed.provider,
      state,
      fetching: result.isFetching,
      loaded: summary.loaded,
      // The watermark's own feed holds back only events stamped at its frontier (ties its next page may
      // add to): not worth a word, and no other feed is waited for.
      waiting: watermarkFeed === slot.feed.id ? 0 : summary.waiting,
      waitingFor: summary.waiting > 0 && watermarkFeed !== slot.feed.id ? watermarkFeed : undefined,
      hasMore: summary.hasMore,
      total: pages[pages.length - 1]?.total,
      totalSpan: pages[pages.length - 1]?.totalSpan,
      error: state === 'error' ? error : undefined,
      warnings,
      // A note can come with every page (a value seen again): said once.
      notes: [...new Set(pages.flatMap((page) => page.notes ?? []))],
      retry:
        slot.retrying && result.isFetching && slot.retrying.until > Date.now()
          ? { status: slot.retrying.status, inSeconds: Math.ceil((slot.retrying.until - Date.now()) / 1000) }
          : undefined,
    };
  };

  const publish = () => {
    if (publishTimer !== undefined) clearTimeout(publishTimer);
    publishTimer = undefined;
    publishedAt = Date.now();
    publishedUrgentState = urgentState();
    version++;
    const next = merge.watermarkFeed();
    const views = slots.map((slot) => view(slot, next));
    const merged = merge.rows();
    const behind = indexSome();
    const settled =
      !behind &&
      views.every((feed) => feed.state === 'complete' || (feed.state === 'error' && !feed.fetching));
    const complete = settled && views.every((feed) => feed.state === 'complete');
    // "Load all" ends once its last rows are indexed, so its bar never gives way to a "Load all" button.
    if (next === undefined && !behind) loadingAll = false;
    const mark = merge.watermark();
    snapshot = {
      upperBound,
      version,
      index,
      loaded: index.size,
      generation: `${epoch}:${merge.generation()}`,
      feeds: views,
      complete,
      settled,
      gaps: views.some((feed) => feed.warnings.length > 0),
      paused:
        !loadingAll && next !== undefined && autoPages >= AUTO_PAGE_LIMIT && merged.length < wantedRows(),
      loadingAll,
      loadedFrom: next === undefined ? null : Number.isFinite(mark) ? mark : upperBound,
    };
    for (const listener of listeners) listener();
  };

  /**
   * Indexes the merge's new rows, SYNC_ROWS_PER_TASK at a time; the rest of a large release (the last feed
   * done lets every held-back row go at once) follows in tasks of their own, which only index. Views hear
   * of it on the usual schedule, and at once when the last row of a finished range is in. True while rows
   * are still waiting.
   */
  const indexSome = (): boolean => {
    index.sync(merge.rows(), epoch * 1_000_000 + merge.generation(), SYNC_ROWS_PER_TASK);
    const behind = indexBehind();
    if (behind && indexTimer === undefined)
      indexTimer = setTimeout(() => {
        indexTimer = undefined;
        // Rows rewritten since views last heard (a feed recovered, newer events applied): indexing rebuilds
        // the index they read under their snapshot's row count and selection, so they hear of it now.
        if (`${epoch}:${merge.generation()}` !== snapshot.generation) publish();
        else if (!indexSome()) publishSoon(merge.watermarkFeed() === undefined);
      }, 0);
    return behind;
  };

  /** Rows merged but not yet indexed (so not yet seen by any view) are waiting. */
  const indexBehind = () => index.size < merge.rows().length;

  const pump = () => {
    if (loadingAll) {
      // Every feed pages on its own in parallel; the merge keeps the order.
      for (const slot of slots) {
        const result = slot.observer.getCurrentResult();
        if (!slot.failed && !result.isFetching && result.hasNextPage) void slot.observer.fetchNextPage();
      }
      return;
    }
    // One page at a time; a failed feed's retry does not count, or a slow one would hold every scroll back.
    if (slots.some((slot) => !slot.failed && slot.observer.getCurrentResult().isFetching)) return;
    if (merge.rows().length >= wantedRows() || autoPages >= AUTO_PAGE_LIMIT) return;
    const feedId = merge.watermarkFeed();
    const slot = slots.find((candidate) => candidate.feed.id === feedId);
    if (!slot || !slot.observer.getCurrentResult().hasNextPage) return;
    autoPages++;
    void slot.observer.fetchNextPage();
  };

  /**
   * Pages arrive many times a second during "Load all": views hear of them at most every
   * PUBLISH_INTERVAL_MS (LOAD_ALL_PUBLISH_INTERVAL_MS while loading all), and always in a task of their own,
   * so parsing a page and rendering the views never add up to one long main-thread task. A feed failing,
   * recovering or done goes out in the next task; so does a fetch starting or ending, except while loading all, when
   * feeds start and end fetches many times a second and each would otherwise redraw every view.
   */
  const publishSoon = (urgent: boolean) => {
    const interval = loadingAll ? LOAD_ALL_PUBLISH_INTERVAL_MS : PUBLISH_INTERVAL_MS;
    const wait = urgent ? 0 : Math.max(0, interval - (Date.now() - publishedAt));
    if (publishTimer !== undefined && wait > 0) return;
    if (publishTimer !== undefined) clearTimeout(publishTimer);
    publishTimer = setTimeout(publish, wait);
  };

  /** What views must hear of at once: a feed failing or done, and (unless loading all) fetches starting or ending. */
  const urgentState = () =>
    slots
      .map((slot) =>
        slot.failed
          ? 'failed'
          : !merge.feed(slot.feed.id).hasMore
            ? 'done'
            : !loadingAll && slot.observer.getCurrentResult().isFetching,
      )
      .join();

  const onUpdate = (slot: FeedSlot) => () => {
    ingest(slot);
    // Pump first, so the published snapshot already shows the next fetch: views never see a false "idle".
    pump();
    // Against what views last saw: the observer has already changed its result when it calls us.
    publishSoon(urgentState() !== publishedUrgentState);
  };

  return {
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      if (listeners.size === 1) {
        for (const slot of slots) slot.unsubscribe = slot.observer.subscribe(onUpdate(slot));
        for (const slot of slots) ingest(slot);
        publish();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          for (const slot of slots) slot.unsubscribe?.();
          if (publishTimer !== undefined) clearTimeout(publishTimer);
          publishTimer = undefined;
          if (indexTimer !== undefined) clearTimeout(indexTimer);
          indexTimer = undefined;
        }
      };
    },
    getSnapshot: () => snapshot,
    /** The view needs this many rows (what is on screen plus a margin). */
    ensureRows: (count: number) => {
      // The screen asking for more rows than it ever asked gives the budget back, whatever other loading
      // (a filter's, oldest first) has set the rows wanted to and used the budget on.
      if (count > scrollAsk) {
        scrollAsk = count;
        autoPages = 0;
      }
      pump();
    },
    /**
     * Rows beyond those loaded are wanted, though no scroll position asks for a count of them (a browser-side
     * filter matches too few loaded rows, a linked event is not in yet, oldest first shows the top of what
     * is loaded): load further within the automatic page budget, after which the user is asked ("Keep
     * loading" or "Load all in range").
     */
    loadFurther: (extraRows: number, asker: FurtherAsker = 'view') => {
      // Rows merged but not yet indexed may hold the matches: the views hear of them first.
      if (indexBehind()) return;
      furtherAsks.set(asker, Math.max(furtherAsks.get(asker) ?? 0, merge.rows().length + extraRows));
      pump();
      publish();
    },
    /**
     * `asker` no longer wants rows beyond the scroll position (the filter was cleared, the order turned
     * back, the linked event closed): its ask is withdrawn, and "Keep loading"'s with the last one, so the
     * button does not stay up for a need that is gone.
     */
    settleFurther: (asker: FurtherAsker = 'view') => {
      if (!furtherAsks.delete(asker)) return;
      if (!furtherAsks.has('view') && !furtherAsks.has('link')) furtherAsks.delete('keep-loading');
      if (snapshot.paused) publish();
    },
    /** "Keep loading": the user asks for more after automatic loading paused. */
    keepLoading: () => {
      autoPages = 0;
      furtherAsks.set('keep-loading', merge.rows().length + 500);
      pump();
      publish();
    },
    /**
     * "Load all in range": every remaining page, until done or cancelled. False when nothing is left that
     * it can load (the feeds not read to the end have failed), so no load started.
     */
    loadAll: (): boolean => {
      loadingAll = true;
      pump();
      publish();
      return loadingAll;
    },
    cancelLoadAll: () => {
      loadingAll = false;
      scrollAsk = Math.min(scrollAsk, merge.rows().length);
      furtherAsks.clear();
      publish();
    },
    /** Applies the "N newer events" bar: events newer than every row, complete up to `until`. */
    prependNewer: (newer: {
      events: readonly AuditEvent[];
      until: number;
      feedOf: ReadonlyMap<string, string>;
      warnings?: ReadonlyMap<string, readonly string[]>;
    }) => {
      merge.prepend(newer.events, (event) => newer.feedOf.get(event.key) ?? '');
      applied.push(newer);
      for (const [feedId, warnings] of newer.warnings ?? []) {
        const kept = newerWarnings.get(feedId) ?? [];
        for (const warning of warnings) if (!kept.includes(warning)) kept.push(warning);
        newerWarnings.set(feedId, kept);
      }
      upperBound = Math.max(upperBound, newer.until);
      publish();
    },
    /** Whether the timeline holds this event (shown, or waiting on the watermark). */
    has: (key: string) => merge.has(key),
    retry: (feedId: string) => {
      const slot = slots.find((candidate) => candidate.feed.id === feedId);
      if (!slot) return;
      const result = slot.observer.getCurrentResult();
      if (result.data?.pages.length) void slot.observer.fetchNextPage();
      else void slot.observer.refetch();
    },
  };
}

export type TimelineController = ReturnType<typeof createTimelineController>;

function asProviderError(error: Error, provider: ProviderId): ProviderError {
  if (error instanceof ProviderError) return error;
  return new ProviderError({ providerLabel: provider, kind: 'network', detail: error.message });
}
