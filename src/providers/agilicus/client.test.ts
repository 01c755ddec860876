import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../lib/provider-error.ts';
import { TEST_NOW_MS, setupProxyInProcess } from '../../testing/proxy-in-process.ts';
import type { AuditEvent } from '../../timeline/audit-event.ts';
import type { FeedPage, TimelineQuery } from '../../timeline/feed.ts';
import { compareNewestFirst } from '../../timeline/ordering.ts';
import { INTRUDER_IP } from '../simulator-kit/cast.ts';
import { COMPROMISED_ACCOUNT } from '../simulator-kit/stories.ts';
import { AGILICUS_LIMIT, agilicusFilterParams, fetchAgilicusPage, type AgilicusKind } from './client.ts';
import { agilicusFeeds } from './queries.ts';

const proxy = setupProxyInProcess();
/** Requests the adapter made (the helper also records its own test-control calls, and `truth` asks too). */
const agilicusRequests = () =>
  proxy.requests.filter(
    (request) => request.startsWith('/api/agilicus/') && !request.endsWith('limit=1000000'),
  );
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const context = { demo: true };

async function crawl(kind: AgilicusKind, query: TimelineQuery) {
  const pages: FeedPage[] = [];
  let cursor: unknown = null;
  do {
    const page = await fetchAgilicusPage(kind, query, cursor, context);
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 1000);
  return { pages, events: pages.flatMap((page) => page.events) };
}

/** The simulator's own answer for a window, asked through the proxy with a limit nothing reaches. */
async function truth(path: string, from: number, to: number, extra = ''): Promise<number> {
  const url = `http://127.0.0.1/api/agilicus/v1/${path}?dt_from=${new Date(from).toISOString()}&dt_to=${new Date(to).toISOString()}&limit=1000000${extra}`;
  const body = (await (await fetch(url)).json()) as { audits?: unknown[]; auth_audits?: unknown[] };
  return (body.audits ?? body.auth_audits ?? []).length;
}

function expectNewestFirstAndUnique(events: readonly AuditEvent[]) {
  expect(new Set(events.map((event) => event.key)).size).toBe(events.length);
  expect([...events].sort(compareNewestFirst).map((event) => event.key)).toEqual(
    events.map((event) => event.key),
  );
}

