import type { ProviderStatus } from '../status-schema.ts';
import type { ProviderFeed } from '../../timeline/feed.ts';
import { fetchCloudFoundryPage, type CloudFoundryCursor } from './client.ts';

/**
 * Cloud Foundry's only public surface: its audit-event feed (as far as the credential's roles see), while
 * the proxy serves it (live or demo).
 */
export const cloudFoundryFeeds = (status: ProviderStatus): readonly ProviderFeed[] =>
  status.mode === 'live' || status.mode === 'demo'
    ? [
        {
          id: 'cloudfoundry.audit_events',
          provider: 'cloudfoundry',
          source: 'cloudfoundry.audit_events',
          fetchPage: (query, cursor, context) =>
            fetchCloudFoundryPage(query, (cursor as CloudFoundryCursor | null | undefined) ?? null, context),
        },
      ]
    : [];
