import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonParts } from './json-export.ts';
import { realEvent, sampleEvent } from './sample-events.ts';

const toJson = (...args: Parameters<typeof jsonParts>) => jsonParts(...args).join('');

describe('jsonParts', () => {
  it('joins to exactly the indented document, whatever the events hold', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ summary: fc.string(), raw: fc.jsonValue() }), { maxLength: 4 }),
        fc.boolean(),
        (overrides, withCoverage) => {
          const events = overrides.map((override) => sampleEvent(override));
          const coverage = withCoverage
            ? { range: { from: 0, to: 1 }, complete: true, possibleGaps: false, failed: [] }
            : undefined;
          const whole = JSON.parse(toJson(events, 0, coverage)) as unknown;
          expect(toJson(events, 0, coverage)).toBe(`${JSON.stringify(whole, null, 2)}\n`);
          expect(whole).toEqual(JSON.parse(JSON.stringify({ ...(whole as object), events })));
        },
      ),
    );
  });

  it('wraps the events with the export time, the count and the demo mark', () => {
    const text = toJson([sampleEvent(), realEvent], Date.UTC(2026, 10, 24, 21, 30));
    expect(JSON.parse(text)).toEqual({
      exportedAt: '2026-11-24T21:30:00.000Z',
      count: 2,
      demo: true,
      events: [JSON.parse(JSON.stringify(sampleEvent())), JSON.parse(JSON.stringify(realEvent))],
    });
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('is not demo when no event is', () => {
    expect(JSON.parse(toJson([realEvent], new Date(0)))).toMatchObject({ demo: false, count: 1 });
    expect(JSON.parse(toJson([], 0))).toEqual({
      exportedAt: '1970-01-01T00:00:00.000Z',
      count: 0,
      demo: false,
      events: [],
    });
  });

  it('says what the events cover: the range, whether complete, possible gaps, failed providers', () => {
    const coverage = {
      range: { from: Date.UTC(2026, 10, 23), to: Date.UTC(2026, 10, 24) },
      complete: false,
      possibleGaps: false,
      failed: ['Agilicus auth'],
    };
    expect(JSON.parse(toJson([realEvent], 0, coverage))).toMatchObject({
      coverage: {
        range: { from: '2026-11-23T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z' },
        complete: false,
        possibleGaps: false,
        failed: ['Agilicus auth'],
      },
    });
  });

  it('says what the rows were narrowed to, so a filtered file never reads as the whole range', () => {
    const coverage = {
      range: { from: 0, to: 1 },
      complete: true,
      possibleGaps: false,
      failed: [],
      matching: { filters: ['outcome=failure'] },
    };
    expect(JSON.parse(toJson([realEvent], 0, coverage))).toMatchObject({
      coverage: { complete: true, matching: { filters: ['outcome=failure'] } },
    });
    expect(
      (JSON.parse(toJson([realEvent], 0, { ...coverage, matching: undefined })) as { coverage: object })
        .coverage,
    ).not.toHaveProperty('matching');
  });

  it('keeps hostile strings intact', () => {
    const hostile = '=HYPERLINK("x")\u2028</script>\u0000';
    const parsed = JSON.parse(toJson([sampleEvent({ summary: hostile })], 0)) as {
      events: { summary: string }[];
    };
    expect(parsed.events[0]?.summary).toBe(hostile);
  });
});
