import { jsonArraySpans, type JsonArraySpans } from '../lib/json-array-spans.ts';

/**
 * The raw records of the events, read from the response text they came in, not written out again. A page
 * used to keep every record as `JSON.stringify(record)`: a tenth of an ingest spent writing text the
 * response already held. Now the fetch registers each parsed response with its text, the packer asks
 * where an event's record came from, and the record's text is cut from the response when it is read (the
 * detail panel, a free-text search, an export). Where the records of a response's text are is found by
 * one scan of it, in the browser's idle time after the page is packed (`findRecordsWhenIdle`), not on the
 * way from the response to the timeline.
 *
 * The trade: each page keeps its response's whole text on the heap, envelope and dropped records
 * included, where it kept only its records' UTF-8 bytes before (a text with a character past U+00FF takes
 * two bytes a character). The memory benchmark measures it: 141.9 MB for 104k events, from 135.8.
 *
 * @example
 * const body = JSON.parse(text); // { data: [record, …] }
 * registerResponseRecords(body, text);
 * const place = recordPlace(body.data[3]); // { source, at: 3 }
 * recordText(place.source, place.at); // body.data[3] as JSON.stringify writes it
 */
export interface RecordSource {
  readonly text: string;
  /** The root object's key that holds the records; undefined when the root is the array. */
  readonly key: string | undefined;
  readonly length: number;
  /**
   * Found when the browser is idle or on first read; null when the text's records could not be told apart
   * (then they are parsed again).
   */
  spans?: JsonArraySpans | null;
  texts?: readonly string[];
}

export interface RecordPlace {
  source: RecordSource;
  at: number;
}

// Weak: a place lives as long as its record, which the packer drops once it has its place.
const places = new WeakMap<object, RecordPlace>();

function registerArray(records: readonly unknown[], text: string, key: string | undefined): void {
  const source: RecordSource = { text, key, length: records.length };
  for (let at = 0; at < records.length; at++) {
    const record = records[at];
    if (typeof record === 'object' && record !== null) places.set(record, { source, at });
  }
}

/**
 * Remembers where the records of a parsed response are in its text: every array that is the root or a
 * value of the root object. `body` must be `JSON.parse(text)` itself, untouched.
 */
export function registerResponseRecords(body: unknown, text: string): void {
  if (Array.isArray(body)) registerArray(body, text, undefined);
  else if (typeof body === 'object' && body !== null)
    for (const [key, value] of Object.entries(body))
      if (Array.isArray(value)) registerArray(value, text, key);
}

/** Where a record came from, when it is one of a registered response's records. */
export function recordPlace(record: unknown): RecordPlace | undefined {
  return typeof record === 'object' && record !== null ? places.get(record) : undefined;
}

function findSpans(source: RecordSource): void {
  if (source.spans !== undefined) return;
  const spans = jsonArraySpans(source.text, source.key);
  source.spans = spans?.starts.length === source.length ? spans : null;
}

type IdleCallback = (deadline: { timeRemaining(): number }) => void;
const requestIdle = (globalThis as { requestIdleCallback?: (callback: IdleCallback) => number })
  .requestIdleCallback;
const waiting: RecordSource[] = [];

function findWaitingSpans(deadline: { timeRemaining(): number }): void {
  // A source takes well under a millisecond (a page's text, at about the speed of JSON.parse).
  while (waiting.length > 0 && deadline.timeRemaining() > 1) findSpans(waiting.shift() as RecordSource);
  if (waiting.length > 0) requestIdle?.(findWaitingSpans);
}

/**
 * Finds a source's records while the browser is idle, so the first free-text search or export over a
 * whole load does not scan every response at once (about 0.3 s for 100,000 events). Where there is no
 * `requestIdleCallback` (Node: tests and the benchmarks) records are found when first read.
 */
export function findRecordsWhenIdle(source: RecordSource): void {
  if (!requestIdle || source.spans !== undefined) return;
  waiting.push(source);
  if (waiting.length === 1) requestIdle(findWaitingSpans);
}

/** Record `at` of a source, as `JSON.stringify` writes it. */
export function recordText(source: RecordSource, at: number): string {
  findSpans(source);
  const { spans } = source;
  if (spans) {
    const text = source.text.slice(spans.starts[at], spans.ends[at]);
    return spans.plain[at] === 1 ? text : rewritten(text);
  }
  source.texts ??= parsedAgain(source);
  return source.texts[at] ?? '';
}

/** A record's JSON text as JSON.stringify writes it, or '' where it cannot (too deep, not JSON). */
function rewritten(text: string): string {
  try {
    return jsonText(JSON.parse(text));
  } catch {
    return '';
  }
}

function parsedAgain(source: RecordSource): readonly string[] {
  let body: unknown;
  try {
    body = JSON.parse(source.text);
  } catch {
    return [];
  }
  const records: unknown = source.key === undefined ? body : (body as Record<string, unknown>)[source.key];
  return Array.isArray(records) ? records.map(jsonText) : [];
}

/**
 * `JSON.stringify(value)`, or '' where there is no text to keep: a value too deep to write out, or one
 * that is not a record (a function, a BigInt, a cycle). A search or an export must never throw on it.
 */
export function jsonText(value: unknown): string {
  try {
    // JSON.stringify's type hides that it gives undefined for a function or a symbol.
    const text = JSON.stringify(value) as string | undefined;
    return typeof text === 'string' ? text : '';
  } catch {
    return '';
  }
}
