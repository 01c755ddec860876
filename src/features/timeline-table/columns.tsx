import { createColumnHelper } from '@tanstack/react-table';
import { formatTime } from '../../lib/time-format.ts';
import type { ColumnId } from '../../url-state/view-state.ts';
import { visibleText } from '../../lib/visible-text.ts';

/** A cell shows one line: no need to lay out more than this. */
const CELL_CHARACTERS = 300;
import { providerInfo } from '../../providers/registry.ts';
import type { AuditEvent } from '../../timeline/audit-event.ts';

const column = createColumnHelper<AuditEvent>();

const OUTCOME_STYLE = {
  success: 'text-emerald-700 dark:text-emerald-300',
  failure: 'text-red-700 font-semibold dark:text-red-300',
  unknown: 'text-slate-500',
} as const;

export function actorLabel(event: AuditEvent): string {
  return event.actor.email ?? event.actor.name ?? event.actor.id ?? '—';
}

export function targetLabel(event: AuditEvent): string {
  const name = event.target.name ?? event.target.id;
  if (!name) return event.target.type ?? '—';
  return event.target.type ? `${event.target.type}: ${name}` : name;
}

const MONOSPACE = 'font-mono text-xs';

/**
 * Classes a column's cells take themselves (not from a wrapper element): every element less in a cell is
 * 30-odd fewer boxes to lay out in each frame of a fast scroll.
 */
const CELL_CLASS: Partial<Record<string, (event: AuditEvent) => string>> = {
  action: () => MONOSPACE,
  ip: () => MONOSPACE,
  source: () => MONOSPACE,
  outcome: (event) => OUTCOME_STYLE[event.outcome],
};

export function cellClassName(columnId: string, event: AuditEvent): string {
  return CELL_CLASS[columnId]?.(event) ?? '';
}

/** The timeline's columns, each with its width in pixels; times shown in `timeZone`, zone always visible. */
export const timelineColumns = (timeZone: string) => [
  column.accessor('time', {
    header: timeZone === 'UTC' ? 'Time (UTC)' : `Time (${timeZone})`,
    size: 210,
    cell: (info) => (
      <time dateTime={new Date(info.getValue()).toISOString()}>{formatTime(info.getValue(), timeZone)}</time>
    ),
  }),
  column.accessor('provider', {
    header: 'Provider',
    size: 130,
    cell: (info) => {
      const provider = providerInfo(info.getValue());
      return (
        <>
          <span
            aria-hidden
            className="mr-1.5 inline-block h-2.5 w-2.5 rounded-full"
            style={{ backgroundColor: provider?.colour }}
          />
          {provider?.label ?? info.getValue()}
        </>
      );
    },
  }),
  column.accessor('action', {
    header: 'Action',
    size: 200,
    cell: (info) => visibleText(info.getValue(), CELL_CHARACTERS),
  }),
  column.accessor(actorLabel, {
    id: 'actor',
    header: 'Actor',
    size: 220,
    cell: (info) => visibleText(info.getValue(), CELL_CHARACTERS),
  }),
  column.accessor(targetLabel, {
    id: 'target',
    header: 'Target',
    size: 220,
    cell: (info) => visibleText(info.getValue(), CELL_CHARACTERS),
  }),
  column.accessor('outcome', {
    header: 'Outcome',
    size: 90,
    cell: (info) => info.getValue(),
  }),
  column.accessor((event) => event.ip ?? '', {
    id: 'ip',
    header: 'IP',
    size: 130,
    cell: (info) => visibleText(info.getValue(), CELL_CHARACTERS),
  }),
  column.accessor('summary', {
    header: 'Summary',
    size: 420,
    cell: (info) => visibleText(info.getValue(), CELL_CHARACTERS),
  }),
  column.accessor('source', {
    header: 'Source',
    size: 190,
    cell: (info) => info.getValue(),
  }),
  column.accessor('category', { header: 'Category', size: 120 }),
];

/** The columns a view asks for, in its order (the URL's `cols`), or the default set. */
export function columnsFor(timeZone: string, ids: readonly ColumnId[]) {
  const all = timelineColumns(timeZone);
  return ids.flatMap((id) =>
    all.filter(
      (candidate) => candidate.id === id || (candidate as { accessorKey?: string }).accessorKey === id,
    ),
  );
}
