import type { AuditEvent } from './audit-event.ts';

/**
 * The total order of the timeline: time descending, then source, then key.
 * Equal keys compare equal, so de-duplication can rely on it.
 */
export function compareNewestFirst(a: AuditEvent, b: AuditEvent): number {
  if (a.time !== b.time) return b.time - a.time;
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return 0;
}
