import type { AuditEvent, Category, Outcome, ProviderId, Source } from './audit-event.ts';
import { nextTask } from '../lib/next-task.ts';
import { createStringKeys } from '../lib/string-keys.ts';
import type { ProviderFeed } from './feed.ts';
import {
  findRecordsWhenIdle,
  jsonText,
  recordPlace,
  recordText,
  type RecordSource,
} from './response-records.ts';

/**
 * A page of events as a few flat values: times and string codes in typed arrays, the page's distinct
 * strings joined into one string, and where each raw record is in its response's text. `PackedEvent`s read
 * their fields from it. A loaded page then leaves a handful of heap objects, and about three small ones per
 * event (the `PackedEvent`, its key, its time), instead of every event's object graph and its parsed record
 * (about 20 objects each): the parse and the normalizers' objects die young, and the collector's pauses
 * while 100,000 events load stay short.
 *
 * @example
 * const events = packedPage(page.events); // what every feed's pages hold (see `packedFeed`)
 * events[0].actor.email; // the same values as the events packed
 */
export interface PackedEvents {
  count: number;
  /**
   * The page's distinct strings joined into one; string c ends at `stringEnds[c]`. One string instead of
   * thousands: the collector copies it as one block, and a read is a slice of it.
   */
  strings: string;
  stringEnds: Uint32Array;
  /**
   * Strings numbered below this can repeat (every field but the key, summary and request, trace and session
   * ids); above it, each belongs to one event. The index only ever looks up the first kind.
   */
  repeatedCount: number;
  /** `STRING_FIELDS.length` codes per event, event after event: a string's number, or -1 (absent). */
  codes: Int32Array;
  times: Float64Array;
  /** 1 where the event is demo data. */
  demo: Uint8Array;
  /**
   * Where each raw record is: record `rawAt[i]` of the response `rawSources[rawSource[i]]` (see
   * response-records.ts), read from its text only when asked for. A record that came from no registered
   * response (rawSource -1) is kept as UTF-8 JSON in `rawBytes`, ending at byte `rawEnds[i]` (empty: no raw
   * record). Bytes, not a string: a buffer lives outside the JavaScript heap, which the collector would
   * otherwise copy from young to old space.
   */
  rawSources: RecordSource[];
  rawSource: Int32Array;
  rawAt: Uint32Array;
  rawBytes: Uint8Array;
  rawEnds: Uint32Array;
}

const STRING_FIELDS = [
  'key',
  'provider',
  'source',
  'action',
  'category',
  'outcome',
  'actor.id',
  'actor.name',
  'actor.email',
  'actor.type',
  'target.id',
  'target.name',
  'target.type',
  'scope.org',
  'scope.project',
  'scope.space',
  'scope.region',
  'scope.image',
  'ip',
  'userAgent',
  'requestId',
  'traceId',
  'sessionId',
  'summary',
] as const;
const FIELDS = STRING_FIELDS.length;
const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();
export type PackedField = (typeof STRING_FIELDS)[number];
/** Fields whose values are (nearly) all different: never looked up while packing. */
const ONE_PER_EVENT = STRING_FIELDS.map((field) =>
  ['key', 'summary', 'requestId', 'traceId', 'sessionId'].includes(field),
);
/** Each string field's place among an event's codes. */
const F = Object.fromEntries(STRING_FIELDS.map((field, at) => [field, at])) as Record<PackedField, number>;

/** Writes an event's string fields in `STRING_FIELDS` order. */
function eachString(event: AuditEvent, write: (value: string | undefined) => void): void {
  const { actor, target, scope } = event;
  write(event.key);
  write(event.provider);
  write(event.source);
  write(event.action);
  write(event.category);
  write(event.outcome);
  write(actor.id);
  write(actor.name);
  write(actor.email);
  write(actor.type);
  write(target.id);
  write(target.name);
  write(target.type);
  write(scope.org);
  write(scope.project);
  write(scope.space);
  write(scope.region);
  write(scope.image);
  write(event.ip);
  write(event.userAgent);
  write(event.requestId);
  write(event.traceId);
  write(event.sessionId);
  write(event.summary);
}

