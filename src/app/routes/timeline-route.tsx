import { TimelinePage } from '../../features/timeline-table/timeline-page.tsx';

export function TimelineRoute() {
  return <TimelinePage />;
}
