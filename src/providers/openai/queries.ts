import type { ProviderFeed } from '../../timeline/feed.ts';
import { fetchOpenAiPage, type OpenAiCursor } from './client.ts';

/** OpenAI's only public surface: its audit-log feed. */
export const openAiFeeds = (): readonly ProviderFeed[] => [
  {
    id: 'openai.audit_logs',
    provider: 'openai',
    source: 'openai.audit_logs',
    fetchPage: (query, cursor, context) =>
      fetchOpenAiPage(query, (cursor as OpenAiCursor | undefined) ?? null, context),
  },
];
