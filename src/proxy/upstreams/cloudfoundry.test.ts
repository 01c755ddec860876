import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CF_REACH_HEADER } from '../../providers/cloudfoundry/reach.ts';
import { SIMULATED_FOUNDATION } from '../../providers/cloudfoundry/simulator/data.ts';
import { cloudFoundrySimulatorHandlers } from '../../providers/cloudfoundry/simulator/handlers.ts';
import { createClock } from '../../providers/simulator-kit/clock.ts';
import type { ServerEnv } from '../config.ts';
import { createAuditLensServer } from '../server.ts';

const API = 'https://api.cf.test';
const UAA = 'https://uaa.cf.test';
const NOW = '2026-11-20T12:00:00.000Z';
const clock = createClock(NOW);
const simulator = cloudFoundrySimulatorHandlers({
  baseUrl: API,
  uaaUrl: UAA,
  clientId: 'audit-lens-live',
  clientSecret: 'live-secret',
  tokenTtlSeconds: 3600,
  acceptTokens: ['static-token'],
  clock,
  scale: 1,
  rateLimit: false,
});
/** An org auditor's foundation: its UAA grants no global read scope, and the API shows one org's events. */
const ROLES_API = 'https://api.roles.cf.test';
const ROLES_UAA = 'https://uaa.roles.cf.test';
const VISIBLE_ORG = SIMULATED_FOUNDATION.orgs[0]!.guid;
const rolesSimulator = cloudFoundrySimulatorHandlers({
  baseUrl: ROLES_API,
  uaaUrl: ROLES_UAA,
  clientId: 'org-auditor',
  clientSecret: 'org-secret',
  clock,
  scale: 1,
  rateLimit: false,
  roleOrganizations: [VISIBLE_ORG],
  acceptTokens: [jwt(['cloud_controller.read', 'openid'])],
});
let tokenRequests = 0;
const seenAuth: string[] = [];
const network = setupServer(
  http.post(`${UAA}/oauth/token`, () => {
    tokenRequests++;
    return undefined;
  }),
  http.get(`${API}/*`, ({ request }) => {
    seenAuth.push(request.headers.get('authorization') ?? '');
    return undefined;
  }),
  ...simulator,
  http.get(`${ROLES_API}/*`, ({ request }) => {
    seenAuth.push(request.headers.get('authorization') ?? '');
    return undefined;
  }),
  ...rolesSimulator,
);

function jwt(scope: string[]): string {
  return `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify({ scope })).toString('base64url')}.c2ln`;
}

beforeAll(() => network.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  tokenRequests = 0;
  seenAuth.length = 0;
});
afterAll(() => network.close());

function proxy(env: ServerEnv) {
  const server = createAuditLensServer({ AUDIT_LENS_NOW: NOW, ...env });
  return async (query = '?per_page=1&order_by=-created_at') => {
    const response = await server.handle({
      method: 'GET',
      rawTarget: `/api/cloudfoundry/v3/audit_events${query}`,
      headers: new Headers({ host: '127.0.0.1' }),
      localPort: 80,
    });
    return {
      status: response.status,
      reach: response.headers.get(CF_REACH_HEADER),
      body: (await response.json()) as Record<string, unknown>,
    };
  };
}

const UAA_ENV = {
  CF_API_URL: `${API}/`,
  CF_UAA_URL: UAA,
  CF_CLIENT_ID: 'audit-lens-live',
  CF_CLIENT_SECRET: 'live-secret',
};

