import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMicrosByPattern, parseUtcMicrosFast } from './time.ts';

const twoDigits = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
/** Date-times near and beyond the valid shapes: odd days, 60 seconds, letters, short and long fractions. */
const dateTimeText = fc
  .tuple(
    fc.constantFrom('1999', '2000', '2024', '2026', '2099', '2100', '20x4'),
    twoDigits(13),
    twoDigits(32),
    fc.constantFrom('T', 't', ' '),
    twoDigits(24),
    twoDigits(60),
    twoDigits(60),
    fc.option(fc.stringMatching(/^[0-9]{0,10}$/), { nil: undefined }),
    fc.constantFrom('Z', 'z', '+00:00', '+02:00', '-0500', '', ' Z', 'Z '),
  )
  .map(
    ([year, month, day, separator, hour, minute, second, fraction, zone]) =>
      `${year}-${month}-${day}${separator}${hour}:${minute}:${second}${fraction === undefined ? '' : `.${fraction}`}${zone}`,
  );

describe('Agilicus time fast path', () => {
  it('agrees with the full parser wherever it answers, and answers for the shapes the API sends', () => {
    fc.assert(
      fc.property(dateTimeText, (text) => {
        const fast = parseUtcMicrosFast(text);
        if (fast !== undefined) expect(fast).toBe(parseMicrosByPattern(text));
      }),
      { numRuns: 5000 },
    );
    for (const text of [
      '2024-05-14T09:12:44.512999+00:00',
      '2024-05-14T09:10:02Z',
      '2026-11-20T12:25:48.411704Z',
    ])
      expect(parseUtcMicrosFast(text)).toBe(parseMicrosByPattern(text));
    expect(parseUtcMicrosFast('2024-02-30T00:00:00Z')).toBeUndefined();
    expect(parseUtcMicrosFast('2024-05-14T09:10:02.1234567891Z')).toBeUndefined();
  });
});
