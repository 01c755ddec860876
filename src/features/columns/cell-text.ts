import { formatEventTime } from '../../lib/time-format.ts';
import { providerInfo } from '../../providers/registry.ts';
import type { AuditEvent } from '../../timeline/audit-event.ts';
import { actorLabel } from '../../timeline/filter.ts';
import { COLUMN_LABELS, type ColumnId } from '../../url-state/view-state.ts';

/*
 * What a column is called and what its cell says, in one place for every view of the rows: the timeline
 * table draws these texts, and the CSV export writes them, so an export matches the screen.
 */

/** `columnLabel('time', 'Europe/Berlin')` → `Time (Europe/Berlin)`; the table's own header text. */
export function columnLabel(column: ColumnId, timeZone: string): string {
  if (column === 'time') return timeZone === 'UTC' ? 'Time (UTC)' : `Time (${timeZone})`;
  return COLUMN_LABELS[column];
}

/** `actorText({ actor: { name: 'ann', email: 'ann@x.io' } })` → `ann@x.io`. */
export function actorText(event: Pick<AuditEvent, 'actor'>): string {
  return actorLabel(event) ?? '—';
}

/** `targetText({ target: { type: 'app', name: 'web' } })` → `app: web`. */
export function targetText(event: Pick<AuditEvent, 'target'>): string {
  const name = event.target.name ?? event.target.id;
  if (!name) return event.target.type ?? '—';
  return event.target.type ? `${event.target.type}: ${name}` : name;
}

/** The text of one cell as the table shows it: `cellText(event, 'provider', 'UTC')` → `Cloud Foundry`. */
export function cellText(event: AuditEvent, column: ColumnId, timeZone: string): string {
  switch (column) {
    case 'time':
      return formatEventTime(event.time, timeZone);
    case 'provider':
      return providerInfo(event.provider)?.label ?? event.provider;
    case 'action':
      return event.action;
    case 'actor':
      return actorText(event);
    case 'target':
      return targetText(event);
    case 'outcome':
      return event.outcome;
    case 'ip':
      return event.ip ?? '';
    case 'summary':
      return event.summary;
    case 'source':
      return event.source;
    case 'category':
      return event.category;
  }
}
