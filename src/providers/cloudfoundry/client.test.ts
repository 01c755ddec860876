import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../lib/provider-error.ts';
import { TEST_NOW_MS, setupProxyInProcess } from '../../testing/proxy-in-process.ts';
import type { AuditEvent } from '../../timeline/audit-event.ts';
import type { FeedPage, TimelineQuery } from '../../timeline/feed.ts';
import { fetchProviderJson } from '../http/fetch-json.ts';
import { COMPROMISED_ACCOUNT } from '../simulator-kit/stories.ts';
import {
  CLOUDFOUNDRY_PAGE_SIZE,
  cloudFoundryEndpoint,
  fetchCloudFoundryPage,
  type CloudFoundryCursor,
} from './client.ts';
import { cloudFoundryFeeds } from './queries.ts';
import { cfAuditEventListSchema } from './schema.ts';
import { SIMULATED_FOUNDATION } from './simulator/data.ts';

const proxy = setupProxyInProcess();
const DAY = 86_400_000;
const day: TimelineQuery = { range: { from: TEST_NOW_MS - DAY, to: TEST_NOW_MS } };

async function crawl(query: TimelineQuery, perPage = CLOUDFOUNDRY_PAGE_SIZE) {
  const events: AuditEvent[] = [];
  const pages: FeedPage[] = [];
  let cursor: CloudFoundryCursor | null = null;
  for (;;) {
    const page = await fetchCloudFoundryPage(query, cursor, { demo: true }, perPage);
    pages.push(page);
    events.push(...page.events);
    if (page.nextCursor === null) return { events, pages };
    cursor = page.nextCursor as CloudFoundryCursor;
  }
}

/** The adapter's own requests (the test control's calls are recorded too). */
function cfRequests() {
  return proxy.requests.filter((path) => !path.startsWith('/api/_test/'));
}

function param(path: string, name: string) {
  return new URLSearchParams(path.split('?')[1] ?? '').get(name);
}

function expectNewestFirstOnce(events: readonly AuditEvent[]) {
  expect(new Set(events.map((event) => event.key)).size).toBe(events.length);
  for (let i = 1; i < events.length; i++) expect(events[i]!.time).toBeLessThanOrEqual(events[i - 1]!.time);
}

function cfBody(status: number, code: number, title: string, detail: string) {
  return { status, body: JSON.stringify({ errors: [{ code, title, detail }] }) };
}

