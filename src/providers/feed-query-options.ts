import { infiniteQueryOptions, type InfiniteData } from '@tanstack/react-query';
import type { FeedContext, FeedPage, ProviderFeed, TimelineQuery } from '../timeline/feed.ts';

/** Keys go generic → specific: every feed query starts with `['feed']`, then the feed id, then the query. */
export const feedKeys = {
  all: ['feed'] as const,
  source: (source: string) => [...feedKeys.all, source] as const,
  query: (source: string, query: TimelineQuery, demo: boolean) =>
    [...feedKeys.source(source), query, { demo }] as const,
};

export type FeedQueryKey = ReturnType<typeof feedKeys.query>;

/** One infinite query per feed: pages never refetch under the user (staleTime Infinity, no retries here). */
export function feedQueryOptions(
  feed: ProviderFeed,
  query: TimelineQuery,
  demo: boolean,
  onRetry?: FeedContext['onRetry'],
) {
  return infiniteQueryOptions<FeedPage, Error, InfiniteData<FeedPage>, FeedQueryKey>({
    queryKey: feedKeys.query(feed.id, query, demo),
    queryFn: ({ pageParam, signal }): Promise<FeedPage> =>
      feed.fetchPage(query, pageParam, { signal, demo, onRetry }),
    initialPageParam: null,
    getNextPageParam: (last: FeedPage) => (last.nextCursor === null ? undefined : last.nextCursor),
    staleTime: Infinity,
    retry: false,
    // Pages are never rewritten: comparing each new page deep against the old data would only cost.
    structuralSharing: false,
  });
}
