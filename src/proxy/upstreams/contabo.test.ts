import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClock } from '../../providers/simulator-kit/clock.ts';
import { providerStatuses, type ServerEnv } from '../config.ts';
import { createAuditLensServer } from '../server.ts';
import { contaboUpstream } from './contabo.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const LIVE_ENV: ServerEnv = {
  CONTABO_CLIENT_ID: 'INT-42',
  CONTABO_CLIENT_SECRET: 'live-client-secret',
  CONTABO_API_USER: 'ops@example.com',
  CONTABO_API_PASSWORD: 'live-api-password',
  CONTABO_BASE_URL: 'https://contabo.example.test',
  CONTABO_AUTH_URL: 'https://auth.example.test/token',
};

function upstreamFor(env: ServerEnv) {
  const status = providerStatuses(env).find((candidate) => candidate.id === 'contabo');
  if (!status) throw new Error('no contabo status');
  const upstream = contaboUpstream({
    status,
    env,
    clock: createClock('2026-11-20T12:00:00.000Z'),
    scale: 1,
    wrapDemo: (send) => send,
    log: () => undefined,
  });
  if (!upstream) throw new Error('no upstream');
  return upstream;
}

async function get(upstream: ReturnType<typeof upstreamFor>, search = '?size=5&orderBy=timestamp:desc') {
  const url = new URL(`${upstream.baseUrl}/v1/compute/images/audits${search}`);
  const headers = new Headers({ accept: 'application/json' });
  await upstream.authorize(url, headers);
  const response = await upstream.send(url, headers, AbortSignal.timeout(5000));
  return { headers, response };
}

describe('Contabo upstream, demo', () => {
  it('logs in to the simulated Keycloak and calls the simulator with a fresh x-request-id each time', async () => {
    const upstream = upstreamFor({});
    const first = await get(upstream);
    const second = await get(upstream);
    expect(first.response.status).toBe(200);
    expect(second.response.status).toBe(200);
    expect(first.headers.get('authorization')).toMatch(/^Bearer \S+\.\S+\.\S+$/);
    expect(second.headers.get('authorization')).toBe(first.headers.get('authorization'));
    expect(first.headers.get('x-request-id')).toMatch(UUID_V4);
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    const body = (await first.response.json()) as { data: unknown[] };
    expect(body.data).toHaveLength(5);
  });
});

describe('Contabo upstream, live', () => {
  const tokenRequests: URLSearchParams[] = [];
  const apiRequests: Headers[] = [];
  let tokenStatus = 200;
  let rejectToken: string | undefined;
  let rejectAll = false;
  const server = setupServer(
    http.post('https://auth.example.test/token', async ({ request }) => {
      tokenRequests.push(new URLSearchParams(await request.text()));
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (tokenStatus !== 200)
        return HttpResponse.json(
          { error: 'invalid_grant', error_description: 'Invalid user credentials' },
          { status: tokenStatus },
        );
      return HttpResponse.json({ access_token: `token-${tokenRequests.length}`, expires_in: 300 });
    }),
    http.get('https://contabo.example.test/v1/compute/images/audits', ({ request }) => {
      apiRequests.push(request.headers);
      if (rejectAll || request.headers.get('authorization') === `Bearer ${rejectToken ?? ''}`)
        return HttpResponse.json({ statusCode: 401, message: 'Unauthorized' }, { status: 401 });
      return HttpResponse.json({
        _pagination: { size: 10, totalElements: 0, totalPages: 0, page: 1 },
        data: [],
        _links: {},
      });
    }),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    tokenRequests.length = 0;
    apiRequests.length = 0;
    tokenStatus = 200;
    rejectToken = undefined;
    rejectAll = false;
  });
  afterAll(() => server.close());

  it('sends the password grant from the environment once for concurrent requests', async () => {
    const upstream = upstreamFor(LIVE_ENV);
    const results = await Promise.all(Array.from({ length: 5 }, () => get(upstream)));
    expect(results.every(({ response }) => response.status === 200)).toBe(true);
    expect(tokenRequests).toHaveLength(1);
    expect(Object.fromEntries(tokenRequests[0] ?? [])).toEqual({
      grant_type: 'password',
      client_id: 'INT-42',
      client_secret: 'live-client-secret',
      username: 'ops@example.com',
      password: 'live-api-password',
    });
    expect(apiRequests.map((headers) => headers.get('authorization'))).toEqual(
      Array(5).fill('Bearer token-1'),
    );
    const ids = apiRequests.map((headers) => headers.get('x-request-id') ?? '');
    expect(ids.every((id) => UUID_V4.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(5);
  });

  it('logs in again and retries once when the API rejects the token', async () => {
    const upstream = upstreamFor(LIVE_ENV);
    rejectToken = 'token-1';
    expect((await get(upstream)).response.status).toBe(200);
    expect(apiRequests.map((headers) => headers.get('authorization'))).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
    const ids = apiRequests.map((headers) => headers.get('x-request-id'));
    expect(ids[1]).not.toBe(ids[0]);
    expect(tokenRequests).toHaveLength(2);
  });

  it('renews an expired token once for concurrent 401s, and every request succeeds', async () => {
    const upstream = upstreamFor(LIVE_ENV);
    expect((await get(upstream)).response.status).toBe(200);
    rejectToken = 'token-1';
    const results = await Promise.all(Array.from({ length: 6 }, () => get(upstream)));
    expect(results.map(({ response }) => response.status)).toEqual(Array(6).fill(200));
    expect(tokenRequests).toHaveLength(2);
  });

  it('sends a second 401 back to the browser through the proxy, after exactly one retry', async () => {
    rejectAll = true;
    const proxy = createAuditLensServer(LIVE_ENV);
    const call = () =>
      proxy.handle({
        method: 'GET',
        rawTarget: '/api/contabo/v1/compute/images/audits?page=1&size=10',
        headers: new Headers({ host: '127.0.0.1' }),
        localPort: 80,
      });
    const response = await call();
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ statusCode: 401, message: 'Unauthorized' });
    expect(apiRequests).toHaveLength(2);
    expect(tokenRequests).toHaveLength(2);
    rejectAll = false;
    expect((await call()).status).toBe(200);
    expect(apiRequests.at(-1)?.get('authorization')).toBe('Bearer token-3');
  });

  it('answers a refused login as a credential error through the proxy, without a secret', async () => {
    tokenStatus = 401;
    const proxy = createAuditLensServer(LIVE_ENV);
    const response = await proxy.handle({
      method: 'GET',
      rawTarget: '/api/contabo/v1/compute/images/audits?page=1&size=10',
      headers: new Headers({ host: '127.0.0.1' }),
      localPort: 80,
    });
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(text).toContain('credential_error');
    expect(text).toContain('invalid_grant');
    expect(text).not.toContain('live-client-secret');
    expect(text).not.toContain('live-api-password');
  });
});
