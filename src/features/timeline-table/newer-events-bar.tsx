import { Button } from '../../ui/button.tsx';
import type { NewerSnapshot } from './newer-events-poller.ts';

const NUMBER = new Intl.NumberFormat('en-US');

/**
 * "N newer events" above the table: applying them keeps the user's place. A provider whose check failed
 * holds every newer event back (none may be applied before its own are known), so it is named here, or
 * the bar would just never appear. Nothing when there is neither.
 */
export function NewerEventsBar({
  count,
  capped,
  failures = [],
  onApply,
}: {
  count: number;
  capped: boolean;
  failures?: NewerSnapshot['failures'];
  onApply: () => void;
}) {
  if (count === 0 && failures.length === 0) return null;
  const noun = count === 1 && !capped ? 'newer event' : 'newer events';
  return (
    <div
      role="status"
      className="flex flex-col gap-1 rounded-md border border-blue-300 bg-blue-50 px-3 py-1.5 text-sm text-blue-900 dark:border-blue-800 dark:bg-blue-950 dark:text-blue-100"
    >
      {count > 0 ? (
        <div className="flex items-center justify-between gap-2">
          <span className="tabular-nums">
            {NUMBER.format(count)}
            {capped ? '+' : ''} {noun}
          </span>
          <Button variant="primary" onClick={onApply}>
            Show newer events
          </Button>
        </div>
      ) : null}
      {failures.length > 0 ? (
        <p className="text-amber-800 dark:text-amber-200">
          Newer events wait until every provider is checked; not checked:{' '}
          {failures.map((failure) => failure.message).join('; ')}
        </p>
      ) : null}
    </div>
  );
}
