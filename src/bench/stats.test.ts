import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inFrameIntervals, median, quantile, round } from './stats.ts';

describe('quantile', () => {
  it('interpolates between closest ranks', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10, 20], 0.95)).toBeCloseTo(19.5);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('lies between the smallest and the largest value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, q) => {
          const result = quantile(values, q);
          expect(result).toBeGreaterThanOrEqual(Math.min(...values));
          expect(result).toBeLessThanOrEqual(Math.max(...values));
        },
      ),
    );
  });
});

describe('round', () => {
  it('keeps about four significant digits', () => {
    expect(round(0.012346)).toBe(0.01235);
    expect(round(1234.5)).toBe(1235);
    expect(round(1.23456)).toBe(1.235);
    expect(round(0)).toBe(0);
  });
});

describe('inFrameIntervals', () => {
  it('reads a frame on time as one interval, whatever the timer rounding', () => {
    for (const delta of [16.6, 16.7, 16.8, 15.2, 0]) expect(inFrameIntervals(delta)).toBeCloseTo(16.667, 2);
  });

  it('keeps a missed frame a missed frame', () => {
    expect(inFrameIntervals(33.3)).toBeCloseTo(33.333, 2);
    expect(inFrameIntervals(26)).toBeCloseTo(33.333, 2);
    expect(inFrameIntervals(66.8)).toBeCloseTo(66.667, 2);
    expect(inFrameIntervals(66.8)).toBeGreaterThan(50);
    expect(inFrameIntervals(49.9)).toBe(50);
  });
});
