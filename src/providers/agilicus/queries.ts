import type { ProviderStatus } from '../status-schema.ts';
import type { ProviderFeed } from '../../timeline/feed.ts';

/** Placeholder until the agilicus adapter lands. */
export const agilicusFeeds = (status: ProviderStatus): readonly ProviderFeed[] =>
  status.mode === 'demo' ? [] : [];
