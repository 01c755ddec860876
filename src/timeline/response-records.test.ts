import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { recordPlace, recordText, registerResponseRecords } from './response-records.ts';

const recordArb = fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue(), { maxKeys: 5 });

/** A response text as an API may write it: compact, indented, or with every non-ASCII character escaped. */
const writingArb = fc.constantFrom(
  (value: unknown) => JSON.stringify(value),
  (value: unknown) => JSON.stringify(value, null, 2),
  (value: unknown) =>
    JSON.stringify(value).replace(
      /[^\x20-\x7e]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
    ),
);

describe('response records', () => {
  it('give back each record as JSON.stringify writes it, however the response was written', () => {
    fc.assert(
      fc.property(
        fc.array(recordArb, { maxLength: 6 }),
        fc.jsonValue(),
        writingArb,
        (records, other, write) => {
          const text = write({ other, items: records });
          const body = JSON.parse(text) as { items: unknown[] };
          registerResponseRecords(body, text);
          body.items.forEach((record, at) => {
            const place = recordPlace(record);
            expect(place?.at).toBe(at);
            if (place) expect(recordText(place.source, at)).toBe(JSON.stringify(record));
          });
        },
      ),
    );
  });

  it('find the records of a root array, and of every array of the root object', () => {
    const rootText = '[{"a":1},{"b":2}]';
    const root = JSON.parse(rootText) as object[];
    registerResponseRecords(root, rootText);
    const objectText = '{"first":[{"c":3}],"second":[{"d":4}],"nested":{"inner":[{"e":5}]}}';
    const body = JSON.parse(objectText) as { first: object[]; second: object[]; nested: { inner: object[] } };
    registerResponseRecords(body, objectText);
    const texts = [root[1], body.first[0], body.second[0]].map((record) => {
      const place = recordPlace(record);
      return place && recordText(place.source, place.at);
    });
    expect(texts).toEqual(['{"b":2}', '{"c":3}', '{"d":4}']);
    // Only the root's own arrays are looked at; an object no response held has no place.
    expect(recordPlace(body.nested.inner[0])).toBeUndefined();
    expect(recordPlace({ a: 1 })).toBeUndefined();
    expect(recordPlace('text')).toBeUndefined();
  });

  it('parse the text again when its records cannot be told apart, and never throw', () => {
    const record = { a: 1 };
    registerResponseRecords({ data: [record] }, '{"data":[{"a":1},{"b":2}]}');
    const place = recordPlace(record);
    expect(place && recordText(place.source, place.at)).toBe('{"a":1}');
    const broken = { a: 2 };
    registerResponseRecords({ data: [broken] }, '{"data":[');
    const brokenPlace = recordPlace(broken);
    expect(brokenPlace && recordText(brokenPlace.source, brokenPlace.at)).toBe('');
  });

  it('give nothing for a record too deep to write out, as for one never registered', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const text = `{"data":[{"deep":${deep}},{"deep": ${deep}},{"a":1}]}`;
    const body = JSON.parse(text) as { data: object[] };
    registerResponseRecords(body, text);
    const texts = body.data.map((record) => {
      const place = recordPlace(record);
      return place && recordText(place.source, place.at);
    });
    expect(texts).toEqual(['', '', '{"a":1}']);
  });

  it('are found while the browser is idle, a source at a time, so no first read scans a whole load', async () => {
    const callbacks: ((deadline: { timeRemaining(): number }) => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (callback: (typeof callbacks)[number]) => callbacks.push(callback));
    vi.resetModules();
    try {
      const fresh = await import('./response-records.ts');
      const sources = ['[{"a":1}]', '[{"b":2}]'].map((text) => {
        const body = JSON.parse(text) as object[];
        fresh.registerResponseRecords(body, text);
        return fresh.recordPlace(body[0])?.source;
      });
      for (const source of sources) if (source) fresh.findRecordsWhenIdle(source);
      expect(sources.map((source) => source?.spans)).toEqual([undefined, undefined]);
      expect(callbacks).toHaveLength(1);
      // Time for one source only: the other waits for the next idle period.
      let budget = 2;
      callbacks.shift()?.({ timeRemaining: () => budget-- });
      expect(sources.map((source) => source?.spans !== undefined)).toEqual([true, false]);
      callbacks.shift()?.({ timeRemaining: () => 50 });
      expect(sources.map((source) => source?.spans !== undefined)).toEqual([true, true]);
      expect(callbacks).toHaveLength(0);
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});
