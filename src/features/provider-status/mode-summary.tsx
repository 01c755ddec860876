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
  if (live > 0)
    return (
      <Badge tone="green" title="Events come from the providers' real APIs.">
        {`Live · ${live} provider${live === 1 ? '' : 's'}`}
      </Badge>
    );
  // Credentials were set but none can be used: "not configured" would send the user looking elsewhere.
  const misconfigured = data.filter((status) => status.mode === 'misconfigured').length;
  return misconfigured > 0 ? (
    <Badge tone="red" title="The server's settings for these providers cannot be used: see the ledger.">
      {`No provider available · ${misconfigured} misconfigured`}
    </Badge>
  ) : (
    <Badge tone="slate" title="Configure a provider's credentials on the server (see the README).">
      No provider configured
    </Badge>
  );
}
