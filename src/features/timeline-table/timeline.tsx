import { useCallback, useEffect, useMemo, useState } from 'react';
import { formatTime, localTimeZone } from '../../lib/time-format.ts';
import type { ProviderStatus } from '../../providers/status-schema.ts';
import { compileFilters } from '../../timeline/filter.ts';
import { useViewState } from '../../url-state/use-view-state.ts';
import { viewSearch } from '../../url-state/view-state.ts';
import { Button } from '../../ui/button.tsx';
import { Callout } from '../../ui/callout.tsx';
import { PageMessage } from '../../ui/page-message.tsx';
import { EventDetailPanel } from '../event-detail/event-detail-panel.tsx';
import { FacetSidebar } from '../facets/facet-sidebar.tsx';
import { FilterPills } from '../facets/filter-pills.tsx';
import { TimeRangePicker } from '../time-range/time-range-picker.tsx';
import { CompletenessLedger } from './completeness-ledger.tsx';
import { LoadAllBar } from './load-all-bar.tsx';
import { resolveQuery, windowAround } from './resolve-query.ts';
import { TimelineTable } from './timeline-table.tsx';
import { useTimeline } from './use-timeline.ts';

const NUMBER = new Intl.NumberFormat('en-US');

export function Timeline({ statuses }: { statuses: readonly ProviderStatus[] }) {
  const { view } = useViewState();
  // A new range starts a new query, whose upper bound is pinned at the moment it starts.
  return <TimelineForRange key={`${view.from}|${view.to}|${view.tz}`} statuses={statuses} />;
}

