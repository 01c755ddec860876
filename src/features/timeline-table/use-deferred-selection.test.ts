// @vitest-environment jsdom
import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createEventIndex } from '../../timeline/event-index.ts';
import { useDeferredSelection, type CountedRows } from './use-deferred-selection.ts';

describe('useDeferredSelection', () => {
  it('never hands a selection made before an index rebuild to a render after it', () => {
    const seen: { generation: string; counted: CountedRows }[] = [];
    const before = Int32Array.of(0, 2, 4);
    const after = Int32Array.of(1, 3, 5);
    const { rerender } = renderHook(
      ({ selection, loaded, generation }) => {
        const counted = useDeferredSelection(selection, loaded, null, generation);
        seen.push({ generation, counted });
        return counted;
      },
      { initialProps: { selection: before, loaded: 6, generation: '0:0' } },
    );
    rerender({ selection: after, loaded: 7, generation: '0:1' });
    const rebuilt = seen.filter(({ generation }) => generation === '0:1');
    expect(rebuilt.length).toBeGreaterThan(0);
    for (const { counted } of rebuilt) expect(counted).toEqual({ selection: after, loaded: 7 });
  });

  it('within one generation, lets the counts follow a render behind, and then catch up', () => {
    const seen: CountedRows[] = [];
    const first = Int32Array.of(0, 1);
    const next = Int32Array.of(0, 1, 2);
    const { rerender, result } = renderHook(
      ({ selection, loaded }) => {
        const counted = useDeferredSelection(selection, loaded, null, '0:0');
        seen.push(counted);
        return counted;
      },
      { initialProps: { selection: first, loaded: 2 } },
    );
    rerender({ selection: next, loaded: 3 });
    // The urgent render keeps the old rows; the deferred one that follows counts the new.
    expect(seen.map((counted) => counted.selection)).toEqual([first, first, next]);
    expect(result.current).toEqual({ selection: next, loaded: 3 });
  });

  it('nor one made in another index (a new query), whose generation can read the same', () => {
    const seen: { index: unknown; counted: CountedRows }[] = [];
    const [first, second] = [createEventIndex(), createEventIndex()];
    const before = Int32Array.of(0, 2, 4);
    const after = Int32Array.of(0);
    const { rerender } = renderHook(
      ({ selection, loaded, index }) => {
        const counted = useDeferredSelection(selection, loaded, index, '0:0');
        seen.push({ index, counted });
        return counted;
      },
      { initialProps: { selection: before, loaded: 6, index: first } },
    );
    rerender({ selection: after, loaded: 1, index: second });
    const later = seen.filter(({ index }) => index === second);
    expect(later.length).toBeGreaterThan(0);
    for (const { counted } of later) expect(counted).toEqual({ selection: after, loaded: 1 });
  });
});
