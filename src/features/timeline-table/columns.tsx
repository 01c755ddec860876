import { createColumnHelper } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { formatEventTime } from '../../lib/time-format.ts';
import { visibleText } from '../../lib/visible-text.ts';
import { providerInfo } from '../../providers/registry.ts';
import type { AuditEvent } from '../../timeline/audit-event.ts';
import type { ColumnId } from '../../url-state/view-state.ts';
import { cellText, columnLabel } from '../columns/cell-text.ts';

/** A cell shows one line: no need to lay out more than this. */
const CELL_CHARACTERS = 300;

const column = createColumnHelper<AuditEvent>();

const OUTCOME_STYLE = {
  success: 'text-emerald-700 dark:text-emerald-300',
  failure: 'text-red-700 font-semibold dark:text-red-300',
  unknown: 'text-slate-500',
} as const;

const MONOSPACE = 'font-mono text-xs';

/**
 * Classes a column's cells take themselves (not from a wrapper element): every element less in a cell is
 * 30-odd fewer boxes to lay out in each frame of a fast scroll.
 */
const CELL_CLASS: Partial<Record<ColumnId, (event: AuditEvent) => string>> = {
  action: () => MONOSPACE,
  ip: () => MONOSPACE,
  source: () => MONOSPACE,
  outcome: (event) => OUTCOME_STYLE[event.outcome],
};

export function cellClassName(columnId: ColumnId, event: AuditEvent): string {
  return CELL_CLASS[columnId]?.(event) ?? '';
}

/** Cells that show more than their text: the time as a `<time>`, the provider with its colour. */
const CELL_CONTENT: Partial<Record<ColumnId, (event: AuditEvent, timeZone: string) => ReactNode>> = {
  time: (event, timeZone) => (
    <time dateTime={new Date(event.time).toISOString()}>{formatEventTime(event.time, timeZone)}</time>
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
};

/**
 * The content of a column's cell for `event`, times shown in `timeZone`: the text the CSV export writes,
 * with invisible and direction-changing characters made visible.
 */
export function cellContent(column: ColumnId, event: AuditEvent, timeZone: string): ReactNode {
  return (
    CELL_CONTENT[column]?.(event, timeZone) ?? visibleText(cellText(event, column, timeZone), CELL_CHARACTERS)
  );
}

/** The narrowest and widest a column can be resized to, by drag or by keyboard. */
export const COLUMN_MIN_WIDTH = 60;
export const COLUMN_MAX_WIDTH = 1200;

/** Pixels per column: the table's own layout, before the user resizes. */
const COLUMN_WIDTHS: Record<ColumnId, number> = {
  time: 236,
  provider: 130,
  action: 200,
  actor: 220,
  target: 220,
  outcome: 90,
  ip: 130,
  summary: 420,
  source: 190,
  category: 120,
};

/**
 * The columns a view asks for, in its order (the URL's `cols`), as TanStack column definitions: the table
 * model holds the columns only (headers, widths, resizing); rows draw their cells with `cellContent`.
 */
export function columnsFor(timeZone: string, ids: readonly ColumnId[]) {
  return ids.map((id) =>
    column.display({
      id,
      header: columnLabel(id, timeZone),
      size: COLUMN_WIDTHS[id],
      // The drag's bounds are the keyboard's: a width saved by either is one the next visit reads back.
      minSize: COLUMN_MIN_WIDTH,
      maxSize: COLUMN_MAX_WIDTH,
    }),
  );
}
