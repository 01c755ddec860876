import type { ProviderId } from '../timeline/audit-event.ts';
import type { ProviderFeed } from '../timeline/feed.ts';
import { packedFeed } from '../timeline/packed-events.ts';
import { agilicusFeeds } from './agilicus/queries.ts';
import { cloudFoundryFeeds } from './cloudfoundry/queries.ts';
import { contaboFeeds } from './contabo/queries.ts';
import { openAiFeeds } from './openai/queries.ts';
import { parallelClusterFeeds } from './parallelcluster/queries.ts';
import type { ProviderStatus } from './status-schema.ts';

export interface ProviderInfo {
  id: ProviderId;
  label: string;
  /** Colour of the provider's swatch in tables and charts. */
  colour: string;
  /** The provider's timeline feeds for its status (ParallelCluster has one per image it follows). */
  feeds: (status: ProviderStatus) => readonly ProviderFeed[];
}

/** A provider's feeds, with pages of packed events (see packed-events.ts). */
const packed =
  (feeds: (status: ProviderStatus) => readonly ProviderFeed[]) =>
  (status: ProviderStatus): readonly ProviderFeed[] =>
    feeds(status).map(packedFeed);

/** Each provider's feeds as its adapter gives them, pages of plain events (for tests of the packing). */
export const ADAPTER_FEEDS: Readonly<
  Record<ProviderId, (status: ProviderStatus) => readonly ProviderFeed[]>
> = {
  contabo: contaboFeeds,
  agilicus: agilicusFeeds,
  cloudfoundry: cloudFoundryFeeds,
  openai: openAiFeeds,
  parallelcluster: parallelClusterFeeds,
};

/** Every provider Audit Lens reads, in the order the UI lists them. */
export const PROVIDERS: readonly ProviderInfo[] = (
  [
    { id: 'contabo', label: 'Contabo', colour: '#1f6feb' },
    { id: 'agilicus', label: 'Agilicus', colour: '#8250df' },
    { id: 'cloudfoundry', label: 'Cloud Foundry', colour: '#0c8a5f' },
    { id: 'openai', label: 'OpenAI', colour: '#10a37f' },
    { id: 'parallelcluster', label: 'ParallelCluster', colour: '#d97706' },
  ] as const
).map((provider) => ({ ...provider, feeds: packed(ADAPTER_FEEDS[provider.id]) }));

const SOURCE_LABELS: Record<ProviderFeed['source'], string> = {
  'contabo.images': 'Contabo images',
  'agilicus.audits': 'Agilicus audits',
  'agilicus.auth': 'Agilicus auth',
  'cloudfoundry.audit_events': 'Cloud Foundry',
  'openai.audit_logs': 'OpenAI',
  'parallelcluster.stack': 'ParallelCluster stack',
};

/** What the UI calls a feed: `Agilicus auth`, `ParallelCluster stack img-1`. */
export function feedLabel(feed: Pick<ProviderFeed, 'id' | 'source'>): string {
  const label = SOURCE_LABELS[feed.source];
  const suffix = feed.id.startsWith(`${feed.source}:`) ? feed.id.slice(feed.source.length + 1) : '';
  return suffix ? `${label} ${suffix}` : label;
}

export function providerInfo(id: ProviderId): ProviderInfo | undefined {
  return PROVIDERS.find((provider) => provider.id === id);
}
