import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { z } from 'zod';
import { densitySchema } from '../../../features/timeline-table/density.ts';
import { useLocalPreference } from '../../../lib/use-local-preference.ts';
import { parseTimeExpression } from '../../../lib/time-expression.ts';
import { visibleText } from '../../../lib/visible-text.ts';
import { EventDetailPanel } from '../../../features/event-detail/event-detail-panel.tsx';
import { FacetSidebar } from '../../../features/facets/facet-sidebar.tsx';
import { QueryDraftScope } from '../../../features/search/query-draft.tsx';
import { FilterPills } from '../../../features/facets/filter-pills.tsx';
import { COLUMN_MAX_WIDTH, COLUMN_MIN_WIDTH } from '../../../features/timeline-table/columns.tsx';
import { CompletenessLedger } from '../../../features/timeline-table/completeness-ledger.tsx';
import {
  resolveQuery,
  windowAround,
  type ResolvedQuery,
} from '../../../features/timeline-table/resolve-query.ts';
import { TimelineTable } from '../../../features/timeline-table/timeline-table.tsx';
import { OldestFirstNotice } from '../../../features/timeline-table/oldest-first-notice.tsx';
import { NewerEventsBar } from '../../../features/timeline-table/newer-events-bar.tsx';
import { useNewerEvents } from '../../../features/timeline-table/use-newer-events.ts';
import { useTimeline } from '../../../features/timeline-table/use-timeline.ts';
import { useVisibleRows } from '../../../features/timeline-table/use-visible-rows.ts';
import { useDeferredSelection } from '../../../features/timeline-table/use-deferred-selection.ts';
import { feedLabel, providerInfo } from '../../../providers/registry.ts';
import type { ProviderStatus } from '../../../providers/status-schema.ts';
import type { FacetList } from '../../../timeline/event-index.ts';
import { FACET_FIELDS } from '../../../timeline/facets.ts';
import type { EventField } from '../../../timeline/filter.ts';
import { useViewState } from '../../../url-state/use-view-state.ts';
import { DEFAULT_COLUMNS, facetFilter, viewSearch } from '../../../url-state/view-state.ts';
import { Button } from '../../../ui/button.tsx';
import { Callout } from '../../../ui/callout.tsx';
import { PageMessage } from '../../../ui/page-message.tsx';
import { TimelineToolbar } from './timeline-toolbar.tsx';
import { UrlNotice } from './url-notice.tsx';

const NUMBER = new Intl.NumberFormat('en-US');
// The chart (and recharts) load once rows are on screen: the first rows never wait for them.
const ActivityChart = lazy(() =>
  import('../../../features/activity-chart/activity-chart.tsx').then((module) => ({
    default: module.ActivityChart,
  })),
);
// Any width the table can produce reads back (a drag can leave a fraction of a pixel).
const COLUMN_WIDTHS = z.record(z.string(), z.number().min(COLUMN_MIN_WIDTH).max(COLUMN_MAX_WIDTH));

export function TimelineView({ statuses }: { statuses: readonly ProviderStatus[] }) {
  const { view } = useViewState();
  const [run, setRun] = useState(0);
  // A new range (or a restart for newer events) starts a new query, its upper bound pinned as it starts.
  // The zone is part of the key only where it moves the range: then the query starts anew, pinned anew.
  const zone = zoneMovesRange(view) ? view.tz : '';
  return (
    <QueryDraftScope>
      <PinnedRange
        key={`${view.from}|${view.to}|${zone}|${run}`}
        statuses={statuses}
        onRestart={() => setRun((current) => current + 1)}
      />
    </QueryDraftScope>
  );
}

/** Instants a bound is read at to tell whether its zone moves it (one in winter, one in summer). */
const PROBES = [Date.UTC(2026, 0, 15, 12), Date.UTC(2026, 6, 15, 12)];

/**
 * Whether the view's zone changes the instants of its range (`now/d`, a date alone),
 * not only how its times are shown: each bound read in the zone and in UTC, at instants of either season.
 */
export function zoneMovesRange(view: { from: string; to: string; tz: string }): boolean {
  if (view.tz === 'UTC') return false;
  return [view.from, view.to].some((text) =>
    PROBES.some((probe) => {
      const inZone = parseTimeExpression(text, probe, view.tz);
      const inUtc = parseTimeExpression(text, probe, 'UTC');
      return inZone.ok && inUtc.ok && inZone.ms !== inUtc.ms;
    }),
  );
}

/**
 * Pins the range's `now` as it starts, and keys the timeline on the instants it resolves to, not on the
 * zone: another zone reloads only a range it moves (`now/d`, a date alone); `now-24h` read in UTC or in
 * local time is the same query, and what was loaded stays.
 */
