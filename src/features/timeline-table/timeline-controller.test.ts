import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { FeedPage, ProviderFeed, TimelineQuery } from '../../timeline/feed.ts';
import { testEvent } from '../../timeline/test-event.ts';
import { createTimelineController, SYNC_ROWS_PER_TASK } from './timeline-controller.ts';

const QUERY: TimelineQuery = { range: { from: 0, to: 1_000_000 } };
const PAGES = 20;
const PAGE_SIZE = 50;

/** A feed of `pages` pages, each answered after a few milliseconds, newest first; `failAt` throws there. */
function slowFeed(
  id: string,
  failAt?: { page: number; at?: number },
  pages = PAGES,
  pageSize = PAGE_SIZE,
): ProviderFeed {
  return {
    id,
    provider: 'openai',
    source: 'openai.audit_logs',
    fetchPage: async (_query, cursor): Promise<FeedPage> => {
      const page = typeof cursor === 'number' ? cursor : 0;
      await new Promise((resolve) => setTimeout(resolve, 3));
      if (failAt && page === failAt.page) {
        failAt.at = Date.now();
        throw new Error('upstream broke');
      }
      const events = Array.from({ length: pageSize }, (_, i) => {
        const n = page * pageSize + i;
        return testEvent({ key: `${id}:${n}`, time: 1_000_000 - n * 10 });
      });
      return { events, nextCursor: page + 1 < pages ? page + 1 : null, warnings: [] };
    },
  };
}

describe('timeline controller', () => {
  it('while loading all, publishes on its interval rather than on every fetch starting or ending', async () => {
    const feeds = ['a', 'b'].map((id) => ({ feed: slowFeed(id), demo: true }));
    const controller = createTimelineController(new QueryClient(), feeds, QUERY);
    let publishes = 0;
    const done = new Promise<void>((resolve) => {
      controller.subscribe(() => {
        publishes++;
        if (controller.getSnapshot().complete) resolve();
      });
    });
    const startedAt = Date.now();
    controller.loadAll();
    await done;
    const snapshot = controller.getSnapshot();
    expect(snapshot.loaded).toBe(2 * PAGES * PAGE_SIZE);
    // 40 pages, each a fetch starting and ending: one publish per interval, plus the ones at start and end.
    const intervals = Math.ceil((Date.now() - startedAt) / 250);
    expect(publishes).toBeLessThanOrEqual(intervals + 4);
    expect(publishes).toBeLessThan(PAGES);
  });

  it('while loading all, still publishes a feed failing at once, not on the interval', async () => {
    const failure: { page: number; at?: number } = { page: 3 };
    // The other feed pages on well past the first interval, so no other urgent change (a feed done) can
    // carry the failure out early.
    const feeds = [
      { feed: slowFeed('a', undefined, 150), demo: true },
      { feed: slowFeed('b', failure), demo: true },
    ];
    const controller = createTimelineController(new QueryClient(), feeds, QUERY);
    let unsubscribe = () => {};
    const seen = new Promise<number>((resolve) => {
      unsubscribe = controller.subscribe(() => {
        if (controller.getSnapshot().feeds.some((feed) => feed.state === 'error')) resolve(Date.now());
      });
    });
    controller.loadAll();
    const shownAt = await seen;
    controller.cancelLoadAll();
    unsubscribe();
    expect(failure.at).toBeDefined();
    // The throttle would hold it back up to 250 ms; an urgent publish goes out in the next task.
    expect(shownAt - (failure.at as number)).toBeLessThan(120);
  });

  it('indexes a large release of rows over several tasks, and says complete only once all are in', async () => {
    const rows = 3 * SYNC_ROWS_PER_TASK + 500;
    const controller = createTimelineController(
      new QueryClient(),
      [{ feed: slowFeed('a', undefined, 1, rows), demo: true }],
      QUERY,
    );
    const published: { loaded: number; complete: boolean }[] = [];
    const done = new Promise<void>((resolve) => {
      controller.subscribe(() => {
        const { loaded, complete } = controller.getSnapshot();
        published.push({ loaded, complete });
        if (complete) resolve();
      });
    });
    controller.ensureRows(60);
    await done;
    const growth = published.map((snapshot, i) => snapshot.loaded - (published[i - 1]?.loaded ?? 0));
    expect(Math.max(...growth)).toBe(SYNC_ROWS_PER_TASK);
    expect(published.at(-1)).toEqual({ loaded: rows, complete: true });
    expect(published.filter((snapshot) => snapshot.complete)).toHaveLength(1);
  });
});
