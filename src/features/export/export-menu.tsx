import { useCallback, useEffect, useRef, useState } from 'react';
import { downloadParts } from '../../lib/download.ts';
import type { AuditEvent } from '../../timeline/audit-event.ts';
import type { RowList } from '../../timeline/event-index.ts';
import type { ColumnId } from '../../url-state/view-state.ts';
import { Button } from '../../ui/button.tsx';
import { Popover } from '../../ui/popover.tsx';
import { csvParts } from './csv.ts';
import { coverageNote, isFiltered, isPartial, type ExportCoverage } from './export-coverage.ts';
import { downloadName, EXPORT_FORMATS, type ExportFormat } from './download-name.ts';
import { ecsNdjsonParts } from './ecs.ts';
import { jsonParts } from './json-export.ts';
import { eventNdjsonParts } from './ndjson.ts';

interface ExportMenuProps {
  /** The rows on screen (filtered), in display order. */
  rows: RowList;
  columns: readonly ColumnId[];
  timeZone: string;
  /**
   * What the rows cover: written into JSON and the file name, and said in the menu; when the range is not
   * all loaded, an export can first load the rest.
   */
  coverage: ExportCoverage;
  /** "Load all in range" is running. */
  loadingAll: boolean;
  /** Starts loading the whole range; false when it could not start (the feeds left have failed). */
  onLoadAll: () => boolean;
}

function render(
  format: ExportFormat,
  rows: readonly AuditEvent[],
  columns: readonly ColumnId[],
  timeZone: string,
  coverage: ExportCoverage,
): string[] {
  if (format === 'csv') return csvParts(rows, { columns: [...columns], timeZone, bom: true });
  if (format === 'ndjson') return eventNdjsonParts(rows);
  if (format === 'ecs') return ecsNdjsonParts(rows);
  return jsonParts(rows, Date.now(), coverage);
}

/** Why an export could not be saved, in words a person can act on. */
export function exportFailureText(format: ExportFormat, rowCount: number, error: unknown): string {
  const rowsText = `${rowCount.toLocaleString('en-US')} ${rowCount === 1 ? 'row' : 'rows'}`;
  const what = `The ${EXPORT_FORMATS[format].label} export of ${rowsText} failed`;
  if (error instanceof RangeError)
    return `${what}: it is more than this browser can hold at once. Narrow the range or the filters, or show fewer columns.`;
  const why = error instanceof Error && error.message ? error.message.slice(0, 200) : 'unknown error';
  return `${what} (${why}).`;
}

/** Export of what you see (rows, columns, order, time zone) as CSV, NDJSON, ECS NDJSON or JSON. */
export function ExportMenu({ rows, columns, timeZone, coverage, loadingAll, onLoadAll }: ExportMenuProps) {
  const { complete } = coverage;
  const [pending, setPending] = useState<ExportFormat | null>(null);
  const [abandoned, setAbandoned] = useState(false);
  const loadStarted = useRef(false);
  // A failure is about the rows it was for: other rows (a new range, a filter) have not failed.
  const [failed, setFailed] = useState<{ text: string; rows: RowList } | null>(null);
  const failure = failed?.rows === rows ? failed.text : null;
  const setFailure = useCallback((text: string | null) => setFailed(text ? { text, rows } : null), [rows]);
  /** Saves the file; the reason when it could not be built, else null. */
  const save = useCallback(
    (format: ExportFormat): string | null => {
      const { mimeType } = EXPORT_FORMATS[format];
      try {
        downloadParts(
          render(format, rows.toArray(), columns, timeZone, coverage),
          downloadName(format, Date.now(), {
            partial: isPartial(coverage),
            filtered: isFiltered(coverage),
          }),
          mimeType,
        );
        return null;
      } catch (error) {
        return exportFailureText(format, rows.length, error);
      }
    },
    [rows, columns, timeZone, coverage],
  );
  const note = coverageNote(coverage);
  // "Load the whole range first": the download happens once the last page is in. A load that ends without
  // the whole range (cancelled, or a provider failed) drops the export: a later Retry must not start a
  // download nobody is waiting for.
  useEffect(() => {
    if (!pending) return;
    if (complete) {
      const failed = save(pending);
      queueMicrotask(() => {
        setPending(null);
        setFailure(failed);
      });
    } else if (loadingAll) {
      loadStarted.current = true;
    } else if (loadStarted.current) {
      queueMicrotask(() => {
        setPending(null);
        setAbandoned(true);
      });
    }
  }, [pending, complete, loadingAll, save, setFailure]);
  return (
    <Popover
      label={pending ? 'Export: loading…' : failure ? 'Export: failed' : 'Export'}
      title="Export this view"
    >
      {(close) => (
        <div className="flex flex-col gap-2">
          <p className="text-xs text-slate-600 dark:text-slate-300">
            {rows.length.toLocaleString('en-US')} rows as shown: columns, order and time zone ({timeZone}).
            Demo events are marked in every format.
          </p>
          {(Object.keys(EXPORT_FORMATS) as ExportFormat[]).map((format) => (
            <div key={format} className="flex items-center gap-2">
              <Button
                onClick={() => {
                  const failed = save(format);
                  setFailure(failed);
                  if (!failed) close();
                }}
              >
                {EXPORT_FORMATS[format].label}
              </Button>
              {!complete ? (
                <button
                  type="button"
                  aria-label={`load the whole range first, then export ${EXPORT_FORMATS[format].label}`}
                  className="text-xs text-blue-700 underline dark:text-blue-300"
                  onClick={() => {
                    loadStarted.current = false;
                    const started = onLoadAll();
                    // Nothing to wait for: an export left pending would hang, then download after a Retry.
                    setAbandoned(!started);
                    setPending(started ? format : null);
                    if (started) close();
                  }}
                >
                  load the whole range first
                </button>
              ) : null}
            </div>
          ))}
          {note ? <p className="text-xs text-amber-700 dark:text-amber-300">{note}</p> : null}
          {failure ? (
            <p role="alert" className="text-xs text-red-700 dark:text-red-300">
              {failure}
            </p>
          ) : null}
          {abandoned && !complete ? (
            <p role="status" className="text-xs text-amber-700 dark:text-amber-300">
              The last export waited for the whole range, which stopped loading before the end (cancelled, or
              a provider failed): nothing was downloaded.
            </p>
          ) : null}
        </div>
      )}
    </Popover>
  );
}
