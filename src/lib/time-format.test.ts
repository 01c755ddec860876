import { describe, expect, it, vi } from 'vitest';
import { formatTime, formatUtc, localTimeZone } from './time-format.ts';

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
