import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimelineQuery } from '../../timeline/feed.ts';
import {
  cloudFoundryPage,
  cloudFoundryParams,
  cloudFoundryPushdown,
  initialCloudFoundryCursor,
  type CloudFoundryCursor,
} from './client.ts';
import type { CfAuditEvent, CfAuditEventList } from './schema.ts';

const T0 = 1_790_000_000; // epoch seconds

function iso(second: number) {
  return new Date(second * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function event(guid: string, second: number): CfAuditEvent {
  return {
    guid,
    created_at: iso(second),
    updated_at: iso(second),
    type: 'audit.app.update',
    actor: null,
    target: null,
    data: {},
    space: null,
    organization: null,
  };
}

/** A faithful in-memory CF list: whole-second bounds, -created_at then guid descending, page numbers. */
function fakeCloudFoundry(dataset: readonly CfAuditEvent[], maxTotal = Infinity) {
  const requests: URLSearchParams[] = [];
  const list = (params: URLSearchParams): CfAuditEventList => {
    requests.push(params);
    const gte = Date.parse(params.get('created_ats[gte]') ?? '') / 1000;
    const lte = Date.parse(params.get('created_ats[lte]') ?? '') / 1000;
    const page = Number(params.get('page'));
    const perPage = Number(params.get('per_page'));
    if (page * perPage > maxTotal) throw new Error(`max_total_results exceeded: page ${page} × ${perPage}`);
    const matching = dataset
      .filter((e) => {
        const s = Date.parse(e.created_at) / 1000;
        return s >= gte && s <= lte;
      })
      .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.guid.localeCompare(a.guid));
    return {
      pagination: {
        total_results: matching.length,
        total_pages: Math.max(1, Math.ceil(matching.length / perPage)),
        next: { href: 'https://api.example.org/v3/audit_events?page=999' },
      },
      resources: matching.slice((page - 1) * perPage, page * perPage),
    };
  };
  return { list, requests };
}

function crawl(query: TimelineQuery, server: ReturnType<typeof fakeCloudFoundry>, perPage: number) {
  const keys: string[] = [];
  const times: number[] = [];
  const warnings: string[] = [];
  let cursor: CloudFoundryCursor = initialCloudFoundryCursor(query);
  const totals: (number | undefined)[] = [];
  for (let i = 0; i < 10_000; i++) {
    const page = cloudFoundryPage(
      query,
      cursor,
      server.list(cloudFoundryParams(query, cursor, perPage)),
      false,
      perPage,
    );
    keys.push(...page.events.map((e) => e.key));
    times.push(...page.events.map((e) => e.time));
    warnings.push(...page.warnings);
    totals.push(page.total);
    if (page.nextCursor === null) return { keys, times, warnings, totals };
    cursor = page.nextCursor as CloudFoundryCursor;
  }
  throw new Error('paging did not end');
}

/** A first request under the bound T0 + 50, whose count was 10. */
const firstPageAt50 = (): CloudFoundryCursor => ({
  lte: T0 + 50,
  page: 1,
  seen: [],
  received: 0,
  outside: 0,
  total: 10,
});

describe('Cloud Foundry time-keyed paging', () => {
  it('returns every event in range exactly once, newest first, for any dataset and page size', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: -2_000, max: 42_000 }),
        fc.integer({ min: 0, max: 45_000 }),
        (seconds, perPage, fromMs, spanMs) => {
          const dataset = seconds.map((s, i) => event(`g${String(i).padStart(4, '0')}`, T0 + s));
          const query: TimelineQuery = {
            range: { from: T0 * 1000 + fromMs, to: T0 * 1000 + fromMs + spanMs },
          };
          const server = fakeCloudFoundry(dataset);
          const { keys, times, warnings, totals } = crawl(query, server, perPage);
          const expected = dataset
            .filter((e) => {
              const ms = Date.parse(e.created_at);
              return ms >= query.range.from && ms <= query.range.to;
            })
            .map((e) => `cloudfoundry.audit_events:${e.guid}`);
          expect(new Set(keys).size).toBe(keys.length);
          expect([...keys].sort()).toEqual([...expected].sort());
          for (let i = 1; i < times.length; i++) expect(times[i]!).toBeLessThanOrEqual(times[i - 1]!);
          expect(warnings).toEqual([]);
          // The first request's count, less the events it counted that the range's first and last
          // seconds hold outside the range: never rising, and exactly the events in range at the end.
          for (let i = 1; i < totals.length; i++) expect(totals[i]!).toBeLessThanOrEqual(totals[i - 1]!);
          expect(totals.at(-1)).toBe(expected.length);
          // Deep page numbers only inside one over-full second.
          const busiest = Math.max(
            0,
            ...[...new Set(seconds)].map((s) => seconds.filter((x) => x === s).length),
          );
          for (const params of server.requests)
            expect(Number(params.get('page'))).toBeLessThanOrEqual(Math.ceil(busiest / perPage) + 1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('walks 30 days of 14,000 events with page numbers that stay far below max_total_results', () => {
    const dataset: CfAuditEvent[] = [];
    for (let i = 0; i < 14_000; i++) dataset.push(event(`e${i}`, T0 + Math.floor((i * 2_592_000) / 14_000)));
    for (let i = 0; i < 450; i++) dataset.push(event(`burst${String(i).padStart(3, '0')}`, T0 + 86_400));
    const server = fakeCloudFoundry(dataset, 10_000);
    const query = { range: { from: T0 * 1000, to: (T0 + 2_592_000) * 1000 } };
    const { keys } = crawl(query, server, 100);
    expect(keys).toHaveLength(14_450);
    const pages = server.requests.map((params) => Number(params.get('page')));
    expect(Math.max(...pages)).toBe(5);
    expect(
      server.requests
        .filter((params) => params.get('page') !== '1')
        .every((params) => params.get('created_ats[lte]') === iso(T0 + 86_400)),
    ).toBe(true);
  });

  it('restarts at page 1 with the oldest second seen as the lte bound, the floor second as gte', () => {
    const query = { range: { from: T0 * 1000 + 700, to: (T0 + 100) * 1000 + 300 } };
    const cursor = initialCloudFoundryCursor(query);
    const params = cloudFoundryParams(query, cursor, 3);
    expect(Object.fromEntries(params)).toEqual({
      order_by: '-created_at',
      'created_ats[gte]': iso(T0),
      'created_ats[lte]': iso(T0 + 100),
      page: '1',
      per_page: '3',
    });
    const list = {
      pagination: { total_results: 9, total_pages: 3 },
      resources: [event('c', T0 + 90), event('b', T0 + 80), event('a', T0 + 80)],
    };
    const page = cloudFoundryPage(query, cursor, list, true, 3);
    expect(page.nextCursor).toEqual({
      lte: T0 + 80,
      page: 1,
      seen: ['b', 'a'],
      total: 9,
      received: 3,
      outside: 0,
    });
    expect(page.total).toBe(9);
    expect(page.events.every((e) => e.demo)).toBe(true);
  });

  it('continues with page 2, 3… only while a whole page shares one second', () => {
    const query = { range: { from: T0 * 1000, to: (T0 + 100) * 1000 } };
    const first = cloudFoundryPage(
      query,
      initialCloudFoundryCursor(query),
      {
        pagination: { total_results: 9, total_pages: 3 },
        resources: [event('c', T0 + 50), event('b', T0 + 50), event('a', T0 + 50)],
      },
      false,
      3,
    );
    expect(first.nextCursor).toEqual({
      lte: T0 + 50,
      page: 2,
      seen: ['c', 'b', 'a'],
      total: 9,
      received: 3,
      outside: 0,
    });
    const second = cloudFoundryPage(
      query,
      first.nextCursor as CloudFoundryCursor,
      {
        pagination: { total_results: 9, total_pages: 3 },
        resources: [event('9', T0 + 50), event('8', T0 + 50), event('7', T0 + 50)],
      },
      false,
      3,
    );
    expect(second.nextCursor).toMatchObject({ lte: T0 + 50, page: 3, seen: ['c', 'b', 'a', '9', '8', '7'] });
  });

  it('warns about out-of-order pages and counts that do not add up', () => {
    const query = { range: { from: T0 * 1000, to: (T0 + 100) * 1000 } };
    const cursor = firstPageAt50();
    const page = cloudFoundryPage(
      query,
      cursor,
      {
        pagination: { total_results: 3, total_pages: 1 },
        resources: [event('a', T0 + 10), event('b', T0 + 20)],
      },
      false,
      3,
    );
    expect(page.nextCursor).toBeNull();
    expect(page.events.map((e) => e.key)).toEqual([
      'cloudfoundry.audit_events:a',
      'cloudfoundry.audit_events:b',
    ]);
    expect(page.warnings).toEqual([
      'Cloud Foundry returned audit events out of newest-first order',
      'Cloud Foundry counted 10 audit events in range but only 2 arrived; some may have been pruned or hidden while paging',
    ]);
  });

  it('refuses a page holding events above the created_ats[lte] bound: a stale or repeated answer', () => {
    const query = { range: { from: T0 * 1000, to: (T0 + 100) * 1000 } };
    const cursor = firstPageAt50();
    expect(() =>
      cloudFoundryPage(
        query,
        cursor,
        {
          pagination: { total_results: 3, total_pages: 1 },
          resources: [event('z', T0 + 60), event('a', T0 + 10)],
        },
        false,
        3,
      ),
    ).toThrow(/newer than created_ats\[lte\]/);
  });

  it('pushes down types and guid filters, escaping commas and percent signs inside values', () => {
    const guid = '2e3151ba-9a63-4345-9c5b-6d8c238f4e55';
    const query: TimelineQuery = {
      range: { from: 0, to: 1000 },
      filters: {
        action: ['Audit.App.Update', 'odd,type%'],
        target: [guid],
        space: [guid.toUpperCase()],
        org: ['payments'],
        actor: ['alice'],
      },
    };
    const { params, fields } = cloudFoundryPushdown(query);
    expect(fields).toEqual(['action', 'target', 'space']);
    expect(Object.fromEntries(params)).toEqual({
      types: 'audit.app.update,odd%2Ctype%25',
      target_guids: guid,
      space_guids: guid,
    });
    const url = cloudFoundryParams(query, initialCloudFoundryCursor(query)).toString();
    expect(url).toContain('types=audit.app.update%2Codd%252Ctype%2525');
    expect(url).not.toContain('organization_guids');
  });
});
