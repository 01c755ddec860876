import { createStringKeys, type StringKeys } from '../../lib/string-keys.ts';

/**
 * The ids already returned by earlier pages of one feed, one immutable link per page, so a cursor can
 * carry them without copying a growing set on every page. A lookup only walks back through pages whose
 * time span can hold the entry: with newest-first pages that is the last page or two.
 */
export interface SeenPage {
  /** Not a Set, which would keep every id in V8's string table (see string-keys.ts). */
  readonly ids: Pick<StringKeys, 'indexOf'>;
  readonly oldest: number;
  readonly newest: number;
  /** The oldest time on this page or any earlier one: below it, no earlier page can hold an entry. */
  readonly lowest: number;
  readonly previous: SeenPage | null;
}

export function wasSeen(seen: SeenPage | null, id: string, time: number): boolean {
  for (let link = seen; link && time >= link.lowest; link = link.previous) {
    if (time >= link.oldest && time <= link.newest && link.ids.indexOf(id) >= 0) return true;
  }
  return false;
}

/** Adds one page's entries; an empty page adds nothing. */
export function rememberPage(
  seen: SeenPage | null,
  entries: readonly { id: string; time: number }[],
): SeenPage | null {
  if (entries.length === 0) return seen;
  let oldest = Infinity;
  let newest = -Infinity;
  for (const entry of entries) {
    oldest = Math.min(oldest, entry.time);
    newest = Math.max(newest, entry.time);
  }
  const ids = createStringKeys(entries.length);
  for (const entry of entries) ids.add(entry.id);
  return {
    ids,
    oldest,
    newest,
    lowest: Math.min(oldest, seen?.lowest ?? Infinity),
    previous: seen,
  };
}
