/** Median of a non-empty list: `median([3, 1, 2])` → 2. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/**
 * The q-quantile by linear interpolation between closest ranks (numpy's default): `quantile([1, 2, 3, 4], 0.5)`
 * → 2.5. NaN for an empty list.
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below] ?? NaN;
  const high = sorted[above] ?? NaN;
  return low + (high - low) * (position - below);
}

/** Rounds for display without losing small figures: `round(0.01234)` → 0.0123, `round(1234.5)` → 1235. */
export function round(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const digits = Math.max(0, 3 - Math.floor(Math.log10(Math.abs(value))));
  return Number(value.toFixed(Math.min(digits, 6)));
}

/** Frame interval of headless Chromium (60 Hz). */
const VSYNC_MS = 1000 / 60;

/**
 * A frame time in whole frame intervals: requestAnimationFrame stamps are frame starts, coarsened to
 * 0.1 ms, so a frame on time reads anywhere from 16.6 to 16.8 ms and would fail a 16.7 ms bar by rounding.
 * `inFrameIntervals(16.8)` → 16.67, `inFrameIntervals(31.9)` → 33.33, three intervals → 50.
 */
export function inFrameIntervals(deltaMs: number): number {
  const intervals = Math.max(1, Math.round(deltaMs / VSYNC_MS));
  return Math.round(intervals * VSYNC_MS * 100) / 100;
}
