import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../lib/provider-error.ts';
import { TEST_NOW_MS, setupProxyInProcess } from '../../testing/proxy-in-process.ts';
import type { AuditEvent } from '../../timeline/audit-event.ts';
import type { TimelineQuery } from '../../timeline/feed.ts';
import { fetchOpenAiPage, openAiParams } from './client.ts';
import { openAiFeeds } from './queries.ts';

const proxy = setupProxyInProcess();
const DAY = 86_400_000;
const query: TimelineQuery = { range: { from: TEST_NOW_MS - DAY, to: TEST_NOW_MS } };

async function crawl(q: TimelineQuery) {
  const events: AuditEvent[] = [];
  let cursor: string | null = null;
  for (let pages = 1; ; pages++) {
    const page = await fetchOpenAiPage(q, cursor, { demo: true });
    events.push(...page.events);
    if (page.nextCursor === null) return { events, pages };
    cursor = page.nextCursor as string;
  }
}

describe('OpenAI adapter against the simulator, through the proxy', () => {
  it('pages a day newest first with after cursors, each event once and inside the range', async () => {
    const { events, pages } = await crawl(query);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(events.map((event) => event.key)).size).toBe(events.length);
    for (let i = 1; i < events.length; i++) expect(events[i]!.time).toBeLessThanOrEqual(events[i - 1]!.time);
    expect(events.every((event) => event.time >= query.range.from && event.time <= query.range.to)).toBe(
      true,
    );
    expect(
      events.every(
        (event) => event.demo && event.provider === 'openai' && event.key.startsWith('openai.audit_logs:'),
      ),
    ).toBe(true);
    expect(proxy.requests[0]).toContain('effective_at%5Bgte%5D=');
  });

  it('finds the compromised-account story: failed logins from the intruder address and a new API key', async () => {
    const { events } = await crawl(query);
    const story = events.filter((event) => event.ip === '198.51.100.66');
    expect(story.map((event) => event.action)).toEqual(
      expect.arrayContaining(['login.failed', 'login.succeeded', 'api_key.created']),
    );
    const failed = story.find((event) => event.action === 'login.failed');
    expect(failed).toMatchObject({
      category: 'authentication',
      outcome: 'failure',
      actor: { email: 'alice.nguyen@example.com' },
    });
    expect(failed?.summary).toMatch(/^Login failed for alice\.nguyen@example\.com from 198\.51\.100\.66/);
  });

  it('sends whole seconds, lower bound floored and upper bound ceiled', () => {
    const params = openAiParams({ range: { from: 1_700_000_000_500, to: 1_700_000_100_200 } }, 'audit_log-x');
    expect(params.get('effective_at[gte]')).toBe('1700000000');
    expect(params.get('effective_at[lte]')).toBe('1700000101');
    expect(params.get('after')).toBe('audit_log-x');
  });

  it('names the provider and the field when the body breaks the schema', async () => {
    await proxy.fault('openai', {
      status: 200,
      body: JSON.stringify({
        object: 'list',
        data: [{ id: 'x', type: 'login.failed', effective_at: 'soon' }],
        has_more: false,
      }),
    });
    const error = await fetchOpenAiPage(query, null, { demo: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toMatch(
      /^OpenAI: unexpected response \(field data\.0\.effective_at: /,
    );
  });

  it('never stops silently: a missing cursor falls back to the last id, none at all or a repeated one warns', async () => {
    const real = await fetchOpenAiPage(query, null, { demo: true });
    const log = real.events[0]?.raw as { id: string };
    const page = async (body: object, cursor: string | null = null) => {
      await proxy.fault('openai', {
        status: 200,
        body: JSON.stringify({ object: 'list', ...body }),
        times: 1,
      });
      return fetchOpenAiPage(query, cursor, { demo: true });
    };
    expect(await page({ data: [log], has_more: true })).toMatchObject({ nextCursor: log.id, warnings: [] });
    expect(await page({ data: [], last_id: null, has_more: true })).toMatchObject({
      nextCursor: null,
      warnings: [expect.stringMatching(/gave no cursor to read them; older logs may be missing$/)],
    });
    expect(
      await page({ data: [log], last_id: 'audit_log-same', has_more: true }, 'audit_log-same'),
    ).toMatchObject({ nextCursor: null, warnings: [expect.stringMatching(/same cursor again; stopped/)] });
  });

  it('reads the role bindings only tenant_only serves as a second listing, none twice', async () => {
    const week: TimelineQuery = { range: { from: TEST_NOW_MS - 7 * DAY, to: TEST_NOW_MS } };
    const keys: string[] = [];
    for (const feed of openAiFeeds()) {
      let cursor: unknown = null;
      do {
        const page = await feed.fetchPage(week, cursor, { demo: true });
        keys.push(...page.events.map((event) => event.key));
        expect(page.warnings).toEqual([]);
        cursor = page.nextCursor;
      } while (cursor !== null);
    }
    expect(new Set(keys).size).toBe(keys.length);
    expect(proxy.requests.some((path) => path.includes('tenant_only=true'))).toBe(true);
    const tenantOnly = openAiFeeds()[1]!;
    const bindings = await tenantOnly.fetchPage(week, null, { demo: true });
    expect(bindings.events.length).toBeGreaterThan(0);
    expect(bindings.events.every((event) => event.action.startsWith('role.'))).toBe(true);
  });

  it('says, without failing, when an older API refuses tenant_only', async () => {
    await proxy.fault('openai', {
      status: 400,
      body: JSON.stringify({
        error: {
          message: 'Unrecognized request argument supplied: tenant_only',
          type: 'invalid_request_error',
          param: 'tenant_only',
          code: null,
        },
      }),
      times: 1,
    });
    const page = await openAiFeeds()[1]!.fetchPage(query, null, { demo: true });
    expect(page.events).toEqual([]);
    expect(page.nextCursor).toBeNull();
    expect(page.warnings).toEqual([
      'OpenAI did not take tenant_only (an API of the older spec?): role.bound_to_resource and role.unbound_from_resource events cannot be read',
    ]);
  });

  it('says so when the body is not JSON', async () => {
    await proxy.fault('openai', { status: 200, body: '{"object":"list","data":[' });
    await expect(fetchOpenAiPage(query, null, { demo: true })).rejects.toThrow(
      'OpenAI: unexpected response (the body is not JSON)',
    );
  });

  it('maps an error status to the provider message, and retries a 429 honouring Retry-After', async () => {
    await proxy.fault('openai', {
      status: 403,
      body: JSON.stringify({
        error: {
          message: 'Audit logging is not enabled for this organization',
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      }),
    });
    await expect(fetchOpenAiPage(query, null, { demo: true })).rejects.toMatchObject({
      kind: 'forbidden',
      status: 403,
      detail: 'Audit logging is not enabled for this organization',
    });

    await proxy.fault('openai', {
      status: 429,
      headers: { 'retry-after': '0', 'content-type': 'application/json' },
      body: '{}',
      times: 1,
    });
    const retries: number[] = [];
    const page = await fetchOpenAiPage(query, null, {
      demo: true,
      onRetry: (info) => retries.push(info.status),
    });
    expect(retries).toEqual([429]);
    expect(page.events.length).toBeGreaterThan(0);
  });
});
