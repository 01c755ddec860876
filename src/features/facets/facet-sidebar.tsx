import { memo, useId, useState } from 'react';
import { visibleText } from '../../lib/visible-text.ts';
import type { FacetList } from '../../timeline/event-index.ts';
import { FACET_FIELDS } from '../../timeline/facets.ts';
import type { EventField } from '../../timeline/filter.ts';

const NUMBER = new Intl.NumberFormat('en-US');
const SHOWN = 8;
/** An expanded facet lists at most this many values; the search box narrows the rest. */
const EXPANDED = 200;

const LABELS: Record<EventField, string> = {
  provider: 'Provider',
  source: 'Source',
  action: 'Action',
  category: 'Category',
  outcome: 'Outcome',
  actor: 'Actor',
  'target.type': 'Target type',
  target: 'Target',
  ip: 'IP',
  org: 'Organization',
  project: 'Project',
  space: 'Space',
  image: 'Image',
  session: 'Session',
  request: 'Request id',
  trace: 'Trace id',
};

interface FacetSidebarProps {
  /** Exact counts per field over the `count` rows on screen. */
  facets: ReadonlyMap<EventField, FacetList>;
  count: number;
  /**
   * Whether the rows are everything in the range, everything the providers gave with a possible gap
   * reported, or only what is loaded so far.
   */
  coverage: Coverage;
  /** The counts are being brought up to date with the rows on screen (they follow a render behind). */
  updating: boolean;
  /** The rows are those a filter or query leaves, not all the range's events. */
  filtered?: boolean;
  onFilter: (field: EventField, value: string, exclude: boolean) => void;
}

/** A facet per field with exact counts; says plainly whether they cover loaded events or the whole range. */
export type Coverage = 'complete' | 'gaps' | 'failed' | 'partial';

export function FacetSidebar({
  facets,
  count,
  coverage,
  updating,
  filtered = false,
  onFilter,
}: FacetSidebarProps) {
  return (
    <nav
      aria-label="Facets"
      aria-busy={updating}
      className="w-64 shrink-0 overflow-y-auto border-r border-slate-200 px-3 py-2 text-sm dark:border-slate-800"
    >
      <p className="mb-2 text-xs text-slate-600 dark:text-slate-300">
        {facetCaption(count, coverage, updating, filtered)}
      </p>
      {FACET_FIELDS.map((field) => {
        const values = facets.get(field);
        if (!values || values.distinct === 0) return null;
        return <Facet key={field} field={field} label={LABELS[field]} values={values} onFilter={onFilter} />;
      })}
    </nav>
  );
}

/** What the counts cover, never a stale "0 loaded events" while rows are already on screen. */
export function facetCaption(count: number, coverage: Coverage, updating: boolean, filtered = false): string {
  if (updating && count === 0) return 'Counting the loaded events…';
  const events = `${NUMBER.format(count)} ${filtered ? 'matching ' : ''}events`;
  if (updating) return `Counts in ${events}; updating…`;
  if (coverage === 'complete') return `Counts over all ${events} in this range`;
  if (coverage === 'gaps')
    return `Counts over all ${events} the providers returned; they report possible gaps`;
  if (coverage === 'failed')
    return `Counts over all ${events} the other providers returned; a provider failed`;
  return `Counts in ${NUMBER.format(count)} loaded ${filtered ? 'matching ' : ''}events; more available`;
}

// Memoised: the sidebar re-renders with every page that arrives, a facet only when its counts change.
const Facet = memo(function Facet({
  field,
  label,
  values,
  onFilter,
}: {
  field: EventField;
  label: string;
  values: FacetList;
  onFilter: FacetSidebarProps['onFilter'];
}) {
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState(false);
  const idPrefix = useId();
  const limit = expanded ? EXPANDED : SHOWN;
  const { values: visible, matches } = search
    ? values.search(search, limit)
    : { values: values.top(limit), matches: values.distinct };
  return (
    <section aria-label={`${label} facet`} className="mb-3">
      <h3 className="mb-1 flex items-center justify-between text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
        {label}
        <span className="font-normal normal-case">{NUMBER.format(values.distinct)}</span>
      </h3>
      {values.distinct > SHOWN ? (
        <input
          type="search"
          aria-label={`Search ${label} values`}
          placeholder={`Filter ${NUMBER.format(values.distinct)} values`}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          className="mb-1 w-full rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs dark:border-slate-700 dark:bg-slate-900"
        />
      ) : null}
      <ul>
        {visible.map((entry, i) => {
          // Names and tooltips show the value as the cell does: a reversed or invisible character marked,
          // never a spoofed reading, and never megabytes of text.
          const shown = visibleText(entry.value, 1000);
          const countId = `${idPrefix}-${i}`;
          return (
            <li
              key={entry.value}
              className="group flex items-center gap-1 rounded px-1 hover:bg-slate-100 dark:hover:bg-slate-800"
            >
              <button
                type="button"
                title={`Show only ${label.toLowerCase()} ${shown}`}
                aria-label={`Include ${label} ${shown}`}
                aria-describedby={countId}
                onClick={() => onFilter(field, entry.value, false)}
                className="min-w-0 flex-1 truncate text-left"
              >
                {visibleText(entry.value, 200)}
              </button>
              {/* Shown on hover and on keyboard focus: a hidden (visibility) button could not be tabbed to. */}
              <button
                type="button"
                title={`Exclude ${label.toLowerCase()} ${shown}`}
                aria-label={`Exclude ${label} ${shown}`}
                aria-describedby={countId}
                onClick={() => onFilter(field, entry.value, true)}
                className="rounded px-1 text-xs text-slate-500 opacity-0 hover:bg-slate-200 focus:opacity-100 group-focus-within:opacity-100 group-hover:opacity-100 dark:hover:bg-slate-700"
              >
                −
              </button>
              <span id={countId} className="tabular-nums text-xs text-slate-500">
                {NUMBER.format(entry.count)}
                <span className="sr-only"> events</span>
              </span>
            </li>
          );
        })}
      </ul>
      {expanded && matches > EXPANDED ? (
        <p className="px-1 text-xs text-slate-500">
          {NUMBER.format(matches - EXPANDED)} more: type in the box to narrow them
        </p>
      ) : null}
      {matches > SHOWN ? (
        <button
          type="button"
          className="mt-0.5 text-xs text-blue-700 underline dark:text-blue-300"
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? 'Show fewer' : `Show all ${NUMBER.format(matches)}`}
        </button>
      ) : null}
    </section>
  );
});
