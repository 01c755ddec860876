import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../lib/provider-error.ts';
import { TEST_NOW_MS, setupProxyInProcess } from '../../testing/proxy-in-process.ts';
import type { AuditEvent } from '../../timeline/audit-event.ts';
import type { FeedPage, TimelineQuery } from '../../timeline/feed.ts';
import { COMPROMISED_ACCOUNT } from '../simulator-kit/stories.ts';
import { contaboParams, fetchContaboPage, forgetRefusedContaboOrder, type ContaboCursor } from './client.ts';
import { contaboFeeds } from './queries.ts';
import { createContaboHistory } from './simulator/data.ts';

const proxy = setupProxyInProcess();
const DAY = 86_400_000;
const day: TimelineQuery = { range: { from: TEST_NOW_MS - DAY, to: TEST_NOW_MS } };
const truth = createContaboHistory(1, TEST_NOW_MS).window(TEST_NOW_MS);

const contaboRequests = () => proxy.requests.filter((path) => path.startsWith('/api/contabo/'));

async function crawl(query: TimelineQuery, betweenPages?: (page: number) => Promise<void>) {
  const events: AuditEvent[] = [];
  const pages: FeedPage[] = [];
  let cursor: ContaboCursor = null;
  for (let n = 1; n < 1000; n++) {
    const page = await fetchContaboPage(query, cursor, { demo: true });
    pages.push(page);
    events.push(...page.events);
    if (page.nextCursor === null) return { events, pages, warnings: pages.flatMap((p) => p.warnings) };
    cursor = page.nextCursor as ContaboCursor;
    await betweenPages?.(n);
  }
  throw new Error('crawl did not end');
}

function expectedKeys(query: TimelineQuery, keep: (id: string) => boolean = () => true) {
  return truth
    .filter((audit) => audit.time >= query.range.from && audit.time <= query.range.to)
    .map((audit) => `contabo.images:${audit.record.id}`)
    .filter((key) => keep(key));
}

function listBody(data: unknown[], pagination: unknown) {
  return JSON.stringify({ _pagination: pagination, data, _links: { self: '/v1/compute/images/audits' } });
}

const ENTRY = {
  id: 1,
  action: 'CREATED',
  timestamp: new Date(TEST_NOW_MS - 60_000).toISOString(),
  tenantId: 'DE',
  customerId: '54321',
  changedBy: 'c4c800ff-e524-47dd-9543-71dfc8b91113',
  username: 'ops.bot',
  requestId: '0c9d3c6e-4a43-4a55-9a4e-2d7f0d1f3a10',
  traceId: 'deploy-7781',
  imageId: 'e443eab5-647a-4bc3-b4f9-16f5a281224d',
};

