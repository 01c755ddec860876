import { flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { AuditEvent } from '../../timeline/audit-event.ts';
import { TIMELINE_COLUMNS } from './columns.tsx';

const ROW_HEIGHT = 32;
/** Rows to have loaded beyond the last one on screen, so scrolling rarely waits. */
const LOOKAHEAD_ROWS = 50;

interface TimelineTableProps {
  rows: readonly AuditEvent[];
  /** Row count changes even when the array is the same (the merge appends in place). */
  version: number;
  /** Asked with the index of the last row on screen, so more pages load before the end is reached. */
  onNeedRows: (count: number) => void;
}

export function TimelineTable({ rows, version, onNeedRows }: TimelineTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table v8 is not compiler-safe; this component is not memoised by the compiler.
  const table = useReactTable({
    data: rows as AuditEvent[],
    columns: TIMELINE_COLUMNS,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (event) => event.key,
    meta: { version },
  });
  const tableRows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => onNeedRows(lastIndex + LOOKAHEAD_ROWS), [lastIndex, onNeedRows]);

  const width = table.getTotalSize();
  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label="Audit events"
      aria-rowcount={rows.length + 1}
      aria-colcount={TIMELINE_COLUMNS.length}
      className="min-h-0 flex-1 overflow-auto text-sm"
      tabIndex={0}
    >
      <div style={{ width, minWidth: '100%' }}>
        {table.getHeaderGroups().map((group) => (
          <div
            role="row"
            aria-rowindex={1}
            key={group.id}
            className="sticky top-0 z-10 flex border-b border-slate-200 bg-slate-100 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-300"
          >
            {group.headers.map((header) => (
              <div
                role="columnheader"
                key={header.id}
                className="shrink-0 truncate px-2 py-2"
                style={{ width: header.getSize() }}
              >
                {flexRender(header.column.columnDef.header, header.getContext())}
              </div>
            ))}
          </div>
        ))}
        <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = tableRows[item.index];
            if (!row) return null;
            return (
              <div
                role="row"
                aria-rowindex={item.index + 2}
                key={row.id}
                data-key={row.id}
                className="absolute left-0 flex w-full border-b border-slate-100 hover:bg-blue-50/60 dark:border-slate-800 dark:hover:bg-slate-800/60"
                style={{ height: item.size, transform: `translateY(${item.start}px)` }}
              >
                {row.getVisibleCells().map((cell) => (
                  <div
                    role="gridcell"
                    key={cell.id}
                    className="flex shrink-0 items-center truncate px-2"
                    style={{ width: cell.column.getSize() }}
                  >
                    <span className="truncate">
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </span>
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
