import type { AuditEvent } from './audit-event.ts';
import { fieldValues, type EventField } from './filter.ts';

export interface FacetValue {
  value: string;
  count: number;
}

/** The fields the facet sidebar shows, in order. */
export const FACET_FIELDS: readonly EventField[] = [
  'provider',
  'source',
  'action',
  'category',
  'outcome',
  'actor',
  'target.type',
  'target',
  'ip',
  'org',
  'project',
  'space',
];

/**
 * Exact counts of every value of each field over the given events (no sampling, no rounding), most
 * frequent first, then alphabetical.
 *
 * @example countFacets(rows, ['outcome']).get('outcome') // [{ value: 'success', count: 812 }, …]
 */
export function countFacets(
  events: readonly AuditEvent[],
  fields: readonly EventField[] = FACET_FIELDS,
): Map<EventField, FacetValue[]> {
  const counts = new Map<EventField, Map<string, number>>(fields.map((field) => [field, new Map()]));
  for (const event of events) {
    for (const field of fields) {
      const values = field === 'actor' ? fieldValues(event, field).slice(0, 1) : fieldValues(event, field);
      const bucket = counts.get(field);
      if (!bucket) continue;
      for (const value of values) bucket.set(value, (bucket.get(value) ?? 0) + 1);
    }
  }
  const out = new Map<EventField, FacetValue[]>();
  for (const [field, bucket] of counts) {
    out.set(
      field,
      [...bucket]
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)),
    );
  }
  return out;
}
