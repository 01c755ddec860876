import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { statusQueryOptions } from '../../providers/status-query.ts';
import type { ProviderStatus } from '../../providers/status-schema.ts';
import { formatUtc } from '../../lib/time-format.ts';
import type { TimelineQuery } from '../../timeline/feed.ts';
import { Button } from '../../ui/button.tsx';
import { Callout } from '../../ui/callout.tsx';
import { CompletenessLedger } from './completeness-ledger.tsx';
import { TimelineTable } from './timeline-table.tsx';
import { useTimeline } from './use-timeline.ts';

const DAY_MS = 86_400_000;

export function TimelinePage() {
  const status = useQuery(statusQueryOptions);
  if (status.isPending) return <PageMessage title="Connecting to the Audit Lens server…" />;
  if (status.isError) {
    return (
      <main className="p-4">
        <Callout tone="error" title={status.error.message}>
          <Button onClick={() => void status.refetch()}>Retry</Button>
        </Callout>
      </main>
    );
  }
  return <Timeline statuses={status.data} />;
}

function Timeline({ statuses }: { statuses: readonly ProviderStatus[] }) {
  // The upper bound is pinned when the query starts: rows never shift under the reader.
  const [query] = useState<TimelineQuery>(() => {
    const to = Date.now();
    return { range: { from: to - DAY_MS, to } };
  });
  const { controller, snapshot } = useTimeline(statuses, query);
  const onNeedRows = useCallback((count: number) => controller.ensureRows(count), [controller]);
  const rows = snapshot.rows;
  const anyActive = snapshot.feeds.length > 0;
  const failed = snapshot.feeds.filter((feed) => feed.state === 'error');
  const loading = snapshot.feeds.some((feed) => feed.state === 'loading');

  return (
    <main className="flex min-h-0 flex-1 flex-col">
      <div className="flex flex-wrap items-center gap-3 px-4 py-2 text-sm">
        <h1 className="text-base font-semibold">Timeline</h1>
        <span className="text-slate-600 dark:text-slate-300">
          Last 24 hours · {formatUtc(query.range.from)} – {formatUtc(query.range.to)}
        </span>
        <span aria-live="polite" className="ml-auto tabular-nums text-slate-600 dark:text-slate-300">
          {new Intl.NumberFormat('en-US').format(rows.length)} events shown
          {snapshot.complete
            ? ' · complete for this range'
            : failed.length
              ? ' · incomplete: a provider failed'
              : ''}
        </span>
        {snapshot.paused ? <Button onClick={controller.keepLoading}>Keep loading</Button> : null}
      </div>
      <CompletenessLedger feeds={snapshot.feeds} statuses={statuses} onRetry={controller.retry} />
      {!anyActive ? (
        <PageMessage
          title="No provider is available"
          detail="Configure a provider's credentials on the server (see the README), or unset them all for demo data."
        />
      ) : rows.length === 0 && loading ? (
        <PageMessage title="Loading events…" busy />
      ) : rows.length === 0 && failed.length === snapshot.feeds.length ? (
        <div className="p-4">
          <Callout tone="error" title="No events could be loaded">
            <ul>
              {failed.map((feed) => (
                <li key={feed.feedId}>{feed.error?.message}</li>
              ))}
            </ul>
          </Callout>
        </div>
      ) : rows.length === 0 && snapshot.complete ? (
        <PageMessage
          title="No events in this range"
          detail="Nothing happened in the last 24 hours, as far as these providers report."
        />
      ) : (
        <TimelineTable rows={rows} version={snapshot.version} onNeedRows={onNeedRows} />
      )}
    </main>
  );
}

function PageMessage({ title, detail, busy }: { title: string; detail?: string; busy?: boolean }) {
  return (
    <div
      role="status"
      aria-busy={busy}
      className="flex flex-1 flex-col items-center justify-center gap-1 p-8 text-center text-slate-600 dark:text-slate-300"
    >
      {busy ? (
        <span
          aria-hidden
          className="mb-2 h-5 w-5 animate-spin rounded-full border-2 border-slate-300 border-t-blue-600"
        />
      ) : null}
      <p className="font-medium">{title}</p>
      {detail ? <p className="text-sm">{detail}</p> : null}
    </div>
  );
}
