import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonArraySpans } from './json-array-spans.ts';

const slices = (text: string, key?: string) => {
  const spans = jsonArraySpans(text, key);
  if (!spans) return undefined;
  return Array.from(spans.starts, (start, at) => ({
    text: text.slice(start, spans.ends[at]),
    plain: spans.plain[at] === 1,
  }));
};

/** Every JSON text of a value: compact, indented, and with every non-ASCII character escaped. */
const writings = (value: unknown): string[] => {
  const compact = JSON.stringify(value);
  return [
    compact,
    JSON.stringify(value, null, 2),
    compact.replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`),
  ];
};

const elementsArb = fc.array(fc.jsonValue(), { maxLength: 8 });
/**
 * Records as the APIs send them: strings, integers, booleans, nulls and nested objects, no fractions, and
 * names that are not numbers (a record with one is rewritten, to be safe: JSON.parse reorders them).
 */
const keyArb = fc.string({ unit: 'binary' }).filter((key) => !/^[0-9]/.test(key));
const recordArb = fc.dictionary(
  keyArb,
  fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.dictionary(keyArb, fc.string()),
  ),
);

describe('jsonArraySpans', () => {
  it("finds each element of the root object's array, however the text is written", () => {
    fc.assert(
      fc.property(elementsArb, fc.jsonValue(), (elements, other) => {
        for (const text of writings({ before: other, data: elements, after: other })) {
          const found = slices(text, 'data');
          expect(found?.map((slice) => JSON.parse(slice.text) as unknown)).toEqual(
            JSON.parse(JSON.stringify(elements)),
          );
          // Plain means a parse and a stringify give back the very same text.
          for (const slice of found ?? [])
            if (slice.plain) expect(JSON.stringify(JSON.parse(slice.text))).toBe(slice.text);
        }
      }),
    );
  });

  it('calls a compactly written record plain, so its text is kept as it is', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 6 }), (records) => {
        const found = slices(JSON.stringify({ data: records }), 'data');
        expect(found?.map((slice) => slice.plain)).toEqual(records.map(() => true));
        expect(found?.map((slice) => slice.text)).toEqual(records.map((record) => JSON.stringify(record)));
      }),
    );
  });

  it('reads a root array, and the last of a duplicated key as JSON.parse does', () => {
    expect(slices('[1, {"a":[2]}]')?.map((slice) => slice.text)).toEqual(['1', '{"a":[2]}']);
    const duplicated = '{"data":[{"fake":1}],"d\\u0061ta":[{"real":1}],"x":"data"}';
    expect(slices(duplicated, 'data')?.map((slice) => slice.text)).toEqual(['{"real":1}']);
    expect(slices('{"data":[]}', 'data')).toEqual([]);
  });

  it('marks what a stringify would write otherwise', () => {
    const marks = slices(
      '[{"a":1.50},{"a":1e3},{"a":-0},{"a":12345678901234567890},{"a":"\\/"},{"a":"\\u00e9"},{"a": 1},-1,"\\n","\\u001f","\\u001F","\\u000a"]',
    );
    expect(marks?.map((slice) => slice.plain)).toEqual([
      ...[false, false, false, false, false, false, false],
      ...[true, true, true, false, false],
    ]);
  });

  it('answers undefined where there is no such array', () => {
    expect(jsonArraySpans('{"data":{}}', 'data')).toBeUndefined();
    expect(jsonArraySpans('{"other":[]}', 'data')).toBeUndefined();
    expect(jsonArraySpans('[1,2]', 'data')).toBeUndefined();
    expect(jsonArraySpans('{"data":[1,', 'data')).toBeUndefined();
  });
});

/**
 * JSON texts no stringify writes: keys in any order, repeated, or numbers (which JSON.parse moves to the
 * front), numbers in any notation, and spaces.
 */
const { value: hostileTextArb } = fc.letrec<{ value: string; array: string; object: string }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 4 },
    fc.string({ unit: 'binary' }).map((text) => JSON.stringify(text)),
    fc.integer().map(String),
    fc.constantFrom('true', 'false', 'null', '-0', '1.50', '1e3', '12345678901234567890', '0'),
    tie('array'),
    tie('object'),
  ),
  array: fc
    .tuple(fc.array(tie('value'), { maxLength: 4 }), fc.constantFrom(',', ', '))
    .map(([items, comma]) => `[${items.join(comma)}]`),
  object: fc
    .array(
      fc.tuple(
        fc.oneof(fc.string(), fc.constantFrom('a', 'b', '0', '10', '9', '1a', '__proto__')),
        tie('value'),
      ),
      { maxLength: 5 },
    )
    .map((entries) => `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`),
}));

describe('jsonArraySpans on texts no stringify writes', () => {
  it('calls an element plain only when a parse and a stringify give back its very text', () => {
    fc.assert(
      fc.property(fc.array(hostileTextArb, { maxLength: 5 }), (elements) => {
        const text = `{"data":[${elements.join(',')}]}`;
        const parsed = (JSON.parse(text) as { data: unknown[] }).data;
        const found = slices(text, 'data');
        expect(found).toHaveLength(parsed.length);
        found?.forEach((slice, at) => {
          expect(JSON.stringify(JSON.parse(slice.text))).toBe(JSON.stringify(parsed[at]));
          if (slice.plain) expect(JSON.stringify(parsed[at])).toBe(slice.text);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('does not call plain a record with a number key, a repeated key, or nesting past 512', () => {
    const marks = slices(
      '[{"b":1,"1":2},{"a":1,"b":{"a":2},"a":3},{"a":{"b":1},"b":2},' +
        '['.repeat(600) +
        ']'.repeat(600) +
        ']',
    );
    expect(marks?.map((slice) => slice.plain)).toEqual([false, false, true, false]);
  });
});
