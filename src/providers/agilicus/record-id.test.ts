import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordDigest, recordIds } from './record-id.ts';

describe('Agilicus record ids', () => {
  it('is the first 16 hex digits of SHA-256 over the fields sorted by name, whatever their order', () => {
    const record = {
      time: '2026-11-20T10:00:00.000001+00:00',
      action: 'CREATE',
      parent_id: null,
      user_id: 'u1',
    };
    const sorted =
      '{"action":"CREATE","parent_id":null,"time":"2026-11-20T10:00:00.000001+00:00","user_id":"u1"}';
    const expected = createHash('sha256').update(sorted).digest('hex').slice(0, 16);
    expect(recordDigest(record)).toBe(expected);
    expect(recordDigest({ user_id: 'u1', parent_id: null, action: 'CREATE', time: record.time })).toBe(
      expected,
    );
  });

  it('tells records apart by every field, the original time string included', () => {
    const base = { time: '2026-11-20T10:00:00+00:00', action: 'CREATE' };
    const ids = [
      recordDigest(base),
      recordDigest({ ...base, time: '2026-11-20T10:00:00Z' }),
      recordDigest({ ...base, attributes: [{ b: 1, a: 2 }] }),
      recordDigest({ ...base, attributes: [{ a: 2, b: 1 }] }),
    ];
    expect(new Set(ids.slice(0, 3)).size).toBe(3);
    expect(ids[3]).toBe(ids[2]);
  });

  it('numbers identical records of one window #2, #3…', () => {
    const a = { time: '2026-11-20T10:00:00.000001Z', result: 'Success' };
    const b = { time: '2026-11-20T10:00:00.000001Z', result: 'Failure' };
    const ids = recordIds([a, b, { ...a }, { ...a }, { ...b }]);
    const [da, db] = [recordDigest(a), recordDigest(b)];
    expect(ids).toEqual([da, db, `${da}#2`, `${da}#3`, `${db}#2`]);
  });

  it('gives distinct ids to any window of records, identical ones included, whatever their order', () => {
    const recordArbitrary = fc.record({
      time: fc.constantFrom('2026-11-20T10:00:00.000001Z', '2026-11-20T10:00:00Z'),
      result: fc.constantFrom('Success', 'Failure'),
      user_id: fc.constantFrom('u1', 'u2'),
    });
    fc.assert(
      fc.property(fc.array(recordArbitrary, { maxLength: 30 }), (records) => {
        const ids = recordIds(records);
        expect(new Set(ids).size).toBe(records.length);
        const reversed = recordIds([...records].reverse());
        expect(new Set(reversed)).toEqual(new Set(ids));
      }),
      { numRuns: 100 },
    );
  });
});
