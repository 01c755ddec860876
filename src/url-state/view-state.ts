import { canonicalTimeZone, parseTimeExpression } from '../lib/time-expression.ts';
import { hasInvisible } from '../lib/visible-text.ts';
import { PROVIDER_IDS, type ProviderId } from '../timeline/audit-event.ts';
import { EVENT_FIELDS, filterText, type EventField, type EventFilter } from '../timeline/filter.ts';
import { parseQuery } from '../timeline/query/parse-query.ts';

export const COLUMN_IDS = [
  'time',
  'provider',
  'action',
  'actor',
  'target',
  'outcome',
  'ip',
  'summary',
  'source',
  'category',
] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];
/** What each column is called, in the table, the column picker and the CSV header. */
export const COLUMN_LABELS: Record<ColumnId, string> = {
  time: 'Time',
  provider: 'Provider',
  action: 'Action',
  actor: 'Actor',
  target: 'Target',
  outcome: 'Outcome',
  ip: 'IP',
  summary: 'Summary',
  source: 'Source',
  category: 'Category',
};
export const DEFAULT_COLUMNS: readonly ColumnId[] = [
  'time',
  'provider',
  'action',
  'actor',
  'target',
  'outcome',
  'ip',
  'summary',
];

export type Filter = EventFilter;

/** Newest first (the default) or oldest first. */
export type SortOrder = '-time' | 'time';

/** Everything a link reproduces (URL contract version 1, DESIGN.md). */
export interface ViewState {
  from: string;
  to: string;
  tz: string;
  /** Providers shown; null = all available. */
  providers: ProviderId[] | null;
  filters: Filter[];
  q: string;
  sort: SortOrder;
  /** Visible columns in order; null = the default set. */
  cols: ColumnId[] | null;
  /** Selected event key. */
  ev: string | null;
}

export const DEFAULT_VIEW: ViewState = {
  from: 'now-24h',
  to: 'now',
  tz: 'UTC',
  providers: null,
  filters: [],
  q: '',
  sort: '-time',
  cols: null,
  ev: null,
};

/**
 * A parameter that could not be read: named in a notice and ignored, the rest of the view applies. One
 * that was read but holds characters that do not show is `applied`: named too, but nothing is lost.
 */
export interface UrlProblem {
  parameter: string;
  value: string;
  problem: string;
  applied?: true;
}

/** The view field each parameter is read into. */
export const PARAMETER_FIELDS: Readonly<Record<string, keyof ViewState>> = {
  from: 'from',
  to: 'to',
  tz: 'tz',
  p: 'providers',
  f: 'filters',
  q: 'q',
  sort: 'sort',
  cols: 'cols',
  ev: 'ev',
};

/** The parameters a link carries; every one but `f` is read once. */
const PARAMETERS = ['v', ...Object.keys(PARAMETER_FIELDS)];
const HIDDEN = 'shown here as ⟨U+…⟩ markers; applied as written';

/** A `+` typed into a link's offset arrives as a space: `…T10:00:00 05:30`. */
const OFFSET_AS_SPACE = /(T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?) (\d{2}:\d{2})$/;
const MAX_VALUE = 2000;

/**
 * The filter a facet click on `value` adds: exact, as the facet counted it, or, for a value too long for a
 * link to carry (a flood of crafted target names), a matching filter on its first characters (`…*`), so
 * that the click still narrows the view and survives a reload, and the pill shows it is a prefix.
 */
export function facetFilter(field: EventField, value: string, exclude: boolean): Filter {
  if (value.length <= MAX_VALUE) return { field, value, exclude, disabled: false, exact: true };
  let prefix = value.slice(0, MAX_VALUE - 1);
  // Never half of a surrogate pair: a link would carry it as U+FFFD.
  if (/[\uD800-\uDBFF]$/.test(prefix)) prefix = prefix.slice(0, -1);
  return { field, value: `${prefix.toWellFormed()}*`, exclude, disabled: false };
}

/** At most 60 characters (whole ones: an emoji is not split into halves), `…` where cut. */
function clip(value: string): string {
  const characters = Array.from(value);
  return characters.length > 60 ? `${characters.slice(0, 57).join('')}…` : value;
}

/** The part of a long text around position `at` (UTF-16), so a problem named there can be seen. */
function around(text: string, at: number): string {
  const characters = Array.from(text);
  if (characters.length <= 60) return text;
  const position = Array.from(text.slice(0, at)).length;
  const start = Math.max(0, Math.min(position - 25, characters.length - 55));
  const end = start + 55;
  return `${start > 0 ? '…' : ''}${characters.slice(start, end).join('')}${end < characters.length ? '…' : ''}`;
}

