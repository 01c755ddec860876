import { Button } from '../../ui/button.tsx';

const NUMBER = new Intl.NumberFormat('en-US');

/** "N newer events" above the table: applying them keeps the user's place; nothing when there are none. */
export function NewerEventsBar({
  count,
  capped,
  onApply,
}: {
  count: number;
  capped: boolean;
  onApply: () => void;
}) {
  if (count === 0) return null;
  const noun = count === 1 && !capped ? 'newer event' : 'newer events';
  return (
    <div
      role="status"
      className="flex items-center justify-between gap-2 rounded-md border border-blue-300 bg-blue-50 px-3 py-1.5 text-sm text-blue-900 dark:border-blue-800 dark:bg-blue-950 dark:text-blue-100"
    >
      <span className="tabular-nums">
        {NUMBER.format(count)}
        {capped ? '+' : ''} {noun}
      </span>
      <Button variant="primary" onClick={onApply}>
        Show newer events
      </Button>
    </div>
  );
}
