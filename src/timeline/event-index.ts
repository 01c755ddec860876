import { createStringKeys, type StringKeys } from '../lib/string-keys.ts';
import type { AuditEvent } from './audit-event.ts';
import {
  packedCode,
  packedPageOf,
  packedString,
  type PackedEvents,
  type PackedField,
} from './packed-events.ts';
import { FACET_FIELDS, type FacetValue } from './facets.ts';
import { holdsValue, isExactly, valueMatches, type EventField, type EventFilter } from './filter.ts';
import { bucketOf, histogramBuckets, histogramResult, type TimeHistogram } from './histogram.ts';
import type { TimeRange } from './feed.ts';

/**
 * The loaded rows as columns: every facet field dictionary-encoded into typed arrays, so a filter change
 * (rows, every facet count, the histogram) is a few passes over integers instead of over objects. Rows are
 * kept in timeline order (newest first) and only ever appended; anything else rebuilds the index.
 *
 * Events are stored once (the merge's own objects); the index adds about 60 bytes per row.
 *
 * @example
 * const index = createEventIndex();
 * index.sync(merge.rows());
 * const rows = index.select([{ field: 'outcome', value: 'failure', exclude: false, disabled: false }]);
 * index.facets(rows).get('actor'); // [{ value: 'alice@example.com', count: 12 }, …]
 */
export interface EventIndex {
  readonly size: number;
  /**
   * Brings the index up to date with the merge's rows: appended rows are added, at most `maxAppend` of them
   * (the rest wait for the next call); a different array or a different `generation` (the merge rewrote
   * rows in place) rebuilds it whole.
   */
  sync(rows: readonly AuditEvent[], generation?: number, maxAppend?: number): void;
  event(row: number): AuditEvent;
  /** Row number of an event key, or -1. */
  rowOf(key: string): number;
  /**
   * Rows passing the pills (AND across fields, OR within one, excludes remove) and `also`, newest first;
   * null means every row.
   */
  select(
    filters: readonly EventFilter[],
    also?: (event: AuditEvent) => boolean,
    upTo?: number,
  ): Int32Array | null;
  /**
   * Exact counts per facet field over the selected rows (null: the first `upTo` rows), most frequent first,
   * then alphabetical.
   */
  facets(
    selection: Int32Array | null,
    fields?: readonly EventField[],
    upTo?: number,
  ): Map<EventField, FacetList>;
  /** Counts per time bucket (on `timeZone`'s clock, UTC by default) over the selected rows, in total and per provider. */
  histogram(
    selection: Int32Array | null,
    range: TimeRange,
    maxBuckets?: number,
    upTo?: number,
    timeZone?: string,
  ): TimeHistogram;
}

/**
 * One field's values with their counts, most frequent first, then alphabetical. Only what is shown is
 * built: a field can hold tens of thousands of distinct values (targets, request ids).
 */
export interface FacetList {
  /** Distinct values with a count above zero. */
  readonly distinct: number;
  /** The first `limit` values. */
  top(limit: number): FacetValue[];
  /** Values containing `text` (case-insensitive), the first `limit` of them, and how many match in all. */
  search(text: string, limit: number): { values: FacetValue[]; matches: number };
}

/** The rows a view shows, in its order, without copying them out of the index. */
export interface RowList {
  readonly length: number;
  at(position: number): AuditEvent | undefined;
  /** Position of an event in this list, or -1. */
  indexOf(key: string): number;
  toArray(): AuditEvent[];
}

/**
 * The rows of a selection (null: the first `size` rows) newest first, or oldest first.
 *
 * @example rowList(index, index.select(filters), index.size, 'time').at(0) // the oldest match
 */
export function rowList(
  index: EventIndex,
  selection: Int32Array | null,
  size: number,
  order: '-time' | 'time' = '-time',
): RowList {
  const length = selection ? selection.length : Math.min(size, index.size);
  const rowAt = (position: number): number => {
    const at = order === 'time' ? length - 1 - position : position;
    return selection ? (selection[at] as number) : at;
  };
  return {
    length,
    at: (position) => (position >= 0 && position < length ? index.event(rowAt(position)) : undefined),
    indexOf(key) {
      const row = index.rowOf(key);
      if (row < 0) return -1;
      const at = selection ? binarySearch(selection, row) : row < length ? row : -1;
      if (at < 0) return -1;
      return order === 'time' ? length - 1 - at : at;
    },
    toArray: () => Array.from({ length }, (_, position) => index.event(rowAt(position))),
  };
}

