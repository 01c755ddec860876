import { flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AuditEvent } from '../../timeline/audit-event.ts';
import type { ColumnId } from '../../url-state/view-state.ts';
import { columnsFor } from './columns.tsx';

const ROW_HEIGHT = 32;
/** Rows to have loaded beyond the last one on screen, so scrolling rarely waits. */
const LOOKAHEAD_ROWS = 50;

interface TimelineTableProps {
  rows: readonly AuditEvent[];
  /** More rows are on their way (announced as aria-busy, so assistive tech and tests wait for them). */
  busy: boolean;
  timeZone: string;
  /** Visible columns, in order. */
  columnIds: readonly ColumnId[];
  /** The event open in the detail panel (the URL's `ev`). */
  selectedKey: string | null;
  onOpen: (key: string) => void;
  onClose: () => void;
  /** Asked with the index of the last row on screen plus a margin, so more pages load before the end. */
  onNeedRows: (count: number) => void;
}

export function TimelineTable({
  rows,
  busy,
  timeZone,
  columnIds,
  selectedKey,
  onOpen,
  onClose,
  onNeedRows,
}: TimelineTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState(0);
  const columns = useMemo(() => columnsFor(timeZone, columnIds), [timeZone, columnIds]);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table v8 is not compiler-safe; this component is not memoised by the compiler.
  const table = useReactTable({
    data: rows as AuditEvent[],
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (event) => event.key,
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

  // A permalink opens with its event selected: bring it into view once it is loaded.
  const selectedIndex = useMemo(
    () => (selectedKey ? rows.findIndex((event) => event.key === selectedKey) : -1),
    [rows, selectedKey],
  );
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (selectedIndex < 0 || scrolledTo.current === selectedKey) return;
    scrolledTo.current = selectedKey;
    setCursor(selectedIndex);
    virtualizer.scrollToIndex(selectedIndex, { align: 'center' });
  }, [selectedIndex, selectedKey, virtualizer]);

  const move = (to: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, to));
    setCursor(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    const key = rows[next]?.key;
    if (selectedKey && key) onOpen(key);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'j') move(cursor + 1);
    else if (event.key === 'ArrowUp' || event.key === 'k') move(cursor - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(rows.length - 1);
    else if (event.key === 'PageDown') move(cursor + 20);
    else if (event.key === 'PageUp') move(cursor - 20);
    else if (event.key === 'Enter') {
      const key = rows[cursor]?.key;
      if (key) onOpen(key);
    } else if (event.key === 'Escape') onClose();
    else return;
    event.preventDefault();
  };

  const width = table.getTotalSize();
  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label="Audit events"
      aria-rowcount={rows.length + 1}
      aria-busy={busy}
      aria-colcount={columns.length}
      aria-activedescendant={rows[cursor] ? `row-${cursor}` : undefined}
      className="min-h-0 min-w-0 flex-1 overflow-auto text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-blue-500"
      tabIndex={0}
      onKeyDown={onKeyDown}
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
                className="shrink-0 truncate px-2 py-2 last:flex-1"
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
            const isCursor = item.index === cursor;
            const isOpen = row.id === selectedKey;
            return (
              <div
                role="row"
                id={`row-${item.index}`}
                aria-rowindex={item.index + 2}
                aria-selected={isOpen || isCursor}
                key={row.id}
                data-key={row.id}
                onClick={() => {
                  setCursor(item.index);
                  onOpen(row.id);
                }}
                className={`absolute left-0 flex w-full cursor-pointer border-b border-slate-100 dark:border-slate-800 ${
                  isOpen
                    ? 'bg-blue-100 dark:bg-blue-900/50'
                    : isCursor
                      ? 'bg-slate-100 outline outline-1 -outline-offset-1 outline-blue-400 dark:bg-slate-800'
                      : 'hover:bg-blue-50/60 dark:hover:bg-slate-800/60'
                }`}
                style={{ height: item.size, transform: `translateY(${item.start}px)` }}
              >
                {row.getVisibleCells().map((cell) => (
                  <div
                    role="gridcell"
                    key={cell.id}
                    className="flex shrink-0 items-center truncate px-2 last:flex-1"
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