/** Packs events; `unpackEvents` gives back events with the same values. */
export function packEvents(events: readonly AuditEvent[]): PackedEvents {
  const count = events.length;
  // Values that repeat are stored once, and numbered first. Not a Map: see string-keys.ts.
  const repeated = createStringKeys(count * 2);
  // A field with a value of its own for each event is not worth looking up: stored as it comes, after them.
  const unique: string[] = [];
  const codes = new Int32Array(count * FIELDS);
  const times = new Float64Array(count);
  const demo = new Uint8Array(count);
  let slot = 0;
  const write = (value: string | undefined) => {
    if (value === undefined) codes[slot] = -1;
    // Unique strings are numbered after the repeated ones, whose count is known only at the end: until
    // then unique string n is written as -2 - n.
    else if (ONE_PER_EVENT[slot % FIELDS]) codes[slot] = -2 - (unique.push(value) - 1);
    else codes[slot] = repeated.add(value);
    slot++;
  };
  for (let at = 0; at < count; at++) {
    const event = events[at] as AuditEvent;
    eachString(event, write);
    times[at] = event.time;
    demo[at] = event.demo ? 1 : 0;
  }
  const repeatedCount = repeated.size;
  for (let at = 0; at < codes.length; at++) {
    const code = codes[at] as number;
    if (code <= -2) codes[at] = repeatedCount + (-2 - code);
  }
  const strings = [...repeated.keys, ...unique];
  const stringEnds = new Uint32Array(strings.length);
  let end = 0;
  strings.forEach((value, code) => (stringEnds[code] = end += value.length));
  const { rawSources, rawSource, rawAt, rawTexts } = rawPlaces(events);
  const [rawBytes, rawEnds] = utf8Joined(rawTexts);
  return {
    count,
    strings: strings.join(''),
    stringEnds,
    repeatedCount,
    codes,
    times,
    demo,
    rawSources,
    rawSource,
    rawAt,
    rawBytes,
    rawEnds,
  };
}

/** Where each event's raw record is in its response, or its JSON text when it came from none. */
function rawPlaces(events: readonly AuditEvent[]) {
  const rawSources: RecordSource[] = [];
  const rawSource = new Int32Array(events.length);
  const rawAt = new Uint32Array(events.length);
  const rawTexts: string[] = [];
  for (let at = 0; at < events.length; at++) {
    const raw = (events[at] as AuditEvent).raw;
    const place = recordPlace(raw);
    if (place) {
      // A page's records nearly always come from one response: the last one is checked first.
      let source = rawSources.lastIndexOf(place.source);
      if (source < 0) {
        source = rawSources.push(place.source) - 1;
        findRecordsWhenIdle(place.source);
      }
      rawSource[at] = source;
      rawAt[at] = place.at;
      rawTexts.push('');
    } else {
      rawSource[at] = -1;
      rawTexts.push(jsonText(raw));
    }
  }
  return { rawSources, rawSource, rawAt, rawTexts };
}

export function unpackEvents(packed: PackedEvents): AuditEvent[] {
  return Array.from({ length: packed.count }, (_, at) => new PackedEvent(packed, at));
}

/** The same events, packed: what a feed's page keeps. */
export function packedPage(events: readonly AuditEvent[]): AuditEvent[] {
  return unpackEvents(packEvents(events));
}

/** A feed whose pages hold packed events: every provider's feeds are wrapped so (see the registry). */
export function packedFeed(feed: ProviderFeed): ProviderFeed {
  return {
    ...feed,
    fetchPage: async (query, cursor, context) => {
      const page = await feed.fetchPage(query, cursor, context);
      // Packing runs in a task of its own, not after the adapter's work in one long task.
      await nextTask();
      return { ...page, events: packedPage(page.events) };
    },
  };
}

/**
 * One event of a packed page. Its fields are read from the page as they are asked for (the key and time,
 * which the merge reads over and over, are kept), and `raw` is parsed from its JSON text on each read.
 * Nothing may write to it: events are immutable everywhere. Its only own properties are `key` and `time`:
 * a spread, `Object.keys` or `structuredClone` of it loses the rest (use `plainEvent`).
 *
 * A class, against the house habit, on purpose: 100,000 of these share one prototype of getters and one
 * hidden class, with the page and position in private fields.
 */
class PackedEvent implements AuditEvent {
  readonly key: string;
  readonly time: number;
  readonly #page: PackedEvents;
  readonly #at: number;

  constructor(page: PackedEvents, at: number) {
    this.#page = page;
    this.#at = at;
    this.time = page.times[at] as number;
    this.key = this.#string(F.key) ?? '';
  }

  #string(field: number): string | undefined {
    const code = this.#page.codes[this.#at * FIELDS + field] as number;
    return code < 0 ? undefined : packedString(this.#page, code);
  }

