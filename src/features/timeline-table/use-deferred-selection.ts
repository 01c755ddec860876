import { useDeferredValue, useMemo } from 'react';
import type { EventIndex } from '../../timeline/event-index.ts';

export interface CountedRows {
  /** The selected rows (null: the first `loaded` rows), as `useVisibleRows` gives them. */
  selection: Int32Array | null;
  loaded: number;
}

/**
 * The rows facets and the histogram count, one render behind the table (a deferred, interruptible render)
 * so counting and the table's update never add up to one long task while pages stream in. Row numbers
 * only hold for the index contents they were selected from: once the index is rebuilt (`generation`, a
 * late event spliced in) or is another one (a new query), a deferred selection would count the wrong
 * rows, so the current one is counted at once instead.
 */
export function useDeferredSelection(
  selection: Int32Array | null,
  loaded: number,
  index: EventIndex | null,
  generation: string,
): CountedRows {
  const current = useMemo(
    () => ({ selection, loaded, index, generation }),
    [selection, loaded, index, generation],
  );
  const deferred = useDeferredValue(current);
  const counted = deferred.index === index && deferred.generation === generation ? deferred : current;
  return useMemo(() => ({ selection: counted.selection, loaded: counted.loaded }), [counted]);
}
