import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditEvent, Source } from './audit-event.ts';
import { createTimelineMerge } from './merge.ts';
import { compareNewestFirst } from './ordering.ts';

const SOURCES: Source[] = [
  'openai.audit_logs',
  'cloudfoundry.audit_events',
  'contabo.images',
  'agilicus.auth',
];

function event(source: Source, id: string, time: number): AuditEvent {
  return {
    key: `${source}:${id}`,
    provider: 'openai',
    source,
    time,
    action: 'a',
    category: 'other',
    outcome: 'unknown',
    actor: {},
    target: {},
    scope: {},
    summary: '',
    demo: true,
    raw: null,
  };
}

/** A feed: its events newest first (ties in any order the API likes) cut into pages, with duplicates across page boundaries. */
const feedArb = (source: Source) =>
  fc
    .record({
      times: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 60 }),
      pageSize: fc.integer({ min: 1, max: 15 }),
      overlap: fc.integer({ min: 0, max: 3 }),
      tieOrder: fc.boolean(),
    })
    .map(({ times, pageSize, overlap, tieOrder }) => {
      const events = times.map((time, i) => event(source, `e${i}`, time));
      events.sort(
        (a, b) => b.time - a.time || (tieOrder ? (a.key < b.key ? 1 : -1) : a.key < b.key ? -1 : 1),
      );
      const pages: AuditEvent[][] = [];
      for (let start = 0; start < events.length || pages.length === 0; start += pageSize) {
        // Page shift: a page may repeat the last few events of the previous one.
        pages.push(events.slice(Math.max(0, start - (pages.length ? overlap : 0)), start + pageSize));
        if (start + pageSize >= events.length) break;
      }
      return { source, events, pages };
    });

const scenarioArb = fc
  .integer({ min: 1, max: SOURCES.length })
  .chain((count) => fc.tuple(...SOURCES.slice(0, count).map(feedArb)))
  .chain((feeds) =>
    fc.record({
      feeds: fc.constant(feeds),
      // The order in which feeds deliver their next page.
      arrivals: fc.array(fc.integer({ min: 0, max: feeds.length - 1 }), { minLength: 0, maxLength: 200 }),
    }),
  );

function union(feeds: { events: AuditEvent[] }[]): string[] {
  return feeds
    .flatMap((feed) => feed.events)
    .sort(compareNewestFirst)
    .map((e) => e.key);
}

describe('the exact merge', () => {
  it('shows a prefix of the sorted union, never moves a shown row, and ends with the union exactly', () => {
    fc.assert(
      fc.property(scenarioArb, ({ feeds, arrivals }) => {
        const merge = createTimelineMerge(feeds.map((feed) => feed.source));
        const expected = union(feeds);
        const next = feeds.map(() => 0);
        let shown: string[] = [];
        const deliver = (index: number) => {
          const feed = feeds[index]!;
          const page = next[index]!;
          if (page >= feed.pages.length) return;
          next[index] = page + 1;
          merge.addPage(feed.source, feed.pages[page]!, page + 1 < feed.pages.length);
          const now = merge.rows().map((e) => e.key);
          expect(now.slice(0, shown.length)).toEqual(shown); // (2) nothing moves or vanishes
          expect(now).toEqual(expected.slice(0, now.length)); // (1) always a prefix of the exact union
          // (4) every loaded event is either shown or counted as waiting
          const summaries = feeds.map((f) => merge.feed(f.source));
          expect(summaries.reduce((sum, f) => sum + f.loaded - f.waiting, 0)).toBe(now.length);
          shown = now;
        };
        for (const index of arrivals) deliver(index);
        for (let index = 0; index < feeds.length; index++)
          while (next[index]! < feeds[index]!.pages.length) deliver(index);
        expect(merge.rows().map((e) => e.key)).toEqual(expected); // (3) exhausted → the union exactly
      }),
      { numRuns: 2000 },
    );
  });

  it('waits for a lagging feed: nothing older than its frontier is shown', () => {
    const merge = createTimelineMerge(['a', 'b']);
    merge.addPage('a', [event('openai.audit_logs', '1', 100), event('openai.audit_logs', '2', 50)], false);
    expect(merge.rows()).toHaveLength(0);
    expect(merge.feed('a')).toMatchObject({ loaded: 2, waiting: 2 });
    merge.addPage('b', [event('contabo.images', '3', 80)], true);
    expect(merge.rows().map((e) => e.time)).toEqual([100]);
    expect(merge.feed('a')).toMatchObject({ loaded: 2, waiting: 1 });
    expect(merge.feed('b')).toMatchObject({ loaded: 1, waiting: 1 });
    expect(merge.watermarkFeed()).toBe('b');
    merge.addPage('b', [event('contabo.images', '4', 10)], false);
    expect(merge.rows().map((e) => e.time)).toEqual([100, 80, 50, 10]);
    expect([merge.feed('a').waiting, merge.feed('b').waiting]).toEqual([0, 0]);
  });

  it('orders ties by source then key, and drops duplicates across pages', () => {
    const merge = createTimelineMerge(['x']);
    const a = event('openai.audit_logs', 'b', 5);
    const b = event('contabo.images', 'z', 5);
    const c = event('contabo.images', 'a', 5);
    const result = merge.addPage('x', [a, b, c], true);
    expect(result.duplicates).toBe(0);
    expect(merge.addPage('x', [c, a], false).duplicates).toBe(2);
    expect(merge.rows().map((e) => e.key)).toEqual([
      'contabo.images:a',
      'contabo.images:z',
      'openai.audit_logs:b',
    ]);
    expect(merge.feed('x').duplicatesDropped).toBe(2);
  });

  it('leaves a failed feed out of the watermark so the others still show', () => {
    const merge = createTimelineMerge(['ok', 'broken']);
    merge.addPage('ok', [event('openai.audit_logs', '1', 10), event('openai.audit_logs', '2', 5)], true);
    expect(merge.rows()).toHaveLength(0);
    merge.setFailed('broken', true);
    expect(merge.rows().map((e) => e.time)).toEqual([10]);
  });

  it('puts the rows of a failed feed that is back among the shown ones, without calling it out of order', () => {
    const merge = createTimelineMerge(['ok', 'back']);
    merge.addPage('ok', [event('openai.audit_logs', '1', 10), event('openai.audit_logs', '2', 5)], false);
    merge.setFailed('back', true);
    expect(merge.rows().map((e) => e.time)).toEqual([10, 5]);
    merge.setFailed('back', false);
    const result = merge.addPage(
      'back',
      [event('contabo.images', '3', 8), event('contabo.images', '4', 2)],
      false,
    );
    expect(result.orderViolation).toBe(false);
    expect(merge.feed('back').orderViolations).toBe(0);
    expect(merge.rows().map((e) => e.time)).toEqual([10, 8, 5, 2]);
  });

  it('reports a page that breaks newest-first order', () => {
    const merge = createTimelineMerge(['x']);
    merge.addPage('x', [event('openai.audit_logs', '1', 10)], true);
    const result = merge.addPage('x', [event('openai.audit_logs', '2', 20)], false);
    expect(result.orderViolation).toBe(true);
    expect(merge.feed('x').orderViolations).toBe(1);
    expect(merge.rows().map((e) => e.time)).toEqual([20, 10]);
  });
});