function TimelineForRange({ statuses }: { statuses: readonly ProviderStatus[] }) {
  const { view, problems, setView } = useViewState();
  const [startedAt] = useState(() => Date.now());
  const resolved = useMemo(
    () => resolveQuery({ from: view.from, to: view.to, tz: view.tz }, startedAt),
    [view.from, view.to, view.tz, startedAt],
  );
  const query = resolved.ok ? resolved.query : null;
  const shownStatuses = useMemo(
    () => (view.providers ? statuses.filter((status) => view.providers?.includes(status.id)) : statuses),
    [statuses, view.providers],
  );
  const { controller, snapshot } = useTimeline(shownStatuses, query);
  const matches = useMemo(() => compileFilters(view.filters), [view.filters]);
  const rows = useMemo(
    () => (view.filters.length ? snapshot.rows.filter(matches) : snapshot.rows),
    [snapshot.rows, matches, view.filters.length],
  );
  const selected = useMemo(
    () => (view.ev ? snapshot.rows.find((event) => event.key === view.ev) : undefined),
    [snapshot.rows, view.ev],
  );
  const filtering = view.filters.some((filter) => !filter.disabled);
  const [needed, setNeeded] = useState(60);
  const onNeedRows = useCallback(
    (count: number) => {
      setNeeded(count);
      if (!filtering) controller?.ensureRows(count);
    },
    [controller, filtering],
  );
  // With a filter, the screen needs matches, not loaded rows: keep loading while too few match.
  useEffect(() => {
    if (filtering && rows.length < needed && !snapshot.paused && !snapshot.complete)
      controller?.loadForMatches(200);
  }, [filtering, rows.length, needed, snapshot.rows.length, snapshot.paused, snapshot.complete, controller]);
  const failed = snapshot.feeds.filter((feed) => feed.state === 'error');
  const loading = snapshot.feeds.some((feed) => feed.state === 'loading');
  const local = localTimeZone();

  return (
    <main className="flex min-h-0 flex-1 flex-col">
      <div className="flex flex-wrap items-center gap-3 px-4 py-2 text-sm">
        <h1 className="text-base font-semibold">Timeline</h1>
        <TimeRangePicker
          from={view.from}
          to={view.to}
          timeZone={view.tz}
          onChange={(range) => setView({ ...range, ev: null })}
        />
        {query ? (
          <span className="text-slate-600 dark:text-slate-300">
            {formatTime(query.range.from, view.tz)} – {formatTime(query.range.to, view.tz)}
          </span>
        ) : null}
        <Button
          onClick={() => setView({ tz: view.tz === 'UTC' ? local : 'UTC' })}
          aria-label={view.tz === 'UTC' ? `Show times in ${local}` : 'Show times in UTC'}
        >
          {view.tz === 'UTC' ? 'UTC' : view.tz}
        </Button>
        <span aria-live="polite" className="ml-auto tabular-nums text-slate-600 dark:text-slate-300">
          {NUMBER.format(rows.length)} events shown
          {view.filters.length ? ` (of ${NUMBER.format(snapshot.rows.length)} loaded)` : ''}
          {snapshot.complete
            ? ' · complete for this range'
            : failed.length
              ? ' · incomplete: a provider failed'
              : ' · more available'}
        </span>
        {snapshot.paused ? <Button onClick={() => controller?.keepLoading()}>Keep loading</Button> : null}
        <LoadAllBar
          complete={snapshot.complete || snapshot.feeds.length === 0}
          loadingAll={snapshot.loadingAll}
          coverage={snapshot.coverage}
          onLoadAll={() => controller?.loadAll()}
          onCancel={() => controller?.cancelLoadAll()}
        />
      </div>
      {problems.length || !resolved.ok ? (
        <div className="px-4 pb-2">
          <Callout tone="warning" title="Part of this link could not be read and was ignored">
            <ul className="list-disc pl-5">
              {problems.map((problem) => (
                <li key={`${problem.parameter}=${problem.value}`}>
                  <code>{problem.parameter}</code> = “{problem.value}”: {problem.problem}
                </li>
              ))}
              {!resolved.ok ? <li>{resolved.problem}</li> : null}
            </ul>
          </Callout>
        </div>
      ) : null}
      <CompletenessLedger
        feeds={snapshot.feeds}
        statuses={shownStatuses}
        onRetry={(feedId) => controller?.retry(feedId)}
      />
      <div className="pt-2">
        <FilterPills filters={view.filters} onChange={(filters) => setView({ filters })} />
      </div>
      <div className="flex min-h-0 flex-1">
        <FacetSidebar
          events={rows}
          complete={snapshot.complete}
          onFilter={(field, value, exclude) =>
            setView((current) => ({
              filters: [
                ...current.filters.filter((f) => !(f.field === field && f.value === value)),
                { field, value, exclude, disabled: false },
              ],
            }))
          }
        />
        {snapshot.feeds.length === 0 ? (
          <PageMessage
            title="No provider is available"
            detail="Configure a provider's credentials on the server (see the README), or unset them all for demo data."
          />
        ) : rows.length === 0 && loading ? (
          <PageMessage title="Loading events…" busy />
        ) : rows.length === 0 && snapshot.rows.length === 0 && failed.length === snapshot.feeds.length ? (
          <div className="flex-1 p-4">
            <Callout tone="error" title="No events could be loaded">
              <ul>
                {failed.map((feed) => (
                  <li key={feed.feedId}>{feed.error?.message}</li>
                ))}
              </ul>
            </Callout>
          </div>
        ) : rows.length === 0 && filtering && !snapshot.complete ? (
          <PageMessage
            title={`No match yet in ${NUMBER.format(snapshot.rows.length)} loaded events`}
            detail={
              snapshot.paused
                ? 'Automatic loading paused: use "Keep loading" or "Load all in range" to search further.'
                : 'Loading further into the range…'
            }
            busy={!snapshot.paused}
          />
        ) : rows.length === 0 && snapshot.complete ? (
          <PageMessage
            title="No events in this range"
            detail="Nothing matched in this time range, as far as these providers report."
          />
        ) : (
          <TimelineTable
            rows={rows}
            timeZone={view.tz}
            selectedKey={view.ev}
            onOpen={(key) => setView({ ev: key }, { replace: true })}
            onClose={() => setView({ ev: null }, { replace: true })}
            onNeedRows={onNeedRows}
          />
        )}
        {selected ? (
          <EventDetailPanel
            event={selected}
            timeZone={view.tz}
            permalink={`/${viewSearch({ ...view, ...windowAround(selected.time), ev: selected.key })}`}
            onPivot={(filter) => setView({ filters: [filter], ev: null })}
            onClose={() => setView({ ev: null }, { replace: true })}
          />
        ) : null}
      </div>
    </main>
  );
}
