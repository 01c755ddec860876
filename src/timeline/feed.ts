import type { AuditEvent, ProviderId, Source } from './audit-event.ts';

/** The absolute window of one query, epoch ms; `to` is pinned when the query starts. */
export interface TimeRange {
  from: number;
  to: number;
}

/**
 * Filters an adapter may push down into its API to narrow what is fetched. Each field holds the values
 * to include (OR). Pushdown only narrows: the browser applies every filter again to what comes back.
 */
export interface PushdownFilters {
  actor?: readonly string[];
  action?: readonly string[];
  target?: readonly string[];
  org?: readonly string[];
  project?: readonly string[];
  space?: readonly string[];
  image?: readonly string[];
  ip?: readonly string[];
  sessionId?: readonly string[];
  requestId?: readonly string[];
  traceId?: readonly string[];
}

export type PushdownField = keyof PushdownFilters;

/** What the views ask of every feed. */
export interface TimelineQuery {
  range: TimeRange;
  filters?: PushdownFilters;
}

/** One page of one feed, newest first, already normalized. */
export interface FeedPage {
  events: AuditEvent[];
  /** Where the next page starts, or null when the feed is exhausted for this query. */
  nextCursor: unknown;
  /** The API's own count of matching events, where it reports one. */
  total?: number;
  /** Set when the API counted over a wider span than the range (e.g. whole days), so `total` is not comparable. */
  totalSpan?: string;
  /** Things the adapter noticed that may make the feed incomplete (a gap, an order violation). */
  warnings: string[];
  /** What the reader should know that is no gap (an image without a stack to read): shown, not a warning. */
  notes?: string[];
  /** The filter fields this page's request pushed down into the API's own parameters. */
  pushedDown?: readonly PushdownField[];
}

export interface FeedContext {
  signal?: AbortSignal;
  /** True when the proxy serves this provider from its simulator. */
  demo: boolean;
  onRetry?: (info: { status: number; delayMs: number; attempt: number }) => void;
}

/** A provider's stream of timeline events: the only thing the timeline knows about a provider. */
export interface ProviderFeed {
  /** Unique among feeds: the source, plus what distinguishes feeds of one source (an image id). */
  id: string;
  provider: ProviderId;
  source: Source;
  fetchPage(query: TimelineQuery, cursor: unknown, context: FeedContext): Promise<FeedPage>;
}
