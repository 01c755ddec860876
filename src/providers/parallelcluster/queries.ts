import type { ProviderStatus } from '../status-schema.ts';
import type { ProviderFeed } from '../../timeline/feed.ts';
import { fetchStackEventsPage, type StackEventsCursor } from './client.ts';

/** ParallelCluster's timeline surface: one stack-events feed per image the server follows. */
export const parallelClusterFeeds = (status: ProviderStatus): readonly ProviderFeed[] =>
  (status.images ?? []).map((imageId): ProviderFeed => ({
    id: `parallelcluster.stack:${imageId}`,
    provider: 'parallelcluster',
    source: 'parallelcluster.stack',
    fetchPage: (query, cursor, context) =>
      fetchStackEventsPage(imageId, query, (cursor as StackEventsCursor | null | undefined) ?? null, context),
  }));
