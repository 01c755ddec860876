import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStringKeys } from './string-keys.ts';

describe('createStringKeys', () => {
  it('numbers strings in the order they are first added', () => {
    const keys = createStringKeys();
    expect(keys.add('b')).toBe(0);
    expect(keys.add('a')).toBe(1);
    expect(keys.add('b')).toBe(0);
    expect(keys.size).toBe(2);
    expect(keys.indexOf('a')).toBe(1);
    expect(keys.indexOf('c')).toBe(-1);
    expect(keys.keys[0]).toBe('b');
    expect(keys.keys).toEqual(['b', 'a']);
  });

  it('keeps every number through many doublings of its table', () => {
    const keys = createStringKeys(1);
    const many = Array.from({ length: 5000 }, (_, i) => `k${i}`);
    for (const key of many) keys.add(key);
    expect(many.every((key, i) => keys.indexOf(key) === i)).toBe(true);
    expect(keys.indexOf('k5000')).toBe(-1);
  });

  it('tells apart different strings with the same full hash', () => {
    // Pairs that collide under FNV-1a (and so under the mixed hash, a bijection of it).
    const pairs = [
      ['costarring', 'liquid'],
      ['declinate', 'macallums'],
      ['altarage', 'zinke'],
    ] as const;
    const keys = createStringKeys();
    for (const [a, b] of pairs) {
      const first = keys.add(a);
      expect(keys.indexOf(b)).toBe(-1);
      const second = keys.add(b);
      expect(second).not.toBe(first);
      expect([keys.indexOf(a), keys.indexOf(b)]).toEqual([first, second]);
    }
  });

  it('answers as a Map of first-seen numbers would, whatever the strings and repeats', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 6 }), { maxLength: 300 }),
        fc.string(),
        (added, probe) => {
          const keys = createStringKeys(1);
          const reference = new Map<string, number>();
          for (const key of added) {
            if (!reference.has(key)) reference.set(key, reference.size);
            expect(keys.add(key)).toBe(reference.get(key));
          }
          expect(keys.size).toBe(reference.size);
          expect(keys.indexOf(probe)).toBe(reference.get(probe) ?? -1);
          for (const [key, entry] of reference) {
            expect(keys.keys[entry]).toBe(key);
            expect(keys.indexOf(key)).toBe(entry);
          }
        },
      ),
    );
  });
});
