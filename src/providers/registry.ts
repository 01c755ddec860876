import type { ProviderId } from '../timeline/audit-event.ts';
import type { ProviderFeed } from '../timeline/feed.ts';
import { openAiFeeds } from './openai/queries.ts';

export interface ProviderInfo {
  id: ProviderId;
  label: string;
  /** Colour of the provider's swatch in tables and charts. */
  colour: string;
  feeds: readonly ProviderFeed[];
}

/** Every provider Audit Lens reads, in the order the UI lists them. */
export const PROVIDERS: readonly ProviderInfo[] = [
  { id: 'openai', label: 'OpenAI', colour: '#10a37f', feeds: openAiFeeds },
];

export function providerInfo(id: ProviderId): ProviderInfo | undefined {
  return PROVIDERS.find((provider) => provider.id === id);
}
