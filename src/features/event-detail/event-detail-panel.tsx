import { useMemo } from 'react';
import { formatEventTime } from '../../lib/time-format.ts';
import { visibleText } from '../../lib/visible-text.ts';
import { providerInfo } from '../../providers/registry.ts';
import type { AuditEvent } from '../../timeline/audit-event.ts';
import type { EventFilter } from '../../timeline/filter.ts';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { CopyButton } from '../../ui/copy-button.tsx';
import { changeRows, detailRows } from './detail-fields.ts';

interface EventDetailPanelProps {
  event: AuditEvent;
  timeZone: string;
  /** A link that reopens this event, highlighted, in an absolute window around it. */
  permalink: string;
  onPivot: (filter: EventFilter) => void;
  onClose: () => void;
}

/**
 * The raw record, indented. A record the browser cannot write out (nested thousands of levels deep:
 * `JSON.stringify` runs out of stack) says so instead of breaking the panel.
 */
function rawRecordText(raw: unknown): string {
  try {
    const text = JSON.stringify(raw, null, 2) as string | undefined;
    if (text !== undefined) return text;
  } catch {
    // Falls through to the notice.
  }
  return '(the raw record could not be shown: it is nested too deeply to write out)';
}

export function EventDetailPanel({ event, timeZone, permalink, onPivot, onClose }: EventDetailPanelProps) {
  const provider = providerInfo(event.provider);
  // Once per event, not on every render while pages stream in: `raw` is parsed from its JSON on each read,
  // and the record can be huge (a 1 MB field) and hold direction tricks: it is shown visibly, and cut.
  const { changes, rawJson, shownRaw } = useMemo(() => {
    const raw = event.raw;
    const json = rawRecordText(raw);
    return { changes: changeRows(raw), rawJson: json, shownRaw: visibleText(json, 200_000) };
  }, [event]);
  return (
    <aside
      aria-label="Event detail"
      onKeyDown={(keyEvent) => {
        if (keyEvent.key !== 'Escape' || keyEvent.defaultPrevented) return;
        keyEvent.preventDefault();
        onClose();
      }}
      className="flex w-[30rem] shrink-0 flex-col overflow-hidden border-l border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      <header className="flex items-start gap-2 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <div className="min-w-0 flex-1">
          <h2 className="truncate font-mono text-sm font-semibold">{visibleText(event.action, 300)}</h2>
          <p className="mt-0.5 flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-300">
            <span className="inline-flex items-center gap-1">
              <span
                aria-hidden
                className="h-2 w-2 rounded-full"
                style={{ backgroundColor: provider?.colour }}
              />
              {provider?.label ?? event.provider}
            </span>
            <time dateTime={new Date(event.time).toISOString()}>{formatEventTime(event.time, timeZone)}</time>
            {event.demo ? <Badge tone="amber">demo event</Badge> : null}
          </p>
        </div>
        <Button variant="ghost" aria-label="Close event detail" onClick={onClose}>
          ✕
        </Button>
      </header>
      <div className="min-h-0 flex-1 overflow-auto px-4 py-3 text-sm">
        <p className="mb-3 break-words">{visibleText(event.summary)}</p>
        <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1.5">
          {detailRows(event).map(({ label, value, pivot }) => (
            <div key={label} className="contents">
              <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
              <dd className="min-w-0 break-words">
                <span className="font-mono text-xs">{visibleText(value)}</span>
                {pivot ? (
                  <button
                    type="button"
                    className="ml-2 text-xs text-blue-700 underline hover:text-blue-900 dark:text-blue-300"
                    onClick={() =>
                      onPivot({
                        field: pivot.field,
                        value: pivot.value,
                        exclude: false,
                        disabled: false,
                        exact: pivot.exact,
                      })
                    }
                  >
                    {pivot.label}
                  </button>
                ) : null}
              </dd>
            </div>
          ))}
        </dl>
        {changes ? (
          <section aria-label="Changes" className="mt-4">
            <h3 className="mb-1 text-xs font-semibold uppercase text-slate-500">Changes</h3>
            <table className="w-full border-collapse text-xs">
              <thead>
                <tr className="text-left text-slate-500">
                  <th className="py-1 pr-2 font-medium">field</th>
                  <th className="py-1 pr-2 font-medium">before</th>
                  <th className="py-1 font-medium">after</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((change) => (
                  <tr key={change.key} className="border-t border-slate-100 align-top dark:border-slate-800">
                    <td className="py-1 pr-2 font-mono">{visibleText(change.key)}</td>
                    <td
                      className={`py-1 pr-2 font-mono ${change.before !== change.after ? 'bg-red-50 dark:bg-red-950' : ''}`}
                    >
                      {visibleText(change.before)}
                    </td>
                    <td
                      className={`py-1 font-mono ${change.before !== change.after ? 'bg-emerald-50 dark:bg-emerald-950' : ''}`}
                    >
                      {visibleText(change.after)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ) : null}
        <details className="mt-4" open>
          <summary className="cursor-pointer text-xs font-semibold uppercase text-slate-500">
            Raw {provider?.label ?? ''} record
          </summary>
          <div className="mt-2 flex gap-2">
            <CopyButton text={rawJson} label="Copy JSON" />
            <CopyButton text={new URL(permalink, location.origin).toString()} label="Copy permalink" />
          </div>
          <pre className="mt-2 max-h-[28rem] overflow-auto rounded bg-slate-50 p-2 font-mono text-xs dark:bg-slate-950">
            {shownRaw}
          </pre>
        </details>
      </div>
    </aside>
  );
}