  get provider() {
    return this.#string(F.provider) as ProviderId;
  }
  get source() {
    return this.#string(F.source) as Source;
  }
  get action() {
    return this.#string(F.action) ?? '';
  }
  get category() {
    return this.#string(F.category) as Category;
  }
  get outcome() {
    return this.#string(F.outcome) as Outcome;
  }
  get actor(): AuditEvent['actor'] {
    return {
      id: this.#string(F['actor.id']),
      name: this.#string(F['actor.name']),
      email: this.#string(F['actor.email']),
      type: this.#string(F['actor.type']),
    };
  }
  get target(): AuditEvent['target'] {
    return {
      id: this.#string(F['target.id']),
      name: this.#string(F['target.name']),
      type: this.#string(F['target.type']),
    };
  }
  get scope(): AuditEvent['scope'] {
    return {
      org: this.#string(F['scope.org']),
      project: this.#string(F['scope.project']),
      space: this.#string(F['scope.space']),
      region: this.#string(F['scope.region']),
      image: this.#string(F['scope.image']),
    };
  }
  get ip() {
    return this.#string(F.ip);
  }
  get userAgent() {
    return this.#string(F.userAgent);
  }
  get requestId() {
    return this.#string(F.requestId);
  }
  get traceId() {
    return this.#string(F.traceId);
  }
  get sessionId() {
    return this.#string(F.sessionId);
  }
  get summary() {
    return this.#string(F.summary) ?? '';
  }
  get demo() {
    return this.#page.demo[this.#at] === 1;
  }
  /** The raw record's JSON text, as packed ('' when there is none). */
  get rawText(): string {
    const page = this.#page;
    const source = page.rawSource[this.#at] as number;
    return source < 0
      ? utf8Slice(page.rawBytes, page.rawEnds, this.#at)
      : recordText(page.rawSources[source] as RecordSource, page.rawAt[this.#at] as number);
  }
  get raw(): unknown {
    const text = this.rawText;
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  }

  static pageOf(event: PackedEvent): PackedEvents {
    return event.#page;
  }
  static positionOf(event: PackedEvent): number {
    return event.#at;
  }

  /** What `JSON.stringify` writes (exports): the event's fields, as a plain event would have them. */
  toJSON(): AuditEvent {
    return plainEvent(this);
  }
}

/** Every field of an event in a plain object (a packed event keeps its fields on its page). */
export function plainEvent(event: AuditEvent): AuditEvent {
  // Every field listed, optional ones included: a field added to AuditEvent fails to compile here.
  const plain = {
    key: event.key,
    provider: event.provider,
    source: event.source,
    time: event.time,
    action: event.action,
    category: event.category,
    outcome: event.outcome,
    actor: event.actor,
    target: event.target,
    scope: event.scope,
    ip: event.ip,
    userAgent: event.userAgent,
    requestId: event.requestId,
    traceId: event.traceId,
    sessionId: event.sessionId,
    summary: event.summary,
    demo: event.demo,
    raw: event.raw,
  } satisfies Record<keyof AuditEvent, unknown>;
  return plain;
}

type Holds<Condition extends true> = Condition;
/** A packed event reads every field of an event: one added to AuditEvent fails to compile here until it does. */
export type PackedEventReadsEveryField = Holds<
  [Exclude<keyof AuditEvent, keyof PackedEvent>] extends [never] ? true : false
>;

/** An event's raw record as JSON text ('' for none), without a parse and a stringify when it is packed. */
export function rawJsonText(event: AuditEvent): string {
  return event instanceof PackedEvent ? event.rawText : jsonText(event.raw);
}

/** Strings as one UTF-8 buffer and the end of each. */
function utf8Joined(texts: readonly string[]): [Uint8Array, Uint32Array] {
  // UTF-8 takes at most three bytes for each UTF-16 code unit.
  const bytes = new Uint8Array(texts.reduce((sum, text) => sum + text.length * 3, 0));
  const ends = new Uint32Array(texts.length);
  let length = 0;
  texts.forEach((text, at) => {
    length += utf8.encodeInto(text, bytes.subarray(length)).written;
    ends[at] = length;
  });
  return [bytes.slice(0, length), ends];
}

function utf8Slice(bytes: Uint8Array, ends: Uint32Array, at: number): string {
  return utf8Decoder.decode(bytes.subarray(at === 0 ? 0 : ends[at - 1], ends[at]));
}

/**
 * For the index, which codes packed events without decoding every value of every event: the page a packed
 * event reads from (undefined for any other event), its string codes, and the strings behind them.
 */
export function packedPageOf(event: AuditEvent): PackedEvents | undefined {
  return event instanceof PackedEvent ? PackedEvent.pageOf(event) : undefined;
}

/** The page's number of a packed event's string field, or -1: `event` must be packed. */
export function packedCode(event: AuditEvent, page: PackedEvents, field: PackedField): number {
  return page.codes[PackedEvent.positionOf(event as PackedEvent) * FIELDS + F[field]] as number;
}

export function packedString(page: PackedEvents, code: number): string {
  return page.strings.slice(code === 0 ? 0 : page.stringEnds[code - 1], page.stringEnds[code]);
}
