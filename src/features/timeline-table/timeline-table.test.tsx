// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEventIndex, rowList } from '../../timeline/event-index.ts';
import { testEvent } from '../../timeline/test-event.ts';
import { ROW_HEIGHTS } from './density.ts';
import { TimelineTable } from './timeline-table.tsx';

const ROW_HEIGHT = ROW_HEIGHTS.comfortable;
/** jsdom lays nothing out: the grid reports a viewport of ten rows. */
const VIEWPORT_ROWS = 10;

const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
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
});
afterEach(cleanup);
afterAll(() => {
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
});

function renderTable(count: number) {
  const index = createEventIndex();
  index.sync(
    Array.from({ length: count }, (_, i) =>
      testEvent({ key: `openai.audit_logs:${i}`, time: 1e9 - i, action: `action-${i}` }),
    ),
  );
  render(
    <TimelineTable
      rows={rowList(index, null, count)}
      busy={false}
      timeZone="UTC"
      columnIds={['time', 'action']}
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
