import { randomUUID } from 'node:crypto';
import { getResponse } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClock } from '../../simulator-kit/clock.ts';
import { COMPROMISED_ACCOUNT } from '../../simulator-kit/stories.ts';
import { berlinDayEnd, berlinDayStart } from './berlin-days.ts';
import type { ContaboWireAudit } from './data.ts';
import {
  CONTABO_DEFAULT_AUTH_URL,
  CONTABO_DEMO_API_PASSWORD,
  CONTABO_DEMO_API_USER,
  CONTABO_DEMO_CLIENT_ID,
  CONTABO_DEMO_CLIENT_SECRET,
  contaboSimulatorHandlers,
  type ContaboSimulatorOptions,
} from './handlers.ts';

const BASE = 'https://api.contabo.com';
const NOW = '2026-11-20T12:00:00.000Z';
const AUDITS = `${BASE}/v1/compute/images/audits`;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface ListBody {
  _pagination: { size: number; totalElements: number; totalPages: number; page: number };
  data: ContaboWireAudit[];
  _links: Record<string, string>;
  statusCode?: number;
  message?: string;
}

function simulator(extra: Partial<ContaboSimulatorOptions> = {}) {
  const handlers = contaboSimulatorHandlers({
    baseUrl: BASE,
    clock: createClock(NOW),
    scale: 1,
    rateLimit: false,
    ...extra,
  });

  async function login(form: Record<string, string> = {}) {
    const body = new URLSearchParams({
      grant_type: 'password',
      client_id: CONTABO_DEMO_CLIENT_ID,
      client_secret: CONTABO_DEMO_CLIENT_SECRET,
      username: CONTABO_DEMO_API_USER,
      password: CONTABO_DEMO_API_PASSWORD,
      ...form,
    });
    const response = await getResponse(
      handlers,
      new Request(extra.authUrl ?? CONTABO_DEFAULT_AUTH_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      }),
    );
    if (!response) throw new Error('no token handler answered');
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function call(query: string, headers: Record<string, string>) {
    const response = await getResponse(handlers, new Request(`${AUDITS}${query}`, { headers }));
    if (!response) throw new Error('no handler answered');
    return { status: response.status, headers: response.headers, body: (await response.json()) as ListBody };
  }

  return { handlers, login, call };
}

const sim = simulator();
let token = '';
beforeAll(async () => {
  token = String((await sim.login()).body.access_token);
});
const auth = () => ({ authorization: `Bearer ${token}`, 'x-request-id': randomUUID() });
const call = (query: string) => sim.call(query, auth());

async function crawl(query: string, size: number) {
  const records: ContaboWireAudit[] = [];
  for (let page = 1; page < 10_000; page++) {
    const { status, body } = await call(`?${query}&page=${page}&size=${size}`);
    expect(status).toBe(200);
    records.push(...body.data);
    if (page >= body._pagination.totalPages) return records;
  }
  throw new Error('crawl did not end');
}

