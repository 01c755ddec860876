import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createClock } from '../../simulator-kit/clock.ts';
import { OPENAI_DEMO_ADMIN_KEY, openAiSimulatorHandlers } from './handlers.ts';

const BASE = 'https://api.openai.com/v1';
const NOW = '2026-11-20T12:00:00.000Z';
const handlers = openAiSimulatorHandlers({
  baseUrl: BASE,
  clock: createClock(NOW),
  scale: 1,
  rateLimit: false,
});

interface ListBody {
  object: string;
  data: { id: string; type: string; effective_at: number; project?: { id: string }; actor?: unknown }[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

async function call(query: string, key: string | null = OPENAI_DEMO_ADMIN_KEY) {
  const headers = new Headers();
  if (key) headers.set('authorization', `Bearer ${key}`);
  const response = await getResponse(
    handlers,
    new Request(`${BASE}/organization/audit_logs${query}`, { headers }),
  );
  if (!response) throw new Error('no handler answered');
  return {
    status: response.status,
    body: (await response.json()) as ListBody & {
      error?: { message: string; type: string; param: string | null; code: string | null };
    },
  };
}

async function crawl(query: string, limit: number) {
  const ids: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 10_000; i++) {
    const page = await call(`${query}&limit=${limit}${after ? `&after=${after}` : ''}`);
    expect(page.status).toBe(200);
    ids.push(...page.body.data.map((log) => log.id));
    if (!page.body.has_more) return { ids, pages: i + 1 };
    after = page.body.last_id;
  }
  throw new Error('crawl did not end');
}

describe('OpenAI simulator', () => {
  it('serves at least 5,000 events over 30 days, newest first, with the list envelope', async () => {
    const { body } = await call('?limit=100');
    expect(body.object).toBe('list');
    expect(body.data).toHaveLength(100);
    expect(body.first_id).toBe(body.data[0]?.id);
    expect(body.last_id).toBe(body.data[99]?.id);
    expect(body.has_more).toBe(true);
    const times = body.data.map((log) => log.effective_at);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const { ids } = await crawl('?', 100);
    expect(ids.length).toBeGreaterThanOrEqual(5000);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('defaults limit to 20 and rejects limits outside 1..100 with an OpenAI error body', async () => {
    expect((await call('?')).body.data).toHaveLength(20);
    for (const limit of ['0', '101', 'abc']) {
      const { status, body } = await call(`?limit=${limit}`);
      expect(status).toBe(400);
      expect(body.error).toMatchObject({ type: 'invalid_request_error', param: 'limit' });
    }
  });

  it('answers 401 with OpenAI error bodies without the right admin key', async () => {
    const missing = await call('?', null);
    expect(missing.status).toBe(401);
    expect(missing.body.error?.message).toMatch(/didn't provide an API key/);
    const wrong = await call('?', 'sk-admin-wrong-key-1234');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error?.code).toBe('invalid_api_key');
    expect(wrong.body.error?.message).not.toContain('sk-admin-wrong-key-1234');
  });

  it('pages with after and before cursors without losing or repeating an event', async () => {
    const whole = await crawl('?effective_at[gte]=' + String(Date.parse(NOW) / 1000 - 86_400), 100);
    const small = await crawl('?effective_at[gte]=' + String(Date.parse(NOW) / 1000 - 86_400), 7);
    expect(small.ids).toEqual(whole.ids);
    const first = await call('?limit=5');
    const second = await call(`?limit=5&after=${first.body.last_id ?? ''}`);
    const back = await call(`?limit=5&before=${second.body.first_id ?? ''}`);
    expect(back.body.data.map((log) => log.id)).toEqual(first.body.data.map((log) => log.id));
  });

  it('filters by effective_at bounds, types, projects, actors and resources', async () => {
    const now = Date.parse(NOW) / 1000;
    const ranged = await call(`?limit=100&effective_at[gt]=${now - 7200}&effective_at[lte]=${now - 3600}`);
    expect(ranged.body.data.length).toBeGreaterThan(0);
    for (const log of ranged.body.data) {
      expect(log.effective_at).toBeGreaterThan(now - 7200);
      expect(log.effective_at).toBeLessThanOrEqual(now - 3600);
    }
    const types = await call('?limit=100&event_types[]=login.failed&event_types[]=api_key.created');
    expect(new Set(types.body.data.map((log) => log.type))).toEqual(
      new Set(['login.failed', 'api_key.created']),
    );
    const project = await call('?limit=100&project_ids[]=proj_Pay7mK2xQ9Lr4tVb8nWc');
    expect(project.body.data.length).toBeGreaterThan(0);
    expect(project.body.data.every((log) => log.project?.id === 'proj_Pay7mK2xQ9Lr4tVb8nWc')).toBe(true);
    const email = 'alice.nguyen@example.com';
    const byEmail = await call(`?limit=100&actor_emails[]=${email}`);
    expect(byEmail.body.data.length).toBeGreaterThan(0);
    expect(byEmail.body.data.every((log) => JSON.stringify(log.actor).includes(email))).toBe(true);
    const someone = byEmail.body.data[0] as { actor: { session?: { user: { id: string } } } };
    const userId = someone.actor.session?.user.id ?? '';
    const byId = await call(`?limit=100&actor_ids[]=${userId}`);
    expect(byId.body.data.every((log) => JSON.stringify(log.actor).includes(userId))).toBe(true);
    const resource = await call('?limit=100&resource_ids[]=key_story0exfil0001');
    expect(resource.body.data.map((log) => log.type)).toEqual(['api_key.created']);
  });

  it('serves role bindings only to tenant_only=true, which takes tenant-scoped types alone', async () => {
    const { ids: all } = await crawl('?', 100);
    const tenant = await crawl('?tenant_only=true', 100);
    const bound = await call(
      '?limit=100&tenant_only=true&event_types[]=role.bound_to_resource&event_types[]=role.unbound_from_resource',
    );
    expect(bound.body.data.length).toBeGreaterThan(0);
    expect(bound.body.data.every((log) => log.type.startsWith('role.'))).toBe(true);
    for (const log of bound.body.data) {
      expect(all).not.toContain(log.id);
      expect(tenant.ids).toContain(log.id);
    }
    expect((await call('?tenant_only=true&event_types[]=login.failed')).status).toBe(400);
    expect((await call('?tenant_only=yes')).body.error?.param).toBe('tenant_only');
  });

  it('rejects unknown event types and non-integer times', async () => {
    expect((await call('?event_types[]=not.a.type')).status).toBe(400);
    expect((await call('?effective_at[gte]=yesterday')).status).toBe(400);
  });

  it('answers 429 with Retry-After once its rate limit is spent', async () => {
    const limited = openAiSimulatorHandlers({
      baseUrl: BASE,
      clock: createClock(NOW),
      scale: 1,
      rateLimit: { burst: 2, perSecond: 0.5 },
    });
    const request = () =>
      new Request(`${BASE}/organization/audit_logs`, {
        headers: { authorization: `Bearer ${OPENAI_DEMO_ADMIN_KEY}` },
      });
    const statuses = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 3; i++) {
      const response = await getResponse(limited, request());
      statuses.push(response?.status);
      retryAfter = response?.headers.get('retry-after') ?? retryAfter;
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  });

  it('is deterministic for a pinned clock', async () => {
    const again = openAiSimulatorHandlers({
      baseUrl: BASE,
      clock: createClock(NOW),
      scale: 1,
      rateLimit: false,
    });
    const request = () =>
      new Request(`${BASE}/organization/audit_logs?limit=50`, {
        headers: { authorization: `Bearer ${OPENAI_DEMO_ADMIN_KEY}` },
      });
    const a: unknown = await (await getResponse(handlers, request()))?.json();
    const b: unknown = await (await getResponse(again, request()))?.json();
    expect(a).toEqual(b);
  });
});
