import type { ProviderStatus } from '../status-schema.ts';
import type { ProviderFeed } from '../../timeline/feed.ts';

/** Placeholder until the cloudfoundry adapter lands. */
export const cloudFoundryFeeds = (status: ProviderStatus): readonly ProviderFeed[] =>
  status.mode === 'demo' ? [] : [];