describe('Agilicus adapter through the proxy and simulator', () => {
  it('offers two feeds while the provider is live or demo, none otherwise', () => {
    const feeds = agilicusFeeds({ id: 'agilicus', mode: 'demo', reason: '' });
    expect(feeds.map((feed) => [feed.id, feed.source, feed.provider])).toEqual([
      ['agilicus.audits', 'agilicus.audits', 'agilicus'],
      ['agilicus.auth', 'agilicus.auth', 'agilicus'],
    ]);
    expect(agilicusFeeds({ id: 'agilicus', mode: 'not configured', reason: '' })).toEqual([]);
  });

  it.each([
    ['audits', 'audits'],
    ['auth', 'auth_audits'],
  ] as const)(
    'reads every %s record of a day exactly once, newest first, with small pages',
    async (kind, path) => {
      const range = { from: TEST_NOW_MS - DAY, to: TEST_NOW_MS };
      const { pages, events } = await crawl(kind, { range });
      expect(events.length).toBe(await truth(path, range.from, range.to + 1));
      expect(events.length).toBeGreaterThan(100);
      expectNewestFirstAndUnique(events);
      for (const page of pages) {
        expect(page.events.length).toBeLessThanOrEqual(AGILICUS_LIMIT * 1.5);
        expect(page.warnings).toEqual([]);
      }
      expect(pages.length).toBeGreaterThan(1);
      expect(events.every((event) => event.time >= range.from && event.time <= range.to && event.demo)).toBe(
        true,
      );
      // Microsecond times land on their own millisecond, floored; the original string stays in raw.
      for (const event of events) {
        const time = (event.raw as { time: string }).time;
        const match = /^(.{19})(?:\.(\d{3})\d{3})?(?:Z|\+00:00)$/.exec(time);
        expect(match).not.toBeNull();
        expect(event.time).toBe(Date.parse(`${match?.[1] ?? ''}Z`) + Number(match?.[2] ?? '0'));
      }
      expect(
        events.every((event) =>
          event.key.startsWith(kind === 'audits' ? 'agilicus.audits:' : 'agilicus.auth:'),
        ),
      ).toBe(true);
      // Every request asked a window and the adapter's limit, never trusting the default.
      expect(agilicusRequests().every((request) => /dt_from=.*dt_to=.*limit=(200|2000)$/.test(request))).toBe(
        true,
      );
    },
  );

  it('reads 30 days completely in a bounded number of requests, numbering identical records #n', async () => {
    const range = { from: TEST_NOW_MS - 30 * DAY, to: TEST_NOW_MS };
    const auth = await crawl('auth', { range });
    const requests = agilicusRequests().length;
    expect(auth.events.length).toBe(await truth('auth_audits', range.from, range.to + 1));
    // Each full answer costs one split: about two requests per resolved window, not one per row.
    expect(requests).toBeLessThan((auth.events.length / AGILICUS_LIMIT) * 6);
    expectNewestFirstAndUnique(auth.events);
    const twin = auth.events.find((event) => /#2$/.test(event.key));
    const first = auth.events.find((event) => event.key === twin?.key.replace(/#2$/, ''));
    expect(twin).toBeDefined();
    expect(first?.raw).toEqual(twin?.raw);
    expect(first?.time).toBe(twin?.time);
  }, 30_000);

  it('gives the same keys whatever the range the records are read in', async () => {
    const wide = await crawl('auth', { range: { from: TEST_NOW_MS - 2 * DAY, to: TEST_NOW_MS } });
    const narrow = await crawl('auth', {
      range: { from: TEST_NOW_MS - 7 * HOUR, to: TEST_NOW_MS - 3 * HOUR },
    });
    const wideKeys = new Set(wide.events.map((event) => event.key));
    expect(narrow.events.length).toBeGreaterThan(0);
    expect(narrow.events.every((event) => wideKeys.has(event.key))).toBe(true);
  });

  it("shows the compromised-account story: Alice's failed sign-ins from the intruder, then a success", async () => {
    const story = COMPROMISED_ACCOUNT;
    const query: TimelineQuery = {
      range: { from: TEST_NOW_MS - DAY, to: TEST_NOW_MS },
      filters: { ip: [INTRUDER_IP] },
    };
    const { pages, events } = await crawl('auth', query);
    expect(pages[0]?.pushedDown).toEqual(['ip']);
    expect(agilicusRequests().every((request) => request.includes(`source_ip=${INTRUDER_IP}`))).toBe(true);
    const failures = events.filter(
      (event) => event.action === 'Authentication Request' && event.outcome === 'failure',
    );
    expect(failures).toHaveLength(3);
    for (const event of failures) {
      expect(event).toMatchObject({
        category: 'authentication',
        ip: INTRUDER_IP,
        traceId: story.traceId,
        actor: { email: 'alice.nguyen@example.com' },
      });
      expect(event.time).toBeGreaterThanOrEqual(story.failedLoginsAt(TEST_NOW_MS));
      expect(event.summary).toContain('Failure for alice.nguyen@example.com from 198.51.100.66');
    }
    const success = events.filter(
      (event) => event.action === 'Authentication Request' && event.outcome === 'success',
    );
    expect(success).toHaveLength(1);
    expect(success[0]?.requestId).toBe(story.requestId);
  });

  it('pushes single-valued filters down to each endpoint and keeps the rest in the browser', async () => {
    expect(
      agilicusFilterParams('audits', {
        actor: ['Xk3Rr9tq2P4aBz7'],
        action: ['UPDATE'],
        target: ['Ap7Vd2Hs9'],
        org: ['Gk2Lm8Zq1'],
        ip: ['203.0.113.7'],
      }),
    ).toEqual({
      params: [
        ['user_id', 'Xk3Rr9tq2P4aBz7'],
        ['action', 'UPDATE'],
        ['target_id', 'Ap7Vd2Hs9'],
        ['org_id', 'Gk2Lm8Zq1'],
      ],
      pushedDown: ['actor', 'action', 'target', 'org'],
    });
    expect(
      agilicusFilterParams('auth', {
        actor: ['alice.nguyen@example.com'],
        action: ['Token'],
        org: ['a', 'b'],
        ip: ['198.51.100.66'],
        sessionId: ['S1'],
        traceId: ['T1'],
        requestId: ['R1'],
      }),
    ).toEqual({
      params: [
        ['source_ip', '198.51.100.66'],
        ['session_id', 'S1'],
        ['trace_id', 'T1'],
        ['request_id', 'R1'],
      ],
      pushedDown: ['ip', 'sessionId', 'traceId', 'requestId'],
    });
    const range = { from: TEST_NOW_MS - DAY, to: TEST_NOW_MS };
    const all = await crawl('audits', { range });
    const sample = all.events.find((event) => event.action === 'UPDATE');
    const actor = sample?.actor.id ?? '';
    const { pages, events } = await crawl('audits', {
      range,
      filters: { actor: [actor], action: ['UPDATE'] },
    });
    expect(pages[0]?.pushedDown).toEqual(['actor', 'action']);
    expect(events.map((event) => event.key)).toEqual(
      all.events
        .filter((event) => event.actor.id === actor && event.action === 'UPDATE')
        .map((event) => event.key),
    );
  });

  it('reports a rejected or expired token as unauthorized with Agilicus’ own message', async () => {
    await proxy.fault('agilicus', {
      status: 401,
      body: JSON.stringify({
        error_code: 'TOKEN_EXPIRED',
        error_message: 'the bearer token has expired: get a new token',
      }),
    });
    const query = { range: { from: TEST_NOW_MS - HOUR, to: TEST_NOW_MS } };
    const error = await fetchAgilicusPage('audits', query, null, context).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      kind: 'unauthorized',
      status: 401,
      detail: 'the bearer token has expired: get a new token',
    });
  });

  it('refuses a 200 without the limit Agilicus always echoes: not an empty, complete window', async () => {
    const query = { range: { from: TEST_NOW_MS - HOUR, to: TEST_NOW_MS } };
    for (const body of ['{}', '{"error_code":"INTERNAL","error_message":"try later"}']) {
      await proxy.fault('agilicus', { status: 200, body, times: 1 });
      const error = await fetchAgilicusPage('auth', query, null, context).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ kind: 'invalid-response' });
      expect((error as ProviderError).message).toMatch(/^Agilicus.*limit/);
    }
  });

  it('retries a 429 with Retry-After, then reads on', async () => {
    await proxy.fault('agilicus', {
      status: 429,
      headers: { 'content-type': 'application/json', 'retry-after': '0' },
      body: JSON.stringify({ error_code: 'TOO_MANY_REQUESTS', error_message: 'the system is too busy' }),
      times: 1,
    });
    const retries: number[] = [];
    const page = await fetchAgilicusPage(
      'auth',
      { range: { from: TEST_NOW_MS - HOUR, to: TEST_NOW_MS } },
      null,
      {
        demo: true,
        onRetry: (info) => retries.push(info.status),
      },
    );
    expect(retries).toEqual([429]);
    expect(page.warnings).toEqual([]);
  });

  it('leaves out a record without a readable time, says so, and keeps the rest of its window', async () => {
    await proxy.fault('agilicus', {
      status: 200,
      body: JSON.stringify({
        limit: 200,
        audits: [
          { time: 'Tuesday', action: 'CREATE' },
          { action: 'DELETE' },
          { time: new Date(TEST_NOW_MS - 60_000).toISOString(), action: 'UPDATE' },
        ],
      }),
    });
    const page = await fetchAgilicusPage(
      'audits',
      { range: { from: TEST_NOW_MS - HOUR, to: TEST_NOW_MS } },
      null,
      context,
    );
    expect(page.events.map((event) => event.action)).toEqual(['UPDATE']);
    expect(page.warnings).toEqual([
      expect.stringMatching(/^Agilicus audits: 2 records between .* had no readable time/),
    ]);
  });

  it('notes result values Agilicus does not document, without calling them a gap', async () => {
    await proxy.fault('agilicus', {
      status: 200,
      body: JSON.stringify({
        limit: 200,
        auth_audits: [
          { time: new Date(TEST_NOW_MS - 60_000).toISOString(), result: 'Quarantined', event_name: 'Token' },
        ],
      }),
    });
    const page = await fetchAgilicusPage(
      'auth',
      { range: { from: TEST_NOW_MS - HOUR, to: TEST_NOW_MS } },
      null,
      context,
    );
    expect(page.events).toHaveLength(1);
    expect(page.events[0]?.outcome).toBe('unknown');
    expect(page.warnings).toEqual([]);
    expect(page.notes).toEqual([
      'auth audits carry a result Audit Lens does not know, shown as written: "Quarantined"',
    ]);
  });
});
