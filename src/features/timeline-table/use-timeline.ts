import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { PROVIDERS } from '../../providers/registry.ts';
import type { ProviderStatus } from '../../providers/status-schema.ts';
import type { TimelineQuery } from '../../timeline/feed.ts';
import { createTimelineController, type TimelineSnapshot } from './timeline-controller.ts';

/** Enough rows to fill a tall screen before the table reports what it shows. */
const INITIAL_ROWS = 60;
const EMPTY: TimelineSnapshot = {
  upperBound: 0,
  version: 0,
  index: null,
  loaded: 0,
  generation: '',
  feeds: [],
  complete: false,
  settled: false,
  gaps: false,
  paused: false,
  loadingAll: false,
  loadedFrom: null,
};
const noSubscription = () => () => undefined;

/** The merged timeline of every provider the proxy serves (live or demo) for one query. */
export function useTimeline(statuses: readonly ProviderStatus[], query: TimelineQuery | null) {
  const queryClient = useQueryClient();
  const feeds = useMemo(
    () =>
      PROVIDERS.flatMap((provider) => {
        const status = statuses.find((candidate) => candidate.id === provider.id);
        if (status?.mode !== 'live' && status?.mode !== 'demo') return [];
        return provider.feeds(status).map((feed) => ({ feed, demo: status.mode === 'demo' }));
      }),
    [statuses],
  );
  const controller = useMemo(
    () => (query ? createTimelineController(queryClient, feeds, query) : null),
    [queryClient, feeds, query],
  );
  const snapshot = useSyncExternalStore(
    controller?.subscribe ?? noSubscription,
    controller?.getSnapshot ?? (() => EMPTY),
  );
  useEffect(() => controller?.ensureRows(INITIAL_ROWS), [controller]);
  return { controller, snapshot, feeds };
}
