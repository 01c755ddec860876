import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowWindow, scrollTopFor } from './row-window.ts';

describe('row window', () => {
  it('renders the rows on screen plus the overscan, within the list', () => {
    expect(
      rowWindow({ scrollTop: 0, viewportHeight: 320, offset: 32, rowHeight: 32, count: 1000, overscan: 2 }),
    ).toEqual({ first: 0, last: 12 });
    expect(
      rowWindow({
        scrollTop: 3232,
        viewportHeight: 320,
        offset: 32,
        rowHeight: 32,
        count: 1000,
        overscan: 2,
      }),
    ).toEqual({ first: 98, last: 112 });
    expect(
      rowWindow({ scrollTop: 1e9, viewportHeight: 320, offset: 32, rowHeight: 32, count: 1000, overscan: 2 }),
    ).toEqual({ first: 997, last: 999 });
    expect(
      rowWindow({ scrollTop: 0, viewportHeight: 320, offset: 32, rowHeight: 32, count: 0, overscan: 2 }),
    ).toEqual({ first: 0, last: -1 });
  });

  it('always covers every row that intersects the viewport, and never more than it needs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom(24, 32),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 12 }),
        (scrollTop, viewportHeight, offset, rowHeight, count, overscan) => {
          const { first, last } = rowWindow({
            scrollTop,
            viewportHeight,
            offset,
            rowHeight,
            count,
            overscan,
          });
          expect(first).toBeGreaterThanOrEqual(0);
          expect(last).toBeLessThan(count);
          for (let index = 0; index < count; index++) {
            const top = offset + index * rowHeight;
            const visible = top + rowHeight > scrollTop + offset && top < scrollTop + viewportHeight;
            if (visible) expect(index >= first && index <= last, `row ${index}`).toBe(true);
          }
          expect(last - first + 1).toBeLessThanOrEqual(
            Math.ceil(viewportHeight / rowHeight) + 1 + 2 * overscan,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('scrolls just enough to show a row below the header, or centres it', () => {
    const base = { scrollTop: 0, viewportHeight: 330, offset: 30, rowHeight: 30 };
    expect(scrollTopFor({ ...base, index: 3, align: 'auto' })).toBe(0);
    expect(scrollTopFor({ ...base, index: 12, align: 'auto' })).toBe(30 + 13 * 30 - 330);
    expect(scrollTopFor({ ...base, scrollTop: 600, index: 5, align: 'auto' })).toBe(150);
    expect(scrollTopFor({ ...base, index: 100, align: 'center' })).toBe(3030 - 30 - (300 - 30) / 2);
    expect(scrollTopFor({ ...base, index: 0, align: 'center' })).toBe(0);
  });
});
