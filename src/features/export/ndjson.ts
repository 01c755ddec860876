import type { AuditEvent } from '../../timeline/audit-event.ts';

/*
 * JSON.stringify already escapes every C0 control character, so a value can never break a line; U+2028,
 * U+2029 and U+0085 are legal raw in JSON but some line readers (Python's splitlines, old JS eval) split on
 * them, so they are escaped as well. They can only occur inside JSON strings, where the escape means the same.
 */
const LINE_BREAKERS = /[\u0085\u2028\u2029]/g;

/** `JSON.stringify` typed honestly: `jsonText(undefined)` → undefined (its declared `string` hides that). */
export function jsonText(value: unknown): string | undefined {
  return JSON.stringify(value);
}

/** One NDJSON line, newline not included: `ndjsonLine({ a: 'x\u2028y' })` → `{"a":"x\\u2028y"}`. */
export function ndjsonLine(value: unknown): string {
  return (jsonText(value) ?? 'null').replace(
    LINE_BREAKERS,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Lines of NDJSON, each ended by LF, one part each (for a Blob: the whole may not fit in one string). */
export function ndjsonParts(values: Iterable<unknown>): string[] {
  const parts: string[] = [];
  for (const value of values) parts.push(`${ndjsonLine(value)}\n`);
  return parts;
}

/**
 * The normalized events as NDJSON parts, one line each with their `raw` provider object and `demo` mark.
 *
 * @example eventNdjsonParts([event]) // ['{"key":"openai.audit_logs:audit_log-1",…,"demo":true,"raw":{…}}\n']
 */
export function eventNdjsonParts(events: readonly AuditEvent[]): string[] {
  return ndjsonParts(events);
}