describe('Cloud Foundry adapter against the simulator, through the proxy', () => {
  it('pages a day by time, walking over-full seconds with page numbers, each event once', async () => {
    const { events, pages } = await crawl(day, 50);
    expectNewestFirstOnce(events);
    expect(events.every((e) => e.time >= day.range.from && e.time <= day.range.to)).toBe(true);
    expect(
      events.every(
        (e) => e.demo && e.provider === 'cloudfoundry' && e.key.startsWith('cloudfoundry.audit_events:'),
      ),
    ).toBe(true);
    expect(pages[0]!.total).toBe(events.length);
    expect(pages.every((page) => page.warnings.length === 0 && page.total === events.length)).toBe(true);
    expect(cfRequests().every((path) => path.startsWith('/api/cloudfoundry/v3/audit_events?'))).toBe(true);
    expect(cfRequests().every((path) => param(path, 'order_by') === '-created_at')).toBe(true);
    expect(new Set(cfRequests().map((path) => param(path, 'created_ats[gte]')))).toEqual(
      new Set(['2026-11-19T12:00:00Z']),
    );
    // The nightly bulk restage (120 apps in one second) is more than a page: page 2, 3 under the same bound.
    const deeper = cfRequests().filter((path) => param(path, 'page') !== '1');
    expect(deeper.length).toBeGreaterThanOrEqual(2);
    for (const path of deeper) {
      const index = cfRequests().indexOf(path);
      expect(param(cfRequests()[index - 1]!, 'created_ats[lte]')).toBe(param(path, 'created_ats[lte]'));
    }
    const burst = events.filter(
      (e) => e.action === 'audit.app.restage' && e.actor.id === 'concourse-deployer',
    );
    expect(burst.length).toBeGreaterThanOrEqual(120);
  });

  it('loads all 30 days without ever reaching max_total_results, where naive deep paging fails', async () => {
    const month: TimelineQuery = { range: { from: TEST_NOW_MS - 30 * DAY, to: TEST_NOW_MS } };
    const { events, pages } = await crawl(month, 200);
    expect(events.length).toBeGreaterThan(12_000);
    expect(events.length).toBe(pages[0]!.total);
    expectNewestFirstOnce(events);
    expect(pages.flatMap((page) => page.warnings)).toEqual([]);
    const deepest = Math.max(
      ...cfRequests().map((path) => Number(param(path, 'page')) * Number(param(path, 'per_page'))),
    );
    expect(deepest).toBeLessThanOrEqual(600);

    const naive = new URLSearchParams({ order_by: '-created_at', page: '51', per_page: '200' });
    const error = await fetchProviderJson(cloudFoundryEndpoint, {
      path: 'v3/audit_events',
      params: naive,
      schema: cfAuditEventListSchema,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ status: 400 });
    expect((error as ProviderError).detail).toMatch(/max_total_results.*\(CF-BadQueryParameter\)$/);
  });

  it('finds alice changing an app in the compromised-account story, with the story request id', async () => {
    const { events } = await crawl(day);
    const update = events.find((e) => e.requestId === COMPROMISED_ACCOUNT.requestId);
    expect(update).toMatchObject({
      action: 'audit.app.update',
      category: 'configuration',
      outcome: 'success',
      time: Math.floor(COMPROMISED_ACCOUNT.appChangedAt(TEST_NOW_MS) / 1000) * 1000,
      actor: { id: COMPROMISED_ACCOUNT.actor.uuid, email: 'alice.nguyen@example.com', type: 'user' },
      target: { name: 'payments-api', type: 'app' },
    });
    expect(update?.summary).toBe('alice.nguyen@example.com updated app payments-api (environment_variables)');
  });

  it('trims a sub-second range in the browser after asking whole seconds', async () => {
    const { events } = await crawl(day);
    const at = events[40]!.time;
    const narrow: TimelineQuery = { range: { from: at + 1, to: at + 999 } };
    expect((await crawl(narrow)).events).toEqual([]);
    expect(cfRequests().at(-1)).toContain(
      `created_ats%5Bgte%5D=${encodeURIComponent(new Date(at).toISOString().replace('.000', ''))}`,
    );
  });

  it('pushes filters down to types, target_guids, space_guids and organization_guids', async () => {
    const space = SIMULATED_FOUNDATION.spaces[2]!;
    const query: TimelineQuery = {
      range: day.range,
      filters: {
        action: ['audit.app.update', 'audit.app.ssh-authorized'],
        space: [space.guid],
        org: [space.orgGuid],
      },
    };
    const { events, pages } = await crawl(query);
    expect(events.length).toBeGreaterThan(0);
    expect(
      events.every(
        (e) =>
          e.scope.space === space.guid && ['audit.app.update', 'audit.app.ssh-authorized'].includes(e.action),
      ),
    ).toBe(true);
    expect(pages[0]!.pushedDown).toEqual(['action', 'space', 'org']);
    expect(param(cfRequests()[0]!, 'types')).toBe('audit.app.update,audit.app.ssh-authorized');
    expect(param(cfRequests()[0]!, 'space_guids')).toBe(space.guid);
    const app = SIMULATED_FOUNDATION.apps.find(
      (a) => a.name === 'payments-api' && a.spaceGuid === space.guid,
    )!;
    const byTarget = await crawl({ range: day.range, filters: { target: [app.guid] } });
    expect(byTarget.events.every((e) => e.target.id === app.guid)).toBe(true);
    expect(byTarget.pages[0]!.pushedDown).toEqual(['target']);
  });

  it('never follows pagination.next.href: every request is built from its own parameters (trap)', async () => {
    const crafted = {
      pagination: {
        total_results: 4,
        total_pages: 2,
        first: { href: 'https://api.sys.demo.example/v3/audit_events?page=1&per_page=2' },
        last: { href: 'https://evil.example/v3/audit_events?page=2&per_page=2' },
        next: { href: 'https://evil.example/v3/audit_events?page=2&per_page=2' },
        previous: null,
      },
      resources: [
        {
          guid: '11111111-1111-4111-8111-111111111111',
          created_at: '2026-11-20T11:59:30Z',
          updated_at: '2026-11-20T11:59:30Z',
          type: 'blob.remove_orphan',
          actor: null,
          target: null,
          data: {},
          space: null,
          organization: null,
          links: { self: { href: 'https://evil.example/v3/audit_events/1' } },
        },
        {
          guid: '22222222-2222-4222-8222-222222222222',
          created_at: '2026-11-20T11:58:00Z',
          updated_at: '2026-11-20T11:58:00Z',
          type: 'audit.app.update',
          actor: null,
          target: null,
          data: {},
          space: null,
          organization: null,
        },
      ],
    };
    await proxy.fault('cloudfoundry', { status: 200, body: JSON.stringify(crafted), times: 1 });
    const first = await fetchCloudFoundryPage(day, null, { demo: true }, 2);
    // Null actor, target, space and organization normalize to empty objects (trap).
    expect(first.events.map((e) => [e.actor, e.target, e.scope])).toEqual([
      [{}, {}, {}],
      [{}, {}, {}],
    ]);
    expect(first.nextCursor).toMatchObject({ lte: Date.parse('2026-11-20T11:58:00Z') / 1000, page: 1 });
    await fetchCloudFoundryPage(day, first.nextCursor as CloudFoundryCursor, { demo: true }, 2);
    expect(cfRequests()).toHaveLength(2);
    expect(cfRequests().every((path) => path.startsWith('/api/cloudfoundry/v3/audit_events?'))).toBe(true);
    expect(cfRequests().join(' ')).not.toMatch(/evil|api\.sys\.demo/);
    expect(param(cfRequests()[1]!, 'created_ats[lte]')).toBe('2026-11-20T11:58:00Z');
    expect(param(cfRequests()[1]!, 'page')).toBe('1');
  });

  it('says the token expired when a static token is rejected with 401', async () => {
    await proxy.fault('cloudfoundry', cfBody(401, 1000, 'CF-InvalidAuthToken', 'Invalid Auth Token'));
    await expect(fetchCloudFoundryPage(day, null, { demo: true })).rejects.toMatchObject({
      kind: 'unauthorized',
      status: 401,
      detail: 'the access token is invalid or has expired (CF-InvalidAuthToken)',
    });
  });

  it("maps CF's error body, retries a 429 by X-RateLimit-Reset, and names a broken field", async () => {
    await proxy.fault('cloudfoundry', {
      ...cfBody(
        400,
        10005,
        'CF-BadQueryParameter',
        'The query parameter is invalid: Per page must be between 1 and 5000',
      ),
      times: 1,
    });
    await expect(fetchCloudFoundryPage(day, null, { demo: true })).rejects.toMatchObject({
      kind: 'http',
      status: 400,
      detail: 'The query parameter is invalid: Per page must be between 1 and 5000 (CF-BadQueryParameter)',
    });

    await proxy.fault('cloudfoundry', {
      ...cfBody(429, 10013, 'CF-RateLimitExceeded', 'Rate Limit Exceeded'),
      headers: {
        'content-type': 'application/json',
        'x-ratelimit-limit': '2000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)),
      },
      times: 1,
    });
    const retries: number[] = [];
    const page = await fetchCloudFoundryPage(day, null, {
      demo: true,
      onRetry: (info) => retries.push(info.status),
    });
    expect(retries).toEqual([429]);
    expect(page.events.length).toBeGreaterThan(0);

    const drift = {
      pagination: { total_results: 1, total_pages: 1 },
      resources: [{ guid: 'x', type: 'audit.app.update', created_at: '2026-11-20 11:00:00' }],
    };
    await proxy.fault('cloudfoundry', { status: 200, body: JSON.stringify(drift), times: 1 });
    const error = await fetchCloudFoundryPage(day, null, { demo: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toMatch(
      /^Cloud Foundry: unexpected response \(field resources\.0\.created_at: /,
    );
  });

  it("fails a 429 at once with the server's wait when it is longer than retries may take, and backs off from a 503 with requests left", async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 120);
    await proxy.fault('cloudfoundry', {
      ...cfBody(429, 10013, 'CF-RateLimitExceeded', 'Rate Limit Exceeded'),
      headers: {
        'content-type': 'application/json',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': reset,
      },
      times: 1,
    });
    const retries: number[] = [];
    const error = await fetchCloudFoundryPage(day, null, {
      demo: true,
      onRetry: (info) => retries.push(info.delayMs),
    }).catch((e: unknown) => e);
    expect(retries).toEqual([]);
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429 });
    expect((error as ProviderError).retryAfterMs).toBeGreaterThan(100_000);

    // The window's reset on a 503 with requests left is no reason to wait for it (that took 30 s).
    await proxy.fault('cloudfoundry', {
      ...cfBody(503, 10015, 'CF-ServiceUnavailable', 'Service Unavailable'),
      headers: {
        'content-type': 'application/json',
        'x-ratelimit-remaining': '1500',
        'x-ratelimit-reset': reset,
      },
      times: 1,
    });
    const delays: number[] = [];
    const page = await fetchCloudFoundryPage(day, null, {
      demo: true,
      onRetry: (info) => delays.push(info.delayMs),
    });
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeLessThanOrEqual(500);
    expect(page.events.length).toBeGreaterThan(0);
  });

  it('exposes one feed while live or demo, whose fetchPage starts without a cursor', async () => {
    expect(cloudFoundryFeeds({ id: 'cloudfoundry', mode: 'not configured', reason: 'test' })).toEqual([]);
    const feeds = cloudFoundryFeeds({ id: 'cloudfoundry', mode: 'demo', reason: 'test' });
    expect(feeds.map(({ id, provider, source }) => ({ id, provider, source }))).toEqual([
      { id: 'cloudfoundry.audit_events', provider: 'cloudfoundry', source: 'cloudfoundry.audit_events' },
    ]);
    const page = await feeds[0]!.fetchPage(day, undefined, { demo: true });
    expect(page.events).toHaveLength(CLOUDFOUNDRY_PAGE_SIZE);
    expect(param(cfRequests()[0]!, 'per_page')).toBe(String(CLOUDFOUNDRY_PAGE_SIZE));
  });
});
