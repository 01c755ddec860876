import type { AuditEvent } from './audit-event.ts';

/** The filterable fields of an event (the URL's `f=field:value` and the query syntax use these names). */
export const EVENT_FIELDS = [
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
  'image',
  'session',
  'request',
  'trace',
] as const;
export type EventField = (typeof EVENT_FIELDS)[number];

export interface EventFilter {
  field: EventField;
  value: string;
  exclude: boolean;
  disabled: boolean;
  /**
   * Exact: the value as a facet counts it, case and all, with no `*` prefix (an actor by the label the
   * table shows). What a facet click adds, so the rows it leaves are the number the facet showed. Without
   * it the value matches any of the field's values, ignoring case (`valueMatches`).
   */
  exact?: boolean;
}

function present(...values: (string | undefined)[]): string[] {
  return values.filter((value): value is string => value !== undefined && value !== '');
}

/**
 * The label an actor is shown and counted by: its email, else its name, else its id, skipping empty
 * ones (a provider may send `email: ""`).
 */
export function actorLabel(event: Pick<AuditEvent, 'actor'>): string | undefined {
  const { email, name, id } = event.actor;
  return email || name || id || undefined;
}

/** The values an event holds for a field; an actor matches by id, name or email. */
export function fieldValues(event: AuditEvent, field: EventField): string[] {
  switch (field) {
    case 'provider':
      return [event.provider];
    case 'source':
      return [event.source];
    case 'action':
      return [event.action];
    case 'category':
      return [event.category];
    case 'outcome':
      return [event.outcome];
    case 'actor':
      return present(event.actor.email, event.actor.name, event.actor.id);
    case 'target.type':
      return present(event.target.type);
    case 'target':
      return present(event.target.name, event.target.id);
    case 'ip':
      return present(event.ip);
    case 'org':
      return present(event.scope.org);
    case 'project':
      return present(event.scope.project);
    case 'space':
      return present(event.scope.space);
    case 'image':
      return present(event.scope.image);
    case 'session':
      return present(event.sessionId);
    case 'request':
      return present(event.requestId);
    case 'trace':
      return present(event.traceId);
  }
}

/**
 * The values an exact filter compares (those a facet counts): the actor's label (email, else name, else
 * id), every other field's values as `fieldValues` gives them.
 */
export function exactValues(event: AuditEvent, field: EventField): string[] {
  return field === 'actor' ? present(actorLabel(event)) : fieldValues(event, field);
}

/**
 * An exact filter's equality. A URL cannot carry a lone surrogate (it arrives as U+FFFD), so a value
 * holding one is matched by its well-formed form: a facet click on it then keeps the rows it counted.
 */
export function isExactly(candidate: string, wanted: string): boolean {
  return candidate === wanted || (wanted.includes('\uFFFD') && candidate.toWellFormed() === wanted);
}

/** `actor=alice` for an exact filter, `actor:alice*` for a matching one: the URL's form, without flags. */
export function filterText(filter: Pick<EventFilter, 'field' | 'value' | 'exact'>): string {
  return `${filter.field}${filter.exact ? '=' : ':'}${filter.value}`;
}

/** Whether an event holds a filter's value in its field, by the filter's rule (exact or matching). */
export function holdsValue(
  event: AuditEvent,
  filter: Pick<EventFilter, 'field' | 'value' | 'exact'>,
): boolean {
  if (filter.exact) return exactValues(event, filter.field).some((value) => isExactly(value, filter.value));
  return fieldValues(event, filter.field).some((candidate) => valueMatches(candidate, filter.value));
}

/**
 * Case-insensitive equality, or a prefix match when the value ends in `*`. A prefix is compared with the
 * candidate's start of the same length, each lower-cased alone: a cut after `Σ` lower-cases to `ς` there
 * too. A URL carries a lone surrogate as U+FFFD, so a wanted value holding one meets a well-formed candidate.
 */
export function valueMatches(candidate: string, wanted: string): boolean {
  const text = wanted.includes('\uFFFD') ? candidate.toWellFormed() : candidate;
  if (!wanted.endsWith('*')) return text.toLowerCase() === wanted.toLowerCase();
  const prefix = wanted.slice(0, -1);
  return text.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase();
}

/**
 * Active filters combine with AND across fields and OR among values of one field; an excluding filter
 * removes every event holding the value.
 */
export function compileFilters(filters: readonly EventFilter[]): (event: AuditEvent) => boolean {
  const active = filters.filter((filter) => !filter.disabled);
  if (active.length === 0) return () => true;
  const includes = new Map<EventField, EventFilter[]>();
  const excludes: EventFilter[] = [];
  for (const filter of active) {
    if (filter.exclude) excludes.push(filter);
    else includes.set(filter.field, [...(includes.get(filter.field) ?? []), filter]);
  }
  return (event) => {
    for (const wanted of includes.values()) {
      if (!wanted.some((filter) => holdsValue(event, filter))) return false;
    }
    return !excludes.some((filter) => holdsValue(event, filter));
  };
}
