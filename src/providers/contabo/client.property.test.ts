import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimelineQuery } from '../../timeline/feed.ts';
import { contaboFeedPage, type ContaboCursor } from './client.ts';
import type { ContaboAuditList } from './schema.ts';

const T0 = Date.parse('2026-11-01T00:00:00.000Z');

interface Row {
  id: number;
  time: number;
}

function record({ id, time }: Row) {
  return {
    id,
    action: 'UPDATED',
    timestamp: new Date(time).toISOString(),
    tenantId: 'DE',
    customerId: '54321',
    changedBy: 'c4c800ff-e524-47dd-9543-71dfc8b91113',
    username: 'ops.bot',
    requestId: `req-${id}`,
    traceId: `trace-${id}`,
    imageId: 'e443eab5-647a-4bc3-b4f9-16f5a281224d',
  };
}

/** An offset-paged server over a listing that can change between requests, as Contabo's does. */
function pageOf(rows: readonly Row[], page: number, size: number): ContaboAuditList {
  const sorted = [...rows].sort((a, b) => b.time - a.time || b.id - a.id);
  return {
    _pagination: { size, totalElements: sorted.length, totalPages: Math.ceil(sorted.length / size), page },
    data: sorted.slice((page - 1) * size, page * size).map(record),
    _links: { self: `/v1/compute/images/audits?page=${page}` },
  };
}

/** One page of an already ordered listing, with its `_pagination`. */
function paged(sorted: readonly Row[], page: number, size: number): ContaboAuditList {
  return {
    _pagination: { size, totalElements: sorted.length, totalPages: Math.ceil(sorted.length / size), page },
    data: sorted.slice((page - 1) * size, page * size).map(record),
    _links: { self: `/v1/compute/images/audits?page=${page}` },
  };
}

/** Pages to the end; `change` may alter the listing before each request after the first. */
function crawl(
  rows: Row[],
  query: TimelineQuery,
  size: number,
  change: (rows: Row[], request: number) => Row[] = (current) => current,
  serve: (rows: readonly Row[], page: number, size: number) => ContaboAuditList = pageOf,
) {
  const keys: string[] = [];
  const warnings: string[] = [];
  let listing = rows;
  let cursor: ContaboCursor = null;
  for (let request = 0; request < 10_000; request++) {
    if (request > 0) listing = change(listing, request);
    const page = contaboFeedPage(query, cursor, serve(listing, cursor?.page ?? 1, size), false, size);
    keys.push(...page.events.map((event) => event.key));
    warnings.push(...page.warnings);
    if (page.nextCursor === null) return { keys, warnings };
    cursor = page.nextCursor as ContaboCursor;
  }
  throw new Error('paging did not end');
}

// Few distinct instants, so runs of equal timestamps straddle page edges.
const datasetArb = fc
  .uniqueArray(fc.nat({ max: 1_000_000 }), { maxLength: 120 })
  .chain((ids) =>
    fc.tuple(
      fc.constant(ids),
      fc.array(fc.nat({ max: 40 }), { minLength: ids.length, maxLength: ids.length }),
    ),
  )
  .map(([ids, slots]) => ids.map((id, i) => ({ id, time: T0 + (slots[i] ?? 0) * 1000 })));

function expected(rows: readonly Row[], query: TimelineQuery): string[] {
  return rows
    .filter((row) => row.time >= query.range.from && row.time <= query.range.to)
    .sort((a, b) => b.time - a.time || b.id - a.id)
    .map((row) => `contabo.images:${row.id}`);
}

