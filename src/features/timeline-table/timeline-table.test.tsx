// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEventIndex, rowList } from '../../timeline/event-index.ts';
import { testEvent } from '../../timeline/test-event.ts';
import { ROW_HEIGHTS } from './density.ts';
import type { ColumnId, SortOrder } from '../../url-state/view-state.ts';
import { SETTLE_MS } from './row-window.ts';
import { columnsOutside, TimelineTable } from './timeline-table.tsx';

const ROW_HEIGHT = ROW_HEIGHTS.comfortable;
/** jsdom lays nothing out: the grid reports a viewport of ten rows, 400 pixels wide. */
const VIEWPORT_ROWS = 10;
const VIEWPORT_WIDTH = 400;

beforeAll(() => {
  // jsdom has none; the table only needs one to exist.
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.getAttribute('role') === 'grid' ? VIEWPORT_ROWS * ROW_HEIGHT : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get(this: HTMLElement) {
      return this.getAttribute('role') === 'grid' ? VIEWPORT_WIDTH : 0;
    },
  });
});
afterEach(cleanup);
afterAll(() => {
  // The overrides shadow jsdom's getters on Element.prototype; removing them brings those back.
  Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight');
  Reflect.deleteProperty(HTMLElement.prototype, 'clientWidth');
});

/** A table over every row of `index`, at rest, with nothing selected. */
function tableOf(
  index: ReturnType<typeof createEventIndex>,
  columnIds: ColumnId[],
  options: {
    sort?: SortOrder;
    onNeedRows?: (count: number) => void;
    onSortChange?: (sort: SortOrder) => void;
    selectedKey?: string;
  } = {},
) {
  const sort = options.sort ?? '-time';
  return (
    <TimelineTable
      rows={rowList(index, null, index.size, sort)}
      sort={sort}
      onSortChange={options.onSortChange ?? (() => undefined)}
      busy={false}
      timeZone="UTC"
      columnIds={columnIds}
      selectedKey={options.selectedKey ?? null}
      onOpen={() => undefined}
      onClose={() => undefined}
      onNeedRows={options.onNeedRows ?? (() => undefined)}
      density="comfortable"
      columnSizing={{}}
      onColumnSizingChange={() => undefined}
    />
  );
}

function renderTable(count: number) {
  const index = createEventIndex();
  index.sync(
    Array.from({ length: count }, (_, i) =>
      testEvent({
        key: `openai.audit_logs:${i}`,
        time: 1e9 - i,
        action: `action-${i}`,
        summary: `summary-${i}`,
      }),
    ),
  );
  render(tableOf(index, ['time', 'action', 'summary']));
  const grid = screen.getByRole('grid');
  const bodyRows = () => [...grid.querySelectorAll<HTMLElement>('[role=row][data-index]')];
  const scrollTo = (row: number) => {
    grid.scrollTop = row * ROW_HEIGHT;
    fireEvent.scroll(grid);
  };
  return { bodyRows, scrollTo };
}

const indexes = (rows: HTMLElement[]) => rows.map((row) => Number(row.dataset.index));

describe('TimelineTable rows', () => {
  it('at rest, a row keeps its element while it stays on screen, and the DOM stays in row order', () => {
    const { bodyRows, scrollTo } = renderTable(1_000);
    scrollTo(10);
    const rowFifteen = bodyRows().find((row) => row.dataset.index === '15');
    scrollTo(12);
    const after = bodyRows();
    expect(indexes(after)).toEqual(Array.from({ length: after.length }, (_, i) => 9 + i));
    // A selection in row 15 stays on row 15's text: its element was neither rewritten nor moved.
    expect(after.find((row) => row.dataset.index === '15')).toBe(rowFifteen);
    expect(rowFifteen?.textContent).toContain('action-15');
  });

  it('while a fling leaps, elements keep their place in the DOM and only their text changes', () => {
    const { bodyRows, scrollTo } = renderTable(1_000);
    scrollTo(300);
    const before = bodyRows();
    scrollTo(600);
    const after = bodyRows();
    expect(indexes(after)).toEqual(Array.from({ length: after.length }, (_, i) => 600 + i));
    expect(after).toEqual(before);
    expect(after[0]).toBe(before[0]);
    expect(after[0]?.textContent).toContain('action-600');
  });

  it('renders only the screen after a leap of a screen or more, and the margin again after a small step', () => {
    const { bodyRows, scrollTo } = renderTable(1_000);
    scrollTo(500);
    expect(indexes(bodyRows())).toEqual(Array.from({ length: VIEWPORT_ROWS + 1 }, (_, i) => 500 + i));
    scrollTo(501);
    const margin = indexes(bodyRows());
    expect(margin[0]).toBe(498);
    expect(margin.at(-1)).toBe(501 + VIEWPORT_ROWS + 3);
  });
});