function binarySearch(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = sorted[mid] as number;
    if (at === value) return mid;
    if (at < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** How many values an event can hold in a field (an actor has an email, a name and an id). */
const ARITY: Partial<Record<EventField, number>> = { actor: 3, target: 2 };
/** Facets count an actor once, by the label the table shows. */
const FACET_ARITY: Partial<Record<EventField, number>> = { actor: 1 };
const ABSENT = -1;

/**
 * What each indexed field reads from an event, in slot order (absent and empty values skipped): the same
 * values as `fieldValues`, read without building an array per event (the index test holds them equal).
 */
type Reader = (event: AuditEvent) => string | undefined;
const READERS: Partial<Record<EventField, readonly Reader[]>> = {
  provider: [(event) => event.provider],
  source: [(event) => event.source],
  action: [(event) => event.action],
  category: [(event) => event.category],
  outcome: [(event) => event.outcome],
  actor: [(event) => event.actor.email, (event) => event.actor.name, (event) => event.actor.id],
  'target.type': [(event) => event.target.type],
  target: [(event) => event.target.name, (event) => event.target.id],
  ip: [(event) => event.ip],
  org: [(event) => event.scope.org],
  project: [(event) => event.scope.project],
  space: [(event) => event.scope.space],
};

/** The same slots for packed events, by their packed fields (the index test holds them equal). */
const PACKED_READERS: Partial<Record<EventField, readonly PackedField[]>> = {
  provider: ['provider'],
  source: ['source'],
  action: ['action'],
  category: ['category'],
  outcome: ['outcome'],
  actor: ['actor.email', 'actor.name', 'actor.id'],
  'target.type': ['target.type'],
  target: ['target.name', 'target.id'],
  ip: ['ip'],
  org: ['scope.org'],
  project: ['scope.project'],
  space: ['scope.space'],
};

/** A page string not yet looked up in a column's dictionary. */
const UNKNOWN = -2;

interface Column {
  field: EventField;
  arity: number;
  readers: readonly Reader[];
  packedReaders: readonly PackedField[];
  /** How many leading slots facets count (an actor once, by the label the table shows). */
  counted: number;
  /** The last value coded, and its code: runs of one provider or outcome skip the dictionary lookup. */
  lastValue: string | undefined;
  lastCode: number;
  /** `arity` code arrays; code -1 is "no value". */
  codes: Int32Array[];
  /** The distinct values, numbered by their codes (`values[code]`): `lookup.keys`. */
  values: readonly string[];
  /** The values in lower case, for case-insensitive filters without lowercasing on every change. */
  lower: string[];
  /** Value → code (not a Map: see string-keys.ts). */
  lookup: StringKeys;
  /** Facet counts over every row so far, kept as rows are appended: the unfiltered view costs no pass. */
  totals: Int32Array;
  /** Alphabetical rank of each code, and the code at each rank: facets sort by numbers, not strings. */
  rankOf: Int32Array;
  codeAtRank: Int32Array;
}

function createColumn(field: EventField, capacity: number): Column {
  const arity = ARITY[field] ?? 1;
  const readers = READERS[field];
  const packedReaders = PACKED_READERS[field];
  if (readers?.length !== arity || packedReaders?.length !== arity)
    throw new Error(`no reader for the indexed field ${field}`);
  const lookup = createStringKeys();
  return {
    field,
    arity,
    readers,
    packedReaders,
    counted: Math.min(arity, FACET_ARITY[field] ?? arity),
    lastValue: undefined,
    lastCode: ABSENT,
    codes: Array.from({ length: arity }, () => new Int32Array(capacity).fill(ABSENT)),
    values: lookup.keys,
    lower: [],
    lookup,
    totals: new Int32Array(16),
    rankOf: new Int32Array(0),
    codeAtRank: new Int32Array(0),
  };
}

/**
 * Ranks the dictionary alphabetically. Values only ever join the dictionary, so only the new ones are
 * sorted and merged into the existing order: a page of new actors costs a merge, not a sort of all.
 */
function ensureRanks(column: Column): void {
  const count = column.values.length;
  const ranked = column.codeAtRank.length;
  if (ranked === count) return;
  const { values } = column;
  const compare = (a: number, b: number) => {
    const x = values[a] as string;
    const y = values[b] as string;
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const added = Int32Array.from({ length: count - ranked }, (_, offset) => ranked + offset).sort(compare);
  const previous = column.codeAtRank;
  const order = new Int32Array(count);
  let i = 0;
  let j = 0;
  for (let at = 0; at < count; at++) {
    if (j >= added.length || (i < previous.length && compare(previous[i] as number, added[j] as number) <= 0))
      order[at] = previous[i++] as number;
    else order[at] = added[j++] as number;
  }
  const rankOf = new Int32Array(count);
  order.forEach((code, rank) => (rankOf[code] = rank));
  column.rankOf = rankOf;
  column.codeAtRank = order;
}

function plainColumnCode(column: Column, event: AuditEvent, reader: number): number {
  const value = (column.readers[reader] as Reader)(event);
  return value === undefined || value === '' ? ABSENT : codeOf(column, value);
}

/** Pages whose codes are kept: more than the feeds loading at once (one per ParallelCluster image). */
const RECENT_PAGES = 64;

/** A packed page's string codes translated to the columns' codes, column after column. */
interface PageCodes {
  page: PackedEvents;
  strings: number;
  table: Int32Array;
}

function packedColumnCode(
  column: Column,
  event: AuditEvent,
  reader: number,
  codes: PageCodes,
  columnNumber: number,
): number {
  const pageCode = packedCode(event, codes.page, column.packedReaders[reader] as PackedField);
  if (pageCode < 0) return ABSENT;
  // A one-per-event string has no place in the tables (no indexed field holds one today).
  if (pageCode >= codes.strings) return plainColumnCode(column, event, reader);
  const at = columnNumber * codes.strings + pageCode;
  let code = codes.table[at] as number;
  if (code === UNKNOWN) {
    const value = packedString(codes.page, pageCode);
    if (value === '') code = ABSENT;
    else code = codeOf(column, column.lookup.indexOf(value) < 0 ? ownString(value) : value);
    codes.table[at] = code;
  }
  return code;
}

/**
 * A string read from a packed page, standing on its own. A read of 13 characters or more is a view into
 * the page's joined strings (shorter ones are copies already); comparing views is more than twice as slow,
 * and the dictionary's values are sorted for every facet list (20,000 values: 29 ms against 12 ms).
 */
function ownString(value: string): string {
  return value.length < 13 ? value : (JSON.parse(JSON.stringify(value)) as string);
}

function codeOf(column: Column, value: string): number {
  if (value === column.lastValue) return column.lastCode;
  const code = column.lookup.add(value);
  if (code === column.lower.length) column.lower.push(value.toLowerCase());
  column.lastValue = value;
  column.lastCode = code;
  return code;
}

/**
 * Non-zero counts, most frequent first, then alphabetical: each value packed into one number
 * (fewer-than-total count, then alphabetical rank), smaller first. `top` picks the few it is asked for in
 * one pass; only a search sorts them all (a field can hold tens of thousands of values, and a filter
 * change must not sort them to show ten).
 */
function facetList(
  column: Column,
  counts: Int32Array,
  total: number,
  /** The codes with a count, when known; otherwise every code is looked at. */
  touched?: readonly number[],
): FacetList {
  ensureRanks(column);
  const size = column.values.length;
  const codes = touched ?? Array.from({ length: size }, (_, code) => code).filter((code) => counts[code]);
  const keys = new Float64Array(codes.length);
  codes.forEach((code, at) => {
    keys[at] = (total - (counts[code] as number)) * size + (column.rankOf[code] as number);
  });
  let sorted: Float64Array | undefined;
  const valueAt = (key: number): FacetValue => {
    const rank = key % size;
    const code = column.codeAtRank[rank] as number;
    return { value: column.values[code] as string, count: total - (key - rank) / size };
  };
  return {
    distinct: keys.length,
    top(limit) {
      if (sorted || limit * 8 > keys.length) {
        sorted ??= keys.slice().sort();
        return Array.from(sorted.subarray(0, Math.max(0, limit)), valueAt);
      }
      return Array.from(smallest(keys, limit), valueAt);
    },
    search(text, limit) {
      sorted ??= keys.slice().sort();
      const wanted = text.toLowerCase();
      const values: FacetValue[] = [];
      let matches = 0;
      for (const key of sorted) {
        const code = column.codeAtRank[key % size] as number;
        if (!(column.lower[code] as string).includes(wanted)) continue;
        matches++;
        if (values.length < limit) values.push(valueAt(key));
      }
      return { values, matches };
    },
  };
}

/** The `limit` smallest keys in ascending order, in one pass with a small sorted buffer. */
function smallest(keys: Float64Array, limit: number): Float64Array {
  const best = new Float64Array(Math.max(0, limit)).fill(Infinity);
  if (best.length === 0) return best;
  const last = best.length - 1;
  for (const key of keys) {
    if (key >= (best[last] as number)) continue;
    let at = last;
    while (at > 0 && (best[at - 1] as number) > key) {
      best[at] = best[at - 1] as number;
      at--;
    }
    best[at] = key;
  }
  const filled = best.indexOf(Infinity);
  return filled < 0 ? best : best.subarray(0, filled);
}

/** The rows (all `limit` rows when null) that `keep` accepts, in order. */
function narrow(rows: Int32Array | null, limit: number, keep: (row: number) => boolean): Int32Array {
  const total = rows ? rows.length : limit;
  const out = new Int32Array(total);
  let count = 0;
  for (let i = 0; i < total; i++) {
    const row = rows ? (rows[i] as number) : i;
    if (keep(row)) out[count++] = row;
  }
  return out.slice(0, count);
}

function grow(array: Int32Array, capacity: number, fill: number): Int32Array {
  const next = new Int32Array(capacity).fill(fill);
  next.set(array);
  return next;
}

export function createEventIndex(): EventIndex {
  let source: readonly AuditEvent[] = [];
  /**
   * The rows as indexed. The merge's array can change in place before the next sync (a late event spliced
   * in, newer events put on top), so rows are read from this copy of references, which always matches the
   * codes (8 bytes a row).
   */
  let ownRows: AuditEvent[] = [];
  let sourceGeneration = 0;
  let size = 0;
  let capacity = 0;
  let times = new Float64Array(0);
  let columns = new Map<EventField, Column>();
  /** Keys numbered as first met, and the row of each number (see string-keys.ts for why not a Map). */
  let keyNumbers = createStringKeys();
  let rowOfKey: number[] = [];
  let keyedUpTo = 0;
  let unfiltered: { key: string; histogram: TimeHistogram } | undefined;
  const unfilteredFacets = new Map<EventField, { size: number; list: FacetList }>();

  /**
   * For the packed pages rows came from lately (rows interleave the pages of every feed still loading),
   * each column's code of each page string, UNKNOWN until met: a page string is decoded and looked up once
   * per column, however many rows hold it. Tables cover only the strings indexed fields can hold, and are
   * reused round-robin once RECENT_PAGES are in use.
   */
  let recentPages: PageCodes[] = [];
  let nextReused = 0;
  const pageCodes = (page: PackedEvents, columnCount: number): PageCodes => {
    for (const entry of recentPages) if (entry.page === page) return entry;
    const strings = page.repeatedCount;
    const needed = strings * columnCount;
    let entry: PageCodes;
    if (recentPages.length < RECENT_PAGES) {
      entry = { page, strings, table: new Int32Array(Math.max(needed, 1024)) };
      recentPages.push(entry);
    } else {
      entry = recentPages[nextReused] as PageCodes;
      nextReused = (nextReused + 1) % RECENT_PAGES;
      entry.page = page;
      entry.strings = strings;
      if (entry.table.length < needed) entry.table = new Int32Array(needed * 2);
    }
    entry.table.fill(UNKNOWN, 0, needed);
    return entry;
  };

  const reset = () => {
    size = 0;
    capacity = 1024;
    times = new Float64Array(capacity);
    columns = new Map(FACET_FIELDS.map((field) => [field, createColumn(field, capacity)]));
    keyNumbers = createStringKeys();
    rowOfKey = [];
    keyedUpTo = 0;
    ownRows = [];
    recentPages = [];
    unfiltered = undefined;
    unfilteredFacets.clear();
  };
  reset();

  const growTimes = (target: number) => {
    const grownTimes = new Float64Array(target);
    grownTimes.set(times);
    times = grownTimes;
  };

  /**
   * Grows the first array still shorter than twice the capacity; once all are, the capacity doubles.
   * Allocating a large typed array is slow in Chromium (about 2 ms per 512 KB here), so growing the twenty
   * or so arrays at once, at 65k rows, took one sync 26–40 ms: they grow one at a time as rows arrive.
   */
  const growOneAhead = () => {
    const target = capacity * 2;
    if (times.length < target) {
      growTimes(target);
      return;
    }
    for (const column of columns.values()) {
      const slot = column.codes.findIndex((codes) => codes.length < target);
      if (slot >= 0) {
        column.codes[slot] = grow(column.codes[slot] as Int32Array, target, ABSENT);
        return;
      }
    }
    capacity = target;
  };

  const ensureCapacity = (needed: number) => {
    if (needed <= capacity * 2) {
      while (needed > capacity) growOneAhead();
      return;
    }
    // A rebuild or a very large batch: each array once, at the final size.
    let next = capacity;
    while (next < needed) next *= 2;
    growTimes(next);
    for (const column of columns.values())
      column.codes = column.codes.map((codes) => grow(codes, next, ABSENT));
    capacity = next;
  };

  const append = (rows: readonly AuditEvent[], from: number, until = rows.length) => {
    ensureCapacity(until);
    // As rows stream in, past three quarters of the capacity, one array grows every 1/128 of it (32 chances
    // for about twenty arrays), so the next doubling is done before it is needed, whatever the batch sizes.
    // A rebuild has just allocated what it needs.
    if (from > 0)
      for (let row = from; row < until; row++)
        if (row >= capacity * 0.75 && row % (capacity / 128) === 0) growOneAhead();
    const list = [...columns.values()];
    let codesOfPage: PageCodes | undefined;
    for (let row = from; row < until; row++) {
      const event = rows[row] as AuditEvent;
      ownRows.push(event);
      times[row] = event.time;
      const page = packedPageOf(event);
      if (page && page !== codesOfPage?.page) codesOfPage = pageCodes(page, list.length);
      for (let c = 0; c < list.length; c++) {
        const column = list[c] as Column;
        let slot = 0;
        let previous = ABSENT;
        for (let reader = 0; reader < column.arity; reader++) {
          const code = page
            ? packedColumnCode(column, event, reader, codesOfPage as PageCodes, c)
            : plainColumnCode(column, event, reader);
          if (code === ABSENT) continue;
          (column.codes[slot] as Int32Array)[row] = code;
          if (slot++ >= column.counted || code === previous) continue;
          previous = code;
          if (code >= column.totals.length) column.totals = grow(column.totals, column.totals.length * 4, 0);
          column.totals[code] = (column.totals[code] as number) + 1;
        }
      }
    }
    size = until;
  };

  /** Row numbers by key, built on the first lookup and extended as rows arrive (ingest never pays for it). */
  const rowOf = (key: string): number => {
    for (; keyedUpTo < size; keyedUpTo++)
      rowOfKey[keyNumbers.add((ownRows[keyedUpTo] as AuditEvent).key)] = keyedUpTo;
    const entry = keyNumbers.indexOf(key);
    return entry < 0 ? -1 : (rowOfKey[entry] as number);
  };

  /** Per field, which dictionary codes a filter value matches (case-insensitive, `*` prefix). */
  const codeMask = (column: Column, wanted: readonly string[]): Uint8Array => {
    const mask = new Uint8Array(column.values.length);
    const tests = wanted.map((candidate) => {
      const lower = candidate.toLowerCase();
      return {
        candidate,
        // A final sigma or a U+FFFD (a lone surrogate through a URL) only compares right the slow way.
        exactRule: /[\u03C2\uFFFD]/u.test(lower),
        prefix: lower.endsWith('*'),
        text: lower.endsWith('*') ? lower.slice(0, -1) : lower,
      };
    });
    column.lower.forEach((value, code) => {
      for (const test of tests)
        if (
          test.exactRule
            ? valueMatches(column.values[code] as string, test.candidate)
            : test.prefix
              ? value.startsWith(test.text)
              : value === test.text
        ) {
          mask[code] = 1;
          return;
        }
    });
    return mask;
  };

  /** An exact filter's codes: the values themselves, case and all. */
  const exactMask = (column: Column, wanted: readonly string[]): Uint8Array => {
    const mask = new Uint8Array(column.values.length);
    for (const value of wanted) {
      const code = column.lookup.indexOf(value);
      if (code >= 0) mask[code] = 1;
      // Values a URL could not carry as they are (see isExactly): rare, and only then is every value read.
      if (value.includes('\uFFFD'))
        column.values.forEach((candidate, at) => {
          if (isExactly(candidate, value)) mask[at] = 1;
        });
    }
    return mask;
  };

  /** A row test over some of a column's slots: does the row hold (or, with `wanted` false, lack) a masked code? */
  const hasCode = (
    slots: readonly Int32Array[],
    mask: Uint8Array,
    wanted: boolean,
  ): ((row: number) => boolean) => {
    const [first, second, third] = slots as [Int32Array, Int32Array?, Int32Array?];
    const hit = (code: number) => code !== ABSENT && mask[code] === 1;
    if (!second) return (row) => hit(first[row] as number) === wanted;
    if (!third) return (row) => (hit(first[row] as number) || hit(second[row] as number)) === wanted;
    return (row) =>
      (hit(first[row] as number) || hit(second[row] as number) || hit(third[row] as number)) === wanted;
  };

  /**
   * The row test for one indexed field's filters (OR among them): matching values against every slot,
   * exact ones against the slots facets count.
   */
  const fieldTest = (
    column: Column,
    filters: readonly EventFilter[],
    wanted: boolean,
  ): ((row: number) => boolean) => {
    const matching = filters.filter((filter) => !filter.exact).map((filter) => filter.value);
    const exact = filters.filter((filter) => filter.exact).map((filter) => filter.value);
    const byMatch = matching.length ? hasCode(column.codes, codeMask(column, matching), wanted) : undefined;
    const byExact = exact.length
      ? hasCode(column.codes.slice(0, column.counted), exactMask(column, exact), wanted)
      : undefined;
    if (!byExact) return byMatch as (row: number) => boolean;
    if (!byMatch) return byExact;
    // Both kinds on one field: held by either (an exclusion: lacking both).
    return wanted ? (row) => byMatch(row) || byExact(row) : (row) => byMatch(row) && byExact(row);
  };

  return {
    get size() {
      return size;
    },
    sync(rows, generation = 0, maxAppend = Infinity) {
      if (rows !== source || generation !== sourceGeneration || rows.length < size) {
        source = rows;
        sourceGeneration = generation;
        reset();
        append(rows, 0);
      }
      if (rows.length > size) append(rows, size, Math.min(rows.length, size + maxAppend));
    },
    event: (row) => ownRows[row] as AuditEvent,
    rowOf,
    select(filters, also, upTo = size) {
      const limit = Math.min(upTo, size);
      const active = filters.filter((filter) => !filter.disabled);
      if (active.length === 0 && !also) return null;
      const includes = new Map<EventField, EventFilter[]>();
      const excludes = new Map<EventField, EventFilter[]>();
      for (const filter of active) {
        const target = filter.exclude ? excludes : includes;
        target.set(filter.field, [...(target.get(filter.field) ?? []), filter]);
      }
      const indexed = (map: Map<EventField, EventFilter[]>, wanted: boolean) =>
        [...map].flatMap(([field, filters]) => {
          const column = columns.get(field);
          return column ? [fieldTest(column, filters, wanted)] : [];
        });
      const slow = (map: Map<EventField, EventFilter[]>, exclude: boolean) =>
        [...map]
          .filter(([field]) => !columns.has(field))
          .map(([, filters]) => (event: AuditEvent) => {
            const hit = filters.some((filter) => holdsValue(event, filter));
            return exclude ? !hit : hit;
          });
      // Narrowing passes, one condition at a time over the rows still in: each pass is a tight loop over one
      // typed array, which the JIT compiles at once (a loop over a list of conditions stays slow when cold).
      let rows: Int32Array | null = null;
      for (const test of [...indexed(includes, true), ...indexed(excludes, false)])
        rows = narrow(rows, limit, test);
      for (const check of [...slow(includes, false), ...slow(excludes, true), ...(also ? [also] : [])])
        rows = narrow(rows, limit, (row) => check(ownRows[row] as AuditEvent));
      return rows ?? Int32Array.from({ length: limit }, (_, row) => row);
    },
    facets(selection, fields = FACET_FIELDS, upTo = size) {
      const out = new Map<EventField, FacetList>();
      const total = selection ? selection.length : Math.min(upTo, size);
      for (const field of fields) {
        const column = columns.get(field);
        if (!column) continue;
        if (!selection && total === size) {
          // Unfiltered counts change only when rows arrive: build each field's list once per size.
          const cached = unfilteredFacets.get(field);
          if (cached?.size === size) out.set(field, cached.list);
          else {
            const list = facetList(column, column.totals.subarray(0, column.values.length), total);
            unfilteredFacets.set(field, { size, list });
            out.set(field, list);
          }
          continue;
        }
        const counts = new Int32Array(column.values.length);
        // The codes seen, so a narrow selection of a field with many values never scans them all.
        const touched: number[] = [];
        const slots = Math.min(column.arity, FACET_ARITY[field] ?? column.arity);
        for (let slot = 0; slot < slots; slot++) {
          const codes = column.codes[slot] as Int32Array;
          const previous = slot > 0 ? (column.codes[slot - 1] as Int32Array) : undefined;
          for (let i = 0; i < total; i++) {
            const row = selection ? (selection[i] as number) : i;
            const code = codes[row] as number;
            // A value held twice by one event (a target whose name is its id) counts once.
            if (code === ABSENT || previous?.[row] === code) continue;
            if (counts[code] === 0) touched.push(code);
            counts[code] = (counts[code] as number) + 1;
          }
        }
        out.set(field, facetList(column, counts, total, touched));
      }
      return out;
    },
    histogram(selection, range, maxBuckets, upTo = size, timeZone = 'UTC') {
      // The unfiltered histogram changes only when rows arrive: clearing every filter is then free.
      const memoKey = selection
        ? null
        : `${range.from}|${range.to}|${maxBuckets}|${Math.min(upTo, size)}|${timeZone}`;
      if (memoKey !== null && unfiltered?.key === memoKey) return unfiltered.histogram;
      const result = computeHistogram(selection, range, maxBuckets, upTo, timeZone);
      if (memoKey !== null) unfiltered = { key: memoKey, histogram: result };
      return result;
    },
  };

  function computeHistogram(
    selection: Int32Array | null,
    range: TimeRange,
    maxBuckets: number | undefined,
    upTo: number,
    timeZone: string,
  ): TimeHistogram {
    const edges = histogramBuckets(range, maxBuckets, timeZone);
    const buckets = edges.count;
    const provider = columns.get('provider') as Column;
    const providerCodes = provider.codes[0] as Int32Array;
    const perProvider = Array.from({ length: provider.values.length }, () => new Uint32Array(buckets));
    const totals = new Uint32Array(buckets);
    const total = selection ? selection.length : Math.min(upTo, size);
    for (let i = 0; i < total; i++) {
      const row = selection ? (selection[i] as number) : i;
      const time = times[row] as number;
      if (time < range.from || time > range.to) continue;
      const bucket = bucketOf(edges, time);
      totals[bucket] = (totals[bucket] as number) + 1;
      const counts = perProvider[providerCodes[row] as number];
      if (counts) counts[bucket] = (counts[bucket] as number) + 1;
    }
    const series = new Map<string, number[]>();
    perProvider.forEach((counts, code) => {
      if (counts.some((count) => count > 0)) series.set(provider.values[code] as string, Array.from(counts));
    });
    return histogramResult(edges, range, totals, series);
  }
}
