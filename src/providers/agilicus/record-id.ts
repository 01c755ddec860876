import { parseAgilicusMicros } from './time.ts';

const [NAME, STRING, JSON_TEXT] = [1, 2, 3];

/** Two multiply-xor lanes (cyrb53's mixing) fed one character at a time. */
interface Lanes {
  h1: number;
  h2: number;
}

/** `tag` says what kind of piece follows (a name, a string, JSON), so a string never hashes like JSON. */
function feed(lanes: Lanes, tag: number, text: string): void {
  let h1 = Math.imul(lanes.h1 ^ tag, 2654435761);
  let h2 = Math.imul(lanes.h2 ^ tag, 1597334677);
  for (let at = 0; at < text.length; at++) {
    const char = text.charCodeAt(at);
    h1 = Math.imul(h1 ^ char, 2654435761);
    h2 = Math.imul(h2 ^ char, 1597334677);
  }
  // A separator after every piece, so ("ab", "c") and ("a", "bc") differ.
  lanes.h1 = Math.imul(h1 ^ 0x1f, 2654435761);
  lanes.h2 = Math.imul(h2 ^ 0x1f, 1597334677);
}

/**
 * 53 bits of cyrb53 (a public-domain string hash) over the record's fields as served, names and values,
 * without serialising it first: fast and well spread, not cryptographic. That is enough here because the
 * id also carries the record's exact time (below).
 */
function hashRecord(record: TimedRecord): number {
  const lanes = { h1: 0xdeadbeef, h2: 0x41c6ce57 };
  for (const key in record) {
    const value = record[key];
    if (value === undefined) continue;
    feed(lanes, NAME, key);
    if (typeof value === 'string') feed(lanes, STRING, value);
    else feed(lanes, JSON_TEXT, JSON.stringify(value));
  }
  let { h1, h2 } = lanes;
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Any Agilicus record: a time, and whatever else it carries. */
type TimedRecord = Readonly<Record<string, unknown> & { time: string }>;

/**
 * Agilicus records have no id. Theirs is `<time in microseconds, base 36>-<hash of the record>`, and
 * `#n` for the n-th identical record of one window. It depends on the record alone (never on which other
 * records a window holds), so a record has the same id in every load and every poll.
 *
 * Why a fast hash is safe: the merge drops a record whose key it has seen, so a forged collision could hide
 * one record behind another. Keys of different instants never collide (the time is in the key), and
 * records of one instant always arrive in one window, where equal ids are numbered, not dropped. So no
 * record can hide another, whatever anybody writes into audit records.
 *
 * @example recordIds([{ time: '2026-11-20T10:00:00.000001Z', action: 'CREATE' }]) // ['mhqhj8k0w1-1x7l8…']
 */
export function recordIds(records: readonly TimedRecord[]): string[] {
  const seen = new Map<string, number>();
  return records.map((record) => {
    const micros = parseAgilicusMicros(record.time) ?? 0;
    const digest = `${micros.toString(36)}-${hashRecord(record).toString(36)}`;
    const n = (seen.get(digest) ?? 0) + 1;
    seen.set(digest, n);
    return n === 1 ? digest : `${digest}#${n}`;
  });
}
