import { useState } from 'react';
import { parseTimeExpression, wallClockIso } from '../../lib/time-expression.ts';
import { Button } from '../../ui/button.tsx';
import { QUICK_RANGES, rangeLabel, recentRanges, rememberRange } from './quick-ranges.ts';

interface TimeRangePickerProps {
  from: string;
  to: string;
  timeZone: string;
  onChange: (range: { from: string; to: string }) => void;
}

/** Quick ranges, relative expressions, absolute times with a calendar, and recently used ranges. */
export function TimeRangePicker({ from, to, timeZone, onChange }: TimeRangePickerProps) {
  const [open, setOpen] = useState(false);
  const [draftFrom, setDraftFrom] = useState(from);
  const [draftTo, setDraftTo] = useState(to);
  // Relative expressions are checked against the moment the picker opened.
  const [now, setNow] = useState(0);
  const fromResult = parseTimeExpression(draftFrom, now, timeZone);
  const toResult = parseTimeExpression(draftTo, now, timeZone);
  const problem = !fromResult.ok
    ? `From: ${fromResult.problem}`
    : !toResult.ok
      ? `To: ${toResult.problem}`
      : fromResult.ms >= toResult.ms
        ? '"From" must be before "To"'
        : // Nothing after now exists yet: the timeline clamps "To" to now, so "From" must be before it.
          fromResult.ms >= now
          ? '"From" must be before now: nothing after it has happened yet'
          : undefined;

  const apply = (range: { from: string; to: string }) => {
    rememberRange(range);
    onChange(range);
    setOpen(false);
  };

  return (
    <div className="relative">
      <Button
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => {
          setDraftFrom(from);
          setDraftTo(to);
          setNow(Date.now());
          setOpen(!open);
        }}
      >
        {rangeLabel(from, to)} ▾
      </Button>
      {open ? (
        <div
          role="dialog"
          aria-label="Time range"
          className="absolute left-0 top-full z-30 mt-1 flex w-[34rem] gap-4 rounded-md border border-slate-200 bg-white p-3 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <form
            className="flex flex-1 flex-col gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              if (!problem) apply({ from: draftFrom.trim(), to: draftTo.trim() });
            }}
          >
            <p className="text-xs font-semibold uppercase text-slate-500">Absolute or relative</p>
            <TimeField label="From" value={draftFrom} timeZone={timeZone} onChange={setDraftFrom} />
            <TimeField label="To" value={draftTo} timeZone={timeZone} onChange={setDraftTo} />
            <p className="text-xs text-slate-500">
              e.g. <code>now-6h</code>, <code>now-1d/d</code> (rounded in {timeZone}),{' '}
              <code>2026-11-20T08:00:00Z</code>
            </p>
            {problem ? (
              <p role="alert" className="text-xs text-red-700 dark:text-red-300">
                {problem}
              </p>
            ) : null}
            <div>
              <Button type="submit" variant="primary" disabled={Boolean(problem)}>
                Apply
              </Button>
            </div>
          </form>
          <div className="w-44">
            <p className="text-xs font-semibold uppercase text-slate-500">Quick ranges</p>
            <ul className="mt-1">
              {QUICK_RANGES.map((range) => (
                <li key={range.label}>
                  <button
                    type="button"
                    className="w-full rounded px-1 py-0.5 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
                    onClick={() => apply(range)}
                  >
                    {range.label}
                  </button>
                </li>
              ))}
            </ul>
            {recentRanges().length ? (
              <>
                <p className="mt-2 text-xs font-semibold uppercase text-slate-500">Recently used</p>
                <ul className="mt-1">
                  {recentRanges().map((range) => (
                    <li key={`${range.from}|${range.to}`}>
                      <button
                        type="button"
                        className="w-full truncate rounded px-1 py-0.5 text-left font-mono text-xs hover:bg-slate-100 dark:hover:bg-slate-800"
                        onClick={() => apply(range)}
                      >
                        {rangeLabel(range.from, range.to)}
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}

/**
 * One bound: a text field for any expression, and a calendar whose wall time is read in the view's zone
 * (as the table shows times) and written as an instant with that zone's offset.
 */
function TimeField({
  label,
  value,
  timeZone,
  onChange,
}: {
  label: string;
  value: string;
  timeZone: string;
  onChange: (value: string) => void;
}) {
  return (
    <label className="flex flex-col gap-0.5 text-xs">
      {label}
      <input
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="rounded border border-slate-300 px-2 py-1 font-mono text-sm dark:border-slate-600 dark:bg-slate-950"
      />
      <span className="flex items-center gap-1">
        <input
          type="datetime-local"
          aria-label={`${label}, calendar (${timeZone})`}
          onChange={(e) => onChange(e.target.value ? wallClockIso(e.target.value, timeZone) : '')}
          className="rounded border border-slate-200 px-1 text-xs dark:border-slate-700 dark:bg-slate-950"
        />
        <span className="text-slate-500">{timeZone}</span>
      </span>
    </label>
  );
}
