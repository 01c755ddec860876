import type { ProviderStatus } from '../status-schema.ts';
import type { ProviderFeed } from '../../timeline/feed.ts';

/** Placeholder until the parallelcluster adapter lands. */
export const parallelClusterFeeds = (status: ProviderStatus): readonly ProviderFeed[] =>
  status.mode === 'demo' ? [] : [];
