import { useQuery } from '@tanstack/react-query';
import { statusQueryOptions } from '../../../providers/status-query.ts';
import { Button } from '../../../ui/button.tsx';
import { Callout } from '../../../ui/callout.tsx';
import { PageMessage } from '../../../ui/page-message.tsx';
import { TimelineView } from './timeline-view.tsx';

export function TimelinePage() {
  const status = useQuery(statusQueryOptions);
  if (status.isPending) return <PageMessage title="Connecting to the Audit Lens server…" busy />;
  if (status.isError) {
    return (
      <main className="p-4">
        <Callout tone="error" title={status.error.message}>
          <Button onClick={() => void status.refetch()}>Retry</Button>
        </Callout>
      </main>
    );
  }
  return <TimelineView statuses={status.data} />;
}