describe('Cloud Foundry upstream', () => {
  it('demo: serves the simulator with a token from its fake UAA, never the network', async () => {
    const get = proxy({});
    const answers = await Promise.all([get(), get(), get()]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers[0].body.resources).toHaveLength(1);
    expect(tokenRequests).toBe(0);
    expect(seenAuth).toEqual([]);
  });

  it('live with CF_TOKEN: sends it as a bearer token, and an expired token comes back as 401', async () => {
    const ok = await proxy({ CF_API_URL: API, CF_TOKEN: 'static-token' })();
    expect(ok.status).toBe(200);
    expect(seenAuth).toEqual(['Bearer static-token']);
    const expired = await proxy({ CF_API_URL: API, CF_TOKEN: 'expired-token' })();
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({
      errors: [{ code: 1000, title: 'CF-InvalidAuthToken', detail: 'Invalid Auth Token' }],
    });
  });

  it('live with CF_TOKEN pasted from `cf oauth-token`: the scheme is sent once', async () => {
    const ok = await proxy({ CF_API_URL: API, CF_TOKEN: ' bearer static-token\n' })();
    expect(ok.status).toBe(200);
    expect(seenAuth).toEqual(['Bearer static-token']);
  });

  it('a UAA URL without its scheme leaves Cloud Foundry misconfigured, by name, and the server up', async () => {
    const answer = await proxy({ ...UAA_ENV, CF_UAA_URL: 'uaa.cf.test' })();
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({
      auditLensProxy: { code: 'not_configured', message: expect.stringContaining('CF_UAA_URL') as unknown },
    });
    expect(tokenRequests).toBe(0);
  });

  it('live with UAA client credentials: one token for concurrent requests, sent as `bearer`', async () => {
    const get = proxy(UAA_ENV);
    const answers = await Promise.all([get(), get(), get(), get()]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(tokenRequests).toBe(1);
    expect(seenAuth.every((auth) => /^bearer cf-demo\.[0-9a-f]+$/.test(auth))).toBe(true);
    expect(new Set(seenAuth).size).toBe(1);
  });

  it('live: a token the API rejects as expired is renewed once and the request retried', async () => {
    const get = proxy(UAA_ENV);
    expect((await get()).status).toBe(200);
    clock.advance(3_601_000);
    try {
      expect((await get()).status).toBe(200);
      expect(tokenRequests).toBe(2);
      expect(seenAuth).toHaveLength(3);
      expect(seenAuth[2]).not.toBe(seenAuth[1]);
      expect((await get()).status).toBe(200);
      expect(tokenRequests).toBe(2);
    } finally {
      clock.advance(-3_601_000);
    }
  });

  it('live: concurrent 401s to an expired token cause one renewal, and all succeed', async () => {
    const get = proxy(UAA_ENV);
    expect((await get()).status).toBe(200);
    clock.advance(3_601_000);
    try {
      const answers = await Promise.all(Array.from({ length: 5 }, () => get()));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
      expect(tokenRequests).toBe(2);
    } finally {
      clock.advance(-3_601_000);
    }
  });

  it('says which token reads the whole foundation: the demo and a global auditor do', async () => {
    expect((await proxy({})()).reach).toBe('global');
    expect((await proxy(UAA_ENV)()).reach).toBe('global');
  });

  it('says a UAA client without a global read scope reads only what its roles cover, as the API does', async () => {
    const get = proxy({
      CF_API_URL: ROLES_API,
      CF_UAA_URL: ROLES_UAA,
      CF_CLIENT_ID: 'org-auditor',
      CF_CLIENT_SECRET: 'org-secret',
    });
    const answer = await get('?per_page=5000&order_by=-created_at');
    expect(answer.status).toBe(200);
    expect(answer.reach).toBe('roles');
    const resources = answer.body.resources as { organization: { guid: string } | null }[];
    expect(resources.length).toBeGreaterThan(0);
    expect(resources.every((r) => r.organization?.guid === VISIBLE_ORG)).toBe(true);
    const total = (answer: { body: Record<string, unknown> }) =>
      (answer.body.pagination as { total_results: number }).total_results;
    const all = await proxy({})('?per_page=5000&order_by=-created_at');
    expect(total(all)).toBeGreaterThan(total(answer));
  });

  it("reads a static CF_TOKEN's own scope claim; an opaque token claims nothing", async () => {
    const scoped = await proxy({
      CF_API_URL: ROLES_API,
      CF_TOKEN: `bearer ${jwt(['cloud_controller.read'])}`,
    })();
    expect(scoped.reach).toBe('roles');
    expect((await proxy({ CF_API_URL: API, CF_TOKEN: 'static-token' })()).reach).toBeNull();
  });

  it("never passes on a provider's own reach header: only the proxy says it", async () => {
    network.use(
      http.get(`${API}/v3/audit_events`, () =>
        Response.json({ pagination: {}, resources: [] }, { headers: { [CF_REACH_HEADER]: 'global' } }),
      ),
    );
    try {
      expect((await proxy({ CF_API_URL: API, CF_TOKEN: 'static-token' })()).reach).toBeNull();
    } finally {
      network.resetHandlers();
    }
  });

  it('live: refused client credentials become a 502 credential error that names no secret', async () => {
    const answer = await proxy({ ...UAA_ENV, CF_CLIENT_SECRET: 'wrong-secret' })();
    expect(answer.status).toBe(502);
    const text = JSON.stringify(answer.body);
    expect(text).toContain('credential_error');
    expect(text).toContain('UAA refused the client credentials');
    expect(text).not.toContain('wrong-secret');
    expect(seenAuth).toEqual([]);
  });
});
