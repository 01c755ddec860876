// @vitest-environment jsdom
import { renderHook } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeedPage, ProviderFeed } from '../../timeline/feed.ts';
import { DEFAULT_POLL_INTERVAL_MS } from './newer-events-poller.ts';
import { useNewerEvents } from './use-newer-events.ts';

afterEach(() => vi.useRealTimers());

describe('useNewerEvents', () => {
  it("polls under React's StrictMode, whose dev double effects once stopped the poller for good", async () => {
    vi.useFakeTimers();
    const fetchPage = vi.fn((): Promise<FeedPage> =>
      Promise.resolve({ events: [], nextCursor: null, warnings: [] }),
    );
    const feed = { id: 'openai.audit_logs', provider: 'openai', source: 'openai.audit_logs', fetchPage };
    const feeds = [{ feed: feed as unknown as ProviderFeed, demo: true }];
    const options = { feeds, since: Date.now() - 60_000, controller: null, onRestart: () => undefined };
    renderHook(() => useNewerEvents(options), { wrapper: StrictMode });
    await vi.advanceTimersByTimeAsync(DEFAULT_POLL_INTERVAL_MS + 1_000);
    expect(fetchPage).toHaveBeenCalled();
  });
});
