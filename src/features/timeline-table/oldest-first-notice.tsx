import { formatTime } from '../../lib/time-format.ts';

/**
 * Oldest first while the range is not all loaded: the top row is the oldest loaded so far, not the oldest in
 * range, and the table must say so (pages arrive newest first; scrolling up loads older ones).
 */
export function OldestFirstNotice({
  oldest,
  timeZone,
  paused,
}: {
  oldest: number | undefined;
  timeZone: string;
  /** Automatic loading used its page budget: only the user's "Keep loading" goes further. */
  paused: boolean;
}) {
  return (
    <p
      role="status"
      className="border-b border-amber-200 bg-amber-50 px-3 py-1.5 text-xs text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      Oldest first: events older than{' '}
      {oldest === undefined ? (
        'those shown'
      ) : (
        <time dateTime={new Date(oldest).toISOString()}>{formatTime(oldest, timeZone)}</time>
      )}{' '}
      are not loaded yet.{' '}
      {paused
        ? 'Automatic loading paused: use “Keep loading” or “Load all in range”.'
        : 'They load while the top of the table is on screen; “Load all in range” loads them all.'}
    </p>
  );
}
