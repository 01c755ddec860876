import type { AuditEvent } from '../../timeline/audit-event.ts';
import { compileFilters, type EventFilter } from '../../timeline/filter.ts';

type Predicate = (event: AuditEvent) => boolean;

/**
 * Whether an event passes the view's filter pills and its compiled query, as the rows on screen do;
 * undefined when the view filters nothing. For events the index does not hold yet (newer ones polled for
 * the bar); the index selects the rows on screen itself.
 */
export function viewPredicate(
  filters: readonly EventFilter[],
  query: Predicate | undefined,
): Predicate | undefined {
  if (!filters.some((filter) => !filter.disabled) && !query) return undefined;
  const pills = compileFilters(filters);
  return query ? (event) => pills(event) && query(event) : pills;
}