describe('prepend (events found after the load)', () => {
  const A = 'openai.audit_logs';
  const B = 'cloudfoundry.audit_events';
  const keys = (rows: readonly AuditEvent[]) => rows.map((row) => row.key);

  it('puts newer events on top, skips loaded ones, and places one stamped in the boundary second in order', () => {
    const merge = createTimelineMerge([A, B]);
    merge.addPage(A, [event(A, 'a3', 3000), event(A, 'a1', 1000)], false);
    merge.addPage(B, [event(B, 'b2', 2000)], false);
    // A whole-second API stamps an event written after the load at the boundary's second (3000): it is
    // asked again, and must not be lost, nor may the loaded a3 come twice.
    const added = merge.prepend(
      [event(A, 'a5', 5000), event(A, 'a3', 3000), event(B, 'b3', 3000), event(B, 'b2.5', 2500)],
      (found) => found.source,
    );
    expect(added).toBe(3);
    expect(keys(merge.rows())).toEqual([
      `${A}:a5`,
      ...keys([event(A, 'a3', 3000), event(B, 'b3', 3000)].sort(compareNewestFirst)),
      `${B}:b2.5`,
      `${B}:b2`,
      `${A}:a1`,
    ]);
    expect(merge.has(`${B}:b3`)).toBe(true);
    expect(merge.generation()).toBeGreaterThan(0);
  });

  it('keeps an event older than every shown row among its feed’s pending rows until the watermark passes it', () => {
    const merge = createTimelineMerge([A, B]);
    merge.addPage(A, [event(A, 'a9', 9000), event(A, 'a2', 2000)], false);
    merge.addPage(B, [event(B, 'b8', 8000)], true);
    expect(keys(merge.rows())).toEqual([`${A}:a9`]);
    merge.prepend([event(A, 'a5', 5000)], (found) => found.source);
    expect(keys(merge.rows())).toEqual([`${A}:a9`]);
    merge.addPage(B, [event(B, 'b1', 1000)], false);
    expect(keys(merge.rows())).toEqual([`${A}:a9`, `${B}:b8`, `${A}:a5`, `${A}:a2`, `${B}:b1`]);
  });

  it('with no row shown yet (a feed is late), orders newer events among the pending rows, never above them', () => {
    const C = 'contabo.images';
    const P = 'agilicus.auth';
    const merge = createTimelineMerge([A, C, P]);
    // Contabo is done, with its newest event 100 ms below the bound; Agilicus has not answered yet.
    merge.addPage(C, [event(C, 'z', 9_900)], false);
    merge.addPage(A, [], false);
    expect(merge.rows()).toEqual([]);
    merge.prepend([event(A, 'y', 9_600), event(A, 'n', 15_000)], (found) => found.source);
    merge.addPage(P, [event(P, 'p', 9_700)], false);
    expect(keys(merge.rows())).toEqual([`${A}:n`, `${C}:z`, `${P}:p`, `${A}:y`]);
  });
});
