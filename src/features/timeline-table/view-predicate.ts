import type { AuditEvent } from '../../timeline/audit-event.ts';
import { compileFilters, type EventFilter } from '../../timeline/filter.ts';
import { compileQuery } from '../../timeline/query/evaluate-query.ts';
import { parseQuery } from '../../timeline/query/parse-query.ts';

/**
 * Whether an event passes the view's filter pills and query, as the rows on screen do; undefined when
 * the view filters nothing. For what is not in the event index yet (newer events polled for the bar).
 */
export function viewPredicate(
  filters: readonly EventFilter[],
  q: string,
): ((event: AuditEvent) => boolean) | undefined {
  const active = filters.filter((filter) => !filter.disabled);
  const parsed = parseQuery(q);
  const query = parsed.ok && parsed.ast ? compileQuery(parsed.ast) : undefined;
  if (!active.length && !query) return undefined;
  const pills = compileFilters(active);
  return query ? (event) => pills(event) && query(event) : pills;
}
