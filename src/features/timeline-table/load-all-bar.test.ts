import { describe, expect, it } from 'vitest';
import { loadedShare } from './load-all-bar.tsx';

describe('loadedShare', () => {
  const range = { from: 0, to: 1_000 };
  it('is the watermark’s progress from the range’s end to its start', () => {
    expect(loadedShare(750, range)).toBe(0.25);
  });
  it('is all once nothing older may be loaded, and none before the first page', () => {
    expect(loadedShare(null, range)).toBe(1);
    // Before any page the watermark is the upper bound, which newer events may have moved past `to`.
    expect(loadedShare(1_000, range)).toBe(0);
    expect(loadedShare(1_500, range)).toBe(0);
  });
});
