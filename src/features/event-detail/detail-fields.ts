import type { AuditEvent } from '../../timeline/audit-event.ts';
import { actorLabel, type EventField } from '../../timeline/filter.ts';

export interface DetailRow {
  label: string;
  value: string;
  /**
   * The filter a pivot link sets, when the value can be pivoted on: exact ("same target" is that target,
   * not every one it is a prefix of), but for an actor's id, which is matched among ids, names and emails.
   */
  pivot?: { field: EventField; value: string; label: string; exact: boolean };
}

/** The normalized fields worth showing, in reading order, with their pivots. */
export function detailRows(event: AuditEvent): DetailRow[] {
  const rows: DetailRow[] = [];
  const add = (
    label: string,
    value: string | undefined,
    pivot?: { field: EventField; label: string },
    exact = true,
  ) => {
    if (value === undefined || value === '') return;
    rows.push({ label, value, pivot: pivot ? { ...pivot, value, exact } : undefined });
  };
  add('Action', event.action, { field: 'action', label: 'same action' });
  add('Category', event.category);
  add('Outcome', event.outcome);
  const label = actorLabel(event);
  add('Actor', label, {
    field: 'actor',
    label: 'same actor',
  });
  if (event.actor.id && event.actor.id !== label)
    add('Actor id', event.actor.id, { field: 'actor', label: 'same actor id' }, false);
  add('Actor type', event.actor.type);
  // Names are not unique (every image's stack has the same logical resources; two spaces can each hold
  // an app "web"): "same target" is the one with this id, where the target has one.
  const target = event.target.name ?? event.target.id;
  if (target !== undefined && target !== '')
    rows.push({
      label: 'Target',
      value: target,
      pivot: { field: 'target', value: event.target.id || target, label: 'same target', exact: true },
    });
  if (event.target.id && event.target.id !== target) add('Target id', event.target.id);
  add('Target type', event.target.type);
  add('IP', event.ip, { field: 'ip', label: 'same IP' });
  add('User agent', event.userAgent);
  add('Organization', event.scope.org, { field: 'org', label: 'same organization' });
  add('Project', event.scope.project, { field: 'project', label: 'same project' });
  add('Space', event.scope.space, { field: 'space', label: 'same space' });
  add('Region', event.scope.region);
  add('Image', event.scope.image, { field: 'image', label: 'same image' });
  add('Request id', event.requestId, { field: 'request', label: 'same request id' });
  add('Trace id', event.traceId, { field: 'trace', label: 'same trace id' });
  add('Session id', event.sessionId, { field: 'session', label: 'same session' });
  add('Source', event.source);
  add('Key', event.key);
  return rows;
}

/** Contabo-style `changes: { prev, new }` as before/after rows, or undefined when the raw record has none. */
export function changeRows(raw: unknown): { key: string; before: string; after: string }[] | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const changes = (raw as { changes?: unknown }).changes;
  if (typeof changes !== 'object' || changes === null) return undefined;
  const { prev, new: next } = changes as { prev?: unknown; new?: unknown };
  const before = typeof prev === 'object' && prev !== null ? (prev as Record<string, unknown>) : {};
  const after = typeof next === 'object' && next !== null ? (next as Record<string, unknown>) : {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  if (keys.length === 0) return undefined;
  const show = (value: unknown) =>
    value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
  return keys.map((key) => ({ key, before: show(before[key]), after: show(after[key]) }));
}
