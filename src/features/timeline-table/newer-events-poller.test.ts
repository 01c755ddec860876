import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../lib/provider-error.ts';
import type { AuditEvent, Source } from '../../timeline/audit-event.ts';
import type { FeedContext, FeedPage, ProviderFeed, TimelineQuery } from '../../timeline/feed.ts';
import { compareNewestFirst } from '../../timeline/ordering.ts';
import {
  boundaryOf,
  createNewerEventsPoller,
  MAX_POLL_INTERVAL_MS,
  MAX_SERVER_WAIT_MS,
  type NewerEventsPollerOptions,
} from './newer-events-poller.ts';

const SINCE = 1_000_000;

function event(source: Source, id: string, time: number): AuditEvent {
  return {
    key: `${source}:${id}`,
    provider:
      source === 'openai.audit_logs' ? 'openai' : source === 'contabo.images' ? 'contabo' : 'agilicus',
    source,
    time,
    action: 'test.action',
    category: 'other',
    outcome: 'success',
    actor: {},
    target: {},
    scope: {},
    summary: id,
    demo: true,
    raw: null,
  };
}

interface FakeFeed extends ProviderFeed {
  calls: { query: TimelineQuery; cursor: unknown; signal?: AbortSignal }[];
  events: AuditEvent[];
  fail?: () => Error | undefined;
  /** When set, every fetch waits for the test to release it. */
  gate?: Promise<void>;
}

/** A feed over an in-memory list: trims to the range inclusively, newest first, `pageSize` per page. */
function fakeFeed(id: string, source: Source, events: AuditEvent[], pageSize = 2): FakeFeed {
  const feed: FakeFeed = {
    id,
    provider: events[0]?.provider ?? 'openai',
    source,
    calls: [],
    events,
    async fetchPage(query: TimelineQuery, cursor: unknown, context: FeedContext): Promise<FeedPage> {
      feed.calls.push({ query, cursor, signal: context.signal });
      if (feed.gate) await feed.gate;
      context.signal?.throwIfAborted();
      const error = feed.fail?.();
      if (error) throw error;
      const inRange = feed.events
        .filter((e) => e.time >= query.range.from && e.time <= query.range.to)
        .sort(compareNewestFirst);
      const start = typeof cursor === 'number' ? cursor : 0;
      const end = start + pageSize;
      return {
        events: inRange.slice(start, end),
        nextCursor: end < inRange.length ? end : null,
        warnings: [],
      };
    },
  };
  return feed;
}

/** Timers the test fires by hand. */
function fakeTimers() {
  let next = 0;
  const pending = new Map<number, { callback: () => void; ms: number }>();
  return {
    pending,
    setTimer: (callback: () => void, ms: number) => {
      next++;
      pending.set(next, { callback, ms });
      return next;
    },
    clearTimer: (handle: unknown) => {
      pending.delete(handle as number);
    },
    /** Fires every pending timer and lets the polls it starts settle. */
    async fire() {
      const due = [...pending.entries()];
      pending.clear();
      for (const [, timer] of due) timer.callback();
      await settle();
    },
    delays: () => [...pending.values()].map((timer) => timer.ms),
  };
}

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function setup(
  feeds: FakeFeed[],
  overrides: Partial<NewerEventsPollerOptions> = {},
): {
  poller: ReturnType<typeof createNewerEventsPoller>;
  timers: ReturnType<typeof fakeTimers>;
  clock: { now: number };
  notified: { count: number };
} {
  const timers = fakeTimers();
  const clock = { now: SINCE + 10_000 };
  const notified = { count: 0 };
  const poller = createNewerEventsPoller({
    feeds: feeds.map((feed) => ({ feed, demo: true })),
    since: SINCE,
    now: () => clock.now,
    intervalMs: 1000,
    isVisible: () => true,
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
    ...overrides,
  });
  poller.subscribe(() => notified.count++);
  return { poller, timers, clock, notified };
}

