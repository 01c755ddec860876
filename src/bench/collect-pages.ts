import { PROVIDERS } from '../providers/registry.ts';
import type { ProviderStatus } from '../providers/status-schema.ts';
import { createAuditLensServer } from '../proxy/server.ts';
import type { FeedPage, ProviderFeed, TimelineQuery } from '../timeline/feed.ts';

/** The instant every benchmark's simulators run at, as in the tests. */
export const BENCH_NOW = '2026-11-20T12:00:00.000Z';
export const BENCH_NOW_MS = Date.parse(BENCH_NOW);
const DAY_MS = 86_400_000;

/** One response the browser would receive, kept as the exact text it would parse. */
export interface RecordedResponse {
  url: string;
  status: number;
  contentType: string;
  body: string;
}

export interface CollectedPages {
  feeds: readonly ProviderFeed[];
  /** What the proxy said of each provider: what its feeds were made from. */
  statuses: readonly ProviderStatus[];
  query: TimelineQuery;
  /** Every response in the order the adapters asked for it. */
  responses: readonly RecordedResponse[];
  events: number;
}

type FetchFn = typeof globalThis.fetch;

function urlOf(input: Parameters<FetchFn>[0]): URL {
  if (input instanceof URL) return input;
  if (typeof input === 'string') return new URL(input);
  return new URL(input.url);
}

/** Runs a callback with the global fetch replaced; the adapters call the global fetch. */
export async function withFetch<T>(fetchFn: FetchFn, run: () => Promise<T>): Promise<T> {
  const original = globalThis.fetch;
  globalThis.fetch = fetchFn;
  try {
    return await run();
  } finally {
    globalThis.fetch = original;
  }
}

/** Every page of every feed, one feed after another, until each is exhausted. Returns the pages. */
export async function loadAllPages(
  feeds: readonly ProviderFeed[],
  query: TimelineQuery,
  onPage: (feed: ProviderFeed, page: FeedPage) => void = () => undefined,
): Promise<number> {
  let events = 0;
  for (const feed of feeds) {
    let cursor: unknown = null;
    for (;;) {
      const page = await feed.fetchPage(query, cursor, { demo: true });
      events += page.events.length;
      onPage(feed, page);
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
  }
  return events;
}

/**
 * Loads the last `days` days of every provider's simulator through the real proxy handler, in process,
 * and records each response body: the bytes a browser would receive for "Load all in range".
 *
 * @example const pages = await collectPages({ scale: 3, days: 30 }); pages.events // ≈ 100,000
 */
export async function collectPages(options: { scale: number; days: number }): Promise<CollectedPages> {
  const server = createAuditLensServer({
    AUDIT_LENS_NOW: BENCH_NOW,
    AUDIT_LENS_DEMO_SCALE: String(options.scale),
  });
  const feeds = PROVIDERS.flatMap((provider) => {
    const status = server.statuses.find((candidate) => candidate.id === provider.id);
    return status ? provider.feeds(status) : [];
  });
  const query: TimelineQuery = { range: { from: BENCH_NOW_MS - options.days * DAY_MS, to: BENCH_NOW_MS } };
  const responses: RecordedResponse[] = [];
  const recording: FetchFn = async (input) => {
    const url = urlOf(input);
    const response = await server.handle({
      method: 'GET',
      rawTarget: url.pathname + url.search,
      headers: new Headers({ host: '127.0.0.1:80', accept: 'application/json' }),
      localPort: 80,
    });
    const body = await response.text();
    const contentType = response.headers.get('content-type') ?? 'application/json';
    responses.push({ url: url.href, status: response.status, contentType, body });
    return new Response(body, { status: response.status, headers: { 'content-type': contentType } });
  };
  const events = await withFetch(recording, () => loadAllPages(feeds, query));
  return { feeds, statuses: server.statuses, query, responses, events };
}

/**
 * A fetch that answers from recorded responses by URL, with almost no overhead of its own, so what is
 * timed is the adapters' work on the bytes.
 */
export function replayFetch(responses: readonly RecordedResponse[]): FetchFn {
  const byUrl = new Map(responses.map((response) => [response.url, response]));
  return (input) => {
    const url = urlOf(input).href;
    const recorded = byUrl.get(url);
    if (!recorded) return Promise.reject(new Error(`no recorded response for ${url}`));
    const response = {
      ok: recorded.status >= 200 && recorded.status < 300,
      status: recorded.status,
      statusText: '',
      headers: new Headers({ 'content-type': recorded.contentType }),
      text: () => Promise.resolve(recorded.body),
      json: () => Promise.resolve(JSON.parse(recorded.body) as unknown),
    };
    return Promise.resolve(response as unknown as Response);
  };
}
