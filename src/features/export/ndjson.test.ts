import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventNdjsonParts, ndjsonLine } from './ndjson.ts';
import { realEvent, sampleEvent } from './sample-events.ts';

const toNdjson = (...args: Parameters<typeof eventNdjsonParts>) => eventNdjsonParts(...args).join('');

describe('toNdjson', () => {
  it('writes one normalized event per LF-ended line, with raw and the demo mark', () => {
    const text = toNdjson([sampleEvent(), realEvent]);
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      JSON.parse(JSON.stringify(sampleEvent())),
      JSON.parse(JSON.stringify(realEvent)),
    ]);
    expect(JSON.parse(lines[0]!)).toMatchObject({ demo: true, raw: { extra: { nested: [1, 'two'] } } });
    expect(JSON.parse(lines[1]!)).toMatchObject({ demo: false });
  });

  it('writes nothing for no events', () => {
    expect(toNdjson([])).toBe('');
  });

  it('keeps hostile strings on their line', () => {
    const hostile = 'a\u2028b\u2029c\u0085d\ne\r\nf"g\\h\u0000\uD800';
    const text = toNdjson([sampleEvent({ summary: hostile, raw: { [hostile]: hostile } })]);
    expect(text).not.toMatch(/[\u2028\u2029\u0085\r]/);
    expect(text.split('\n')).toHaveLength(2);
    const event = JSON.parse(text) as { summary: string; raw: Record<string, string> };
    expect(event.summary).toBe(hostile);
    expect(event.raw[hostile]).toBe(hostile);
  });

  // A generous timeout: the first property run warms fast-check up, slowly on a loaded machine.
  it('always yields one line that parses back to the value (property)', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string({ unit: 'binary' }),
          fc.oneof(fc.string({ unit: 'binary' }), fc.double(), fc.boolean()),
        ),
        fc.string({ unit: 'binary' }),
        (value, text) => {
          const line = ndjsonLine({ value, text });
          expect(line).not.toMatch(/[\n\r\u2028\u2029\u0085]/);
          expect(JSON.parse(line)).toEqual(JSON.parse(JSON.stringify({ value, text })));
        },
      ),
    );
  });
});