/** A filter from its link text, or why not: `'too long'` for a known field's value over MAX_VALUE. */
function readFilter(text: string): Filter | 'too long' | undefined {
  let rest = text;
  let disabled = false;
  let exclude = false;
  // `~-` as written, `-~` as a hand-edited link may put them: either order reads.
  for (let flags = 0; flags < 2; flags++) {
    if (!disabled && rest.startsWith('~')) {
      disabled = true;
      rest = rest.slice(1);
    } else if (!exclude && rest.startsWith('-')) {
      exclude = true;
      rest = rest.slice(1);
    }
  }
  // `field:value` matches; `field=value` is exact (what a facet click adds). A field name holds neither
  // character, so the first of them ends it, and the value may hold both.
  const separator = rest.search(/[:=]/);
  if (separator <= 0) return undefined;
  const field = rest.slice(0, separator);
  const value = rest.slice(separator + 1);
  if (!(EVENT_FIELDS as readonly string[]).includes(field) || value === '') return undefined;
  if (value.length > MAX_VALUE) return 'too long';
  const filter: Filter = { field: field as EventField, value, exclude, disabled };
  if (rest[separator] === '=') filter.exact = true;
  return filter;
}

export function parseFilter(text: string): Filter | undefined {
  const filter = readFilter(text);
  return typeof filter === 'object' ? filter : undefined;
}

export function formatFilter(filter: Filter): string {
  return `${filter.disabled ? '~' : ''}${filter.exclude ? '-' : ''}${filterText(filter)}`;
}

/** Reads a view from the URL, parameter by parameter: never throws, reports what it ignored. */
export function parseViewState(params: URLSearchParams): { view: ViewState; problems: UrlProblem[] } {
  const view: ViewState = { ...DEFAULT_VIEW, filters: [] };
  const problems: UrlProblem[] = [];
  const problem = (parameter: string, value: string, text: string) =>
    problems.push({ parameter, value: clip(value), problem: text });
  const flag = (parameter: string, value: string) =>
    problems.push({ parameter, value: clip(value), problem: HIDDEN, applied: true });

  const version = params.get('v');
  if (version !== null && version !== '1') problem('v', version, 'unknown link version; read as version 1');

  for (const name of ['from', 'to'] as const) {
    const value = params.get(name);
    if (value === null) continue;
    const text = value.trim().replace(OFFSET_AS_SPACE, '$1+$2');
    // Whether it is a time does not depend on the moment or the zone; whether the range is empty does
    // (`resolveQuery` checks that).
    const time = parseTimeExpression(text, Date.now(), 'UTC');
    if (time.ok) view[name] = text;
    else problem(name, value, time.problem);
  }
  const tz = params.get('tz');
  if (tz !== null) {
    const zone = tz.length < 64 ? canonicalTimeZone(tz) : undefined;
    if (zone) view.tz = zone;
    else problem('tz', tz, 'not a time zone: use UTC or an IANA name such as Europe/Berlin');
  }
  const providers = params.get('p');
  if (providers !== null) {
    const ids = providers.split(',').filter(Boolean);
    const known = ids.filter((id): id is ProviderId => (PROVIDER_IDS as readonly string[]).includes(id));
    const unknown = ids.filter((id) => !known.includes(id as ProviderId));
    if (unknown.length)
      problem('p', unknown.join(','), known.length ? 'unknown provider' : 'unknown provider: all are shown');
    else if (!known.length) problem('p', providers, 'no provider named: all are shown');
    if (known.length) view.providers = [...new Set(known)];
  }
  for (const text of params.getAll('f')) {
    const filter = readFilter(text);
    if (typeof filter === 'object') {
      view.filters.push(filter);
      if (hasInvisible(filter.value)) flag('f', text);
    } else if (filter === 'too long')
      problem('f', text, `a filter value over ${MAX_VALUE.toLocaleString('en-US')} characters is not read`);
    else
      problem(
        'f',
        text,
        `not a filter: use field:value or field=value with a field among ${EVENT_FIELDS.join(', ')}`,
      );
  }
  // The search box compares trimmed text: an untrimmed query would read as not yet applied.
  const q = params.get('q')?.trim();
  if (q) {
    const parsed = parseQuery(q);
    if (parsed.ok) {
      view.q = q;
      if (hasInvisible(q)) flag('q', q);
    } else
      problems.push({
        parameter: 'q',
        value: around(q, parsed.error.position),
        problem: `at ${parsed.error.position + 1}: ${parsed.error.message}`,
      });
  }
  const sort = params.get('sort');
  if (sort !== null) {
    if (sort === '-time' || sort === 'time') view.sort = sort;
    else problem('sort', sort, 'use -time or time');
  }
  const cols = params.get('cols');
  if (cols !== null) {
    const ids = cols.split(',').filter(Boolean);
    const known = ids.filter((id): id is ColumnId => (COLUMN_IDS as readonly string[]).includes(id));
    const unknown = ids.filter((id) => !known.includes(id as ColumnId));
    if (unknown.length)
      problem(
        'cols',
        unknown.join(','),
        known.length ? 'unknown column' : 'unknown column: the default columns are shown',
      );
    else if (!known.length) problem('cols', cols, 'no column named: the default columns are shown');
    if (known.length) view.cols = [...new Set(known)];
  }
  const ev = params.get('ev');
  if (ev !== null) {
    if (/^[a-z_.]+:.{1,500}$/.test(ev)) {
      view.ev = ev;
      if (hasInvisible(ev)) flag('ev', ev);
    } else problem('ev', ev, 'not an event key');
  }
  for (const name of new Set(params.keys())) {
    if (!PARAMETERS.includes(name)) {
      problem(name, params.get(name) ?? '', `unknown parameter (a link reads ${PARAMETERS.join(', ')})`);
      continue;
    }
    const values = params.getAll(name);
    if (name !== 'f' && values.length > 1)
      problem(name, values.slice(1).join(' '), `given ${values.length} times: only the first is read`);
  }
  return { view, problems };
}

