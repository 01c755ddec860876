import { useState } from 'react';
import { viewSearch, type ViewState } from '../../url-state/view-state.ts';
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
          <div>
            <CopyButton text={link} label="Copy link" />
          </div>
        </div>
      )}
    </Popover>
  );
}
