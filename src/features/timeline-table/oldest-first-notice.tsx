import { formatTime } from '../../lib/time-format.ts';

/**
 * Oldest first while older events may not be loaded: the top row is the oldest loaded so far, not the
 * oldest in range, and the table must say so (pages arrive newest first; the top of the table loads older
 * ones). Not a live region: it would be announced again with every page.
 */
export function OldestFirstNotice({
  loadedFrom,
  timeZone,
  paused,
}: {
  /** Every event newer than this is loaded (the snapshot's watermark). */
  loadedFrom: number;
  timeZone: string;
  /** Automatic loading used its page budget: only the user's "Keep loading" goes further. */
  paused: boolean;
}) {
  return (
    <p className="border-b border-amber-200 bg-amber-50 px-3 py-1.5 text-xs text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      Oldest first: events older than{' '}
      <time dateTime={new Date(loadedFrom).toISOString()}>{formatTime(loadedFrom, timeZone)}</time> are not
      loaded yet.{' '}
      {paused
        ? 'Automatic loading paused: use “Keep loading” or “Load all in range”.'
        : 'They load while the top of the table is on screen; “Load all in range” loads them all.'}
    </p>
  );
}
