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
  };
  events: readonly AuditEvent[];
}

/**
 * The events as one JSON document (indented, for people; NDJSON is the machine format).
 *
 * @example toJson(events, Date.UTC(2026, 10, 24)) // '{\n  "exportedAt": "2026-11-24T00:00:00.000Z",\n  "count": 2, …'
 */
export function toJson(
  events: readonly AuditEvent[],
  exportedAt: Date | number,
  coverage?: ExportCoverage,
): string {
  const document: JsonExport = {
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
      },
    }),
    events,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
