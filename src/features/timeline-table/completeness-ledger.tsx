import { visibleText } from '../../lib/visible-text.ts';
import { feedLabel, providerInfo } from '../../providers/registry.ts';
import type { ProviderStatus } from '../../providers/status-schema.ts';
import type { ProviderId } from '../../timeline/audit-event.ts';
import { Button } from '../../ui/button.tsx';
import { ModeBadge } from '../provider-status/mode-badge.tsx';
import type { FeedView } from './timeline-controller.ts';

const NUMBER = new Intl.NumberFormat('en-US');

function failureText(feed: FeedView): string {
  const message = feed.error?.message ?? `${feedLabel({ id: feed.feedId, source: feed.source })} failed`;
  if (feed.error?.kind === 'unauthorized') return `token expired or rejected: ${message}`;
  // A 403 is a working credential without the right (a role, a permission, audit logging switched off):
  // rotating the key would not help.
  if (feed.error?.kind === 'forbidden')
    return `not permitted (a role, a permission or a setting): ${message}`;
  return message;
}

function stateText(feeds: readonly FeedView[]): string {
  const failed = feeds.filter((feed) => feed.state === 'error');
  if (failed.length) return visibleText(failed.map(failureText).join(' · '), 500);
  const retrying = feeds.find((feed) => feed.retry);
  if (retrying?.retry) {
    const why = retrying.retry.status === 429 ? 'rate-limited' : 'unavailable';
    return `${why} (HTTP ${retrying.retry.status}), retrying in ${retrying.retry.inSeconds} s`;
  }
  if (feeds.some((feed) => feed.state === 'loading')) return 'loading…';
  if (feeds.every((feed) => feed.state === 'complete'))
    return feeds.some((feed) => feed.warnings.length) ? 'read to the end' : 'complete for this range';
  return feeds.some((feed) => feed.fetching) ? 'loading more…' : 'more available';
}

/**
 * Loaded events older than what the lagging feed has reached wait off the table, so a late page never
 * reorders shown rows. Said, so "loaded" never reads as "on the table".
 */
function waitingText(
  group: readonly FeedView[],
  feeds: readonly FeedView[],
): { text: string; why: string } | undefined {
  const waiting = group.reduce((sum, feed) => sum + feed.waiting, 0);
  if (waiting === 0) return undefined;
  const laggingId = group.find((feed) => feed.waitingFor)?.waitingFor;
  const lagging = feeds.find((feed) => feed.feedId === laggingId);
  const name = !lagging
    ? undefined
    : lagging.provider === group[0]?.provider
      ? feedLabel({ id: lagging.feedId, source: lagging.source })
      : (providerInfo(lagging.provider)?.label ?? lagging.provider);
  // Short on the line, so it wraps the ledger (and moves the table) as little as it can while loading.
  return {
    text: `${NUMBER.format(waiting)} not shown yet`,
    why: `Waiting for ${name ?? 'another feed'} to load further back: shown once its older pages arrive, so a late page never reorders the rows above`,
  };
}

function groupByProvider(feeds: readonly FeedView[]): [ProviderId, FeedView[]][] {
  const groups = new Map<ProviderId, FeedView[]>();
  for (const feed of feeds) groups.set(feed.provider, [...(groups.get(feed.provider) ?? []), feed]);
  return [...groups];
}

/**
 * Per provider: mode, events loaded (and the API's total where it reports one), state, warnings, retry.
 * Always visible, so nothing is ever cut silently.
 */
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
      className="flex flex-wrap gap-2 border-b border-slate-200 px-4 pb-2 dark:border-slate-800"
    >
      {groupByProvider(feeds).map(([provider, group]) => {
        const info = providerInfo(provider);
        const status = statuses.find((candidate) => candidate.id === provider);
        const failed = group.filter((feed) => feed.state === 'error');
        const loaded = group.reduce((sum, feed) => sum + feed.loaded, 0);
        const totals = group.map((feed) => feed.total);
        const total = totals.every((value) => value !== undefined)
          ? totals.reduce<number>((sum, value) => sum + value, 0)
          : undefined;
        const totalSpan = group.find((feed) => feed.totalSpan)?.totalSpan;
        const waiting = waitingText(group, feeds);
        const warnings = group.flatMap((feed) => feed.warnings);
        const notes = group.flatMap((feed) => feed.notes);
        const only = group.length === 1 ? group[0] : undefined;
        return (
          <div
            key={provider}
            data-provider={provider}
            data-feed={only?.feedId}
            title={group
              .map(
                (feed) =>
                  `${feedLabel({ id: feed.feedId, source: feed.source })}: ${NUMBER.format(feed.loaded)} loaded, ${feed.state}`,
              )
              .join('\n')}
            className={`flex items-center gap-2 rounded-md border px-2 py-1 text-xs ${failed.length ? 'border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950' : 'border-slate-200 dark:border-slate-700'}`}
          >
            <span
              aria-hidden
              className="h-2.5 w-2.5 rounded-full"
              style={{ backgroundColor: info?.colour }}
            />
            <span className="font-medium">{info?.label ?? provider}</span>
            {group.length > 1 ? <span className="text-slate-500">({group.length} feeds)</span> : null}
            {status ? <ModeBadge mode={status.mode} title={status.reason} /> : null}
            <span className="tabular-nums text-slate-600 dark:text-slate-300">
              {NUMBER.format(loaded)} loaded
              {total === undefined
                ? ''
                : totalSpan
                  ? ` (the API counts ${NUMBER.format(total)} over ${totalSpan})`
                  : ` of ${NUMBER.format(total)}`}
            </span>
            {waiting ? (
              <span className="text-slate-500 dark:text-slate-400" title={waiting.why}>
                ({waiting.text})<span className="sr-only">, {waiting.why}</span>
              </span>
            ) : null}
            <span
              role={failed.length ? 'alert' : undefined}
              className={
                failed.length ? 'text-red-800 dark:text-red-200' : 'text-slate-600 dark:text-slate-300'
              }
            >
              {stateText(group)}
            </span>
            {warnings.length ? (
              <span className="text-amber-700 dark:text-amber-300" title={warnings.join('\n')}>
                ⚠ possible gap: {visibleText(warnings[0] ?? '', 200)}
                {warnings.length > 1 ? ` (+${warnings.length - 1})` : ''}
              </span>
            ) : null}
            {notes.length ? (
              <span className="text-slate-500 dark:text-slate-400" title={notes.join('\n')}>
                note: {visibleText(notes[0] ?? '', 160)}
                {notes.length > 1 ? ` (+${notes.length - 1})` : ''}
              </span>
            ) : null}
            {failed.length ? (
              <Button
                aria-label={`Retry ${info?.label ?? provider}`}
                onClick={() => failed.forEach((feed) => onRetry(feed.feedId))}
                className="py-0 text-xs"
              >
                Retry
              </Button>
            ) : null}
          </div>
        );
      })}
      {idle.map((status) => (
        <div
          key={status.id}
          data-provider={status.id}
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
