import { useState } from 'react';
import { visibleText } from '../../lib/visible-text.ts';
import { linkLosses, viewSearch, type ViewState } from '../../url-state/view-state.ts';
import { CopyButton } from '../../ui/copy-button.tsx';
import { Popover } from '../../ui/popover.tsx';

interface ShareMenuProps {
  view: ViewState;
  /** The absolute range the current query resolved to, for a link that shows the same rows later. */
  range: { from: number; to: number } | null;
}

/** The link to this view, as is or with the time range pinned to absolute UTC times. */
export function ShareMenu({ view, range }: ShareMenuProps) {
  const [pinned, setPinned] = useState(true);
  const shareView =
    pinned && range
      ? { ...view, from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() }
      : view;
  const link = new URL(`/${viewSearch(shareView)}`, location.origin).toString();
  const losses = linkLosses(shareView);
  return (
    <Popover label="Share" title="Share this view">
      {() => (
        <div className="flex flex-col gap-2">
          <label className="flex items-center gap-2 text-xs">
            <input type="checkbox" checked={pinned} onChange={(event) => setPinned(event.target.checked)} />
            Pin the time range to absolute UTC times (the recipient sees the same rows)
          </label>
          <input
            readOnly
            aria-label="Link to this view"
            value={link}
            onFocus={(event) => event.target.select()}
            className="w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs dark:border-slate-600 dark:bg-slate-950"
          />
          {losses.length > 0 ? (
            <div role="alert" className="text-xs text-amber-700 dark:text-amber-300">
              This link cannot carry all of the view; whoever opens it will not see:
              <ul className="list-disc pl-4">
                {losses.map((loss, at) => (
                  <li key={at}>
                    {loss.parameter}={visibleText(loss.value)}: {loss.problem}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div>
            <CopyButton text={link} label="Copy link" />
          </div>
        </div>
      )}
    </Popover>
  );
}
