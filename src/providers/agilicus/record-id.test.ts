import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordIds } from './record-id.ts';

const MICROS = Date.UTC(2026, 10, 20, 10) * 1000 + 1;
const TIME = '2026-11-20T10:00:00.000001Z';
const idOf = (record: { time: string } & Record<string, unknown>) => recordIds([record])[0];

describe('Agilicus record ids', () => {
  it('is the exact time in microseconds, base 36, and a hash of the record', () => {
    expect(idOf({ time: TIME, action: 'CREATE' })).toMatch(new RegExp(`^${MICROS.toString(36)}-[0-9a-z]+$`));
    expect(idOf({ time: TIME, action: 'CREATE' })).toBe(idOf({ time: TIME, action: 'CREATE' }));
  });

  it('tells records apart by every field, the original time string and the kind of value included', () => {
    const base = { time: '2026-11-20T10:00:00+00:00', action: 'CREATE' };
    const ids = [
      idOf(base),
      idOf({ ...base, time: '2026-11-20T10:00:00Z' }),
      idOf({ ...base, action: 'DELETE' }),
      idOf({ ...base, attributes: [{ b: 1, a: 2 }] }),
      idOf({ ...base, attributes: [{ b: 2, a: 1 }] }),
      idOf({ ...base, count: 1 }),
      idOf({ ...base, count: '1' }),
      idOf({ ...base, ab: 'c' }),
      idOf({ ...base, a: 'bc' }),
      idOf({ ...base, token_id: null }),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('does not depend on the order the fields came in, at any depth', () => {
    expect(
      idOf({ time: TIME, action: 'CREATE', user_id: 'u1', attributes: { a: 1, b: [{ c: 2, d: 3 }] } }),
    ).toBe(idOf({ attributes: { b: [{ d: 3, c: 2 }], a: 1 }, user_id: 'u1', action: 'CREATE', time: TIME }));
  });

  it('numbers identical records of one window #2, #3…', () => {
    const a = { time: TIME, result: 'Success' };
    const b = { time: TIME, result: 'Failure' };
    const ids = recordIds([a, b, { ...a }, { ...a }, { ...b }]);
    const [idA = '', idB = ''] = ids;
    expect(idB).not.toBe(idA);
    expect(ids).toEqual([idA, idB, `${idA}#2`, `${idA}#3`, `${idB}#2`]);
  });

  it('gives a record the same id whatever else its window holds, at its instant or others', () => {
    const record = { time: TIME, user_id: 'u1' };
    const sameInstant = { time: TIME, user_id: 'u2' };
    const other = { time: '2026-11-20T10:00:00.000002Z', user_id: 'u1' };
    const alone = idOf(record);
    expect(recordIds([other, record])[1]).toBe(alone);
    expect(recordIds([sameInstant, record])[1]).toBe(alone);
  });

  const recordArbitrary = fc.record({
    time: fc.constantFrom(TIME, '2026-11-20T10:00:00Z', '2026-11-20T10:00:00.000002Z'),
    result: fc.constantFrom('Success', 'Failure'),
    user_agent: fc.string({ maxLength: 8 }),
  });

  it('gives distinct ids to any window of records, identical ones included, whatever their order', () => {
    fc.assert(
      fc.property(fc.array(recordArbitrary, { maxLength: 30 }), (records) => {
        const ids = recordIds(records);
        expect(new Set(ids).size).toBe(records.length);
        const reversed = recordIds([...records].reverse());
        expect(new Set(reversed)).toEqual(new Set(ids));
      }),
      { numRuns: 300 },
    );
  });

  it('never gives records of different instants the same id, in one window or in two', () => {
    fc.assert(
      fc.property(fc.array(recordArbitrary, { minLength: 2, maxLength: 12 }), (records) => {
        const split = Math.floor(records.length / 2);
        const ids = [...recordIds(records.slice(0, split)), ...recordIds(records.slice(split))];
        records.forEach((a, i) =>
          records.forEach((b, j) => {
            if (a.time !== b.time) expect(ids[i]).not.toBe(ids[j]);
          }),
        );
      }),
      { numRuns: 300 },
    );
  });
});
