import type { AuditEvent } from './audit-event.ts';
import { FACET_FIELDS, type FacetValue } from './facets.ts';
import { fieldValues, valueMatches, type EventField, type EventFilter } from './filter.ts';
import { histogramStep, type TimeHistogram } from './histogram.ts';
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
   * Brings the index up to date with the merge's rows: appended rows are added; a different array or a
   * different `generation` (the merge rewrote rows in place) rebuilds it.
   */
  sync(rows: readonly AuditEvent[], generation?: number): void;
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
  ): Map<EventField, FacetValue[]>;
  /** Counts per time bucket over the selected rows, in total and per provider. */
  histogram(
    selection: Int32Array | null,
    range: TimeRange,
    maxBuckets?: number,
    upTo?: number,
  ): TimeHistogram;
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

interface Column {
  field: EventField;
  arity: number;
  /** `arity` code arrays; code -1 is "no value". */
  codes: Int32Array[];
  values: string[];
  /** The values in lower case, for case-insensitive filters without lowercasing on every change. */
  lower: string[];
  lookup: Map<string, number>;
  /** Alphabetical rank of each code, and the code at each rank: facets sort by numbers, not strings. */
  rankOf: Int32Array;
  codeAtRank: Int32Array;
}

function createColumn(field: EventField, capacity: number): Column {
  const arity = ARITY[field] ?? 1;
  return {
    field,
    arity,
    codes: Array.from({ length: arity }, () => new Int32Array(capacity).fill(ABSENT)),
    values: [],
    lower: [],
    lookup: new Map(),
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

function codeOf(column: Column, value: string): number {
  let code = column.lookup.get(value);
  if (code === undefined) {
    code = column.values.length;
    column.values.push(value);
    column.lower.push(value.toLowerCase());
    column.lookup.set(value, code);
  }
  return code;
}

/**
 * Non-zero counts, most frequent first, then alphabetical: each value packed into one number
 * (fewer-than-total count, then alphabetical rank) so a native numeric sort does the work.
 */
function sortedCounts(column: Column, counts: Int32Array, total: number): FacetValue[] {
  ensureRanks(column);
  const size = column.values.length;
  let present = 0;
  for (const count of counts) if (count > 0) present++;
  const keys = new Float64Array(present);
  let at = 0;
  counts.forEach((count, code) => {
    if (count > 0) keys[at++] = (total - count) * size + (column.rankOf[code] as number);
  });
  keys.sort();
  const out: FacetValue[] = new Array<FacetValue>(present);
  keys.forEach((key, position) => {
    const rank = key % size;
    const code = column.codeAtRank[rank] as number;
    out[position] = { value: column.values[code] as string, count: total - (key - rank) / size };
  });
  return out;
}

function grow(array: Int32Array, capacity: number, fill: number): Int32Array {
  const next = new Int32Array(capacity).fill(fill);
  next.set(array);
  return next;
}

export function createEventIndex(): EventIndex {
  let source: readonly AuditEvent[] = [];
  let sourceGeneration = 0;
  let size = 0;
  let capacity = 0;
  let times = new Float64Array(0);
  let columns = new Map<EventField, Column>();
  let rowsByKey = new Map<string, number>();

  const reset = () => {
    size = 0;
    capacity = 1024;
    times = new Float64Array(capacity);
    columns = new Map(FACET_FIELDS.map((field) => [field, createColumn(field, capacity)]));
    rowsByKey = new Map();
  };
  reset();

  const ensureCapacity = (needed: number) => {
    if (needed <= capacity) return;
    let next = capacity;
    while (next < needed) next *= 2;
    const grownTimes = new Float64Array(next);
    grownTimes.set(times);
    times = grownTimes;
    for (const column of columns.values())
      column.codes = column.codes.map((codes) => grow(codes, next, ABSENT));
    capacity = next;
  };

  const append = (rows: readonly AuditEvent[], from: number) => {
    ensureCapacity(rows.length);
    for (let row = from; row < rows.length; row++) {
      const event = rows[row] as AuditEvent;
      times[row] = event.time;
      rowsByKey.set(event.key, row);
      for (const column of columns.values()) {
        const values = fieldValues(event, column.field);
        for (let slot = 0; slot < column.arity && slot < values.length; slot++)
          (column.codes[slot] as Int32Array)[row] = codeOf(column, values[slot] as string);
      }
    }
    size = rows.length;
  };

  /** Per field, which dictionary codes a filter value matches (case-insensitive, `*` prefix). */
  /** Per field, which dictionary codes a filter value matches (case-insensitive, `*` prefix). */
  const codeMask = (column: Column, wanted: readonly string[]): Uint8Array => {
    const mask = new Uint8Array(column.values.length);
    const tests = wanted.map((candidate) => {
      const lower = candidate.toLowerCase();
      return lower.endsWith('*')
        ? { prefix: true, text: lower.slice(0, -1) }
        : { prefix: false, text: lower };
    });
    column.lower.forEach((value, code) => {
      for (const test of tests)
        if (test.prefix ? value.startsWith(test.text) : value === test.text) {
          mask[code] = 1;
          return;
        }
    });
    return mask;
  };

  const rowHas = (column: Column, mask: Uint8Array, row: number): boolean => {
    for (let slot = 0; slot < column.arity; slot++) {
      const code = (column.codes[slot] as Int32Array)[row] as number;
      if (code !== ABSENT && mask[code] === 1) return true;
    }
    return false;
  };

  return {
    get size() {
      return size;
    },
    sync(rows, generation = 0) {
      if (rows !== source || generation !== sourceGeneration || rows.length < size) {
        source = rows;
        sourceGeneration = generation;
        reset();
      }
      if (rows.length > size) append(rows, size);
    },
    event: (row) => source[row] as AuditEvent,
    rowOf: (key) => rowsByKey.get(key) ?? -1,
    select(filters, also, upTo = size) {
      const limit = Math.min(upTo, size);
      const active = filters.filter((filter) => !filter.disabled);
      if (active.length === 0 && !also) return null;
      const includes = new Map<EventField, string[]>();
      const excludes = new Map<EventField, string[]>();
      for (const filter of active) {
        const target = filter.exclude ? excludes : includes;
        target.set(filter.field, [...(target.get(filter.field) ?? []), filter.value]);
      }
      const indexed = (map: Map<EventField, string[]>) =>
        [...map].flatMap(([field, wanted]) => {
          const column = columns.get(field);
          return column ? [{ column, mask: codeMask(column, wanted) }] : [];
        });
      const slow = (map: Map<EventField, string[]>, exclude: boolean) =>
        [...map]
          .filter(([field]) => !columns.has(field))
          .map(([field, wanted]) => (event: AuditEvent) => {
            const hit = fieldValues(event, field).some((value) =>
              wanted.some((candidate) => valueMatches(value, candidate)),
            );
            return exclude ? !hit : hit;
          });
      const must = indexed(includes);
      const mustNot = indexed(excludes);
      const checks = [...slow(includes, false), ...slow(excludes, true), ...(also ? [also] : [])];
      const out = new Int32Array(limit);
      let count = 0;
      rows: for (let row = 0; row < limit; row++) {
        for (const { column, mask } of must) if (!rowHas(column, mask, row)) continue rows;
        for (const { column, mask } of mustNot) if (rowHas(column, mask, row)) continue rows;
        if (checks.length) {
          const event = source[row] as AuditEvent;
          for (const check of checks) if (!check(event)) continue rows;
        }
        out[count++] = row;
      }
      return out.slice(0, count);
    },
    facets(selection, fields = FACET_FIELDS, upTo = size) {
      const out = new Map<EventField, FacetValue[]>();
      const total = selection ? selection.length : Math.min(upTo, size);
      for (const field of fields) {
        const column = columns.get(field);
        if (!column) continue;
        const counts = new Int32Array(column.values.length);
        const slots = Math.min(column.arity, FACET_ARITY[field] ?? column.arity);
        for (let slot = 0; slot < slots; slot++) {
          const codes = column.codes[slot] as Int32Array;
          const previous = slot > 0 ? (column.codes[slot - 1] as Int32Array) : undefined;
          for (let i = 0; i < total; i++) {
            const row = selection ? (selection[i] as number) : i;
            const code = codes[row] as number;
            // A value held twice by one event (a target whose name is its id) counts once.
            if (code !== ABSENT && previous?.[row] !== code) counts[code] = (counts[code] as number) + 1;
          }
        }
        out.set(field, sortedCounts(column, counts, total));
      }
      return out;
    },
    histogram(selection, range, maxBuckets, upTo = size) {
      const step = histogramStep(Math.max(1, range.to - range.from), maxBuckets);
      const start = Math.floor(range.from / step) * step;
      const buckets = Math.max(1, Math.floor((range.to - start) / step) + 1);
      const provider = columns.get('provider') as Column;
      const providerCodes = provider.codes[0] as Int32Array;
      const perProvider = Array.from({ length: provider.values.length }, () => new Uint32Array(buckets));
      const totals = new Uint32Array(buckets);
      const total = selection ? selection.length : Math.min(upTo, size);
      for (let i = 0; i < total; i++) {
        const row = selection ? (selection[i] as number) : i;
        const time = times[row] as number;
        if (time < range.from || time > range.to) continue;
        const bucket = Math.floor((time - start) / step);
        totals[bucket] = (totals[bucket] as number) + 1;
        const counts = perProvider[providerCodes[row] as number];
        if (counts) counts[bucket] = (counts[bucket] as number) + 1;
      }
      const series = new Map<string, number[]>();
      perProvider.forEach((counts, code) => {
        if (counts.some((count) => count > 0))
          series.set(provider.values[code] as string, Array.from(counts));
      });
      return { start, step, totals: Array.from(totals), series };
    },
  };
}
