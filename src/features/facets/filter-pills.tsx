import { visibleText } from '../../lib/visible-text.ts';
import { filterText, type EventFilter } from '../../timeline/filter.ts';

interface FilterPillsProps {
  filters: readonly EventFilter[];
  onChange: (filters: EventFilter[]) => void;
}

/** Active filters as pills that can be disabled, inverted or removed. Every one is applied in the browser. */
export function FilterPills({ filters, onChange }: FilterPillsProps) {
  if (filters.length === 0) return null;
  const update = (index: number, patch: Partial<EventFilter> | null) =>
    onChange(
      filters.flatMap((filter, i) =>
        i !== index ? [filter] : patch === null ? [] : [{ ...filter, ...patch }],
      ),
    );
  return (
    <ul aria-label="Active filters" className="flex flex-wrap items-center gap-1.5 px-4 pb-2">
      {filters.map((filter, index) => (
        <li
          key={`${filter.field}:${filter.value}:${String(index)}`}
          className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs ${
            filter.disabled
              ? 'border-dashed border-slate-300 text-slate-400 line-through dark:border-slate-600'
              : filter.exclude
                ? 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100'
                : 'border-blue-300 bg-blue-50 text-blue-900 dark:border-blue-800 dark:bg-blue-950 dark:text-blue-100'
          }`}
        >
          <span
            title={
              filter.exact
                ? 'exactly this value, case and all; applied in the browser on loaded events'
                : 'any value that matches, ignoring case (a trailing * matches a prefix); applied in the browser on loaded events'
            }
          >
            {filter.exclude ? 'NOT ' : ''}
            {filter.field}
            {filter.exact ? ' = ' : ': '}
            <span
              className="inline-block max-w-[28rem] truncate align-bottom font-mono"
              title={visibleText(filter.value, 1000)}
            >
              {visibleText(filter.value, 200)}
            </span>
          </span>
          <button
            type="button"
            aria-label={`${filter.disabled ? 'Enable' : 'Disable'} filter ${filterText(filter)}`}
            onClick={() => update(index, { disabled: !filter.disabled })}
            className="px-0.5"
          >
            {filter.disabled ? '◯' : '◉'}
          </button>
          <button
            type="button"
            aria-label={`Invert filter ${filterText(filter)}`}
            onClick={() => update(index, { exclude: !filter.exclude })}
            className="px-0.5"
          >
            ±
          </button>
          <button
            type="button"
            aria-label={`Remove filter ${filterText(filter)}`}
            onClick={() => update(index, null)}
            className="px-0.5"
          >
            ✕
          </button>
        </li>
      ))}
      <li>
        <button
          type="button"
          className="text-xs text-slate-600 underline dark:text-slate-300"
          onClick={() => onChange([])}
        >
          Clear all
        </button>
      </li>
    </ul>
  );
}
