import { useQuery } from '@tanstack/react-query';
import { statusQueryOptions } from '../../providers/status-query.ts';
import { Badge } from '../../ui/badge.tsx';

/** One badge in the header saying whether the data is real, simulated, or (never) a mix. */
export function ModeSummary() {
  const { data } = useQuery(statusQueryOptions);
  if (!data) return null;
  const live = data.filter((status) => status.mode === 'live').length;
  const demo = data.filter((status) => status.mode === 'demo').length;
  if (demo > 0) {
    return (
      <Badge
        tone="amber"
        title="Every provider is served by a built-in simulator: these events are not real."
      >
        Demo data
      </Badge>
    );
  }
  return (
    <Badge tone={live > 0 ? 'green' : 'slate'} title="Events come from the providers' real APIs.">
      {live > 0 ? `Live · ${live} provider${live === 1 ? '' : 's'}` : 'No provider configured'}
    </Badge>
  );
}
