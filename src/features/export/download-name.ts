export type ExportFormat = 'csv' | 'ndjson' | 'ecs' | 'json';

/** What the export menu offers, with the file type of each download. */
export const EXPORT_FORMATS: Record<ExportFormat, { label: string; extension: string; mimeType: string }> = {
  csv: { label: 'CSV', extension: 'csv', mimeType: 'text/csv;charset=utf-8' },
  ndjson: { label: 'NDJSON (events with raw)', extension: 'ndjson', mimeType: 'application/x-ndjson' },
  ecs: { label: 'NDJSON (ECS)', extension: 'ecs.ndjson', mimeType: 'application/x-ndjson' },
  json: { label: 'JSON', extension: 'json', mimeType: 'application/json' },
};

function stamp(now: Date | number): string {
  return new Date(now)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
}

/**
 * A file name that sorts by time and is safe on every file system (no `:`); `-filtered` when the rows are
 * only those matching the view's filters, `-partial` when they are not all of the range that was asked
 * (see export-coverage.ts): a file passed on says what it is not.
 *
 * @example downloadName('csv', Date.UTC(2026, 10, 24, 21, 30)) // 'audit-lens-2026-11-24T21-30-00Z.csv'
 */
export function downloadName(
  format: ExportFormat | 'saved-views',
  now: Date | number,
  options: { partial?: boolean; filtered?: boolean } = {},
): string {
  if (format === 'saved-views') return `audit-lens-saved-views-${stamp(now)}.json`;
  const marks = `${options.filtered ? '-filtered' : ''}${options.partial ? '-partial' : ''}`;
  return `audit-lens-${stamp(now)}${marks}.${EXPORT_FORMATS[format].extension}`;
}
