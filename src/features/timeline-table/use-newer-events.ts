import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { AuditEvent } from '../../timeline/audit-event.ts';
import type { ProviderFeed } from '../../timeline/feed.ts';
import { createNewerEventsPoller, type NewerSnapshot } from './newer-events-poller.ts';
import type { TimelineController } from './timeline-controller.ts';

const NOTHING: NewerSnapshot = { count: 0, capped: false, checkedAt: null, failures: [] };
const noSubscription = () => () => undefined;

/**
 * Polls for events newer than the query's pinned upper bound while the range ends at "now", and applies
 * them on request. When more arrived than one poll reads, applying restarts the query instead.
 */
export function useNewerEvents(options: {
  feeds: readonly { feed: ProviderFeed; demo: boolean }[];
  since: number | null;
  controller: TimelineController | null;
  onRestart: () => void;
  /** The view's filters and query as one predicate (none: every event counts). */
  matches?: (event: AuditEvent) => boolean;
}) {
  const { feeds, since, controller, onRestart, matches } = options;
  const poller = useMemo(
    () =>
      since === null || feeds.length === 0
        ? null
        : createNewerEventsPoller({
            feeds,
            since,
            isLoaded: (key) => controller?.has(key) ?? false,
          }),
    // A controller comes with its query (and feeds): it makes no poller of its own.
    [feeds, since, controller],
  );
  useEffect(() => () => poller?.stop(), [poller]);
  // The bar counts the newer events the view will show; applying it still puts every one in.
  useEffect(() => poller?.setMatches(matches), [poller, matches]);
  const snapshot = useSyncExternalStore(
    poller?.subscribe ?? noSubscription,
    poller?.getSnapshot ?? (() => NOTHING),
  );
  const apply = () => {
    const newer = poller?.take();
    if (newer) controller?.prependNewer(newer);
    else if (snapshot.capped) onRestart();
  };
  return { newer: snapshot, apply };
}
