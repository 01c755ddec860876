import { createStringKeys } from '../../lib/string-keys.ts';
import { parseAgilicusMicros } from './time.ts';

/** Tags after a field's name: a string value, or any other value as canonical JSON (out of char range). */
const [STRING, JSON_TEXT] = [0x10001, 0x10002];

/** Any Agilicus record: a time, and whatever else it carries. */
type TimedRecord = Readonly<Record<string, unknown> & { time: string }>;

/** JSON with object keys sorted, so a nested value hashes the same whatever order its keys came in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonical(item ?? null)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** cyrb53's multipliers: two multiply-xor lanes, a public-domain string hash. */
const M1 = 2654435761;
const M2 = 1597334677;

/**
 * 53 bits over every field, names and values, each value tagged with its kind so a string never hashes
 * like JSON. The fields' own hashes are added, so the order the fields came in does not matter and nothing
 * is sorted or serialised (only a nested value is, rarely). Fast and well spread, not cryptographic; enough
 * because the id also carries the record's exact time (below).
 */
function hashRecord(record: TimedRecord): number {
  let low = 0;
  let high = 0;
  for (const name in record) {
    const value = record[name];
    if (value === undefined) continue;
    const text = typeof value === 'string' ? value : canonical(value);
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (let at = 0; at < name.length; at++) {
      h1 = Math.imul(h1 ^ name.charCodeAt(at), M1);
      h2 = Math.imul(h2 ^ name.charCodeAt(at), M2);
    }
    const tag = typeof value === 'string' ? STRING : JSON_TEXT;
    h1 = Math.imul(h1 ^ tag, M1);
    h2 = Math.imul(h2 ^ tag, M2);
    for (let at = 0; at < text.length; at++) {
      h1 = Math.imul(h1 ^ text.charCodeAt(at), M1);
      h2 = Math.imul(h2 ^ text.charCodeAt(at), M2);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
    h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    low = (low + (h1 >>> 0)) >>> 0;
    high = (high + (h2 >>> 0)) >>> 0;
  }
  return 4294967296 * (2097151 & high) + low;
}

/**
 * Agilicus records have no id. Theirs is `<time in microseconds, base 36>-<hash of the record's fields>`,
 * and `#n` for the n-th identical record of one window. It depends on the record alone (never on which
 * other records a window holds, nor on the order of its fields), so a record has the same id in every load
 * and every poll.
 *
 * Why a fast hash is safe: the merge drops a record whose key it has seen, so a forged collision could hide
 * one record behind another. Keys of different instants never collide (the time is in the key), and
 * records of one instant always arrive in one window, where equal ids are numbered, not dropped. So no
 * record can hide another, whatever anybody writes into audit records.
 *
 * @example recordIds([{ time: '2026-11-20T10:00:00.000001Z', action: 'CREATE' }]) // ['mhqhj8k0w1-1x7l8…']
 */
export function recordIds(records: readonly TimedRecord[]): string[] {
  const digests = createStringKeys(records.length);
  const counts: number[] = [];
  return records.map((record) => {
    const micros = parseAgilicusMicros(record.time) ?? 0;
    const digest = `${micros.toString(36)}-${hashRecord(record).toString(36)}`;
    const entry = digests.add(digest);
    const n = (counts[entry] ?? 0) + 1;
    counts[entry] = n;
    return n === 1 ? digest : `${digest}#${n}`;
  });
}
