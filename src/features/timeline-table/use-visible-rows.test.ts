// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createEventIndex } from '../../timeline/event-index.ts';
import { testEvent } from '../../timeline/test-event.ts';
import type { FeedView, TimelineController, TimelineSnapshot } from './timeline-controller.ts';
import { useVisibleRows } from './use-visible-rows.ts';

function snapshotWith(rows: number): TimelineSnapshot {
  const index = createEventIndex();
  index.sync(
    Array.from({ length: rows }, (_, i) => testEvent({ key: `openai.audit_logs:${i}`, time: 1e6 - i })),
  );
  const feed = { fetching: false, state: 'ok', hasMore: true } as unknown as FeedView;
  return {
    version: 1,
    index,
    loaded: rows,
    generation: '0:0',
    feeds: [feed],
    complete: false,
    settled: false,
    gaps: false,
    paused: false,
    loadingAll: false,
    upperBound: 1e6,
    loadedFrom: null,
  };
}

describe('useVisibleRows', () => {
  it('asks the controller for every row it stays busy for, so it never waits for rows nobody loads', () => {
    const ensureRows = vi.fn();
    const controller = {
      ensureRows,
      loadFurther: vi.fn(),
      settleFurther: vi.fn(),
    } as unknown as TimelineController;
    const options = { filters: [], q: '', sort: '-time' as const };
    const { result } = renderHook(() => useVisibleRows(snapshotWith(86), controller, options));
    // The screen shows rows up to 23 and wants a margin of 50 beyond: 73, fewer than the 86 loaded.
    act(() => result.current.onNeedRows(73));
    const asked = Math.max(...ensureRows.mock.calls.map(([count]) => count as number));
    if (result.current.busy) expect(asked).toBeGreaterThan(86);
    expect(result.current.busy).toBe(asked > 86);
  });

  it('oldest first, loads older pages within the page budget when the top wants them, and nothing for the bottom', () => {
    const ensureRows = vi.fn();
    const loadFurther = vi.fn();
    const controller = { ensureRows, loadFurther, settleFurther: vi.fn() } as unknown as TimelineController;
    const snapshot = snapshotWith(250);
    const { result } = renderHook(() =>
      useVisibleRows(snapshot, controller, { filters: [], q: '', sort: 'time' }),
    );
    // The newest rows, at the bottom, are loaded: the screen there needs no more.
    act(() => result.current.onNeedRows(60));
    expect(loadFurther).not.toHaveBeenCalled();
    expect(result.current.busy).toBe(false);
    // At the top, the screen wants rows older than any loaded. A count would grow with every page put on top
    // (and ask again), so the controller loads further within its budget instead.
    act(() => result.current.onNeedRows(250 + 50));
    expect(loadFurther).toHaveBeenCalled();
    expect(ensureRows).not.toHaveBeenCalled();
    expect(result.current.busy).toBe(true);
  });

  it('withdraws its ask for further rows once the filter is cleared, but not while paused with the need', () => {
    const loadFurther = vi.fn();
    const settleFurther = vi.fn();
    const controller = { ensureRows: vi.fn(), loadFurther, settleFurther } as unknown as TimelineController;
    const loaded = snapshotWith(250);
    const { rerender } = renderHook(
      ({ q, snapshot }: { q: string; snapshot: TimelineSnapshot }) =>
        useVisibleRows(snapshot, controller, { filters: [], q, sort: '-time' }),
      { initialProps: { q: 'actor:nobody', snapshot: loaded } },
    );
    expect(loadFurther).toHaveBeenCalledWith(200);
    // The budget is spent: paused, the filter still needs matches, so its ask stands for "Keep loading".
    rerender({ q: 'actor:nobody', snapshot: { ...loaded, version: 2, paused: true } });
    expect(settleFurther).not.toHaveBeenCalled();
    // The filter is cleared: the loaded rows fill the screen, and the ask is withdrawn.
    rerender({ q: '', snapshot: { ...loaded, version: 3, paused: true } });
    expect(settleFurther).toHaveBeenCalled();
  });

  it('drops the search texts once no free-text search is on, so memory and GC do not carry them', () => {
    const snapshot = snapshotWith(3);
    const event = snapshot.index?.event(0);
    if (!event) throw new Error('no event');
    event.raw = { note: 'Once' };
    const controller = {
      ensureRows: vi.fn(),
      loadFurther: vi.fn(),
      settleFurther: vi.fn(),
    } as unknown as TimelineController;
    const { result, rerender } = renderHook(
      ({ q }: { q: string }) => useVisibleRows(snapshot, controller, { filters: [], q, sort: '-time' }),
      { initialProps: { q: 'once' } },
    );
    expect(result.current.rows.length).toBe(1);
    // Texts are built once per event: while they are kept, a change to the record is not seen.
    event.raw = { note: 'Again' };
    rerender({ q: 'actor:nobody' });
    rerender({ q: 'again' });
    expect(result.current.rows.length).toBe(1);
  });
});
