import { flexRender, getCoreRowModel, useReactTable, type ColumnSizingState } from '@tanstack/react-table';
import {
  memo,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import type { AuditEvent } from '../../timeline/audit-event.ts';
import type { RowList } from '../../timeline/event-index.ts';
import type { ColumnId, SortOrder } from '../../url-state/view-state.ts';
import { cellClassName, cellContent, COLUMN_MAX_WIDTH, COLUMN_MIN_WIDTH, columnsFor } from './columns.tsx';
import { ROW_HEIGHTS, type Density } from './density.ts';
import { useRowWindow } from './row-window.ts';
/** Rows to have loaded beyond the last one on screen, so scrolling rarely waits. */
const LOOKAHEAD_ROWS = 50;
/** Rows rendered beyond each edge of the viewport. */
const OVERSCAN_ROWS = 3;
/** The table model holds the columns only: rows are drawn straight from the events on screen. */
const NO_EVENTS: AuditEvent[] = [];

interface TimelineTableProps {
  rows: RowList;
  /** More rows are on their way (announced as aria-busy, so assistive tech and tests wait for them). */
  busy: boolean;
  timeZone: string;
  /** Visible columns, in order. */
  columnIds: readonly ColumnId[];
  /** The event open in the detail panel (the URL's `ev`). */
  selectedKey: string | null;
  onOpen: (key: string) => void;
  onClose: () => void;
  /**
   * Asked for how many of the newest rows must be loaded for the screen plus a margin, so more pages load
   * before the screen reaches the rows not loaded yet (below newest first, above oldest first).
   */
  onNeedRows: (count: number) => void;
  /** Newest first (`-time`) or oldest first (`time`): the rows come in this order, the header toggles it. */
  sort: SortOrder;
  onSortChange: (sort: SortOrder) => void;
  density: Density;
  columnSizing: ColumnSizingState;
  onColumnSizingChange: (sizing: ColumnSizingState) => void;
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
  sort,
  onSortChange,
  density,
  columnSizing,
  onColumnSizingChange,
}: TimelineTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const headerRef = useRef<HTMLDivElement>(null);
  // The keyboard cursor follows its event, not its place: newer rows put on top, or a filter or sort
  // change, leave it on the same event. Where that event is gone (filtered out), it keeps its place.
  const [cursorAt, setCursorAt] = useState<{ key: string | null; index: number }>({ key: null, index: 0 });
  const cursorFound = cursorAt.key === null ? -1 : rows.indexOf(cursorAt.key);
  const cursor = cursorFound >= 0 ? cursorFound : Math.min(cursorAt.index, Math.max(0, rows.length - 1));
  const setCursor = (index: number) => setCursorAt({ key: rows.at(index)?.key ?? null, index });
  const rowHeight = ROW_HEIGHTS[density];
  const columns = useMemo(() => columnsFor(timeZone, columnIds), [timeZone, columnIds]);
  const {
    window: rowRange,
    scrollToIndex,
    leaping,
    horizontal,
  } = useRowWindow(scrollRef, headerRef, rows.length, rowHeight, OVERSCAN_ROWS);
  const firstIndex = rowRange.first;
  const lastIndex = rowRange.last;
  const slots = Math.max(1, lastIndex - firstIndex + 1);
  const rowCount = rows.length;
  useEffect(() => {
    if (sort === '-time') {
      onNeedRows(Math.max(0, lastIndex) + LOOKAHEAD_ROWS);
      return;
    }
    // Oldest first, the rows not loaded yet are older than the top one: the screen needs every row from its
    // top down to the newest. Read from the element, not `firstIndex`: older rows just put on top have
    // moved scrollTop (below) before the window hears of it, and the stale index would ask for as many
    // rows more as were put on top, whose arrival would ask again, and so on.
    const element = scrollRef.current;
    const top = element ? Math.floor(element.scrollTop / rowHeight) : firstIndex;
    onNeedRows(Math.max(0, rowCount - top) + LOOKAHEAD_ROWS);
  }, [sort, firstIndex, lastIndex, rowCount, rowHeight, onNeedRows]);

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table is not compiler-safe; this component is not memoised by the compiler.
  const table = useReactTable({
    data: NO_EVENTS,
    columns,
    getCoreRowModel: getCoreRowModel(),
    enableColumnResizing: true,
    columnResizeMode: 'onChange',
    state: { columnSizing },
    onColumnSizingChange: (updater) =>
      onColumnSizingChange(withinBounds(typeof updater === 'function' ? updater(columnSizing) : updater)),
  });
  // Rows re-render only when their event, place or state changes, or when the columns do: a page arriving
  // below the screen leaves every row on screen untouched.
  const cells = useMemo(
    () =>
      columnIds.flatMap((id) => {
        const column = table.getColumn(id);
        return column ? [{ id, width: column.getSize() }] : [];
      }),
    // The table instance is stable; what its columns report changes with these.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [columnIds, columns, columnSizing],
  );
  // While a fling leaps screens, cells scrolled out of view sideways stay empty (nobody sees them, and
  // their text is most of what each frame lays out); they fill in once scrolling settles.
  const hidden = leaping ? columnsOutside(cells, horizontal.left, horizontal.right) : '';
  const layout = useMemo<RowLayout>(
    () => ({ timeZone, cells, hidden: new Set(hidden ? hidden.split(' ') : []) }),
    [timeZone, cells, hidden],
  );
  const windowRows: { event: AuditEvent; index: number }[] = [];
  for (let index = firstIndex; index <= lastIndex; index++) {
    const event = rows.at(index);
    if (event) windowRows.push({ event, index });
  }

  // Rows put on top (newer events applied newest first, older pages oldest first) must not move what the
  // user is reading: keep the first row on screen where it was. At the very top they show: newest first the
  // top is where one watches for (and asks for) newer events; oldest first, untouched, it keeps showing the
  // oldest loaded while pages load towards the start, unless the user holds a row (a cursor or an open
  // event), which pages arriving on their own must not push away.
  // The order turned round, every row moved: the table goes back to its top, or to the open event.
  const topRow = useRef<{ key: string; index: number; sort: SortOrder } | null>(null);
  const holdsRow = sort === 'time' && (cursorAt.key !== null || selectedKey !== null);
  useLayoutEffect(() => {
    const element = scrollRef.current;
    const previous = topRow.current;
    if (!element || !previous) return;
    if (previous.sort !== sort) {
      const open = selectedKey ? rows.indexOf(selectedKey) : -1;
      if (open >= 0) scrollToIndex(open, 'center');
      else element.scrollTop = 0;
      return;
    }
    const moved = rows.indexOf(previous.key) - previous.index;
    // scrollTop is read only when rows really moved: reading it makes the browser lay out the whole page
    // inside this task, on every page that arrives.
    if (moved > 0 && rows.at(previous.index)?.key !== previous.key && (holdsRow || element.scrollTop > 0))
      element.scrollTop += moved * rowHeight;
  }, [rows, rowHeight, sort, holdsRow, selectedKey, scrollToIndex]);
  useEffect(() => {
    const key = rows.at(firstIndex)?.key;
    topRow.current = key ? { key, index: firstIndex, sort } : null;
  });

  // A permalink opens with its event selected (or a pivot keeps it): bring it into view once it is loaded.
  // An event opened from the table is in view already, and centring it would move the row under the
  // pointer (a quick second click would open another event).
  const selectedIndex = useMemo(() => (selectedKey ? rows.indexOf(selectedKey) : -1), [rows, selectedKey]);
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (selectedIndex < 0 || scrolledTo.current === selectedKey) return;
    scrolledTo.current = selectedKey;
    setCursorAt({ key: selectedKey, index: selectedIndex });
    scrollToIndex(selectedIndex, 'center');
  }, [selectedIndex, selectedKey, scrollToIndex]);

  const move = (to: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, to));
    setCursor(next);
    scrollToIndex(next, 'auto');
    const key = rows.at(next)?.key;
    if (selectedKey && key) {
      scrolledTo.current = key;
      onOpen(key);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'ArrowDown' || event.key === 'j') move(cursor + 1);
    else if (event.key === 'ArrowUp' || event.key === 'k') move(cursor - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(rows.length - 1);
    else if (event.key === 'PageDown') move(cursor + 20);
    else if (event.key === 'PageUp') move(cursor - 20);
    else if (event.key === 'Enter') {
      const key = rows.at(cursor)?.key;
      if (key) {
        // The cursor may sit off screen (scrolled away from it): then the effect brings it into view.
        if (cursor >= firstIndex && cursor <= lastIndex) scrolledTo.current = key;
        onOpen(key);
      }
    } else if (event.key === 'Escape') onClose();
    else return;
    event.preventDefault();
  };

  const onRowClick = (event: MouseEvent<HTMLDivElement>) => {
    const row = (event.target as Element).closest<HTMLElement>('[role=row][data-key]');
    const index = Number(row?.dataset.index);
    const key = row?.dataset.key;
    if (!key || !Number.isInteger(index)) return;
    setCursor(index);
    scrolledTo.current = key;
    onOpen(key);
  };

  const width = table.getTotalSize();
  const compact = density === 'compact';
  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label="Audit events"
      aria-rowcount={rows.length + 1}
      aria-busy={busy}
      aria-colcount={columns.length}
      // Only a rendered row can be referenced: scrolled away from the cursor, there is no active row.
      aria-activedescendant={cursor >= firstIndex && cursor <= lastIndex ? `row-${cursor}` : undefined}
      data-density={density}
      data-leaping={leaping ? '' : undefined}
      className={`group/grid min-h-0 min-w-0 flex-1 overflow-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-blue-500 ${compact ? 'text-xs' : 'text-sm'}`}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div style={{ width, minWidth: '100%' }}>
        {table.getHeaderGroups().map((group) => (
          <div
            ref={headerRef}
            role="row"
            aria-rowindex={1}
            key={group.id}
            className="sticky top-0 z-10 flex border-b border-slate-200 bg-slate-100 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-300"
          >
            {group.headers.map((header) => (
              <div
                role="columnheader"
                key={header.id}
                aria-sort={header.id === 'time' ? (sort === 'time' ? 'ascending' : 'descending') : undefined}
                className="relative shrink-0 truncate px-2 py-2 last:flex-1"
                style={{ width: header.getSize() }}
              >
                {header.id === 'time' ? (
                  <SortButton
                    label={String(header.column.columnDef.header)}
                    sort={sort}
                    onSortChange={onSortChange}
                  />
                ) : (
                  flexRender(header.column.columnDef.header, header.getContext())
                )}
                <ColumnResizer
                  label={String(header.column.columnDef.header)}
                  width={header.getSize()}
                  resizing={header.column.getIsResizing()}
                  onPointerDown={header.getResizeHandler()}
                  onReset={() => header.column.resetSize()}
                  onResize={(size) => onColumnSizingChange({ ...columnSizing, [header.column.id]: size })}
                />
              </div>
            ))}
          </div>
        ))}
        {/* Clicks are handled once here, so rows carry no handlers of their own and can skip re-rendering. */}
        <div
          role="rowgroup"
          className="relative"
          style={{ height: rows.length * rowHeight }}
          onClick={onRowClick}
        >
          {/* One transform places the window: the rows inside flow one under the other. */}
          <div
            className="absolute left-0 top-0 w-full"
            style={{ transform: `translateY(${firstIndex * rowHeight}px)` }}
          >
            {windowRows.map(({ event, index }) => (
              <TimelineRow
                // At rest a row keeps its element while it stays in the window (a text selection stays on
                // its text), and a row scrolled out lends its slot to the row scrolled in, which React moves
                // to keep the DOM in row order for assistive tech. While a fling leaps screens every row is
                // replaced anyway: keyed by place, no element moves (a moved one is restyled and laid out
                // from scratch) and only text changes.
                key={leaping ? `place-${index - firstIndex}` : `slot-${index % slots}`}
                event={event}
                index={index}
                height={rowHeight}
                isCursor={index === cursor}
                isOpen={event.key === selectedKey}
                layout={layout}
              />
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}

/** The time column's header: shows the order, and a click turns it round. */
function SortButton({
  label,
  sort,
  onSortChange,
}: {
  label: string;
  sort: SortOrder;
  onSortChange: (sort: SortOrder) => void;
}) {
  const oldestFirst = sort === 'time';
  return (
    <button
      type="button"
      className="inline-flex max-w-full items-center gap-1 uppercase tracking-wide hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:hover:text-white"
      title={oldestFirst ? 'Oldest first: click for newest first' : 'Newest first: click for oldest first'}
      onClick={() => onSortChange(oldestFirst ? '-time' : 'time')}
    >
      <span className="truncate">{label}</span>
      {/* Drawn, not a character: the header's text stays the column's name (copied, read, tested). */}
      <svg
        aria-hidden
        viewBox="0 0 10 10"
        className={`h-2.5 w-2.5 shrink-0 ${oldestFirst ? 'rotate-180' : ''}`}
      >
        <path d="M5 9 1 4h8z" fill="currentColor" />
      </svg>
    </button>
  );
}

/**
 * Widths as the columns show them: TanStack keeps a drag's raw width (down to 0) and clamps only when it
 * reads it, so the stored one is clamped here, whole pixels, or it would not read back after a reload.
 */
function withinBounds(sizing: ColumnSizingState): ColumnSizingState {
  return Object.fromEntries(
    Object.entries(sizing).map(([id, width]) => [
      id,
      Math.round(Math.min(COLUMN_MAX_WIDTH, Math.max(COLUMN_MIN_WIDTH, width))),
    ]),
  );
}

/** What every row needs to know of the columns: changes whenever the columns, their widths or the zone do. */
interface RowLayout {
  timeZone: string;
  cells: readonly { id: ColumnId; width: number }[];
  /** Columns whose cells are left empty for now (out of view sideways during a fling). */
  hidden: ReadonlySet<string>;
}

/** Ids of the columns entirely outside `[left, right)`, space-separated (a stable memo key). */
export function columnsOutside(cells: readonly { id: string; width: number }[], left: number, right: number) {
  const outside: string[] = [];
  let start = 0;
  for (const cell of cells) {
    const end = start + cell.width;
    if (end <= left || start >= right) outside.push(cell.id);
    start = end;
  }
  return outside.join(' ');
}

interface TimelineRowProps {
  event: AuditEvent;
  index: number;
  height: number;
  isCursor: boolean;
  isOpen: boolean;
  layout: RowLayout;
}

const TimelineRow = memo(
  function TimelineRow({ event, index, height, isCursor, isOpen, layout }: TimelineRowProps) {
    return (
      <div
        role="row"
        id={`row-${index}`}
        aria-rowindex={index + 2}
        aria-selected={isOpen || isCursor}
        data-key={event.key}
        data-index={index}
        className={`flex w-full cursor-pointer border-b border-slate-100 dark:border-slate-800 ${
          isOpen
            ? 'bg-blue-100 dark:bg-blue-900/50'
            : isCursor
              ? 'bg-slate-100 outline outline-1 -outline-offset-1 outline-blue-400 dark:bg-slate-800'
              : 'hover:bg-blue-50/60 dark:hover:bg-slate-800/60'
        }`}
        style={{ height, contain: 'strict' }}
      >
        {layout.cells.map((cell) => (
          <div
            role="gridcell"
            key={cell.id}
            // One block per cell, centred by line height: no flex layout and no wrapper per cell. While a
            // fling leaps, text is clipped, not ended in an ellipsis: nobody reads a row shown for one frame,
            // and truncating every line made a fling's frames late about twice as often (README, scroll).
            className={`shrink-0 truncate px-2 last:flex-1 group-data-leaping/grid:text-clip ${cellClassName(cell.id, event)}`}
            style={{ width: cell.width, lineHeight: `${height - 1}px` }}
          >
            {layout.hidden.has(cell.id) ? null : cellContent(cell.id, event, layout.timeZone)}
          </div>
        ))}
      </div>
    );
  },
  (before, after) =>
    before.event === after.event &&
    before.index === after.index &&
    before.height === after.height &&
    before.isCursor === after.isCursor &&
    before.isOpen === after.isOpen &&
    before.layout === after.layout,
);

/** The drag handle on a header's right edge; arrow keys resize too, double-click or Enter resets. */
function ColumnResizer({
  label,
  width,
  resizing,
  onPointerDown,
  onReset,
  onResize,
}: {
  label: string;
  width: number;
  resizing: boolean;
  onPointerDown: (event: unknown) => void;
  onReset: () => void;
  onResize: (width: number) => void;
}) {
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${label} column`}
      aria-valuenow={width}
      aria-valuemin={COLUMN_MIN_WIDTH}
      aria-valuemax={COLUMN_MAX_WIDTH}
      tabIndex={0}
      onMouseDown={onPointerDown}
      onTouchStart={onPointerDown}
      onDoubleClick={onReset}
      onClick={(event) => event.stopPropagation()}
      onKeyDown={(event) => {
        const step = event.shiftKey ? 50 : 10;
        if (event.key === 'ArrowLeft') onResize(Math.max(COLUMN_MIN_WIDTH, width - step));
        else if (event.key === 'ArrowRight') onResize(Math.min(COLUMN_MAX_WIDTH, width + step));
        else if (event.key === 'Enter') onReset();
        else return;
        event.preventDefault();
        event.stopPropagation();
      }}
      className={`absolute right-0 top-0 h-full w-1.5 cursor-col-resize touch-none select-none hover:bg-blue-400 focus-visible:bg-blue-500 focus-visible:outline-none ${resizing ? 'bg-blue-500' : ''}`}
    />
  );
}
