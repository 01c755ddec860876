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

/** Lines of NDJSON, each ended by LF (the empty string for no values). */
export function ndjsonLines(values: Iterable<unknown>): string {
  let text = '';
  for (const value of values) text += `${ndjsonLine(value)}\n`;
  return text;
}

/**
 * The normalized events as NDJSON, one per line with their `raw` provider object and `demo` mark.
 *
 * @example toNdjson([event]) // '{"key":"openai.audit_logs:audit_log-1",…,"demo":true,"raw":{…}}\n'
 */
export function toNdjson(events: readonly AuditEvent[]): string {
  return ndjsonLines(events);
}
