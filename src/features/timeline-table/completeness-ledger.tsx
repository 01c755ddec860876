import { feedLabel, providerInfo } from '../../providers/registry.ts';
import type { ProviderStatus } from '../../providers/status-schema.ts';
import { Button } from '../../ui/button.tsx';
import { ModeBadge } from '../provider-status/mode-badge.tsx';
import type { FeedView } from './timeline-controller.ts';

function stateText(feed: FeedView): string {
  if (feed.state === 'error') return feed.error?.message ?? 'failed';
  if (feed.state === 'loading') return 'loading…';
  if (feed.state === 'complete') return 'complete for this range';
  return feed.fetching ? 'loading more…' : 'more available';
}

const NUMBER = new Intl.NumberFormat('en-US');

/** Per provider: mode, events loaded, state, retry. Always visible, so nothing is ever cut silently. */
export function CompletenessLedger({
  feeds,
  statuses,
  onRetry,
}: {
  feeds: readonly FeedView[];
  statuses: readonly ProviderStatus[];
  onRetry: (feedId: string) => void;
}) {
  const idle = statuses.filter((status) => status.mode !== 'live' && status.mode !== 'demo');
  return (
    <section
      aria-label="Completeness by provider"
      className="flex flex-wrap gap-2 border-b border-slate-200 px-4 py-2 dark:border-slate-800"
    >
      {feeds.map((feed) => {
        const info = providerInfo(feed.provider);
        const status = statuses.find((candidate) => candidate.id === feed.provider);
        const failed = feed.state === 'error';
        return (
          <div
            key={feed.feedId}
            data-feed={feed.feedId}
            className={`flex items-center gap-2 rounded-md border px-2 py-1 text-xs ${failed ? 'border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950' : 'border-slate-200 dark:border-slate-700'}`}
          >
            <span
              aria-hidden
              className="h-2.5 w-2.5 rounded-full"
              style={{ backgroundColor: info?.colour }}
            />
            <span className="font-medium">{feedLabel({ id: feed.feedId, source: feed.source })}</span>
            {status ? <ModeBadge mode={status.mode} title={status.reason} /> : null}
            <span className="tabular-nums text-slate-600 dark:text-slate-300">
              {NUMBER.format(feed.loaded)} loaded
              {feed.total !== undefined ? ` of ${NUMBER.format(feed.total)}` : ''}
            </span>
            <span
              role={failed ? 'alert' : undefined}
              className={failed ? 'text-red-800 dark:text-red-200' : 'text-slate-600 dark:text-slate-300'}
            >
              {stateText(feed)}
            </span>
            {feed.warnings.length ? (
              <span className="text-amber-700 dark:text-amber-300">⚠ {feed.warnings[0]}</span>
            ) : null}
            {failed ? (
              <Button onClick={() => onRetry(feed.feedId)} className="py-0 text-xs">
                Retry
              </Button>
            ) : null}
          </div>
        );
      })}
      {idle.map((status) => (
        <div
          key={status.id}
          className="flex items-center gap-2 rounded-md border border-dashed border-slate-300 px-2 py-1 text-xs text-slate-500 dark:border-slate-700"
        >
          <span>{providerInfo(status.id)?.label ?? status.id}</span>
          <ModeBadge mode={status.mode} title={status.reason} />
          <span>{status.reason}</span>
        </div>
      ))}
    </section>
  );
}
