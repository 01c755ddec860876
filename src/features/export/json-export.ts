import type { AuditEvent } from '../../timeline/audit-event.ts';
import type { ExportCoverage } from './export-coverage.ts';

export interface JsonExport {
  /** When the export was made, ISO 8601 UTC. */
  exportedAt: string;
  count: number;
  /** True when any event comes from a simulator; each event carries its own `demo` too. */
  demo: boolean;
  /** The range and how much of it the events are (absent when unknown). */
  coverage?: {
    range: { from: string; to: string };
    complete: boolean;
    possibleGaps: boolean;
    failed: readonly string[];
    /** The rows are only those of the range that match these (the view's providers, filters, query). */
    matching?: ExportCoverage['matching'];
  };
  events: readonly AuditEvent[];
}

/** Indentation of an event inside `events` (two levels of two spaces). */
const EVENT_INDENT = '    ';

/**
 * The events as one JSON document (indented, for people; NDJSON is the machine format), in parts (one per
 * event) for a Blob, since the whole may be more than one string can hold. Joined, the parts are exactly
 * `JSON.stringify(document, null, 2)` plus a final newline: a line break inside a JSON text is always
 * structure (a string's own breaks are escaped), so indenting each event's lines nests it correctly.
 *
 * @example jsonParts(events, Date.UTC(2026, 10, 24)).join('') // '{\n  "exportedAt": "2026-11-24T00:00:00.000Z",\n  "count": 2, …'
 */
export function jsonParts(
  events: readonly AuditEvent[],
  exportedAt: Date | number,
  coverage?: ExportCoverage,
): string[] {
  const head: Omit<JsonExport, 'events'> = {
    exportedAt: new Date(exportedAt).toISOString(),
    count: events.length,
    demo: events.some((event) => event.demo),
    ...(coverage && {
      coverage: {
        range: {
          from: new Date(coverage.range.from).toISOString(),
          to: new Date(coverage.range.to).toISOString(),
        },
        complete: coverage.complete,
        possibleGaps: coverage.possibleGaps,
        failed: coverage.failed,
        ...(coverage.matching && { matching: coverage.matching }),
      },
    }),
  };
  const headText = JSON.stringify(head, null, 2).slice(0, -2);
  if (events.length === 0) return [`${headText},\n  "events": []\n}\n`];
  const parts = [`${headText},\n  "events": [\n`];
  events.forEach((event, index) => {
    const text = JSON.stringify(event, null, 2).replaceAll('\n', `\n${EVENT_INDENT}`);
    parts.push(`${EVENT_INDENT}${text}${index === events.length - 1 ? '\n' : ',\n'}`);
  });
  parts.push('  ]\n}\n');
  return parts;
}
