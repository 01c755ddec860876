import type { ProviderFeed } from '../../timeline/feed.ts';
import { fetchOpenAiPage, type OpenAiCursor } from './client.ts';

/**
 * OpenAI's audit log, read as two listings of one endpoint: the default one, and the role bindings only
 * `tenant_only=true` serves. Both carry the same ids, so an event either lists is shown once.
 */
export const openAiFeeds = (): readonly ProviderFeed[] => [
  {
    id: 'openai.audit_logs',
    provider: 'openai',
    source: 'openai.audit_logs',
    fetchPage: (query, cursor, context) =>
      fetchOpenAiPage(query, (cursor as OpenAiCursor | undefined) ?? null, context),
  },
  {
    id: 'openai.audit_logs:tenant-only',
    provider: 'openai',
    source: 'openai.audit_logs',
    fetchPage: (query, cursor, context) =>
      fetchOpenAiPage(query, (cursor as OpenAiCursor | undefined) ?? null, context, 'tenant-only'),
  },
];