describe('createNewerEventsPoller', () => {
  it("counts newer events across feeds, asking each from the start of since's second to now", async () => {
    const a = fakeFeed('openai.audit_logs', 'openai.audit_logs', [
      event('openai.audit_logs', 'old', SINCE),
      event('openai.audit_logs', 'a1', SINCE + 1),
      event('openai.audit_logs', 'a2', SINCE + 500),
      event('openai.audit_logs', 'future', SINCE + 20_000),
    ]);
    const b = fakeFeed('contabo.images', 'contabo.images', [event('contabo.images', 'b1', SINCE + 3)]);
    const { poller, timers, clock } = setup([a, b]);

    expect(poller.getSnapshot()).toEqual({ count: 0, capped: false, checkedAt: null, failures: [] });
    expect(a.calls).toHaveLength(0);
    await timers.fire();

    expect(a.calls[0]?.query.range).toEqual({ from: boundaryOf(SINCE), to: clock.now });
    expect(poller.getSnapshot()).toEqual({ count: 3, capped: false, checkedAt: clock.now, failures: [] });
  });

  it('de-duplicates by key, across pages and feeds', async () => {
    const shared = event('openai.audit_logs', 'same', SINCE + 5);
    const a = fakeFeed('a', 'openai.audit_logs', [shared, event('openai.audit_logs', 'x', SINCE + 6)], 1);
    const b = fakeFeed('b', 'openai.audit_logs', [shared]);
    const { poller, timers } = setup([a, b]);
    await timers.fire();
    await timers.fire();
    expect(poller.getSnapshot().count).toBe(2);
    expect(poller.take()?.events.map((e) => e.key)).toEqual([
      'openai.audit_logs:x',
      'openai.audit_logs:same',
    ]);
  });

  it('take() returns the events in timeline order with the check time', async () => {
    const a = fakeFeed('a', 'openai.audit_logs', [
      event('openai.audit_logs', 'a1', SINCE + 10),
      event('openai.audit_logs', 'a2', SINCE + 30),
    ]);
    const b = fakeFeed('b', 'contabo.images', [
      event('contabo.images', 'b1', SINCE + 10),
      event('contabo.images', 'b2', SINCE + 20),
    ]);
    const { poller, timers, clock } = setup([a, b]);
    await timers.fire();
    const taken = poller.take();
    expect(taken?.until).toBe(clock.now);
    expect(taken?.events.map((e) => e.key)).toEqual([
      'openai.audit_logs:a2',
      'contabo.images:b2',
      'contabo.images:b1',
      'openai.audit_logs:a1',
    ]);
    expect(poller.getSnapshot().count).toBe(0);
    expect(poller.take()).toBeNull();
  });

  it("hands an adapter's gap warning over with the events it applies, said once, then forgets it", async () => {
    const a = fakeFeed('a', 'openai.audit_logs', [event('openai.audit_logs', 'a1', SINCE + 10)]);
    const plain = a.fetchPage.bind(a);
    a.fetchPage = async (...args) => ({
      ...(await plain(...args)),
      warnings: ['OpenAI said has_more but gave no cursor: later entries may be missing'],
    });
    const b = fakeFeed('b', 'contabo.images', [event('contabo.images', 'b1', SINCE + 20)]);
    const { poller, timers, clock } = setup([a, b]);
    await timers.fire();
    await timers.fire();
    const taken = poller.take();
    expect(taken?.events).toHaveLength(2);
    expect([...(taken?.warnings ?? [])]).toEqual([
      ['a', ['OpenAI said has_more but gave no cursor: later entries may be missing']],
    ]);
    a.events.push(event('openai.audit_logs', 'a2', SINCE + 10_500));
    a.fetchPage = plain;
    clock.now += 1000;
    await timers.fire();
    expect(poller.take()?.warnings.size).toBe(0);
  });

  it('stops counting an event once the timeline holds it (the main load delivered it, or it was applied)', async () => {
    const loaded = new Set<string>();
    const a = fakeFeed('a', 'openai.audit_logs', [
      event('openai.audit_logs', 'a1', SINCE + 10),
      event('openai.audit_logs', 'a2', SINCE + 20),
    ]);
    const { poller, timers } = setup([a], { isLoaded: (key) => loaded.has(key) });
    await timers.fire();
    expect(poller.getSnapshot().count).toBe(2);
    loaded.add('openai.audit_logs:a1');
    await timers.fire();
    expect(poller.getSnapshot().count).toBe(1);
    expect(poller.take()?.events.map((e) => e.key)).toEqual(['openai.audit_logs:a2']);
  });

  it('is capped when a feed has more pages than it reads, and take() declines', async () => {
    const events = Array.from({ length: 7 }, (_, i) => event('openai.audit_logs', `e${i}`, SINCE + 1 + i));
    const a = fakeFeed('a', 'openai.audit_logs', events, 2);
    const { poller, timers } = setup([a], { maxPagesPerFeed: 3 });
    await timers.fire();
    expect(a.calls).toHaveLength(3);
    expect(poller.getSnapshot()).toMatchObject({ count: 6, capped: true });
    expect(poller.take()).toBeNull();
  });

  it('counts only what the view filter matches, and passes pushdown filters to the feeds', async () => {
    const a = fakeFeed('a', 'openai.audit_logs', [
      event('openai.audit_logs', 'keep', SINCE + 1),
      event('openai.audit_logs', 'drop', SINCE + 2),
    ]);
    const { poller, timers } = setup([a], {
      filters: { action: ['test.action'] },
      matches: (e) => e.summary === 'keep',
    });
    await timers.fire();
    expect(a.calls[0]?.query.filters).toEqual({ action: ['test.action'] });
    expect(poller.getSnapshot().count).toBe(1);
    // The filter changes: the count follows, without a poll.
    poller.setMatches(undefined);
    expect(poller.getSnapshot().count).toBe(2);
    poller.setMatches((e) => e.summary === 'keep');
    expect(poller.getSnapshot().count).toBe(1);
    // Applying puts every newer event in, matching or not: clearing the filter later finds no hole.
    expect(
      poller
        .take()
        ?.events.map((e) => e.summary)
        .sort(),
    ).toEqual(['drop', 'keep']);
  });

  it('take() moves since, so the next poll only looks from its second on', async () => {
    const a = fakeFeed('a', 'openai.audit_logs', [event('openai.audit_logs', 'a1', SINCE + 100)]);
    const { poller, timers, clock } = setup([a]);
    await timers.fire();
    const first = poller.take();
    expect(first?.events).toHaveLength(1);

    a.events.push(event('openai.audit_logs', 'a2', clock.now + 50));
    clock.now += 1000;
    await timers.fire();
    expect(a.calls.at(-1)?.query.range).toEqual({ from: boundaryOf(first?.until ?? 0), to: clock.now });
    expect(poller.getSnapshot().count).toBe(1);
    expect(poller.take()?.events.map((e) => e.key)).toEqual(['openai.audit_logs:a2']);
  });

  it('finds an event stamped in the second of since after the load, and skips the ones loaded', async () => {
    // A whole-second API: the load pinned since at 12:00:00.500; an event written at 12:00:00.700 reads
    // 12:00:00.000, older than since. Its doc says poll [gte] that second and de-duplicate.
    const since = SINCE + 500;
    const loaded = event('openai.audit_logs', 'loaded', SINCE);
    const late = event('openai.audit_logs', 'late', SINCE);
    const a = fakeFeed('a', 'openai.audit_logs', [
      loaded,
      late,
      event('openai.audit_logs', 'older', SINCE - 1),
    ]);
    const { poller, timers } = setup([a], { since, isLoaded: (key) => key === loaded.key });
    await timers.fire();
    expect(a.calls[0]?.query.range.from).toBe(SINCE);
    expect(poller.getSnapshot().count).toBe(1);
    expect(poller.take()?.events.map((e) => e.key)).toEqual([late.key]);
  });

  it('never runs two polls at once and schedules the next only after one finishes', async () => {
    let release: () => void = () => undefined;
    const a = fakeFeed('a', 'openai.audit_logs', [event('openai.audit_logs', 'a1', SINCE + 1)]);
    a.gate = new Promise<void>((resolve) => (release = resolve));
    const { poller, timers } = setup([a]);
    await timers.fire();
    expect(a.calls).toHaveLength(1);
    expect(timers.pending.size).toBe(0);
    // Another subscriber while the poll runs must not start a timer for a second one.
    const unsubscribe = poller.subscribe(() => undefined);
    await settle();
    expect(timers.pending.size).toBe(0);
    expect(a.calls).toHaveLength(1);

    release();
    a.gate = undefined;
    await settle();
    expect(poller.getSnapshot().count).toBe(1);
    expect(timers.delays()).toEqual([1000]);
    unsubscribe();
  });

  it('does not poll while hidden and resumes when visible', async () => {
    let visible = false;
    const a = fakeFeed('a', 'openai.audit_logs', [event('openai.audit_logs', 'a1', SINCE + 1)]);
    const { poller, timers } = setup([a], { isVisible: () => visible });
    await timers.fire();
    expect(a.calls).toHaveLength(0);
    expect(timers.pending.size).toBe(1);
    visible = true;
    await timers.fire();
    expect(a.calls).toHaveLength(1);
    expect(poller.getSnapshot().count).toBe(1);
  });

  it('does not poll without subscribers', async () => {
    const a = fakeFeed('a', 'openai.audit_logs', []);
    const timers = fakeTimers();
    const poller = createNewerEventsPoller({
      feeds: [{ feed: a, demo: false }],
      since: SINCE,
      isVisible: () => true,
      setTimer: timers.setTimer,
      clearTimer: timers.clearTimer,
    });
    expect(timers.pending.size).toBe(0);
    const unsubscribe = poller.subscribe(() => undefined);
    expect(timers.delays()).toEqual([30_000]);
    unsubscribe();
    expect(timers.pending.size).toBe(0);
    await timers.fire();
    expect(a.calls).toHaveLength(0);
  });

  it('lists a failing feed, backs off on 429 up to five minutes, and recovers after a clean poll', async () => {
    const a = fakeFeed('a', 'openai.audit_logs', [event('openai.audit_logs', 'a1', SINCE + 1)]);
    const b = fakeFeed('b', 'contabo.images', [event('contabo.images', 'b1', SINCE + 2)]);
    let limited = true;
    b.fail = () =>
      limited
        ? new ProviderError({
            providerLabel: 'Contabo',
            kind: 'rate-limited',
            detail: 'slow down',
            status: 429,
          })
        : undefined;
    const { poller, timers, clock } = setup([a, b], { intervalMs: 60_000 });
    await timers.fire();
    expect(poller.getSnapshot().failures).toEqual([
      { feedId: 'b', message: 'Contabo: slow down (HTTP 429)' },
    ]);
    // b holds the applicable bound back: nothing of a may be applied past what b has been checked for.
    expect(poller.getSnapshot().count).toBe(0);
    expect(poller.take()).toBeNull();
    expect(timers.delays()).toEqual([120_000]);
    await timers.fire();
    expect(timers.delays()).toEqual([240_000]);
    await timers.fire();
    expect(timers.delays()).toEqual([MAX_POLL_INTERVAL_MS]);
    await timers.fire();
    expect(timers.delays()).toEqual([MAX_POLL_INTERVAL_MS]);

    limited = false;
    await timers.fire();
    expect(timers.delays()).toEqual([60_000]);
    expect(poller.getSnapshot()).toEqual({ count: 2, capped: false, checkedAt: clock.now, failures: [] });
  });

  it('waits at least as long as a Retry-After, and does not back off for other errors', async () => {
    const a = fakeFeed('a', 'openai.audit_logs', []);
    let error: Error | undefined = new ProviderError({
      providerLabel: 'OpenAI',
      kind: 'rate-limited',
      detail: 'busy',
      status: 429,
      retryAfterMs: 90_000,
    });
    a.fail = () => error;
    const { timers } = setup([a]);
    await timers.fire();
    expect(timers.delays()).toEqual([90_000]);
    error = new ProviderError({ providerLabel: 'OpenAI', kind: 'http', detail: 'oops', status: 500 });
    await timers.fire();
    expect(timers.delays()).toEqual([2000]);
    // A wait of decades (a broken header) is held to an hour.
    error = new ProviderError({
      providerLabel: 'OpenAI',
      kind: 'rate-limited',
      detail: 'busy',
      status: 429,
      retryAfterMs: 1e12,
    });
    await timers.fire();
    expect(timers.delays()).toEqual([MAX_SERVER_WAIT_MS]);
  });

  it('keeps a snapshot identity while nothing changes', async () => {
    const a = fakeFeed('a', 'openai.audit_logs', []);
    const { poller, timers, notified } = setup([a]);
    const before = poller.getSnapshot();
    expect(poller.take()).toBeNull();
    expect(poller.getSnapshot()).toBe(before);
    expect(notified.count).toBe(0);
    await timers.fire();
    expect(notified.count).toBe(1);
  });

  it('stop() aborts the fetch in flight and clears the timer', async () => {
    const a = fakeFeed('a', 'openai.audit_logs', [event('openai.audit_logs', 'a1', SINCE + 1)]);
    let release: () => void = () => undefined;
    a.gate = new Promise<void>((resolve) => (release = resolve));
    const { poller, timers, notified } = setup([a]);
    await timers.fire();
    const signal = a.calls[0]?.signal;
    expect(signal?.aborted).toBe(false);
    poller.stop();
    expect(signal?.aborted).toBe(true);
    release();
    await settle();
    expect(notified.count).toBe(0);
    expect(poller.getSnapshot().count).toBe(0);
    expect(timers.pending.size).toBe(0);
  });

  it('take() returns exactly the sorted, de-duplicated newer events', async () => {
    const sources: Source[] = ['openai.audit_logs', 'contabo.images', 'agilicus.audits'];
    const arbitraryEvent = fc.record({
      source: fc.constantFrom(...sources),
      id: fc.integer({ min: 0, max: 30 }),
      offset: fc.integer({ min: 1, max: 8 }),
      feeds: fc.subarray([0, 1, 2], { minLength: 1 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryEvent, { minLength: 1, maxLength: 40 }), async (records) => {
        // One event per key, handed to one or more feeds so duplicates cross feeds.
        const byKey = new Map<string, { event: AuditEvent; feeds: number[] }>();
        for (const record of records) {
          const e = event(record.source, String(record.id), SINCE + record.offset);
          if (!byKey.has(e.key)) byKey.set(e.key, { event: e, feeds: record.feeds });
        }
        const feeds = [0, 1, 2].map((index) =>
          fakeFeed(
            `feed-${index}`,
            'openai.audit_logs',
            [...byKey.values()].filter((entry) => entry.feeds.includes(index)).map((entry) => entry.event),
            3,
          ),
        );
        const { poller, timers } = setup(feeds, { maxPagesPerFeed: 100 });
        await timers.fire();
        const expected = [...byKey.values()].map((entry) => entry.event).sort(compareNewestFirst);
        expect(poller.getSnapshot().count).toBe(expected.length);
        expect(poller.take()?.events).toEqual(expected);
        poller.stop();
      }),
      { numRuns: 100 },
    );
  });
});