describe('Contabo simulator: fake Keycloak', () => {
  it('issues a bearer token for the demo client and API user, Keycloak style', async () => {
    const { status, body } = await sim.login();
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
    expect(String(body.access_token).split('.')).toHaveLength(3);
  });

  it('answers Keycloak errors for a missing or wrong grant, client or user', async () => {
    expect(await sim.login({ grant_type: '' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Missing form parameter: grant_type' },
    });
    expect(await sim.login({ grant_type: 'client_credentials' })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    expect(await sim.login({ client_secret: 'nope' })).toMatchObject({
      status: 401,
      body: { error: 'unauthorized_client' },
    });
    expect(await sim.login({ password: 'nope' })).toMatchObject({
      status: 401,
      body: { error: 'invalid_grant', error_description: 'Invalid user credentials' },
    });
  });

  it('answers at a configured auth URL', async () => {
    const other = simulator({ authUrl: 'https://sso.example.test/token' });
    expect((await other.login()).status).toBe(200);
  });
});

describe('Contabo simulator: audits endpoint', () => {
  it('serves about 12,000 entries over 30 days in the Contabo envelope', async () => {
    const { status, body } = await call('?orderBy=timestamp:desc&size=50');
    expect(status).toBe(200);
    expect(body.data).toHaveLength(50);
    expect(body._pagination.totalElements).toBeGreaterThan(10_000);
    expect(body._pagination.totalElements).toBeLessThan(15_000);
    expect(body._pagination).toMatchObject({ size: 50, page: 1 });
    expect(body._pagination.totalPages).toBe(Math.ceil(body._pagination.totalElements / 50));
    const entry = body.data[0];
    expect(entry?.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(['DE', 'INT']).toContain(entry?.tenantId);
    expect(entry?.customerId).toMatch(/^\d+$/);
    expect(entry?.changedBy).toMatch(UUID_V4);
    expect(entry?.imageId).toMatch(UUID_V4);
  });

  it('defaults to page 1 of 10 and links carry only page', async () => {
    const { body } = await call('?orderBy=timestamp:desc&page=2');
    expect(body.data).toHaveLength(10);
    expect(body._pagination).toMatchObject({ size: 10, page: 2 });
    expect(body._links).toEqual({
      self: '/v1/compute/images/audits?page=2',
      first: '/v1/compute/images/audits?page=1',
      previous: '/v1/compute/images/audits?page=1',
      next: '/v1/compute/images/audits?page=3',
      last: `/v1/compute/images/audits?page=${body._pagination.totalPages}`,
    });
    const last = await call(`?page=${body._pagination.totalPages}`);
    expect(last.body._links.next).toBeUndefined();
    const beyond = await call(`?page=${body._pagination.totalPages + 1}`);
    expect(beyond.status).toBe(200);
    expect(beyond.body.data).toEqual([]);
  });

  it('orders by timestamp either way, in either case, with id as a second key', async () => {
    const desc = (await call('?orderBy=timestamp:desc&size=200')).body.data;
    const upper = (await call('?orderBy=timestamp:DESC&orderBy=id:DESC&size=200')).body.data;
    expect(upper).toEqual(desc);
    for (let i = 1; i < desc.length; i++) {
      const [a, b] = [desc[i - 1], desc[i]] as [ContaboWireAudit, ContaboWireAudit];
      expect(a.timestamp > b.timestamp || (a.timestamp === b.timestamp && a.id > b.id)).toBe(true);
    }
    const asc = (await call('?orderBy=timestamp:asc&size=200')).body.data;
    expect(asc[0]!.timestamp < asc[199]!.timestamp).toBe(true);
    expect(asc[0]!.timestamp < desc[199]!.timestamp).toBe(true);
    const byImage = (await call('?orderBy=imageId:asc&orderBy=timestamp:desc&size=100')).body.data;
    expect(byImage.map((entry) => entry.imageId)).toEqual(byImage.map((entry) => entry.imageId).sort());
  });

  it('pages without losing or repeating an entry, whatever the page size', async () => {
    const query = `orderBy=timestamp:desc&orderBy=id:desc&startDate=2026-11-19&endDate=2026-11-20`;
    const big = await crawl(query, 500);
    const small = await crawl(query, 37);
    expect(small.map((entry) => entry.id)).toEqual(big.map((entry) => entry.id));
    expect(new Set(big.map((entry) => entry.id)).size).toBe(big.length);
  });

  it('reads startDate and endDate as inclusive Europe/Berlin days', async () => {
    const { body } = await call('?orderBy=timestamp:asc&startDate=2026-11-18&endDate=2026-11-18&size=1000');
    expect(body.data.length).toBeGreaterThan(100);
    const from = berlinDayStart('2026-11-18');
    expect(from).toBe(Date.parse('2026-11-17T23:00:00.000Z'));
    for (const entry of body.data) {
      const at = Date.parse(entry.timestamp);
      expect(at).toBeGreaterThanOrEqual(from);
      expect(at).toBeLessThan(from + 86_400_000);
    }
    expect(Date.parse(body.data[0]!.timestamp) - from).toBeLessThan(3_600_000);
    expect(berlinDayStart('2026-07-01')).toBe(Date.parse('2026-06-30T22:00:00.000Z'));
  });

  it("ends a Berlin day at the next one's midnight, 23 or 25 hours long when the clocks change", () => {
    expect(berlinDayEnd('2026-10-25')).toBe(Date.parse('2026-10-25T23:00:00.000Z'));
    expect(berlinDayEnd('2026-03-29')).toBe(Date.parse('2026-03-29T22:00:00.000Z'));
    expect(berlinDayEnd('2026-10-25') - berlinDayStart('2026-10-25')).toBe(25 * 3_600_000);
    expect(berlinDayEnd('2026-12-31')).toBe(Date.parse('2026-12-31T23:00:00.000Z'));
  });

  it('filters by imageId, requestId and changedBy', async () => {
    const sample = (await call('?orderBy=timestamp:desc&size=1')).body.data[0]!;
    const image = await crawl(`imageId=${sample.imageId}`, 500);
    expect(image.length).toBeGreaterThan(1);
    expect(image.every((entry) => entry.imageId === sample.imageId)).toBe(true);
    const person = await crawl(`changedBy=${sample.changedBy}`, 500);
    expect(person.length).toBeGreaterThan(1);
    expect(person.every((entry) => entry.changedBy === sample.changedBy)).toBe(true);
    const request = (await call(`?requestId=${sample.requestId}`)).body.data;
    expect(request.map((entry) => entry.id)).toEqual([sample.id]);
  });

  it("tells alice's side of the compromised-account story", async () => {
    const { body } = await call(`?requestId=${COMPROMISED_ACCOUNT.requestId}`);
    expect(body.data).toHaveLength(1);
    const entry = body.data[0]!;
    expect(entry).toMatchObject({
      action: 'UPDATED',
      changedBy: COMPROMISED_ACCOUNT.actor.uuid,
      username: 'alice.nguyen@example.com',
      traceId: COMPROMISED_ACCOUNT.traceId,
      timestamp: new Date(COMPROMISED_ACCOUNT.imageReplacedAt(Date.parse(NOW))).toISOString(),
    });
    expect(JSON.stringify(entry.changes?.new)).toContain(COMPROMISED_ACCOUNT.ip);
  });

  it('tells whole image lifecycles: created first, deleted last, changes on updates', async () => {
    const all = await crawl('orderBy=timestamp:asc&orderBy=id:asc', 2000);
    const byImage = new Map<string, ContaboWireAudit[]>();
    for (const entry of all) byImage.set(entry.imageId, [...(byImage.get(entry.imageId) ?? []), entry]);
    expect(byImage.size).toBeGreaterThan(24);
    expect(byImage.size).toBeLessThan(120);
    let created = 0;
    let deleted = 0;
    for (const entries of byImage.values()) {
      const actions = entries.map((entry) => entry.action);
      if (actions.includes('CREATED')) created++;
      if (actions.includes('DELETED')) deleted++;
      expect(actions.indexOf('CREATED')).toBeLessThanOrEqual(0);
      const end = actions.indexOf('DELETED');
      expect(end === -1 || end === actions.length - 1).toBe(true);
    }
    expect(created).toBeGreaterThan(10);
    expect(deleted).toBeGreaterThan(10);
    const update = all.find((entry) => entry.action === 'UPDATED');
    expect(Object.keys(update?.changes ?? {}).sort()).toEqual(['new', 'prev']);
  });

  it('holds runs of equal timestamps', async () => {
    const all = await crawl('orderBy=timestamp:desc&orderBy=id:desc', 2000);
    const runs = all.filter((entry, i) => entry.timestamp === all[i - 1]?.timestamp);
    expect(runs.length).toBeGreaterThan(20);
  });

  it('refuses bad page, size, orderBy and dates with Contabo error bodies', async () => {
    for (const query of [
      '?size=0',
      '?size=ten',
      '?page=-1',
      '?page=two',
      '?orderBy=timestamp',
      '?orderBy=timestamp:down',
      '?startDate=2026-13-01',
      '?endDate=20.11.2026',
    ]) {
      const { status, body } = await call(query);
      expect({ query, status }).toEqual({ query, status: 400 });
      expect(body.statusCode).toBe(400);
      expect(typeof body.message).toBe('string');
    }
    expect((await call('?page=0')).body._pagination.page).toBe(1);
    expect((await call('?orderBy=name:asc')).status).toBe(200);
  });

  it('requires a valid x-request-id', async () => {
    const missing = await sim.call('?', { authorization: `Bearer ${token}` });
    expect(missing).toMatchObject({ status: 400, body: { statusCode: 400 } });
    expect(missing.body.message).toMatch(/x-request-id/);
    const invalid = await sim.call('?', { authorization: `Bearer ${token}`, 'x-request-id': 'not-a-uuid' });
    expect(invalid.status).toBe(400);
    const upper = await sim.call('?', {
      authorization: `Bearer ${token}`,
      'x-request-id': randomUUID().toUpperCase(),
    });
    expect(upper.status).toBe(200);
  });

  it('answers 401 without a token it issued, or once the token has expired', async () => {
    expect(await sim.call('?', { 'x-request-id': randomUUID() })).toMatchObject({
      status: 401,
      body: { statusCode: 401, message: 'Unauthorized' },
    });
    const forged = await sim.call('?', {
      authorization: 'Bearer eyJ.forged.token',
      'x-request-id': randomUUID(),
    });
    expect(forged.status).toBe(401);

    let wall = Date.parse(NOW);
    const expiring = simulator({ wallClock: () => wall });
    const fresh = String((await expiring.login()).body.access_token);
    const headers = () => ({ authorization: `Bearer ${fresh}`, 'x-request-id': randomUUID() });
    expect((await expiring.call('?', headers())).status).toBe(200);
    wall += 301_000;
    expect((await expiring.call('?', headers())).status).toBe(401);
  });

  it('answers 429 once its rate limit is spent, with no Retry-After (none is documented)', async () => {
    const limited = simulator({ rateLimit: { burst: 2, perSecond: 0.5 } });
    const fresh = String((await limited.login()).body.access_token);
    const statuses = [];
    let last: Awaited<ReturnType<typeof limited.call>> | undefined;
    for (let i = 0; i < 3; i++) {
      last = await limited.call('?', { authorization: `Bearer ${fresh}`, 'x-request-id': randomUUID() });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(last?.body).toMatchObject({ statusCode: 429 });
    expect(last?.headers.get('retry-after')).toBeNull();
  });

  it('is deterministic for a pinned clock', async () => {
    const again = simulator();
    const other = String((await again.login()).body.access_token);
    const a = (await call('?orderBy=timestamp:desc&size=100')).body;
    const b = (
      await again.call('?orderBy=timestamp:desc&size=100', {
        authorization: `Bearer ${other}`,
        'x-request-id': randomUUID(),
      })
    ).body;
    expect(b).toEqual(a);
  });
});
