import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { FeedPage, ProviderFeed, TimelineQuery } from '../../timeline/feed.ts';
import { testEvent } from '../../timeline/test-event.ts';
import { createTimelineController } from './timeline-controller.ts';

const QUERY: TimelineQuery = { range: { from: 0, to: 1_000_000 } };
const PAGES = 20;
const PAGE_SIZE = 50;

/** A feed of PAGES pages, each answered after a few milliseconds, newest first. */
function slowFeed(id: string): ProviderFeed {
  return {
    id,
    provider: 'openai',
    source: 'openai.audit_logs',
    fetchPage: async (_query, cursor): Promise<FeedPage> => {
      const page = typeof cursor === 'number' ? cursor : 0;
      await new Promise((resolve) => setTimeout(resolve, 3));
      const events = Array.from({ length: PAGE_SIZE }, (_, i) => {
        const n = page * PAGE_SIZE + i;
        return testEvent({ key: `${id}:${n}`, time: 1_000_000 - n * 10 });
      });
      return { events, nextCursor: page + 1 < PAGES ? page + 1 : null, warnings: [] };
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
});