describe('Contabo adapter against the simulator, through the proxy', () => {
  it('pages a day newest first, each event once, exactly the simulator entries in range', async () => {
    const { events, pages, warnings } = await crawl(day);
    expect(pages.length).toBeGreaterThan(3);
    expect(warnings).toEqual([]);
    expect(events.map((event) => event.key)).toEqual(expectedKeys(day));
    for (let i = 1; i < events.length; i++) expect(events[i]!.time).toBeLessThanOrEqual(events[i - 1]!.time);
    expect(events.every((event) => event.demo && event.provider === 'contabo')).toBe(true);
    expect(pages[0]?.total).toBeGreaterThan(events.length);
  });

  it('builds each request from its own parameters: page counts up, size and order stay, dates wide enough for any zone', async () => {
    const { pages } = await crawl(day);
    expect(contaboRequests()).toHaveLength(pages.length);
    contaboRequests().forEach((request, i) => {
      const params = new URL(request, 'http://127.0.0.1').searchParams;
      expect(params.get('page')).toBe(String(i + 1));
      expect(params.get('size')).toBe('100');
      expect(params.getAll('orderBy')).toEqual(['timestamp:desc', 'id:desc']);
      // Read as an exclusive start in a zone west of UTC (after 2026-11-18 in UTC-6 is 06:00 UTC on the
      // 19th), it still covers a range that starts early on 2026-11-19 UTC.
      expect(params.get('startDate')).toBe('2026-11-17');
      // Even read as an exclusive end at Berlin's midnight (22:00 or 23:00 UTC the day before), it covers
      // a range ending late on 2026-11-20 UTC.
      expect(params.get('endDate')).toBe('2026-11-22');
    });
  });

  it('asks endDate no later than any zone needs: the day after the end read at UTC+14', () => {
    const ending = (to: string) =>
      contaboParams({ range: { from: Date.parse(to) - 3_600_000, to: Date.parse(to) } }, 1).get('endDate');
    // 08:00 UTC is 22:00 at UTC+14: an exclusive end at midnight of the 21st there (10:00 UTC) covers it.
    expect(ending('2026-11-20T08:00:00.000Z')).toBe('2026-11-21');
    // 10:00 UTC is midnight at UTC+14: the 21st read so would end exactly there, so the 22nd.
    expect(ending('2026-11-20T10:00:00.000Z')).toBe('2026-11-22');
    expect(ending('2026-11-20T23:30:00.000Z')).toBe('2026-11-22');
  });

  it('keeps events near midnight that day-granular dates in another zone would cut off', async () => {
    const query = {
      range: { from: Date.parse('2026-11-17T23:15:00.000Z'), to: Date.parse('2026-11-18T23:45:00.000Z') },
    };
    const { events, warnings } = await crawl(query);
    expect(warnings).toEqual([]);
    const keys = expectedKeys(query);
    expect(keys.length).toBeGreaterThan(100);
    expect(events.map((event) => event.key)).toEqual(keys);
    expect(events.some((event) => event.time > Date.parse('2026-11-18T23:00:00.000Z'))).toBe(true);
  });

  it('drops rows pushed onto the next page by new events, and reports no gap', async () => {
    // Ten minutes a page: new entries arrive, and the story (anchored to the hour) stays where it is.
    let advanced = 0;
    const { events, pages, warnings } = await crawl(day, async () => {
      advanced += 600_000;
      await proxy.advanceClock(600_000);
    }).finally(() => proxy.advanceClock(-advanced));
    expect(pages.at(-1)?.total).toBeGreaterThan(pages[0]?.total ?? Infinity);
    expect(warnings).toEqual([]);
    expect(new Set(events.map((event) => event.key)).size).toBe(events.length);
    expect(events.map((event) => event.key)).toEqual(expectedKeys(day));
  });

  it("finds alice's image replacement from the compromised-account story", async () => {
    const { events } = await crawl(day);
    const story = events.find((event) => event.requestId === COMPROMISED_ACCOUNT.requestId);
    expect(story).toMatchObject({
      action: 'UPDATED',
      category: 'configuration',
      outcome: 'success',
      traceId: COMPROMISED_ACCOUNT.traceId,
      actor: { id: COMPROMISED_ACCOUNT.actor.uuid, email: 'alice.nguyen@example.com' },
      target: { type: 'image' },
    });
    expect(story?.summary).toMatch(/^alice\.nguyen@example\.com updated image "ubuntu-22\.04-base-v\d+": /);
    expect(story?.summary).toContain('url changed');
  });

  it('pushes a UUID actor, a request id and an image down, and says so', async () => {
    const uuid = COMPROMISED_ACCOUNT.actor.uuid;
    const byActor = await crawl({ ...day, filters: { actor: [uuid.toUpperCase()] } });
    expect(byActor.pages[0]?.pushedDown).toEqual(['actor']);
    expect(contaboRequests()[0]).toContain(`changedBy=${uuid}`);
    expect(byActor.events.length).toBeGreaterThan(0);
    expect(byActor.events.every((event) => event.actor.id === uuid)).toBe(true);
    expect(byActor.events.map((event) => event.key)).toEqual(
      expectedKeys(day).filter(
        (key) => truth.find((a) => `contabo.images:${a.record.id}` === key)?.record.changedBy === uuid,
      ),
    );

    proxy.requests.length = 0;
    const byRequest = await crawl({ ...day, filters: { requestId: [COMPROMISED_ACCOUNT.requestId] } });
    expect(byRequest.pages[0]?.pushedDown).toEqual(['requestId']);
    expect(byRequest.events).toHaveLength(1);
    const imageId = byRequest.events[0]?.scope.image ?? '';

    proxy.requests.length = 0;
    const byImage = await crawl({ ...day, filters: { image: [imageId] } });
    expect(byImage.pages[0]?.pushedDown).toEqual(['image']);
    expect(contaboRequests()[0]).toContain(`imageId=${imageId}`);
    expect(byImage.events.every((event) => event.scope.image === imageId)).toBe(true);
  });

  it('leaves names, emails and several values to the browser', () => {
    const params = contaboParams(
      { ...day, filters: { actor: ['alice.nguyen@example.com'], image: ['a', 'b'], requestId: [] } },
      3,
    );
    expect([...params.keys()]).toEqual(['page', 'size', 'orderBy', 'orderBy', 'startDate', 'endDate']);
    expect(params.get('page')).toBe('3');
  });

  it('reads a body whose _pagination is an empty string, continuing while pages are full', async () => {
    await proxy.fault('contabo', { status: 200, body: listBody([ENTRY], ''), times: 1 });
    const page = await fetchContaboPage(day, null, { demo: true });
    expect(page.total).toBeUndefined();
    expect(page.events.map((event) => event.key)).toEqual(['contabo.images:1']);
    expect(page.nextCursor).toBeNull();
    expect(page.warnings).toEqual([]);
  });

  it('warns of a gap when fewer distinct entries came back than totalElements', async () => {
    const pagination = { size: 100, totalElements: 3, totalPages: 1, page: 1 };
    await proxy.fault('contabo', {
      status: 200,
      body: listBody([ENTRY, { ...ENTRY, id: 2 }], pagination),
      times: 1,
    });
    const page = await fetchContaboPage(day, null, { demo: true });
    expect(page.total).toBe(3);
    expect(page.warnings).toEqual([
      'Contabo reported 3 matching entries but 2 distinct came back: 1 may be missing',
    ]);
  });

  it('reports entries out of newest-first order', async () => {
    const pagination = { size: 100, totalElements: 2, totalPages: 1, page: 1 };
    const older = { ...ENTRY, id: 2, timestamp: new Date(TEST_NOW_MS - 120_000).toISOString() };
    await proxy.fault('contabo', { status: 200, body: listBody([older, ENTRY], pagination), times: 1 });
    const page = await fetchContaboPage(day, null, { demo: true });
    expect(page.warnings).toEqual(['Contabo returned entry 1 out of newest-first order']);
  });

  it('names the provider and the field when the body breaks the schema', async () => {
    const bad = { ...ENTRY, timestamp: '2026-11-20 11:59:00' };
    await proxy.fault('contabo', { status: 200, body: listBody([bad], ''), times: 1 });
    const error = await fetchContaboPage(day, null, { demo: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toMatch(/^Contabo: unexpected response \(.*data\.0\.timestamp/);
  });

  it("maps Contabo's error body and retries a 429", async () => {
    await proxy.fault('contabo', {
      status: 401,
      body: JSON.stringify({ statusCode: 401, message: 'Unauthorized' }),
      times: 1,
    });
    await expect(fetchContaboPage(day, null, { demo: true })).rejects.toMatchObject({
      kind: 'unauthorized',
      status: 401,
      detail: 'Unauthorized',
    });
    await proxy.fault('contabo', {
      status: 429,
      headers: { 'retry-after': '0', 'content-type': 'application/json' },
      body: JSON.stringify({ statusCode: 429, message: 'Too Many Requests' }),
      times: 1,
    });
    const retries: number[] = [];
    const page = await fetchContaboPage(day, null, {
      demo: true,
      onRetry: (info) => retries.push(info.status),
    });
    expect(retries).toEqual([429]);
    expect(page.events.length).toBeGreaterThan(0);
  });

  it('sorts by time alone, and says so once, if Contabo refuses orderBy=id:desc; the crawl is still exact', async () => {
    await proxy.fault('contabo', {
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ statusCode: 400, message: 'orderBy id is not a sortable field' }),
      times: 1,
    });
    const { events, pages, warnings } = await crawl(day);
    expect(events.map((event) => event.key)).toEqual(expectedKeys(day));
    expect(warnings).toEqual([]);
    expect(pages[0]?.notes).toEqual([expect.stringContaining('Contabo refused orderBy=id:desc')]);
    expect(pages.slice(1).every((page) => page.notes === undefined)).toBe(true);
    const orders = contaboRequests().map((request) =>
      new URL(request, 'http://127.0.0.1').searchParams.getAll('orderBy').join('&'),
    );
    expect(orders[0]).toBe('timestamp:desc&id:desc');
    expect(new Set(orders.slice(1))).toEqual(new Set(['timestamp:desc']));
    // A new crawl (another range, a poll) does not ask with id:desc again.
    try {
      const again = await fetchContaboPage(day, null, { demo: true });
      const last = new URL(contaboRequests().at(-1) ?? '', 'http://127.0.0.1').searchParams;
      expect(last.getAll('orderBy')).toEqual(['timestamp:desc']);
      // Its ledger says so too.
      expect(again.notes).toEqual([expect.stringContaining('Contabo refused orderBy=id:desc')]);
      await fetchContaboPage(day, again.nextCursor as ContaboCursor, { demo: true });
      const next = new URL(contaboRequests().at(-1) ?? '', 'http://127.0.0.1').searchParams;
      expect(next.getAll('orderBy')).toEqual(['timestamp:desc']);
    } finally {
      forgetRefusedContaboOrder();
    }
  });

  it('does not take another 400 for a refused sort', async () => {
    await proxy.fault('contabo', {
      status: 400,
      body: JSON.stringify({ statusCode: 400, message: 'size must not be greater than 100' }),
      times: 1,
    });
    await expect(fetchContaboPage(day, null, { demo: true })).rejects.toMatchObject({ status: 400 });
    expect(contaboRequests()).toHaveLength(1);
  });

  it('offers one feed while the proxy serves Contabo', () => {
    expect(contaboFeeds({ id: 'contabo', mode: 'demo', reason: '' }).map((feed) => feed.id)).toEqual([
      'contabo.images',
    ]);
    expect(contaboFeeds({ id: 'contabo', mode: 'not configured', reason: '' })).toEqual([]);
  });
});
