import { describe, expect, it } from 'vitest';
import { packedPageOf, rawJsonText } from '../timeline/packed-events.ts';
import { collectPages } from './collect-pages.ts';
import { ingestOnce } from './ingest-bench.ts';

describe('the ingest the benchmark times', () => {
  it("reads every provider's raw records from its responses, and gives them back as JSON.stringify writes them", async () => {
    const pages = await collectPages({ scale: 1, days: 2 });
    const events = await ingestOnce(pages);
    expect(new Set(events.map((event) => event.provider)).size).toBe(5);
    const packed = new Set(events.map(packedPageOf));
    expect(packed.has(undefined)).toBe(false);
    // -1 would be a record written out again while loading, the work this path exists to avoid.
    for (const page of packed) expect(page?.rawSource.every((source) => source >= 0)).toBe(true);
    for (const event of events) {
      const text = rawJsonText(event);
      expect(text).not.toBe('');
      expect(JSON.stringify(JSON.parse(text))).toBe(text);
    }
  });
});
