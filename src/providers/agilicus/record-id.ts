import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/**
 * Agilicus records have no id. Theirs is the first 16 hex digits of SHA-256 over the record's fields sorted
 * by name (nested objects too, the original `time` string included), plus `#n` for the n-th identical
 * record in one window (identical records share their time, so they always fall in the same window).
 */
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

const encoder = new TextEncoder();

/**
 * The record's digest: `recordDigest({ time: '…', action: 'CREATE' })` → 16 hex digits. Synchronous SHA-256
 * (WebCrypto's async digest cost more per record than everything else ingest does); a cryptographic hash,
 * so nobody who writes audit records can forge a collision that hides one record behind another.
 */
export function recordDigest(record: Readonly<Record<string, unknown>>): string {
  return bytesToHex(sha256(encoder.encode(canonical(record))).subarray(0, 8));
}

/** Ids of one window's records, in order: the first of identical records is bare, the n-th gets `#n`. */
export function recordIds(records: readonly Readonly<Record<string, unknown>>[]): string[] {
  const digests = records.map((record) => recordDigest(record));
  const seen = new Map<string, number>();
  return digests.map((digest) => {
    const n = (seen.get(digest) ?? 0) + 1;
    seen.set(digest, n);
    return n === 1 ? digest : `${digest}#${n}`;
  });
}