describe('TimelineTable during a fling', () => {
  it('leaves the cells out of view sideways empty while scrolling leaps, and fills them once it settles', () => {
    vi.useFakeTimers();
    try {
      const { bodyRows, scrollTo } = renderTable(1_000);
      // time 0–210 and action 210–410 px reach into the 400 px viewport; summary (410–830) does not.
      scrollTo(500);
      const cells = () => [...(bodyRows()[0]?.querySelectorAll('[role=gridcell]') ?? [])];
      const cellsOf = (index: number) => [
        ...(bodyRows()
          .find((row) => row.dataset.index === String(index))
          ?.querySelectorAll('[role=gridcell]') ?? []),
      ];
      expect(cells().map((cell) => cell.textContent)).toEqual([
        expect.stringContaining('UTC'),
        'action-500',
        '',
      ]);
      // Cells clip instead of truncating with an ellipsis while leaping (their class keys on this).
      const grid = screen.getByRole('grid');
      expect(grid).toHaveAttribute('data-leaping');
      act(() => void vi.advanceTimersByTime(SETTLE_MS - 10));
      scrollTo(900);
      expect(cells()[2]?.textContent).toBe('');
      // Each scroll restarts the wait: 10 ms after the first one's would have ended, still leaping.
      act(() => void vi.advanceTimersByTime(SETTLE_MS - 10));
      expect(cells()[2]?.textContent).toBe('');
      act(() => void vi.advanceTimersByTime(10));
      expect(cellsOf(900)[2]?.textContent).toBe('summary-900');
      expect(grid).not.toHaveAttribute('data-leaping');
      // The margin rows are back too.
      expect(indexes(bodyRows())[0]).toBe(897);
      expect(bodyRows().every((row) => row.textContent.includes('summary-'))).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('picks the columns entirely outside the horizontal span', () => {
    const cells = [
      { id: 'a', width: 100 },
      { id: 'b', width: 100 },
      { id: 'c', width: 100 },
    ];
    expect(columnsOutside(cells, 0, 150)).toBe('c');
    expect(columnsOutside(cells, 100, 200)).toBe('a c');
    expect(columnsOutside(cells, 150, 250)).toBe('a');
    expect(columnsOutside(cells, 0, 300)).toBe('');
  });
});

describe('TimelineTable keyboard cursor', () => {
  const events = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) =>
      testEvent({ key: `openai.audit_logs:${from + i}`, time: 1e9 - (from + i) }),
    );
  const table = (index: ReturnType<typeof createEventIndex>) => tableOf(index, ['time', 'action']);
  const cursorKey = () =>
    screen.getByRole('grid').querySelector<HTMLElement>('[role=row][aria-selected=true]')?.dataset.key;

  it('stays on its event when newer rows are put on top, and moves on from there', () => {
    const index = createEventIndex();
    index.sync(events(100, 30));
    const { rerender } = render(table(index));
    const grid = screen.getByRole('grid');
    for (let i = 0; i < 3; i++) fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(cursorKey()).toBe('openai.audit_logs:103');
    // Five newer events arrive on top: the merge rewrites its rows, the index follows.
    const newer = createEventIndex();
    newer.sync([...events(95, 5), ...events(100, 30)]);
    rerender(table(newer));
    expect(cursorKey()).toBe('openai.audit_logs:103');
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(cursorKey()).toBe('openai.audit_logs:104');
  });
});

describe('TimelineTable order', () => {
  /** `count` events a second apart, `from` the newest; the index holds them newest first, as the merge does. */
  const events = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) =>
      testEvent({
        key: `openai.audit_logs:${from + i}`,
        time: 1e9 - (from + i),
        action: `action-${from + i}`,
      }),
    );
  const grid = () => screen.getByRole('grid');
  const scrollTo = (row: number) => {
    grid().scrollTop = row * ROW_HEIGHT;
    fireEvent.scroll(grid());
  };
  const firstRowKey = () =>
    grid().querySelector<HTMLElement>(`[role=row][data-index="${Math.floor(grid().scrollTop / ROW_HEIGHT)}"]`)
      ?.dataset.key;

  it('newest first, asks for the rows down to the bottom of the screen plus a margin', () => {
    const index = createEventIndex();
    index.sync(events(0, 1_000));
    const asked: number[] = [];
    render(tableOf(index, ['time', 'action'], { onNeedRows: (count) => void asked.push(count) }));
    scrollTo(500);
    // A leap of a screen or more renders no overscan rows.
    expect(asked.at(-1)).toBe(500 + VIEWPORT_ROWS + 50);
  });

  it('oldest first, asks for the rows from the top of the screen down to the newest: the newest rows need no more', () => {
    const index = createEventIndex();
    index.sync(events(0, 1_000));
    const asked: number[] = [];
    render(
      tableOf(index, ['time', 'action'], { sort: 'time', onNeedRows: (count) => void asked.push(count) }),
    );
    expect(asked.at(-1)).toBe(1_000 + 50);
    // At the bottom sit the newest rows, all loaded: only the screen and the margin are needed.
    scrollTo(1_000 - VIEWPORT_ROWS);
    expect(asked.at(-1)).toBe(VIEWPORT_ROWS + 50);
  });

  it('oldest first, older rows put on top keep the screen on its rows and ask for nothing more', () => {
    const index = createEventIndex();
    index.sync(events(0, 100));
    const asked: number[] = [];
    const onNeedRows = (count: number) => void asked.push(count);
    const { rerender } = render(tableOf(index, ['time', 'action'], { sort: 'time', onNeedRows }));
    scrollTo(5);
    expect(firstRowKey()).toBe('openai.audit_logs:94');
    const before = asked.at(-1);
    // The next page: 50 older events, which go on top. The screen stays on what it showed, and the ask is
    // the same (a growing ask would load a page, whose rows would grow it again, to the end of the range).
    index.sync([...events(0, 100), ...events(100, 50)]);
    rerender(tableOf(index, ['time', 'action'], { sort: 'time', onNeedRows }));
    fireEvent.scroll(grid());
    expect(grid().scrollTop).toBe(55 * ROW_HEIGHT);
    expect(firstRowKey()).toBe('openai.audit_logs:94');
    expect(Math.max(...asked.slice(asked.indexOf(before ?? -1)))).toBe(before);
  });

  it('oldest first at the very top, shows the older rows put there, unless a row is held there', () => {
    const index = createEventIndex();
    index.sync(events(0, 100));
    const { rerender } = render(tableOf(index, ['time', 'action'], { sort: 'time' }));
    // Untouched, the top keeps showing the oldest loaded while pages load towards the range's start.
    index.sync([...events(0, 100), ...events(100, 50)]);
    rerender(tableOf(index, ['time', 'action'], { sort: 'time' }));
    expect(grid().scrollTop).toBe(0);
    expect(firstRowKey()).toBe('openai.audit_logs:149');
    // With the cursor on a row (Home, a click, an open event), that row stays where it is.
    fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    index.sync([...events(0, 150), ...events(150, 50)]);
    rerender(tableOf(index, ['time', 'action'], { sort: 'time' }));
    fireEvent.scroll(grid());
    expect(grid().scrollTop).toBe(50 * ROW_HEIGHT);
    expect(firstRowKey()).toBe('openai.audit_logs:149');
  });

  it('newest first at the very top, shows the newer rows put there, even with a row held', () => {
    const index = createEventIndex();
    index.sync(events(100, 100));
    const { rerender } = render(tableOf(index, ['time', 'action']));
    // A click or an arrow key leaves a cursor for good; "Show 5 newer events" must still show them.
    fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    index.sync([...events(95, 5), ...events(100, 100)]);
    rerender(tableOf(index, ['time', 'action']));
    fireEvent.scroll(grid());
    expect(grid().scrollTop).toBe(0);
    expect(firstRowKey()).toBe('openai.audit_logs:95');
  });

  it('keeps the open event in view when the order turns round', () => {
    const index = createEventIndex();
    index.sync(events(0, 1_000));
    const selectedKey = 'openai.audit_logs:300';
    const { rerender } = render(tableOf(index, ['time', 'action'], { selectedKey }));
    scrollTo(295);
    rerender(tableOf(index, ['time', 'action'], { sort: 'time', selectedKey }));
    fireEvent.scroll(grid());
    // Oldest first, the event is row 699: centred on the screen, not left 700 rows below the top.
    const top = grid().scrollTop / ROW_HEIGHT;
    expect(699).toBeGreaterThanOrEqual(top);
    expect(699).toBeLessThan(top + VIEWPORT_ROWS);
  });

  it('leaves the table where it is when a row is clicked open; a linked event is brought into view', () => {
    const index = createEventIndex();
    index.sync(events(0, 1_000));
    const { rerender } = render(tableOf(index, ['time', 'action']));
    scrollTo(100);
    // The last row on screen, clicked: the parent opens it, and the table must not centre it.
    const clicked = grid().querySelector<HTMLElement>('[role=row][data-index="109"]');
    fireEvent.click(clicked!.querySelector('[role=gridcell]')!);
    rerender(tableOf(index, ['time', 'action'], { selectedKey: 'openai.audit_logs:109' }));
    expect(grid().scrollTop).toBe(100 * ROW_HEIGHT);
    // A selection the table did not make (a permalink, another view) is still scrolled to.
    rerender(tableOf(index, ['time', 'action'], { selectedKey: 'openai.audit_logs:500' }));
    const top = grid().scrollTop / ROW_HEIGHT;
    expect(500).toBeGreaterThanOrEqual(top);
    expect(500).toBeLessThan(top + VIEWPORT_ROWS);
  });

  it('goes back to the top when the order turns round', () => {
    const index = createEventIndex();
    index.sync(events(0, 1_000));
    const { rerender } = render(tableOf(index, ['time', 'action']));
    scrollTo(100);
    rerender(tableOf(index, ['time', 'action'], { sort: 'time' }));
    fireEvent.scroll(grid());
    expect(grid().scrollTop).toBe(0);
    expect(firstRowKey()).toBe('openai.audit_logs:999');
  });

  it('shows the order on the time header, and a click asks for the other', () => {
    const index = createEventIndex();
    index.sync(events(0, 10));
    const sorts: SortOrder[] = [];
    const { rerender } = render(
      tableOf(index, ['time', 'action'], { onSortChange: (sort) => void sorts.push(sort) }),
    );
    const header = () => screen.getByRole('columnheader', { name: /time/i });
    expect(header().getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(screen.getByRole('button', { name: /time \(utc\)/i }));
    expect(sorts).toEqual(['time']);
    rerender(
      tableOf(index, ['time', 'action'], { sort: 'time', onSortChange: (sort) => void sorts.push(sort) }),
    );
    expect(header().getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(screen.getByRole('button', { name: /time \(utc\)/i }));
    expect(sorts).toEqual(['time', '-time']);
  });
});
