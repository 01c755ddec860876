import type { TimeRange } from '../../timeline/feed.ts';
import { Button } from '../../ui/button.tsx';

/** Share of `range` every feed has loaded (0..1): the watermark's progress from `to` down to `from`. */
export function loadedShare(loadedFrom: number | null, range: TimeRange): number {
  if (loadedFrom === null) return 1;
  return Math.min(1, Math.max(0, (range.to - loadedFrom) / (range.to - range.from)));
}

/** "Load all in range" and, while it runs, its progress (share of the range covered) and a cancel button. */
export function LoadAllBar({
  complete,
  loadingAll,
  coverage,
  onLoadAll,
  onCancel,
}: {
  complete: boolean;
  loadingAll: boolean;
  coverage: number;
  onLoadAll: () => void;
  onCancel: () => void;
}) {
  if (complete) return null;
  if (!loadingAll) return <Button onClick={onLoadAll}>Load all in range</Button>;
  const percent = Math.round(coverage * 100);
  return (
    <span className="inline-flex items-center gap-2">
      <span className="text-xs text-slate-600 dark:text-slate-300">Loading all…</span>
      <progress
        aria-label="Loading all events in range"
        max={100}
        value={percent}
        className="h-2 w-40 accent-blue-600"
      />
      <span className="w-9 text-xs tabular-nums">{percent}%</span>
      <Button onClick={onCancel}>Cancel</Button>
    </span>
  );
}
