import type { AuditEvent } from '../timeline/audit-event.ts';
import type { FeedPage, ProviderFeed, TimelineQuery } from '../timeline/feed.ts';
import { createEventIndex } from '../timeline/event-index.ts';
import { createTimelineMerge } from '../timeline/merge.ts';
import { replayFetch, withFetch, type CollectedPages } from './collect-pages.ts';
import { median } from './stats.ts';

export interface IngestResult {
  /** Median over repetitions of (ingest time / bare JSON.parse time), each pair measured back to back. */
  ratio: number;
  parseMs: number;
  ingestMs: number;
  events: number;
  megabytes: number;
  pages: number;
}

/** Bare JSON.parse of every recorded body: the floor any ingest pays. */
function parseAll(pages: CollectedPages): number {
  let sink = 0;
  for (const response of pages.responses) {
    const value: unknown = JSON.parse(response.body);
    if (value !== null) sink++;
  }
  return sink;
}

/**
 * What "Load all in range" does with the same bytes: each feed's adapter parses, validates with zod and
 * normalizes its pages, which are packed as the registry's feeds pack them (pages requested round-robin,
 * as feeds page side by side in the browser), the merge de-duplicates and orders them, and the index
 * codes them. Only the network is replaced, by a lookup of the recorded body.
 */
async function ingestAll(
  feeds: readonly ProviderFeed[],
  query: TimelineQuery,
): Promise<readonly AuditEvent[]> {
  const merge = createTimelineMerge(feeds.map((feed) => feed.id));
  const index = createEventIndex();
  let active: { feed: ProviderFeed; cursor: unknown }[] = feeds.map((feed) => ({ feed, cursor: null }));
  while (active.length) {
    const next: typeof active = [];
    for (const slot of active) {
      const page: FeedPage = await slot.feed.fetchPage(query, slot.cursor, { demo: true });
      merge.addPage(slot.feed.id, page.events, page.nextCursor !== null);
      index.sync(merge.rows(), merge.generation());
      if (page.nextCursor !== null) next.push({ feed: slot.feed, cursor: page.nextCursor });
    }
    active = next;
  }
  return merge.rows();
}

/** The events "Load all in range" ends with: the merged rows, for the benchmarks that need a store. */
export function ingestOnce(pages: CollectedPages): Promise<readonly AuditEvent[]> {
  return withFetch(replayFetch(pages.responses), () => ingestAll(pages.feeds, pages.query));
}

/**
 * Benchmark 1: ingest time over bare JSON.parse time on the same strings, interleaved so both halves of
 * each ratio see the same machine load. `gc` (when exposed) runs before every timed half.
 */
export async function benchIngest(
  pages: CollectedPages,
  options: { repetitions: number; gc?: () => void },
): Promise<IngestResult> {
  const ratios: number[] = [];
  const parses: number[] = [];
  const ingests: number[] = [];
  // One untimed round each, so both paths run optimised code when timed.
  parseAll(pages);
  const events = (await ingestOnce(pages)).length;
  for (let i = 0; i < options.repetitions; i++) {
    options.gc?.();
    let started = performance.now();
    parseAll(pages);
    const parseMs = performance.now() - started;
    options.gc?.();
    started = performance.now();
    await ingestOnce(pages);
    const ingestMs = performance.now() - started;
    parses.push(parseMs);
    ingests.push(ingestMs);
    ratios.push(ingestMs / parseMs);
  }
  const bytes = pages.responses.reduce((sum, response) => sum + Buffer.byteLength(response.body), 0);
  return {
    ratio: median(ratios),
    parseMs: median(parses),
    ingestMs: median(ingests),
    events,
    megabytes: bytes / 1e6,
    pages: pages.responses.length,
  };
}
