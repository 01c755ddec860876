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

/** The record's digest: `recordDigest({ time: '…', action: 'CREATE' })` → 16 hex digits. */
export async function recordDigest(record: Readonly<Record<string, unknown>>): Promise<string> {
  const bytes = new TextEncoder().encode(canonical(record));
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(hash.slice(0, 8), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Ids of one window's records, in order: the first of identical records is bare, the n-th gets `#n`. */
export async function recordIds(records: readonly Readonly<Record<string, unknown>>[]): Promise<string[]> {
  const digests = await Promise.all(records.map((record) => recordDigest(record)));
  const seen = new Map<string, number>();
  return digests.map((digest) => {
    const n = (seen.get(digest) ?? 0) + 1;
    seen.set(digest, n);
    return n === 1 ? digest : `${digest}#${n}`;
  });
}
