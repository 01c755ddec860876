import type { SortOrder } from '../../url-state/view-state.ts';
import { Button } from '../../ui/button.tsx';

/**
 * The timeline's order, shown and turned round from the toolbar, as in Grafana's log panel: the time
 * column's header does the same, but it can be hidden (`cols`), and the order must still show.
 */
export function SortOrderToggle({
  sort,
  onChange,
}: {
  sort: SortOrder;
  onChange: (sort: SortOrder) => void;
}) {
  const oldestFirst = sort === 'time';
  return (
    <Button
      variant="ghost"
      aria-label={oldestFirst ? 'Order: oldest first' : 'Order: newest first'}
      title={oldestFirst ? 'Show newest first' : 'Show oldest first'}
      onClick={() => onChange(oldestFirst ? '-time' : 'time')}
    >
      <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor">
        <path d={oldestFirst ? 'M8 13V3M4 7l4-4 4 4' : 'M8 3v10M4 9l4 4 4-4'} strokeWidth="1.5" />
      </svg>
      {oldestFirst ? 'Oldest first' : 'Newest first'}
    </Button>
  );
}
