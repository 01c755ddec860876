import { useMemo } from 'react';
import { viewMatching, type ExportCoverage } from '../../../features/export/export-coverage.ts';
import { ExportMenu } from '../../../features/export/export-menu.tsx';
import { feedLabel } from '../../../providers/registry.ts';
import { SavedViewsMenu } from '../../../features/saved-views/saved-views-menu.tsx';
import { QueryBox } from '../../../features/search/query-box.tsx';
import { ShareMenu } from '../../../features/share/share-menu.tsx';
import { TimeRangePicker } from '../../../features/time-range/time-range-picker.tsx';
import { ColumnPicker } from '../../../features/timeline-table/column-picker.tsx';
import { SortOrderToggle } from '../../../features/timeline-table/sort-order-toggle.tsx';
import { LoadAllBar, loadedShare } from '../../../features/timeline-table/load-all-bar.tsx';
import type {
  TimelineController,
  TimelineSnapshot,
} from '../../../features/timeline-table/timeline-controller.ts';
import { formatTime, localTimeZone } from '../../../lib/time-format.ts';
import type { Density } from '../../../features/timeline-table/density.ts';
import type { RowList } from '../../../timeline/event-index.ts';
import type { TimelineQuery } from '../../../timeline/feed.ts';
import { DEFAULT_COLUMNS, viewSearch, type ViewState } from '../../../url-state/view-state.ts';
import { Button } from '../../../ui/button.tsx';

const NUMBER = new Intl.NumberFormat('en-US');

interface TimelineToolbarProps {
  view: ViewState;
  setView: (patch: Partial<ViewState>) => void;
  query: TimelineQuery | null;
  snapshot: TimelineSnapshot;
  controller: TimelineController | null;
  rows: RowList;
  filtering: boolean;
  density: Density;
  onDensityChange: (density: Density) => void;
  onTypingFreeText: (typing: boolean) => void;
}

export function TimelineToolbar({
  view,
  setView,
  query,
  snapshot,
  controller,
  rows,
  filtering,
  density,
  onDensityChange,
  onTypingFreeText,
}: TimelineToolbarProps) {
  const local = localTimeZone();
  const coverage = useMemo(
    (): ExportCoverage => ({
      range: { from: query?.range.from ?? 0, to: snapshot.upperBound },
      complete: snapshot.complete,
      possibleGaps: snapshot.gaps,
      failed: snapshot.feeds
        .filter((feed) => feed.state === 'error')
        .map((feed) => feedLabel({ id: feed.feedId, source: feed.source })),
      matching: viewMatching(view),
    }),
    [query, snapshot.upperBound, snapshot.complete, snapshot.gaps, snapshot.feeds, view],
  );
  const failed = coverage.failed.length > 0;
  return (
    <div className="flex flex-col gap-2 px-4 py-2 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-base font-semibold">Timeline</h1>
        <TimeRangePicker
          from={view.from}
          to={view.to}
          timeZone={view.tz}
          onChange={(range) => setView({ ...range, ev: null })}
        />
        <Button
          onClick={() => setView({ tz: view.tz === 'UTC' ? local : 'UTC' })}
          aria-label={view.tz === 'UTC' ? `Show times in ${local}` : 'Show times in UTC'}
        >
          {view.tz === 'UTC' ? 'UTC' : view.tz}
        </Button>
        <Button
          aria-pressed={density === 'compact'}
          title="Row density"
          onClick={() => onDensityChange(density === 'compact' ? 'comfortable' : 'compact')}
        >
          Compact rows
        </Button>
        <QueryBox
          value={view.q}
          onApply={(q) => setView({ q, ev: null })}
          onTypingFreeText={onTypingFreeText}
        />
        <ColumnPicker columns={view.cols ?? DEFAULT_COLUMNS} onChange={(cols) => setView({ cols })} />
        <ShareMenu view={view} range={query ? { from: query.range.from, to: snapshot.upperBound } : null} />
        {/* Without the open event: a view reopened another day would go looking for it through its range. */}
        <SavedViewsMenu search={viewSearch({ ...view, ev: null })} />
        <ExportMenu
          rows={rows}
          columns={view.cols ?? DEFAULT_COLUMNS}
          timeZone={view.tz}
          coverage={coverage}
          loadingAll={snapshot.loadingAll}
          onLoadAll={() => controller?.loadAll() ?? false}
        />
      </div>
      <div className="flex flex-wrap items-center gap-3 text-slate-600 dark:text-slate-300">
        {query ? (
          <span>
            {formatTime(query.range.from, view.tz)} – {formatTime(snapshot.upperBound, view.tz)}
          </span>
        ) : null}
        <SortOrderToggle sort={view.sort} onChange={(sort) => setView({ sort })} />
        <span aria-live="polite" className="ml-auto tabular-nums">
          {NUMBER.format(rows.length)} events shown
          {filtering ? ` (of ${NUMBER.format(snapshot.loaded)} loaded)` : ''}
          {query && snapshot.feeds.length === 0
            ? ' · no provider to read'
            : snapshot.complete
              ? snapshot.gaps
                ? ' · read to the end, with possible gaps (see the providers above)'
                : ' · complete for this range'
              : failed
                ? ' · incomplete: a provider failed'
                : ' · more available'}
        </span>
        {snapshot.paused ? <Button onClick={() => controller?.keepLoading()}>Keep loading</Button> : null}
        <LoadAllBar
          complete={snapshot.complete || snapshot.feeds.length === 0}
          loadingAll={snapshot.loadingAll}
          coverage={query ? loadedShare(snapshot.loadedFrom, query.range) : 0}
          onLoadAll={() => controller?.loadAll()}
          onCancel={() => controller?.cancelLoadAll()}
        />
      </div>
    </div>
  );
}
