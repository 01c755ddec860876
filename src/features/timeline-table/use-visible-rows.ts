import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { rowList, type RowList } from '../../timeline/event-index.ts';
import type { EventFilter } from '../../timeline/filter.ts';
import {
  buildSearchTextsInBackground,
  compileQuery,
  forgetSearchTexts,
  usesFreeText,
} from '../../timeline/query/evaluate-query.ts';
import { parseQuery } from '../../timeline/query/parse-query.ts';
import type { TimelineController, TimelineSnapshot } from './timeline-controller.ts';
import type { SortOrder } from '../../url-state/view-state.ts';
import { viewPredicate } from './view-predicate.ts';

const NEED_STEP = 100;
const NO_ROWS: RowList = { length: 0, at: () => undefined, indexOf: () => -1, toArray: () => [] };

/**
 * The rows on screen: the loaded rows that pass the query and the pills (AND), in the chosen order, and
 * the loading they need. With a filter, the screen needs matches, not loaded rows, so loading goes on
 * (within the automatic page budget) while too few match.
 */
export function useVisibleRows(
  snapshot: TimelineSnapshot,
  controller: TimelineController | null,
  options: {
    filters: readonly EventFilter[];
    q: string;
    sort: SortOrder;
    /** A free-text search is being typed: its texts are built ahead, in idle time. */
    typingFreeText?: boolean;
  },
) {
  const { filters, q, sort, typingFreeText = false } = options;
  const { index, loaded, generation } = snapshot;
  const { queryPredicate, freeText } = useMemo(() => {
    const parsed = parseQuery(q);
    const ast = parsed.ok ? parsed.ast : null;
    return { queryPredicate: ast ? compileQuery(ast) : undefined, freeText: usesFreeText(ast) };
  }, [q]);
  // The texts free-text terms search in are kept only while such a search is on or being typed; while one
  // is typed they are built ahead, so pressing Enter does not build 100,000 of them in one task.
  const keepsTexts = freeText || typingFreeText;
  useEffect(() => {
    if (!keepsTexts) forgetSearchTexts();
  }, [keepsTexts]);
  useEffect(
    () =>
      typingFreeText && index ? buildSearchTextsInBackground(loaded, (row) => index.event(row)) : undefined,
    [typingFreeText, index, loaded, generation],
  );
  // The same test for events not in the index yet (the newer-events bar counts with it).
  const matches = useMemo(() => viewPredicate(filters, queryPredicate), [filters, queryPredicate]);
  const filtering = matches !== undefined;
  // `generation` changes when rows were rewritten in place: the selection must be recomputed then.
  const selection = useMemo(
    () => (index && filtering ? index.select(filters, queryPredicate, loaded) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- generation stands for the index's contents
    [index, loaded, generation, filters, queryPredicate, filtering],
  );
  const rows = useMemo(
    () => (index ? rowList(index, selection, loaded, sort) : NO_ROWS),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- generation stands for the index's contents
    [index, selection, loaded, generation, sort],
  );

  const [needed, setNeeded] = useState(60);
  const shown = useRef(rows.length);
  useEffect(() => {
    shown.current = rows.length;
  }, [rows.length]);
  const onNeedRows = useCallback(
    (count: number) => {
      // Scrolling through loaded rows must not re-render the whole view each frame: the state changes only
      // when the answer to "does the screen need more rows?" may change, in steps of a page.
      const stepped = Math.ceil(count / NEED_STEP) * NEED_STEP;
      setNeeded((current) => (current <= shown.current && stepped <= shown.current ? current : stepped));
      // The controller is asked for the same stepped count the busy state waits for: asked for fewer, it
      // would stop loading short of it and leave the grid busy for good.
      // Rows are asked by count only when no filter or order asks for further ones, so any such ask left
      // over is withdrawn first (the table asks before this hook's effect sees the filter gone).
      if (!filtering && sort === '-time') {
        controller?.settleFurther();
        controller?.ensureRows(stepped);
      }
    },
    [controller, filtering, sort],
  );
  const needsMore = rows.length < needed && !snapshot.complete;
  const wantsMore = needsMore && !snapshot.paused;
  // Oldest first, the screen wants more than is loaded only at the top, where older pages go: each one
  // shows the top older rows, which asks again, so this loading (like a filter's) is held to the budget.
  const loadsFurther = filtering || sort === 'time';
  useEffect(() => {
    if (loadsFurther && wantsMore) controller?.loadFurther(200);
    // Paused, the need stands ("Keep loading" answers it); only a need that is gone is withdrawn.
    else if (!(loadsFurther && needsMore)) controller?.settleFurther();
  }, [loadsFurther, wantsMore, needsMore, loaded, controller]);
  // Busy while a page is on its way or the screen still waits for rows that automatic loading will bring.
  const busy =
    snapshot.feeds.some((feed) => feed.fetching && feed.state !== 'error') ||
    (wantsMore && snapshot.feeds.some((feed) => feed.hasMore && feed.state !== 'error'));
  return { rows, selection, filtering, matches, busy, onNeedRows };
}
