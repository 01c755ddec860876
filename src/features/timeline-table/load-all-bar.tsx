import { Button } from '../../ui/button.tsx';

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
