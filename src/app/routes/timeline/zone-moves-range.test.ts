import { describe, expect, it } from 'vitest';
import { zoneMovesRange } from './timeline-view.tsx';

describe('zoneMovesRange', () => {
  it('is true where the zone moves a bound: a rounded now, a date alone', () => {
    expect(zoneMovesRange({ from: 'now/d', to: 'now', tz: 'Europe/Berlin' })).toBe(true);
    expect(zoneMovesRange({ from: '2026-03-01', to: 'now', tz: 'America/New_York' })).toBe(true);
    expect(zoneMovesRange({ from: 'now-7d', to: '2026-12-01', tz: 'Asia/Tokyo' })).toBe(true);
  });

  it('is false where only the display changes: relative ranges, instants with offsets, UTC itself', () => {
    expect(zoneMovesRange({ from: 'now-24h', to: 'now', tz: 'Europe/Berlin' })).toBe(false);
    expect(zoneMovesRange({ from: '2026-03-01T00:00:00Z', to: 'now', tz: 'Europe/Berlin' })).toBe(false);
    expect(zoneMovesRange({ from: 'now/d', to: 'now', tz: 'UTC' })).toBe(false);
  });
});
