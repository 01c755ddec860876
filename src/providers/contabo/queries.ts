import type { ProviderStatus } from '../status-schema.ts';
import type { ProviderFeed } from '../../timeline/feed.ts';

/** Placeholder until the contabo adapter lands. */
export const contaboFeeds = (status: ProviderStatus): readonly ProviderFeed[] =>
  status.mode === 'demo' ? [] : [];
