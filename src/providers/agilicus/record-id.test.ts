import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordIds } from './record-id.ts';

const MICROS = Date.UTC(2026, 10, 20, 10) * 1000 + 1;
const TIME = '2026-11-20T10:00:00.000001Z';

describe('Agilicus record ids', () => {
  it('is the exact time in microseconds, base 36, for a record alone at its instant', () => {
    expect(recordIds([{ time: TIME, action: 'CREATE' }])).toEqual([MICROS.toString(36)]);
    expect(recordIds([{ time: '2026-11-20T10:00:00.000001+00:00', action: 'DELETE' }])).toEqual([
      MICROS.toString(36),
    ]);
  });

  it('adds a hash of the record when records share an instant, and numbers identical ones #2, #3…', () => {
    const a = { time: TIME, result: 'Success' };
    const b = { time: TIME, result: 'Failure' };
    const ids = recordIds([a, b, { ...a }, { ...a }, { ...b }]);
    const [idA = '', idB = ''] = ids;
    expect(idA).toMatch(new RegExp(`^${MICROS.toString(36)}-[0-9a-z]+$`));
    expect(idB).not.toBe(idA);
    expect(ids).toEqual([idA, idB, `${idA}#2`, `${idA}#3`, `${idB}#2`]);
  });

  it('gives a record the same id whatever else its window holds at other instants', () => {
    const record = { time: TIME, user_id: 'u1' };
    const other = { time: '2026-11-20T10:00:00.000002Z', user_id: 'u1' };
    expect(recordIds([record])[0]).toBe(recordIds([other, record])[1]);
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
