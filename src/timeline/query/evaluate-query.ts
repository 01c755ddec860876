import type { AuditEvent } from '../audit-event.ts';
import { fieldValues } from '../filter.ts';
import { rawJsonText } from '../packed-events.ts';
import type { QueryNode } from './parse-query.ts';

type Predicate = (event: AuditEvent) => boolean;

// Built once per event, while free-text searches go on: reading `raw`'s JSON per event per search would blow
// the 50 ms budget at 100k events. About 1 KB an event (120 MB at 104k), and a WeakMap that size slows every
// major GC, so the view drops it (`forgetSearchTexts`) once no search needs it.
let searchTexts = new WeakMap<AuditEvent, string>();

/** Drops every cached search text; the next free-text search builds them again. */
export function forgetSearchTexts(): void {
  searchTexts = new WeakMap();
}

type IdleDeadline = { timeRemaining(): number };
const browser = globalThis as {
  requestIdleCallback?: (callback: (deadline: IdleDeadline) => void) => number;
  scheduler?: { postTask?: (task: () => void, options: { priority: 'background' }) => Promise<void> };
};
/** Texts built between two looks at the clock: about a millisecond. */
const CHUNK = 200;
/** The most one slice works: a task over 50 ms is a long task (a keystroke arriving then waits for it). */
const SLICE_MS = 8;

/**
 * Runs `slice` in background tasks until it says it is done: `scheduler.postTask` at background priority
 * (slices back to back while nothing else waits, unlike idle callbacks, which come once a frame at best),
 * else idle callbacks. False where there is neither (Node: tests and benchmarks).
 */
function inBackground(slice: (deadline: IdleDeadline | undefined) => boolean): boolean {
  const { scheduler, requestIdleCallback } = browser;
  const postTask = scheduler?.postTask?.bind(scheduler);
  if (postTask) {
    const run = () => {
      if (!slice(undefined)) void postTask(run, { priority: 'background' });
    };
    void postTask(run, { priority: 'background' });
    return true;
  }
  if (!requestIdleCallback) return false;
  const run = (deadline: IdleDeadline) => {
    if (!slice(deadline)) requestIdleCallback(run);
  };
  requestIdleCallback(run);
  return true;
}

/**
 * Builds the search texts of events `0..count-1` in the background, so the first free-text search over a
 * whole load is not one long task of building them all (about 0.4 s for 100,000 events). Returns a
 * function that stops it. Where the browser has no way to (Node) it does nothing.
 *
 * @example
 * const stop = buildSearchTextsInBackground(index.size, (row) => index.event(row)); // as a search is typed
 */
export function buildSearchTextsInBackground(count: number, eventAt: (at: number) => AuditEvent): () => void {
  let next = 0;
  inBackground((deadline) => {
    const until = performance.now() + SLICE_MS;
    while (next < count && (deadline?.timeRemaining() ?? 2) > 1 && performance.now() < until) {
      for (const end = Math.min(count, next + CHUNK); next < end; next++) searchText(eventAt(next));
    }
    return next >= count;
  });
  return () => {
    next = count;
  };
}

/** Whether a query has a free-text term, the only kind that reads the search texts. */
export function usesFreeText(node: QueryNode | null): boolean {
  if (node === null) return false;
  switch (node.kind) {
    case 'text':
      return true;
    case 'field':
      return false;
    case 'not':
      return usesFreeText(node.child);
    case 'and':
    case 'or':
      return node.children.some(usesFreeText);
  }
}

// JSON.stringify escapes it and nobody types it, so a free-text match never spans two fields.
const SEPARATOR = '\u0000';

/**
 * The lower-cased text free-text terms search in: the normalized string fields and the raw JSON, computed
 * once per event and cached. Call it ahead of time (in idle chunks) to take the cost off the first search.
 *
 * @example
 * searchText(event).includes('198.51.100.7') // → true when the ip or anything in raw holds it
 */
export function searchText(event: AuditEvent): string {
  const cached = searchTexts.get(event);
  if (cached !== undefined) return cached;
  const text = [
    event.action,
    event.summary,
    event.actor.id,
    event.actor.name,
    event.actor.email,
    event.actor.type,
    event.target.id,
    event.target.name,
    event.target.type,
    event.scope.org,
    event.scope.project,
    event.scope.space,
    event.scope.region,
    event.scope.image,
    event.ip,
    event.userAgent,
    event.requestId,
    event.traceId,
    event.sessionId,
    event.provider,
    event.source,
    event.category,
    event.outcome,
    rawJsonText(event),
  ]
    .filter((value) => value !== undefined && value !== '')
    .join(SEPARATOR)
    .toLowerCase();
  searchTexts.set(event, text);
  return text;
}

function compileNode(node: QueryNode, textOf: (event: AuditEvent) => string): Predicate {
  switch (node.kind) {
    case 'field': {
      const { field, prefix } = node;
      const wanted = node.value.toLowerCase();
      // The same rule as the facet pills (`valueMatches`), minus its `*` parsing: a quoted `*` is literal here.
      return (event) =>
        fieldValues(event, field).some((candidate) => {
          const value = candidate.toLowerCase();
          return prefix ? value.startsWith(wanted) : value === wanted;
        });
    }
    case 'text': {
      // Free text matches anywhere inside a value, so a trailing `*` adds nothing.
      const wanted = node.value.toLowerCase();
      // The raw record is searched as JSON text, where `"` and `\` are escaped: a term holding them is
      // looked for both as typed (the fields) and as JSON writes it (the raw record).
      const inJson = JSON.stringify(wanted).slice(1, -1);
      if (inJson === wanted) return (event) => textOf(event).includes(wanted);
      // A term holding the separator (a link can carry a NUL) would match across two fields: only the raw
      // record, where JSON escapes it, can hold it.
      if (wanted.includes(SEPARATOR)) return (event) => textOf(event).includes(inJson);
      return (event) => {
        const text = textOf(event);
        return text.includes(wanted) || text.includes(inJson);
      };
    }
    case 'not': {
      const child = compileNode(node.child, textOf);
      return (event) => !child(event);
    }
    case 'and': {
      const children = node.children.map((child) => compileNode(child, textOf));
      return (event) => children.every((child) => child(event));
    }
    case 'or': {
      const children = node.children.map((child) => compileNode(child, textOf));
      return (event) => children.some((child) => child(event));
    }
  }
}

/**
 * Turns a parsed query into a predicate over events; an empty query (`null`) keeps every event.
 *
 * @example
 * const parsed = parseQuery('actor:alice* -outcome:success');
 * if (parsed.ok) events.filter(compileQuery(parsed.ast));
 */
export function compileQuery(ast: QueryNode | null): Predicate {
  if (ast === null) return () => true;
  // Several free-text terms ask for the same event's text in a row; a WeakMap lookup is not free at 100k.
  let lastEvent: AuditEvent | undefined;
  let lastText = '';
  const textOf = (event: AuditEvent): string => {
    if (event !== lastEvent) {
      lastEvent = event;
      lastText = searchText(event);
    }
    return lastText;
  };
  return compileNode(ast, textOf);
}
