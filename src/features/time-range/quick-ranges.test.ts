// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { recentRanges, rememberRange } from './quick-ranges.ts';

beforeEach(() => localStorage.clear());

describe('recentRanges', () => {
  it('offers only the stored ranges that still read, newest first', () => {
    localStorage.setItem(
      'audit-lens.recent-ranges',
      JSON.stringify([
        { from: 'now-1M', to: 'now' },
        { from: 'now-6h', to: 'now' },
        { from: '2026-12-01', to: 'yesterday' },
        { from: 3, to: 'now' },
      ]),
    );
    expect(recentRanges()).toEqual([{ from: 'now-6h', to: 'now' }]);
    rememberRange({ from: 'now-2d', to: 'now-1d' });
    expect(recentRanges()).toEqual([
      { from: 'now-2d', to: 'now-1d' },
      { from: 'now-6h', to: 'now' },
    ]);
  });
});
