import type { ProviderStatus } from '../status-schema.ts';
import type { ProviderFeed } from '../../timeline/feed.ts';
import { fetchContaboPage, type ContaboCursor } from './client.ts';

/** Contabo's only public surface: its custom-image audit feed, while the proxy serves it (live or demo). */
export const contaboFeeds = (status: ProviderStatus): readonly ProviderFeed[] =>
  status.mode === 'live' || status.mode === 'demo'
    ? [
        {
          id: 'contabo.images',
          provider: 'contabo',
          source: 'contabo.images',
          fetchPage: (query, cursor, context) =>
            fetchContaboPage(query, (cursor as ContaboCursor | undefined) ?? null, context),
        },
      ]
    : [];
