import { describe, expect, it } from 'vitest';
import { ADAPTER_FEEDS } from '../providers/registry.ts';
import type { AuditEvent } from '../timeline/audit-event.ts';
import { packedPage, packedPageOf, rawJsonText } from '../timeline/packed-events.ts';
import { collectPages, loadAllPages, replayFetch, withFetch } from './collect-pages.ts';

describe('the ingest the benchmark times', () => {
  it("reads every provider's raw records from its responses, exactly as JSON.stringify writes the adapter's", async () => {
    const pages = await collectPages({ scale: 1, days: 2 });
    // The same responses again, through the adapters without the packing, each page packed here.
    const feeds = pages.statuses.flatMap((status) => ADAPTER_FEEDS[status.id](status));
    const pairs: [plain: AuditEvent, packed: AuditEvent][] = [];
    await withFetch(replayFetch(pages.responses), () =>
      loadAllPages(feeds, pages.query, (_, page) => {
        const packed = packedPage(page.events);
        page.events.forEach((event, at) => pairs.push([event, packed[at] as AuditEvent]));
      }),
    );
    expect(new Set(pairs.map(([event]) => event.provider)).size).toBe(5);
    const packedPages = new Set(pairs.map(([, event]) => packedPageOf(event)));
    // -1 would be a record written out again while loading, the work this path exists to avoid.
    for (const page of packedPages) expect(page?.rawSource.every((source) => source >= 0)).toBe(true);
    for (const [plain, packed] of pairs) expect(rawJsonText(packed)).toBe(JSON.stringify(plain.raw));
  });
});
