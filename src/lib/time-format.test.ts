import { describe, expect, it, vi } from 'vitest';
import { formatEventTime, formatTime, formatUtc, localTimeZone } from './time-format.ts';

describe('formatTime', () => {
  it('always shows the zone', () => {
    expect(formatUtc(0)).toBe('1970-01-01 00:00:00 UTC');
    expect(formatTime(Date.UTC(2026, 10, 24, 15), 'Europe/Berlin')).toBe('2026-11-24 16:00:00 +01:00');
    expect(formatTime(Date.UTC(2026, 6, 1, 15), 'America/New_York')).toBe('2026-07-01 11:00:00 -04:00');
  });
});

describe('localTimeZone', () => {
  it("is the runtime's own zone, asked of Intl once", () => {
    expect(localTimeZone()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    const asked = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      localTimeZone();
      localTimeZone();
      expect(asked).not.toHaveBeenCalled();
    } finally {
      asked.mockRestore();
    }
  });
});

describe('formatEventTime', () => {
  it('shows the millisecond between the seconds and the zone, in any zone, before 1970 too', () => {
    expect(formatEventTime(Date.UTC(2026, 10, 24, 15, 0, 1, 7), 'UTC')).toBe('2026-11-24 15:00:01.007 UTC');
    expect(formatEventTime(Date.UTC(2026, 10, 24, 15, 0, 1, 250), 'Europe/Berlin')).toBe(
      '2026-11-24 16:00:01.250 +01:00',
    );
    expect(formatEventTime(-1, 'UTC')).toBe('1969-12-31 23:59:59.999 UTC');
  });
});