/**
 * The link's entries that were read into nothing, as written: a query that does not parse, a time that
 * is not one, an unknown parameter. Kept in the URL as the view changes, so that the notice naming them,
 * and the ticket's text, survive the first click. A value read in part (a provider list with one unknown
 * id) or a repeat is not kept: the notice named what was dropped.
 */
export function unreadEntries(params: URLSearchParams): [string, string][] {
  const unread: [string, string][] = [];
  const seen = new Set<string>();
  for (const [name, value] of params) {
    const repeat = seen.has(name);
    seen.add(name);
    const field = PARAMETER_FIELDS[name];
    if (!PARAMETERS.includes(name)) unread.push([name, value]);
    else if (field === 'filters') {
      if (typeof readFilter(value) !== 'object') unread.push([name, value]);
    } else if (field && !repeat) {
      const alone = parseViewState(new URLSearchParams([[name, value]]));
      const ignored = alone.problems.some((problem) => problem.parameter === name && !problem.applied);
      if (ignored && JSON.stringify(alone.view[field]) === JSON.stringify(DEFAULT_VIEW[field]))
        unread.push([name, value]);
    }
  }
  return unread;
}

/** Writes a view as search parameters, defaults omitted, in a fixed readable order. */
export function serializeViewState(view: ViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (view.from !== DEFAULT_VIEW.from) params.set('from', view.from);
  if (view.to !== DEFAULT_VIEW.to) params.set('to', view.to);
  if (view.tz !== DEFAULT_VIEW.tz) params.set('tz', view.tz);
  if (view.providers) params.set('p', view.providers.join(','));
  for (const filter of view.filters) params.append('f', formatFilter(filter));
  if (view.q) params.set('q', view.q);
  if (view.sort !== DEFAULT_VIEW.sort) params.set('sort', view.sort);
  if (view.cols) params.set('cols', view.cols.join(','));
  if (view.ev) params.set('ev', view.ev);
  return params;
}

/**
 * What a link to this view would lose: the problems its own parameters meet when read back (a filter
 * value too long for a link, say). Empty when the link opens exactly this view.
 */
export function linkLosses(view: ViewState): UrlProblem[] {
  const sent = serializeViewState(view);
  // Through the link's text: a lone surrogate comes back from percent-encoding as U+FFFD.
  const { view: back, problems } = parseViewState(new URLSearchParams(sent.toString()));
  const losses = problems.filter((problem) => !problem.applied);
  const received = serializeViewState(back);
  // URLSearchParams itself replaces a lone surrogate, so the view's own values are what was meant.
  const meant = {
    f: view.filters.map(formatFilter),
    q: view.q.trim() ? [view.q.trim()] : [],
    ev: view.ev ? [view.ev] : [],
  };
  for (const name of ['f', 'q', 'ev'] as const) {
    if (losses.some((loss) => loss.parameter === name)) continue;
    const arrived = new Set(received.getAll(name));
    const changed = meant[name].find((value) => !arrived.has(value));
    if (changed !== undefined)
      losses.push({
        parameter: name,
        value: clip(changed),
        problem: 'holds a broken character (half of a surrogate pair) that a link cannot carry',
      });
  }
  return losses;
}

/**
 * The search string of a view, link-safe: chat tools cut trailing punctuation off links, so a link that
 * would end in one gets a harmless `v=1` at the end.
 */
export function viewSearch(view: ViewState, kept: readonly (readonly [string, string])[] = []): string {
  const params = serializeViewState(view);
  for (const [name, value] of kept) params.append(name, value);
  let search = params.toString();
  if (search && /[^A-Za-z0-9]$/.test(search)) {
    params.set('v', '1');
    search = params.toString();
  }
  return search ? `?${search}` : '';
}
