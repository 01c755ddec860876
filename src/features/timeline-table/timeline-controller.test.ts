import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { FeedPage, ProviderFeed, TimelineQuery } from '../../timeline/feed.ts';
import { testEvent } from '../../timeline/test-event.ts';
import {
  createTimelineController,
  SYNC_ROWS_PER_TASK,
  type TimelineController,
  type TimelineSnapshot,
} from './timeline-controller.ts';

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

/** Resolves at the first publish after which `test` holds, and stops listening then. */
function publishedWhen(controller: TimelineController, test: (snapshot: TimelineSnapshot) => boolean) {
  return new Promise<void>((resolve) => {
    const unsubscribe = controller.subscribe(() => {
      if (!test(controller.getSnapshot())) return;
      unsubscribe();
      resolve();
    });
  });
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

  it('says a range read to the end with a cut an adapter reported has gaps, not that it is whole', async () => {
    const cut = slowFeed('cut', undefined, 2);
    const feeds = [
      { feed: slowFeed('whole', undefined, 2), demo: true },
      {
        feed: {
          ...cut,
          fetchPage: async (...args: Parameters<ProviderFeed['fetchPage']>) => {
            const page = await cut.fetchPage(...args);
            return page.nextCursor === null
              ? { ...page, warnings: ['stopped paging: 40 may be missing'] }
              : page;
          },
        },
        demo: true,
      },
    ];
    const controller = createTimelineController(new QueryClient(), feeds, QUERY);
    const done = new Promise<void>((resolve) => {
      controller.subscribe(() => {
        if (controller.getSnapshot().complete) resolve();
      });
    });
    controller.loadAll();
    await done;
    const snapshot = controller.getSnapshot();
    expect(snapshot.gaps).toBe(true);
    expect(snapshot.feeds.find((feed) => feed.feedId === 'cut')?.warnings).toEqual([
      'stopped paging: 40 may be missing',
    ]);
    expect(snapshot.feeds.find((feed) => feed.feedId === 'whole')?.warnings).toEqual([]);
  });

  it('says a note once however many pages bring it, and a note is no gap', async () => {
    const noted = slowFeed('noted', undefined, 3);
    const feed: ProviderFeed = {
      ...noted,
      fetchPage: async (...args) => ({ ...(await noted.fetchPage(...args)), notes: ['an unknown value'] }),
    };
    const controller = createTimelineController(new QueryClient(), [{ feed, demo: true }], QUERY);
    const done = publishedWhen(controller, (snapshot) => snapshot.complete);
    controller.loadAll();
    await done;
    const snapshot = controller.getSnapshot();
    expect(snapshot.feeds[0]?.notes).toEqual(['an unknown value']);
    expect(snapshot.gaps).toBe(false);
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

  it("shows, after a retried feed's first page, only rows newer than anything still unloaded", async () => {
    /** A feed of the given pages (times); `failures` first requests throw. */
    const feedOf = (id: string, pages: number[][], failures = 0): ProviderFeed => ({
      id,
      provider: 'openai',
      source: 'openai.audit_logs',
      fetchPage: async (_query, cursor): Promise<FeedPage> => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (failures-- > 0) throw new Error('upstream broke');
        const page = typeof cursor === 'number' ? cursor : 0;
        const events = (pages[page] ?? []).map((time) => testEvent({ key: `${id}:${time}`, time }));
        return { events, nextCursor: page + 1 < pages.length ? page + 1 : null, warnings: [] };
      },
    });
    const controller = createTimelineController(
      new QueryClient({ defaultOptions: { queries: { retry: false } } }),
      [
        { feed: feedOf('a', [[100, 50], [10]]), demo: true },
        {
          feed: feedOf(
            'b',
            [
              [90, 80],
              [70, 60],
            ],
            1,
          ),
          demo: true,
        },
      ],
      { range: { from: 0, to: 1000 } },
    );
    const settled = (test: () => boolean) => publishedWhen(controller, test);
    const feedState = (id: string) => controller.getSnapshot().feeds.find((feed) => feed.feedId === id);
    const failed = settled(() => feedState('b')?.state === 'error' && feedState('a')?.fetching === false);
    controller.ensureRows(2);
    await failed;
    const recovered = settled(() => feedState('b')?.state === 'partial' && !feedState('b')?.fetching);
    controller.retry('b');
    await recovered;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const { index, loaded } = controller.getSnapshot();
    const shown = Array.from({ length: loaded }, (_, row) => index?.event(row).time);
    // The exact union, newest first: what is shown must be its start, never a2 (50) above b3 (70).
    expect([100, 90, 80, 70, 60, 50, 10].slice(0, shown.length)).toEqual(shown);
  });

  it('counts nothing as waiting on a feed for itself (its oldest event waits for ties on its next page)', async () => {
    const controller = createTimelineController(
      new QueryClient(),
      [{ feed: slowFeed('solo', undefined, 3), demo: true }],
      QUERY,
    );
    const solo = () => controller.getSnapshot().feeds.find((feed) => feed.feedId === 'solo');
    const firstPage = publishedWhen(controller, () => (solo()?.loaded ?? 0) >= PAGE_SIZE);
    controller.ensureRows(10);
    await firstPage;
    expect(solo()).toMatchObject({ waiting: 0, waitingFor: undefined });
  });

  it('counts the loaded events that wait for a late feed, and names it', async () => {
    let answerLate!: () => void;
    const lateAnswered = new Promise<void>((resolve) => (answerLate = resolve));
    const late: ProviderFeed = {
      id: 'late',
      provider: 'contabo',
      source: 'contabo.images',
      fetchPage: async (): Promise<FeedPage> => {
        await lateAnswered;
        return { events: [testEvent({ key: 'late:1', time: 999_990 })], nextCursor: null, warnings: [] };
      },
    };
    const controller = createTimelineController(
      new QueryClient(),
      [
        { feed: slowFeed('early', undefined, 1), demo: true },
        { feed: late, demo: true },
      ],
      QUERY,
    );
    const early = () => controller.getSnapshot().feeds.find((feed) => feed.feedId === 'early');
    const loadedEarly = publishedWhen(controller, () => early()?.loaded === PAGE_SIZE);
    controller.ensureRows(10);
    await loadedEarly;
    expect(controller.getSnapshot().loaded).toBe(0);
    expect(early()).toMatchObject({ loaded: PAGE_SIZE, waiting: PAGE_SIZE, waitingFor: 'late' });
    expect(controller.getSnapshot().feeds.find((feed) => feed.feedId === 'late')).toMatchObject({
      waiting: 0,
    });
    const released = publishedWhen(controller, (snapshot) => snapshot.complete);
    answerLate();
    await released;
    expect(controller.getSnapshot().loaded).toBe(PAGE_SIZE + 1);
    expect(early()).toMatchObject({ waiting: 0, waitingFor: undefined });
  });

  it('says from when on everything is loaded, and newer events applied above do not move that', async () => {
    const controller = createTimelineController(
      new QueryClient(),
      [{ feed: slowFeed('a'), demo: true }],
      QUERY,
    );
    expect(controller.getSnapshot().loadedFrom).toBe(QUERY.range.to);
    const firstPage = publishedWhen(controller, (snapshot) => snapshot.loaded > 0);
    controller.ensureRows(10);
    await firstPage;
    // The first page holds times 1,000,000 down to 999,510 in steps of 10.
    expect(controller.getSnapshot().loadedFrom).toBe(999_510);
    controller.prependNewer({
      events: [testEvent({ key: 'a:newer', time: 1_500_000 })],
      until: 2_000_000,
      feedOf: new Map([['a:newer', 'a']]),
    });
    const snapshot = controller.getSnapshot();
    expect(snapshot.upperBound).toBe(2_000_000);
    expect(snapshot.loadedFrom).toBe(999_510);
  });

  it('keeps a gap the adapter reported in applied newer events: the range is not whole around it', async () => {
    const controller = createTimelineController(
      new QueryClient(),
      [{ feed: slowFeed('a', undefined, 1), demo: true }],
      QUERY,
    );
    const done = publishedWhen(controller, (snapshot) => snapshot.complete);
    controller.loadAll();
    await done;
    expect(controller.getSnapshot().gaps).toBe(false);
    controller.prependNewer({
      events: [testEvent({ key: 'a:newer', time: 1_500_000 })],
      until: 2_000_000,
      feedOf: new Map([['a:newer', 'a']]),
      warnings: new Map([['a', ['the cursor came back again: later entries may be missing']]]),
    });
    const snapshot = controller.getSnapshot();
    expect(snapshot.gaps).toBe(true);
    expect(snapshot.feeds[0]?.warnings).toEqual([
      'in newer events: the cursor came back again: later entries may be missing',
    ]);
  });

  it('pages the healthy feeds while a failed one is being retried', async () => {
    let release: () => void = () => undefined;
    let requests = 0;
    const stuck: ProviderFeed = {
      id: 'stuck',
      provider: 'openai',
      source: 'openai.audit_logs',
      fetchPage: async (): Promise<FeedPage> => {
        // The first request fails; the retry hangs (a slow upstream, a long timeout) until released.
        if (requests++ === 0) throw new Error('upstream broke');
        await new Promise<void>((resolve) => (release = resolve));
        return { events: [], nextCursor: null, warnings: [] };
      },
    };
    const controller = createTimelineController(
      new QueryClient({ defaultOptions: { queries: { retry: false } } }),
      [
        { feed: slowFeed('a'), demo: true },
        { feed: stuck, demo: true },
      ],
      QUERY,
    );
    const feedState = (id: string) => controller.getSnapshot().feeds.find((feed) => feed.feedId === id);
    const settled = (test: () => boolean) => publishedWhen(controller, test);
    // A view stays subscribed throughout, as the page does (unsubscribed, the observers stop reporting).
    const view = controller.subscribe(() => undefined);
    const failed = settled(() => feedState('stuck')?.state === 'error' && feedState('a')?.fetching === false);
    controller.ensureRows(10);
    await failed;
    controller.retry('stuck');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(requests).toBe(2);
    const paged = settled(() => (feedState('a')?.loaded ?? 0) >= 200);
    controller.ensureRows(200);
    await Promise.race([paged, new Promise((resolve) => setTimeout(resolve, 500))]);
    // The scroll's rows came from the healthy feed without waiting for the retry to end.
    expect(feedState('a')?.loaded).toBeGreaterThanOrEqual(200);
    release();
    view();
  });

  it('lets views hear of an index rebuilt by the indexing task in that task, never reading it under an old snapshot', async () => {
    const rows = 20 * SYNC_ROWS_PER_TASK;
    let requestsB = 0;
    const b: ProviderFeed = {
      id: 'b',
      provider: 'openai',
      source: 'openai.audit_logs',
      fetchPage: async (): Promise<FeedPage> => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (requestsB++ === 0) throw new Error('upstream broke');
        return { events: [testEvent({ key: 'b:1', time: 999_999 })], nextCursor: null, warnings: [] };
      },
    };
    const controller = createTimelineController(
      new QueryClient({ defaultOptions: { queries: { retry: false } } }),
      [
        { feed: slowFeed('a', undefined, 1, rows), demo: true },
        { feed: b, demo: true },
      ],
      QUERY,
    );
    const index = controller.getSnapshot().index;
    if (!index) throw new Error('no index');
    // Every rebuild (a new generation) must be published before the task ends: views render from the
    // snapshot's `loaded` and `generation`, and a selection made before the rebuild names rows of the old one.
    const stale: string[] = [];
    const sync = index.sync.bind(index);
    let indexed: number | undefined;
    index.sync = (events, generation, maxAppend) => {
      sync(events, generation, maxAppend);
      if (generation === undefined || generation === indexed) return;
      indexed = generation;
      queueMicrotask(() => {
        const [epoch, merged] = controller.getSnapshot().generation.split(':').map(Number);
        if ((epoch ?? 0) * 1_000_000 + (merged ?? 0) !== generation) stale.push(String(generation));
      });
    };
    let retried = false;
    const done = new Promise<void>((resolve) => {
      controller.subscribe(() => {
        const snapshot = controller.getSnapshot();
        const bState = snapshot.feeds.find((feed) => feed.feedId === 'b')?.state;
        // The big page is being indexed a slice per task: the retry's rows arrive meanwhile.
        if (!retried && bState === 'error' && snapshot.loaded > 0 && snapshot.loaded < rows) {
          retried = true;
          controller.retry('b');
        }
        if (snapshot.complete) resolve();
      });
    });
    controller.ensureRows(60);
    await done;
    expect(retried).toBe(true);
    expect(controller.getSnapshot().loaded).toBe(rows + 1);
    expect(stale).toEqual([]);
  });

  it('gives the page budget back when the screen asks for more, though a filter had used it up', async () => {
    const controller = createTimelineController(
      new QueryClient(),
      [{ feed: slowFeed('a', undefined, 100, 10), demo: true }],
      QUERY,
    );
    const view = controller.subscribe(() => undefined);
    await publishedWhen(controller, (snapshot) => snapshot.loaded > 0);
    // A filter matching nothing asks for far more rows than the budget's 30 pages of 10 bring.
    const paused = publishedWhen(controller, (snapshot) => snapshot.paused);
    controller.loadFurther(1_000);
    await paused;
    const loaded = controller.getSnapshot().loaded;
    expect(loaded).toBeLessThan(1_000);
    // The filter is cleared and the user scrolls to the bottom: fewer rows than the filter wanted, but more
    // than the screen ever asked for. They load.
    const more = publishedWhen(controller, (snapshot) => snapshot.loaded >= loaded + 40);
    controller.ensureRows(loaded + 50);
    await Promise.race([more, new Promise((resolve) => setTimeout(resolve, 1_000))]);
    expect(controller.getSnapshot().loaded).toBeGreaterThanOrEqual(loaded + 40);
    view();
  });

  it('withdraws "Keep loading" once the need that paused it is gone, and only that asker\'s', async () => {
    const controller = createTimelineController(
      new QueryClient(),
      [{ feed: slowFeed('a', undefined, 100, 10), demo: true }],
      QUERY,
    );
    const view = controller.subscribe(() => undefined);
    controller.ensureRows(60);
    await publishedWhen(controller, (snapshot) => snapshot.loaded >= 60);
    const paused = publishedWhen(controller, (snapshot) => snapshot.paused);
    controller.loadFurther(1_000);
    await paused;
    // A permalink's event is missing too: clearing the filter leaves the link's need standing.
    controller.loadFurther(1_000, 'link');
    controller.settleFurther('view');
    expect(controller.getSnapshot().paused).toBe(true);
    // The link is closed as well: nothing wants more than is loaded, so nothing is paused.
    const resumed = publishedWhen(controller, (snapshot) => !snapshot.paused);
    controller.settleFurther('link');
    await resumed;
    expect(controller.getSnapshot().paused).toBe(false);
    view();
  });

  it('says "Load all" cannot start when the only feeds left have failed', async () => {
    const feeds = [
      { feed: slowFeed('a', undefined, 2), demo: true },
      { feed: slowFeed('b', { page: 1 }, 4), demo: true },
    ];
    const controller = createTimelineController(new QueryClient(), feeds, QUERY);
    let unsubscribe = () => {};
    const settled = new Promise<void>((resolve) => {
      unsubscribe = controller.subscribe(() => {
        const states = controller.getSnapshot().feeds.map((feed) => feed.state);
        if (states.includes('error') && states.includes('complete')) resolve();
      });
    });
    expect(controller.loadAll()).toBe(true);
    await settled;
    unsubscribe();
    expect(controller.getSnapshot().complete).toBe(false);
    expect(controller.loadAll()).toBe(false);
    expect(controller.getSnapshot().loadingAll).toBe(false);
  });

  it('indexes a large release of rows a bounded number per task, and says complete only once all are in', async () => {
    const rows = 3 * SYNC_ROWS_PER_TASK + 500;
    const controller = createTimelineController(
      new QueryClient(),
      [{ feed: slowFeed('a', undefined, 1, rows), demo: true }],
      QUERY,
    );
    // Rows indexed per task: syncs are grouped by the microtask checkpoint that ends the task they run in.
    const perTask: number[] = [];
    let unsubscribe = () => {};
    const published: { loaded: number; complete: boolean }[] = [];
    const done = new Promise<void>((resolve) => {
      unsubscribe = controller.subscribe(() => {
        const { loaded, complete } = controller.getSnapshot();
        published.push({ loaded, complete });
        if (complete) resolve();
      });
    });
    const index = controller.getSnapshot().index;
    if (!index) throw new Error('no index after subscribing');
    const sync = index.sync.bind(index);
    let open = false;
    index.sync = (...args) => {
      const before = index.size;
      sync(...args);
      if (!open) {
        open = true;
        perTask.push(0);
        queueMicrotask(() => (open = false));
      }
      perTask[perTask.length - 1] = (perTask.at(-1) ?? 0) + index.size - before;
    };
    controller.ensureRows(60);
    await done;
    unsubscribe();
    expect(Math.max(...perTask)).toBe(SYNC_ROWS_PER_TASK);
    expect(perTask.filter((count) => count > 0).length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < published.length; i++)
      expect(published[i]?.loaded).toBeGreaterThanOrEqual(published[i - 1]?.loaded ?? 0);
    expect(published.at(-1)).toEqual({ loaded: rows, complete: true });
    expect(published.filter((snapshot) => snapshot.complete)).toHaveLength(1);
  });

  it('asks for no further page for a filter while merged rows still wait to be indexed', async () => {
    const rows = 2 * SYNC_ROWS_PER_TASK;
    const feed = slowFeed('a', undefined, 2, rows);
    let fetches = 0;
    const counted: ProviderFeed = {
      ...feed,
      fetchPage: (...args) => {
        fetches++;
        return feed.fetchPage(...args);
      },
    };
    const controller = createTimelineController(new QueryClient(), [{ feed: counted, demo: true }], QUERY);
    let unsubscribe = () => {};
    const behind = new Promise<void>((resolve) => {
      unsubscribe = controller.subscribe(() => {
        const { loaded } = controller.getSnapshot();
        if (loaded > 0 && loaded < rows) resolve();
      });
    });
    controller.ensureRows(60);
    await behind;
    // Still in the task that published (the rest is indexed in tasks of its own): a filter matching none
    // of the indexed rows asks for more, as the view does.
    expect(controller.getSnapshot().loaded).toBeLessThan(rows);
    controller.loadFurther(200);
    await new Promise((resolve) => setTimeout(resolve, 20));
    unsubscribe();
    expect(fetches).toBe(1);
  });
});
