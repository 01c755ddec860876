import { createColumnHelper, type CellContext } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { formatTime } from '../../lib/time-format.ts';
import type { ColumnId } from '../../url-state/view-state.ts';
import { visibleText } from '../../lib/visible-text.ts';
import { providerInfo } from '../../providers/registry.ts';
import type { AuditEvent } from '../../timeline/audit-event.ts';

/** A cell shows one line: no need to lay out more than this. */
const CELL_CHARACTERS = 300;

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

/** What one cell of a row shows, from the event alone: rows render these directly, without table models. */
const CELL_CONTENT: Record<ColumnId, (event: AuditEvent, timeZone: string) => ReactNode> = {
  time: (event, timeZone) => (
    <time dateTime={new Date(event.time).toISOString()}>{formatTime(event.time, timeZone)}</time>
  ),
  provider: (event) => {
    const provider = providerInfo(event.provider);
    return (
      <>
        <span
          aria-hidden
          className="mr-1.5 inline-block h-2.5 w-2.5 rounded-full"
          style={{ backgroundColor: provider?.colour }}
        />
        {provider?.label ?? event.provider}
      </>
    );
  },
  action: (event) => visibleText(event.action, CELL_CHARACTERS),
  actor: (event) => visibleText(actorLabel(event), CELL_CHARACTERS),
  target: (event) => visibleText(targetLabel(event), CELL_CHARACTERS),
  outcome: (event) => event.outcome,
  ip: (event) => visibleText(event.ip ?? '', CELL_CHARACTERS),
  summary: (event) => visibleText(event.summary, CELL_CHARACTERS),
  source: (event) => event.source,
  category: (event) => event.category,
};

/** The content of column `columnId`'s cell for `event`, times shown in `timeZone`. */
export function cellContent(columnId: string, event: AuditEvent, timeZone: string): ReactNode {
  return isColumnId(columnId) ? CELL_CONTENT[columnId](event, timeZone) : null;
}

function isColumnId(id: string): id is ColumnId {
  return Object.hasOwn(CELL_CONTENT, id);
}

/** The timeline's columns, each with its width in pixels; times shown in `timeZone`, zone always visible. */
export const timelineColumns = (timeZone: string) => {
  const cell = (info: CellContext<AuditEvent, unknown>) =>
    cellContent(info.column.id, info.row.original, timeZone);
  return [
    column.accessor('time', {
      header: timeZone === 'UTC' ? 'Time (UTC)' : `Time (${timeZone})`,
      size: 210,
      cell,
    }),
    column.accessor('provider', { header: 'Provider', size: 130, cell }),
    column.accessor('action', { header: 'Action', size: 200, cell }),
    column.accessor(actorLabel, { id: 'actor', header: 'Actor', size: 220, cell }),
    column.accessor(targetLabel, { id: 'target', header: 'Target', size: 220, cell }),
    column.accessor('outcome', { header: 'Outcome', size: 90, cell }),
    column.accessor((event) => event.ip ?? '', { id: 'ip', header: 'IP', size: 130, cell }),
    column.accessor('summary', { header: 'Summary', size: 420, cell }),
    column.accessor('source', { header: 'Source', size: 190, cell }),
    column.accessor('category', { header: 'Category', size: 120, cell }),
  ];
};

/** The columns a view asks for, in its order (the URL's `cols`), or the default set. */
export function columnsFor(timeZone: string, ids: readonly ColumnId[]) {
  const all = timelineColumns(timeZone);
  return ids.flatMap((id) =>
    all.filter(
      (candidate) => candidate.id === id || (candidate as { accessorKey?: string }).accessorKey === id,
    ),
  );
}
