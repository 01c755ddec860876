import type { ProviderStatus } from '../status-schema.ts';
import type { ProviderFeed } from '../../timeline/feed.ts';
import { fetchAgilicusPage } from './client.ts';

/** Agilicus' only public surface: its two audit feeds, while the proxy serves it (live or demo). */
export const agilicusFeeds = (status: ProviderStatus): readonly ProviderFeed[] =>
  status.mode === 'live' || status.mode === 'demo'
    ? [
        {
          id: 'agilicus.audits',
          provider: 'agilicus',
          source: 'agilicus.audits',
          fetchPage: (query, cursor, context) => fetchAgilicusPage('audits', query, cursor, context),
        },
        {
          id: 'agilicus.auth',
          provider: 'agilicus',
          source: 'agilicus.auth',
          fetchPage: (query, cursor, context) => fetchAgilicusPage('auth', query, cursor, context),
        },
      ]
    : [];
