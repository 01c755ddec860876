import type { AuditEvent, ProviderId, Source } from './audit-event.ts';

/** The absolute window of one query, epoch ms; `to` is pinned when the query starts. */
export interface TimeRange {
  from: number;
  to: number;
}

/** What the views ask of every feed. Filters are added to it as they become pushable. */
export interface TimelineQuery {
  range: TimeRange;
}

/** One page of one feed, newest first, already normalized. */
export interface FeedPage {
  events: AuditEvent[];
  /** Where the next page starts, or null when the feed is exhausted for this query. */
  nextCursor: unknown;
  /** The API's own count of matching events, where it reports one. */
  total?: number;
  /** Things the adapter noticed that may make the feed incomplete (a gap, an order violation). */
  warnings: string[];
}

export interface FeedContext {
  signal?: AbortSignal;
  /** True when the proxy serves this provider from its simulator. */
  demo: boolean;
  onRetry?: (info: { status: number; delayMs: number; attempt: number }) => void;
}

/** A provider's stream of timeline events: the only thing the timeline knows about a provider. */
export interface ProviderFeed {
  provider: ProviderId;
  source: Source;
  fetchPage(query: TimelineQuery, cursor: unknown, context: FeedContext): Promise<FeedPage>;
}
