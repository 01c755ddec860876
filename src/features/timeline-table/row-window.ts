import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

/**
 * The rows of a fixed-height list that are on screen, plus `overscan` either side. Every row has the same
 * height, so the window is arithmetic: no per-row measurements, and a list growing from 10,000 to 100,000
 * rows costs nothing (a general virtualizer rebuilds a measurement per row whenever the count changes).
 */
export interface RowWindow {
  /** First and last row index rendered (last < first when there are no rows). */
  first: number;
  last: number;
}

export function rowWindow(options: {
  scrollTop: number;
  viewportHeight: number;
  /** Pixels above the first row inside the scrolled content (a sticky header). */
  offset: number;
  rowHeight: number;
  count: number;
  overscan: number;
}): RowWindow {
  const { scrollTop, viewportHeight, offset, rowHeight, count, overscan } = options;
  if (count <= 0 || rowHeight <= 0) return { first: 0, last: -1 };
  const top = Math.max(0, scrollTop - offset);
  const firstVisible = Math.min(count - 1, Math.floor(top / rowHeight));
  const lastVisible = Math.min(count - 1, Math.floor((top + Math.max(0, viewportHeight)) / rowHeight));
  return { first: Math.max(0, firstVisible - overscan), last: Math.min(count - 1, lastVisible + overscan) };
}

/**
 * The scroll position that shows row `index`: centred, or (`auto`) moved only as far as needed. The sticky
 * header covers `offset` pixels at the top of the viewport.
 */
export function scrollTopFor(options: {
  index: number;
  align: 'auto' | 'center';
  scrollTop: number;
  viewportHeight: number;
  offset: number;
  rowHeight: number;
}): number {
  const { index, align, scrollTop, viewportHeight, offset, rowHeight } = options;
  const rowTop = offset + index * rowHeight;
  if (align === 'center') return Math.max(0, rowTop - offset - (viewportHeight - offset - rowHeight) / 2);
  if (rowTop - offset < scrollTop) return Math.max(0, rowTop - offset);
  if (rowTop + rowHeight > scrollTop + viewportHeight) return rowTop + rowHeight - viewportHeight;
  return scrollTop;
}

interface Viewport {
  scrollTop: number;
  height: number;
  offset: number;
  scrollLeft: number;
  width: number;
  leaping: boolean;
}

/** A scroll that stops for this long has settled: what was skipped while it leapt is drawn. */
export const SETTLE_MS = 150;

/**
 * The row window of a scrolling element, updated on scroll and resize only when it changes.
 *
 * @example const { window, scrollToIndex } = useRowWindow(scrollRef, headerRef, rows.length, 32, 6);
 */
export function useRowWindow(
  scrollRef: RefObject<HTMLElement | null>,
  headerRef: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  overscan: number,
) {
  const [viewport, setViewport] = useState<Viewport>({
    scrollTop: 0,
    height: 0,
    offset: 0,
    scrollLeft: 0,
    width: 0,
    leaping: false,
  });
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    let settle: ReturnType<typeof setTimeout> | undefined;
    // Only a scroll event leaps (and schedules the settle that ends it); a resize or mount never does.
    const update = (scrolled = false) => {
      const next = {
        scrollTop: element.scrollTop,
        height: element.clientHeight,
        offset: headerRef.current?.offsetHeight ?? 0,
        scrollLeft: element.scrollLeft,
        width: element.clientWidth,
      };
      setViewport((previous) =>
        previous.scrollTop === next.scrollTop &&
        previous.height === next.height &&
        previous.offset === next.offset &&
        previous.scrollLeft === next.scrollLeft &&
        previous.width === next.width
          ? previous
          : {
              ...next,
              leaping: scrolled && Math.abs(next.scrollTop - previous.scrollTop) > next.height,
            },
      );
    };
    update();
    const onScroll = () => {
      // Rendered within the scroll event, before the frame paints: the rows on screen never lag a frame.
      flushSync(() => update(true));
      clearTimeout(settle);
      settle = setTimeout(
        () => setViewport((previous) => (previous.leaping ? { ...previous, leaping: false } : previous)),
        SETTLE_MS,
      );
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    const observer = new ResizeObserver(() => update());
    observer.observe(element);
    return () => {
      clearTimeout(settle);
      element.removeEventListener('scroll', onScroll);
      observer.disconnect();
    };
  }, [scrollRef, headerRef]);

  const window = rowWindow({
    scrollTop: viewport.scrollTop,
    viewportHeight: viewport.height,
    offset: viewport.offset,
    rowHeight,
    count,
    // While scrolling leaps a screen or more per step, every row is replaced each frame: rows beyond the
    // screen would be laid out for nothing, since the next step jumps past them too.
    overscan: viewport.leaping ? 0 : overscan,
  });

  const scrollToIndex = useCallback(
    (index: number, align: 'auto' | 'center') => {
      const element = scrollRef.current;
      if (!element) return;
      element.scrollTop = scrollTopFor({
        index,
        align,
        scrollTop: element.scrollTop,
        viewportHeight: element.clientHeight,
        offset: headerRef.current?.offsetHeight ?? 0,
        rowHeight,
      });
    },
    [scrollRef, headerRef, rowHeight],
  );
  return {
    window,
    scrollToIndex,
    /** Scrolling leaps a screen or more per step, and has not paused for SETTLE_MS since. */
    leaping: viewport.leaping,
    /** The horizontal span on screen, in pixels of the scrolled content. */
    horizontal: { left: viewport.scrollLeft, right: viewport.scrollLeft + viewport.width },
  };
}
