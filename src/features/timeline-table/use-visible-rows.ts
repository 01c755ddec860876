import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AuditEvent } from '../../timeline/audit-event.ts';
import { compileFilters, type EventFilter } from '../../timeline/filter.ts';
import { compileQuery } from '../../timeline/query/evaluate-query.ts';
import { parseQuery } from '../../timeline/query/parse-query.ts';
import type { TimelineController, TimelineSnapshot } from './timeline-controller.ts';

/**
 * The rows on screen: the loaded rows that pass the query and the pills (AND), in the chosen order, and
 * the loading they need. With a filter, the screen needs matches, not loaded rows, so loading goes on
 * (within the automatic page budget) while too few match.
 */
export function useVisibleRows(
  snapshot: TimelineSnapshot,
  controller: TimelineController | null,
  options: { filters: readonly EventFilter[]; q: string; sort: '-time' | 'time' },
) {
  const { filters, q, sort } = options;
  const predicate = useMemo(() => {
    const pills = compileFilters(filters);
    const parsed = parseQuery(q);
    const query = compileQuery(parsed.ok ? parsed.ast : null);
    return (event: AuditEvent) => pills(event) && query(event);
  }, [filters, q]);
  const filtering = filters.some((filter) => !filter.disabled) || q.trim() !== '';
  const rows = useMemo(() => {
    const matching = filtering ? snapshot.rows.filter(predicate) : snapshot.rows;
    return sort === 'time' ? [...matching].reverse() : matching;
  }, [snapshot.rows, predicate, filtering, sort]);

  const [needed, setNeeded] = useState(60);
  const onNeedRows = useCallback(
    (count: number) => {
      setNeeded(count);
      if (!filtering) controller?.ensureRows(count);
    },
    [controller, filtering],
  );
  const wantsMore = rows.length < needed && !snapshot.paused && !snapshot.complete;
  useEffect(() => {
    if (filtering && wantsMore) controller?.loadForMatches(200);
  }, [filtering, wantsMore, snapshot.rows.length, controller]);
  // Busy while a page is on its way or the screen still waits for rows that automatic loading will bring.
  const busy =
    snapshot.feeds.some((feed) => feed.fetching && feed.state !== 'error') ||
    (wantsMore && snapshot.feeds.some((feed) => feed.hasMore && feed.state !== 'error'));
  return { rows, filtering, busy, onNeedRows };
}