describe('Contabo paging (property)', () => {
  it('returns every event in range exactly once, newest first, for any dataset, range and page size', () => {
    fc.assert(
      fc.property(
        datasetArb,
        fc.integer({ min: 1, max: 25 }),
        fc.nat({ max: 40 }),
        fc.nat({ max: 40 }),
        (rows, size, a, b) => {
          const query = { range: { from: T0 + Math.min(a, b) * 1000, to: T0 + Math.max(a, b) * 1000 } };
          const { keys, warnings } = crawl(rows, query, size);
          expect(keys).toEqual(expected(rows, query));
          expect(warnings).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('drops the duplicates new events push onto later pages, and reports no gap', () => {
    fc.assert(
      fc.property(
        datasetArb,
        fc.integer({ min: 1, max: 25 }),
        fc.array(fc.nat({ max: 30 }), { maxLength: 20 }),
        (rows, size, arrivals) => {
          const query = { range: { from: T0, to: T0 + 40_000 } };
          let nextId = 2_000_000;
          const { keys, warnings } = crawl(rows, query, size, (listing, request) => {
            const fresh = Array.from({ length: arrivals[request - 1] ?? 0 }, () => ({
              id: nextId++,
              time: T0 + 60_000 + nextId,
            }));
            return [...listing, ...fresh];
          });
          expect(keys).toEqual(expected(rows, query));
          expect(warnings).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('warns of a gap when a row already seen vanishes and the rest shift up over a page edge', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, time: T0 + i * 1000 }));
    const query = { range: { from: T0, to: T0 + 60_000 } };
    const { keys, warnings } = crawl(rows, query, 10, (listing, request) =>
      request === 1 ? listing.filter((row) => row.id !== 25) : listing,
    );
    expect(keys).toHaveLength(29);
    expect(keys).not.toContain('contabo.images:20');
    expect(warnings).toEqual([
      "Contabo's count of matching entries fell from 30 to 29 while paging: entries may have been skipped",
      'Contabo reported 30 matching entries but 29 distinct came back: 1 may be missing',
    ]);
  });

  it('never loses an entry silently when the server orders equal timestamps anew for every request', () => {
    fc.assert(
      fc.property(datasetArb, fc.integer({ min: 1, max: 12 }), fc.integer(), (rows, size, seed) => {
        let state = seed;
        const random = () => {
          state = (Math.imul(state, 1_103_515_245) + 12_345) | 0;
          return (state >>> 8) / 2 ** 24;
        };
        // Ignores `id:desc`: ties come in a fresh random order each time.
        const shuffled = (listing: readonly Row[], page: number, pageSize: number): ContaboAuditList => {
          const keyed = listing.map((row) => ({ row, tie: random() }));
          keyed.sort((a, b) => b.row.time - a.row.time || a.tie - b.tie);
          return paged(
            keyed.map(({ row }) => row),
            page,
            pageSize,
          );
        };
        // Older entries than the range: paging stops there, before the final count could tell.
        const query = { range: { from: T0 + 10_000, to: T0 + 30_000 } };
        const { keys, warnings } = crawl(rows, query, size, undefined, shuffled);
        expect(new Set(keys).size).toBe(keys.length);
        if (warnings.length === 0) expect([...keys].sort()).toEqual([...expected(rows, query)].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('says once that entries came again, though the count grows and stalls by turns', () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ id: i + 1, time: T0 + (i + 10) * 1000 }));
    const query = { range: { from: T0, to: T0 + 120_000 } };
    let nextId = 1000;
    // The oldest entry expires as a new one comes in (a repeat the count does not explain), then a late
    // entry older than the pages read grows the count alone, then the first happens again.
    const { warnings } = crawl(rows, query, 10, (listing, request) => {
      if (request === 2) return [...listing, { id: nextId++, time: T0 + 1000 }];
      const oldest = Math.min(...listing.map((row) => row.time));
      return [
        ...listing.filter((row) => row.time !== oldest),
        { id: nextId++, time: T0 + 100_000 + request },
      ];
    });
    const again = warnings.filter((warning) => warning.includes('entries of an earlier page again'));
    expect(again).toEqual([
      'Contabo returned entries of an earlier page again, more than new entries explain: it may order entries of equal time differently between pages (then some are missing), or old entries expired while paging',
    ]);
  });

  it('takes the page size the server says it serves, when it serves fewer than asked', () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({ id: i + 1, time: T0 + i * 1000 }));
    const query = { range: { from: T0, to: T0 + 60_000 } };
    // Asked for 10 a page, the server serves (and numbers its pages by) 5.
    const { keys, warnings } = crawl(rows, query, 10, undefined, (listing, page) => pageOf(listing, page, 5));
    expect(keys).toEqual(expected(rows, query));
    expect(warnings).toEqual([]);
  });

  it('pages on while full pages come back when _pagination is an empty string', () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({ id: i + 1, time: T0 + i * 1000 }));
    const query = { range: { from: T0, to: T0 + 60_000 } };
    const keys: string[] = [];
    let cursor: ContaboCursor = null;
    for (;;) {
      const list = { ...pageOf(rows, cursor?.page ?? 1, 10), _pagination: '' as const };
      const page = contaboFeedPage(query, cursor, list, false, 10);
      keys.push(...page.events.map((event) => event.key));
      expect(page.total).toBeUndefined();
      if (page.nextCursor === null) break;
      cursor = page.nextCursor as ContaboCursor;
    }
    expect(keys).toEqual(expected(rows, query));
  });

  it('stops once a sorted page reaches past the start of the range', () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, time: T0 + i * 1000 }));
    const query = { range: { from: T0 + 80_000, to: T0 + 99_000 } };
    let requests = 0;
    const { keys } = crawl(rows, query, 10, (listing) => {
      requests++;
      return listing;
    });
    expect(keys).toHaveLength(20);
    expect(requests + 1).toBe(3);
  });
});