function PinnedRange({
  statuses,
  onRestart,
}: {
  statuses: readonly ProviderStatus[];
  onRestart: () => void;
}) {
  const { view } = useViewState();
  const [startedAt] = useState(() => Date.now());
  const resolved = useMemo(
    () => resolveQuery({ from: view.from, to: view.to, tz: view.tz }, startedAt),
    [view.from, view.to, view.tz, startedAt],
  );
  const { from, to } = resolved.query.range;
  return (
    <TimelineForRange key={`${from}|${to}`} statuses={statuses} resolved={resolved} onRestart={onRestart} />
  );
}

function TimelineForRange({
  statuses,
  resolved,
  onRestart,
}: {
  statuses: readonly ProviderStatus[];
  resolved: ResolvedQuery;
  onRestart: () => void;
}) {
  const { view, problems, setView } = useViewState();
  const workspace = useRef<HTMLDivElement>(null);
  // The detail panel gone, focus goes back to the table it was opened from, not to the page's top.
  const focusTable = () => workspace.current?.querySelector<HTMLElement>('[role=grid]')?.focus();
  // One query object while the instants hold (the component is keyed on them): a new one would rebuild
  // the feeds' controller.
  const [query] = useState(resolved.query);
  // Keyed on the ids, not the array: every URL change parses a new one, and new statuses would rebuild
  // every feed and the controller (a click on a row would drop what was loaded).
  const providerIds = view.providers?.join(',') ?? null;
  const shownStatuses = useMemo(() => {
    const ids = providerIds?.split(',');
    return ids ? statuses.filter((status) => ids.includes(status.id)) : statuses;
  }, [statuses, providerIds]);
  const { controller, snapshot, feeds } = useTimeline(shownStatuses, query);
  const [typingFreeText, setTypingFreeText] = useState(false);
  const { rows, selection, filtering, matches, busy, onNeedRows } = useVisibleRows(snapshot, controller, {
    ...view,
    typingFreeText,
  });
  const { newer, apply: applyNewer } = useNewerEvents({
    feeds,
    since: view.to === 'now' ? query.range.to : null,
    controller,
    onRestart,
    matches,
  });
  const [density, setDensity] = useLocalPreference('audit-lens.density', densitySchema, 'comfortable');
  // Off until asked for: recharts and its SVG redraws cost more than the rest of the page together.
  const [chartOn, setChartOn] = useLocalPreference('audit-lens.activity-chart', z.boolean(), false);
  const [columnSizing, setColumnSizing] = useLocalPreference('audit-lens.column-widths', COLUMN_WIDTHS, {});
  const { index, loaded } = snapshot;
  const selected = useMemo(() => {
    const row = view.ev && index ? index.rowOf(view.ev) : -1;
    return row >= 0 && row < loaded && index ? index.event(row) : undefined;
  }, [index, loaded, view.ev]);
  // A permalink's event may lie deeper than the first screen asks for (a busy hour): load on, within the
  // automatic page budget, until it is in; then, if it never came, say so.
  const linkedMissing = view.ev !== null && !selected;
  const loadingFeeds = snapshot.feeds.some((feed) => feed.state === 'loading' || feed.fetching);
  useEffect(() => {
    if (linkedMissing && !snapshot.complete && !snapshot.paused) controller?.loadFurther(100, 'link');
    else if (!linkedMissing) controller?.settleFurther('link');
  }, [linkedMissing, controller, loaded, snapshot.complete, snapshot.paused]);
  const linkedNotFound = linkedMissing && !loadingFeeds && (snapshot.complete || snapshot.paused);
  const { selection: facetSelection, loaded: facetLoaded } = useDeferredSelection(
    selection,
    loaded,
    index,
    snapshot.generation,
  );
  const facets = useMemo(
    () =>
      index ? index.facets(facetSelection, FACET_FIELDS, facetLoaded) : new Map<EventField, FacetList>(),
    // The generation too: a rebuilt index (a feed recovered) can hold as many rows, but other ones.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- generation stands for the index's contents
    [index, facetSelection, facetLoaded, snapshot.generation],
  );
  // The chart redraws slowly (SVG): while "Load all" streams pages in it waits, and draws once at the end.
  const histogram = useMemo(
    () =>
      chartOn && index && facetLoaded > 0 && !snapshot.loadingAll
        ? index.histogram(
            facetSelection,
            { from: query.range.from, to: snapshot.upperBound },
            120,
            facetLoaded,
            view.tz,
          )
        : null,
    // eslint-disable-next-line react-hooks/exhaustive-deps -- generation stands for the index's contents
    [
      chartOn,
      index,
      query,
      facetSelection,
      facetLoaded,
      snapshot.generation,
      snapshot.upperBound,
      snapshot.loadingAll,
      view.tz,
    ],
  );
  // A facet's value as it counted it: the rows left are the number it showed.
  const addFacetFilter = useCallback(
    (field: EventField, value: string, exclude: boolean) =>
      setView((current) => {
        const added = facetFilter(field, value, exclude);
        return {
          filters: [
            ...current.filters.filter((f) => !(f.field === added.field && f.value === added.value)),
            added,
          ],
        };
      }),
    [setView],
  );
  const facetCount = facetSelection ? facetSelection.length : Math.min(facetLoaded, index?.size ?? 0);
  const failed = snapshot.feeds.filter((feed) => feed.state === 'error');
  // A provider of several feeds (Agilicus) may have only one failing: then that feed is named.
  const failedProviders = [
    ...new Set(
      failed.map((feed) =>
        snapshot.feeds.some((other) => other.provider === feed.provider && other.state !== 'error')
          ? feedLabel({ id: feed.feedId, source: feed.source })
          : (providerInfo(feed.provider)?.label ?? feed.provider),
      ),
    ),
  ];
  const loading = snapshot.feeds.some((feed) => feed.state === 'loading');

  const body = (() => {
    const shownElsewhere = statuses.some((status) => status.mode === 'live' || status.mode === 'demo');
    if (snapshot.feeds.length === 0 && view.providers && shownElsewhere) {
      const named = view.providers.map((id) => {
        const status = statuses.find((candidate) => candidate.id === id);
        return `${providerInfo(id)?.label ?? id} (${status?.mode ?? 'unknown here'})`;
      });
      return (
        <PageMessage
          title="No provider this link names is available here"
          detail={`The link shows only ${named.join(', ')}: its p=${view.providers.join(',')} picks them.`}
        >
          <Button onClick={() => setView({ providers: null })}>Show all providers</Button>
        </PageMessage>
      );
    }
    if (snapshot.feeds.length === 0) {
      return (
        <PageMessage
          title="No provider is available"
          detail="Configure a provider's credentials on the server (see the README), or unset them all for demo data."
        />
      );
    }
    if (rows.length === 0 && loading) return <PageMessage title="Loading events…" busy />;
    if (rows.length === 0 && snapshot.loaded === 0 && failed.length === snapshot.feeds.length) {
      return (
        <div className="flex-1 p-4">
          <Callout tone="error" title="No events could be loaded">
            <ul>
              {failed.map((feed) => (
                <li key={feed.feedId}>{feed.error?.message}</li>
              ))}
            </ul>
          </Callout>
        </div>
      );
    }
    if (rows.length === 0 && snapshot.settled && failed.length > 0) {
      // Read to the end but for the providers that failed: no spinner, and the missing ones named.
      const total = NUMBER.format(snapshot.loaded);
      return (
        <PageMessage
          title={filtering ? 'No events match' : 'No events from the providers that answered'}
          detail={`${
            failed.length === snapshot.feeds.length
              ? `None of the ${total} events loaded before every provider failed matches the search and filters.`
              : filtering
                ? `None of the ${total} events the other providers returned matches the search and filters.`
                : 'The other providers have no events in this range.'
          } ${failedProviders.join(', ')} failed: ${failedProviders.length > 1 ? 'their' : 'its'} events are missing.`}
        >
          <div className="flex flex-wrap justify-center gap-2">
            <Button onClick={() => failed.forEach((feed) => controller?.retry(feed.feedId))}>
              Retry {failedProviders.join(', ')}
            </Button>
            {filtering ? (
              <Button variant="ghost" onClick={() => setView({ q: '', filters: [], ev: null })}>
                Clear the search and filters
              </Button>
            ) : null}
          </div>
        </PageMessage>
      );
    }
    if (rows.length === 0 && filtering && !snapshot.complete) {
      return (
        <PageMessage
          title={`No match yet in ${NUMBER.format(snapshot.loaded)} loaded events`}
          detail={
            snapshot.paused
              ? 'Automatic loading paused: use "Keep loading" or "Load all in range" to search further.'
              : 'Loading further into the range…'
          }
          busy={!snapshot.paused}
        />
      );
    }
    if (rows.length === 0 && filtering && snapshot.complete) {
      return (
        <PageMessage
          title="No events match"
          detail={`None of the ${NUMBER.format(snapshot.loaded)} events in this range matches the search and filters.`}
        >
          <Button onClick={() => setView({ q: '', filters: [], ev: null })}>
            Clear the search and filters
          </Button>
        </PageMessage>
      );
    }
    if (rows.length === 0 && snapshot.complete) {
      return (
        <PageMessage
          title="No events in this range"
          detail="Nothing matched in this time range, as far as these providers report."
        />
      );
    }
    const table = (
      <TimelineTable
        rows={rows}
        busy={busy}
        timeZone={view.tz}
        columnIds={view.cols ?? DEFAULT_COLUMNS}
        selectedKey={view.ev}
        onOpen={(key) => setView({ ev: key }, { replace: true })}
        onClose={() => setView({ ev: null }, { replace: true })}
        onNeedRows={onNeedRows}
        sort={view.sort}
        onSortChange={(sort) => setView({ sort })}
        density={density}
        columnSizing={columnSizing}
        onColumnSizingChange={setColumnSizing}
      />
    );
    // Always the same wrapper around the table: an element of another type there would rebuild the table
    // (its scroll position, cursor and focus lost) whenever the notice comes or goes.
    return (
      <div className="flex min-h-0 min-w-0 flex-1 flex-col">
        {view.sort === 'time' && snapshot.loadedFrom !== null ? (
          <OldestFirstNotice loadedFrom={snapshot.loadedFrom} timeZone={view.tz} paused={snapshot.paused} />
        ) : null}
        {table}
      </div>
    );
  })();

  return (
    <main className="flex min-h-0 flex-1 flex-col">
      <TimelineToolbar
        view={view}
        setView={setView}
        query={query}
        snapshot={snapshot}
        controller={controller}
        rows={rows}
        filtering={filtering}
        density={density}
        onDensityChange={setDensity}
        onTypingFreeText={setTypingFreeText}
      />
      <UrlNotice
        problems={problems}
        rangeProblem={resolved.problem}
        onForget={() => setView({}, { replace: true, dropUnread: true })}
      />
      {linkedNotFound ? (
        <div className="px-4 pb-2">
          <Callout tone="warning" title="The linked event is not here">
            {visibleText(view.ev ?? '', 200)} is not among the {loaded.toLocaleString('en-US')} events
            {snapshot.complete
              ? ' of this range: it may lie outside it, or the provider no longer returns it.'
              : ' loaded so far: “Keep loading” reads further.'}
          </Callout>
        </div>
      ) : null}
      <CompletenessLedger
        feeds={snapshot.feeds}
        statuses={shownStatuses}
        onRetry={(feedId) => controller?.retry(feedId)}
      />
      <div className="flex items-start gap-2 pt-2">
        <div className="min-w-0 flex-1">
          <FilterPills filters={view.filters} onChange={(filters) => setView({ filters })} />
        </div>
        <Button
          variant="ghost"
          className="mr-4 text-xs aria-pressed:bg-blue-100 dark:aria-pressed:bg-blue-900/50"
          aria-pressed={chartOn}
          onClick={() => setChartOn(!chartOn)}
        >
          Activity chart
        </Button>
      </div>
      {chartOn && snapshot.loadingAll ? (
        <p className="flex h-24 items-center justify-center px-4 text-xs text-slate-500">
          The activity chart is drawn once everything in range has loaded.
        </p>
      ) : histogram && rows.length > 0 ? (
        <Suspense fallback={<div className="h-24" />}>
          <ActivityChart
            histogram={histogram}
            timeZone={view.tz}
            loadedFrom={snapshot.loadedFrom}
            missing={failedProviders}
            onZoom={({ from, to }) =>
              setView({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), ev: null })
            }
          />
        </Suspense>
      ) : chartOn && rows.length === 0 && !loading ? (
        // The button stays pressed: say why there are no bars rather than show nothing.
        <p className="flex h-24 items-center justify-center px-4 text-xs text-slate-500">
          No events to chart: nothing loaded matches this view.
        </p>
      ) : null}
      {newer.count > 0 || newer.failures.length > 0 ? (
        <div className="px-4 pb-2">
          <NewerEventsBar
            count={newer.count}
            capped={newer.capped}
            failures={newer.failures}
            onApply={applyNewer}
          />
        </div>
      ) : null}
      <div ref={workspace} className="flex min-h-0 flex-1">
        <FacetSidebar
          facets={facets}
          count={facetCount}
          coverage={
            snapshot.complete
              ? snapshot.gaps
                ? 'gaps'
                : 'complete'
              : snapshot.settled && failed.length > 0
                ? 'failed'
                : 'partial'
          }
          updating={facetSelection !== selection || facetLoaded !== loaded}
          filtered={facetSelection !== null}
          onFilter={addFacetFilter}
        />
        {body}
        {selected ? (
          <EventDetailPanel
            event={selected}
            timeZone={view.tz}
            permalink={`/${viewSearch({ ...view, ...windowAround(selected.time), ev: selected.key })}`}
            onPivot={(filter) => {
              setView({ filters: [filter], ev: null });
              focusTable();
            }}
            onClose={() => {
              setView({ ev: null }, { replace: true });
              focusTable();
            }}
          />
        ) : null}
      </div>
    </main>
  );
}
