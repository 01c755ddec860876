// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEventIndex, rowList } from '../../timeline/event-index.ts';
import { testEvent } from '../../timeline/test-event.ts';
import { ROW_HEIGHTS } from './density.ts';
import { SETTLE_MS } from './row-window.ts';
import { columnsOutside, TimelineTable } from './timeline-table.tsx';

const ROW_HEIGHT = ROW_HEIGHTS.comfortable;
/** jsdom lays nothing out: the grid reports a viewport of ten rows, 400 pixels wide. */
const VIEWPORT_ROWS = 10;
const VIEWPORT_WIDTH = 400;

const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
const clientWidth = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth');
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
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
  if (clientWidth) Object.defineProperty(HTMLElement.prototype, 'clientWidth', clientWidth);
});

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
  render(
    <TimelineTable
      rows={rowList(index, null, count)}
      busy={false}
      timeZone="UTC"
      columnIds={['time', 'action', 'summary']}
      selectedKey={null}
      onOpen={() => undefined}
      onClose={() => undefined}
      onNeedRows={() => undefined}
      density="comfortable"
      columnSizing={{}}
      onColumnSizingChange={() => undefined}
    />,
  );
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
  it('scrolling changes what the row elements show, never which element is where', () => {
    const { bodyRows, scrollTo } = renderTable(1_000);
    const before = bodyRows();
    scrollTo(5);
    const after = bodyRows();
    // The n-th element shows the n-th row of the window, in row order (the DOM order assistive tech reads).
    expect(indexes(after)).toEqual(Array.from({ length: after.length }, (_, i) => 2 + i));
    expect(after[0]).toBe(before[0]);
    expect(after[0]?.textContent).toContain('action-2');
    expect(after[1]).toBe(before[1]);
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
      scrollTo(900);
      expect(cells()[2]?.textContent).toBe('');
      act(() => void vi.advanceTimersByTime(SETTLE_MS));
      expect(cellsOf(900)[2]?.textContent).toBe('summary-900');
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
