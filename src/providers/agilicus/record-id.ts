import { parseAgilicusMicros } from './time.ts';

/**
 * 53 bits of cyrb53 (a public-domain string hash, two multiply-xor lanes): fast and well spread, not
 * cryptographic. That is enough here because the id also carries the record's exact time (below).
 */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let at = 0; at < text.length; at++) {
    const char = text.charCodeAt(at);
    h1 = Math.imul(h1 ^ char, 2654435761);
    h2 = Math.imul(h2 ^ char, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Any Agilicus record: a time, and whatever else it carries. */
type TimedRecord = Readonly<Record<string, unknown> & { time: string }>;

/**
 * Agilicus records have no id. Theirs is the record's time in microseconds, base 36, which is all it needs
 * when no other record of its window shares that microsecond. Records sharing one get a hash of the record
 * as served, `<micros>-<hash>`, and the n-th identical one `#n`. Every record of an instant always arrives
 * in one window, so a record's id is the same in every load, whatever the range.
 *
 * Why a fast hash is safe: the merge drops a record whose key it has seen, so a forged collision could hide
 * one record behind another. Keys of different instants never collide (the time is in the key), and
 * records of one instant always arrive in one window, where equal ids are numbered, not dropped. So no
 * record can hide another, whatever anybody writes into audit records.
 *
 * @example recordIds([{ time: '2026-11-20T10:00:00.000001Z', action: 'CREATE' }]) // ['mhqhj8k0w1']
 */
export function recordIds(records: readonly TimedRecord[]): string[] {
  const instants = records.map((record) => (parseAgilicusMicros(record.time) ?? 0).toString(36));
  const counts = new Map<string, number>();
  for (const instant of instants) counts.set(instant, (counts.get(instant) ?? 0) + 1);
  const seen = new Map<string, number>();
  return records.map((record, index) => {
    const instant = instants[index] as string;
    if (counts.get(instant) === 1) return instant;
    const digest = `${instant}-${hash53(JSON.stringify(record)).toString(36)}`;
    const n = (seen.get(digest) ?? 0) + 1;
    seen.set(digest, n);
    return n === 1 ? digest : `${digest}#${n}`;
  });
}
