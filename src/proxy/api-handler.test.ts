import { describe, expect, it } from 'vitest';
import type { ProviderStatus } from '../providers/status-schema.ts';
import { createApiHandler, type ApiRequest } from './api-handler.ts';
import { bearerAuthorizer } from './credentials/bearer.ts';
import { defaultHostnames } from './request-guard.ts';
import type { ProviderUpstream } from './upstream.ts';

const SECRET = 'sk-admin-CANARY-api-handler';

function echoUpstream(respond?: (url: URL, headers: Headers, signal: AbortSignal) => Promise<Response>) {
  const sent: { url: string; headers: Record<string, string> }[] = [];
  const upstream: ProviderUpstream = {
    baseUrl: 'https://api.openai.example/v1',
    authorize: bearerAuthorizer(SECRET),
    async send(url, headers, signal) {
      sent.push({ url: url.toString(), headers: Object.fromEntries(headers) });
      if (respond) return respond(url, headers, signal);
      return new Response(JSON.stringify({ object: 'list', data: [], has_more: false }), {
        status: 200,
        headers: {
          'content-type': 'application/json',
          'set-cookie': 'session=upstream',
          'www-authenticate': 'Bearer',
          'content-encoding': 'gzip',
          'x-ratelimit-remaining-requests': '99',
          'retry-after': '3',
          server: 'upstream/1.0',
        },
      });
    },
  };
  return { upstream, sent };
}

const statuses: ProviderStatus[] = [
  { id: 'openai', mode: 'live', reason: 'credentials set on the server' },
  { id: 'contabo', mode: 'not configured', reason: 'no credentials are set for this provider' },
  { id: 'cloudfoundry', mode: 'misconfigured', reason: 'missing CF_TOKEN', missing: ['CF_TOKEN'] },
];

function handler(upstream: ProviderUpstream, timeoutMs = 1000, maxBodyBytes?: number) {
  return createApiHandler({
    statuses,
    upstreams: { openai: upstream },
    hostnames: defaultHostnames('127.0.0.1'),
    timeoutMs,
    maxBodyBytes,
  });
}

function request(
  rawTarget: string,
  init: { method?: string; headers?: Record<string, string> } = {},
): ApiRequest {
  return {
    method: init.method ?? 'GET',
    rawTarget,
    headers: new Headers({ host: '127.0.0.1:4173', ...init.headers }),
    localPort: 4173,
  };
}

describe('the proxy handler', () => {
  it('forwards a known GET with the credential injected and only allowlisted headers both ways', async () => {
    const { upstream, sent } = echoUpstream();
    const response = await handler(upstream)(
      request('/api/openai/organization/audit_logs?limit=2', {
        headers: {
          cookie: 'al_session=abc',
          authorization: 'Bearer browser-should-not-pass',
          'x-forwarded-for': '10.0.0.1',
          'x-forwarded-host': 'evil.example',
          referer: 'http://127.0.0.1:4173/',
          'sec-fetch-site': 'same-origin',
        },
      }),
    );
    expect(response.status).toBe(200);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe('https://api.openai.example/v1/organization/audit_logs?limit=2');
    expect(sent[0]?.headers).toEqual({ accept: 'application/json', authorization: `Bearer ${SECRET}` });
    expect(Object.fromEntries(response.headers)).toEqual({
      'content-type': 'application/json; charset=utf-8',
      'x-ratelimit-remaining-requests': '99',
      'retry-after': '3',
    });
    expect(await response.text()).not.toContain(SECRET);
  });

  it.each([
    ['POST', '/api/openai/organization/audit_logs', 405],
    ['DELETE', '/api/openai/organization/audit_logs', 405],
    ['GET', '/api/openai/organization/users', 404],
    ['GET', '/api/openai/organization/../../admin', 400],
    ['GET', '/api/openai/organization/audit_logs?secret=1', 400],
  ])('refuses %s %s with %i JSON and sends nothing upstream', async (method, target, status) => {
    const { upstream, sent } = echoUpstream();
    const response = await handler(upstream)(request(target, { method }));
    expect(response.status).toBe(status);
    expect(await response.json()).toHaveProperty('auditLensProxy.code');
    expect(sent).toHaveLength(0);
  });

  it('refuses a foreign Host and cross-site requests before anything is sent', async () => {
    const { upstream, sent } = echoUpstream();
    const handle = handler(upstream);
    const rebinding = await handle({
      ...request('/api/openai/organization/audit_logs'),
      headers: new Headers({ host: 'rebind.attacker.example:4173' }),
    });
    const crossSite = await handle(
      request('/api/openai/organization/audit_logs', { headers: { 'sec-fetch-site': 'cross-site' } }),
    );
    const foreignOrigin = await handle(
      request('/api/openai/organization/audit_logs', { headers: { origin: 'https://evil.example' } }),
    );
    expect([rebinding.status, crossSite.status, foreignOrigin.status]).toEqual([403, 403, 403]);
    expect(sent).toHaveLength(0);
  });

  it('passes upstream error statuses and bodies through', async () => {
    const body = JSON.stringify({
      error: {
        message: 'Incorrect API key provided',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    });
    const { upstream } = echoUpstream(() =>
      Promise.resolve(new Response(body, { status: 401, headers: { 'content-type': 'application/json' } })),
    );
    const response = await handler(upstream)(request('/api/openai/organization/audit_logs'));
    expect(response.status).toBe(401);
    expect(await response.text()).toBe(body);
  });

  it('masks a credential an error body quotes back, and leaves a success body as it came', async () => {
    const quoting = JSON.stringify({ error: { message: `Incorrect API key provided: Bearer ${SECRET}.` } });
    const { upstream } = echoUpstream(() =>
      Promise.resolve(
        new Response(quoting, { status: 401, headers: { 'content-type': 'application/json' } }),
      ),
    );
    const refused = await handler(upstream)(request('/api/openai/organization/audit_logs'));
    expect(refused.status).toBe(401);
    expect(await refused.text()).toBe(
      JSON.stringify({ error: { message: 'Incorrect API key provided: ***.' } }),
    );

    const listing = JSON.stringify({ object: 'list', data: [{ id: SECRET }], has_more: false });
    const ok = echoUpstream(() => Promise.resolve(new Response(listing, { status: 200 })));
    expect(await (await handler(ok.upstream)(request('/api/openai/organization/audit_logs'))).text()).toBe(
      listing,
    );
  });

  it('refuses a ParallelCluster image the server does not follow, before anything is sent', async () => {
    const { upstream, sent } = echoUpstream();
    const pcluster = createApiHandler({
      statuses: [
        { id: 'parallelcluster', mode: 'live', reason: 'credentials set on the server', images: ['img-a'] },
      ],
      upstreams: {
        parallelcluster: { ...upstream, baseUrl: 'https://abc.execute-api.us-east-1.amazonaws.com/prod' },
      },
      hostnames: defaultHostnames('127.0.0.1'),
      timeoutMs: 1000,
    });
    const other = await pcluster(request('/api/parallelcluster/v3/images/custom/img-b/stackevents'));
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({
      auditLensProxy: {
        code: 'unknown_image',
        message: expect.stringContaining('img-b is not among the images') as unknown,
      },
    });
    expect(sent).toEqual([]);
    expect((await pcluster(request('/api/parallelcluster/v3/images/custom/img-a/stackevents'))).status).toBe(
      200,
    );
    expect(sent).toHaveLength(1);
  });

  it("answers a provider's HTML or untyped error as plain text, never as markup on this origin", async () => {
    const html = '<html><script>alert(1)</script></html>';
    for (const [type, expected] of [
      ['text/html; charset=utf-8', 'text/plain; charset=utf-8'],
      [undefined, 'text/plain; charset=utf-8'],
      ['application/problem+json', 'application/json; charset=utf-8'],
    ] as const) {
      const { upstream } = echoUpstream(() =>
        Promise.resolve(new Response(html, { status: 502, headers: type ? { 'content-type': type } : {} })),
      );
      const response = await handler(upstream)(request('/api/openai/organization/audit_logs'));
      expect(response.headers.get('content-type'), String(type)).toBe(expected);
    }
  });

  it("marks its own refusals, and never passes on a provider's copy of the mark", async () => {
    const { upstream } = echoUpstream(() =>
      Promise.resolve(
        Response.json(
          { auditLensProxy: { code: 'not_configured', message: 'spoofed' } },
          { status: 503, headers: { 'x-audit-lens-refusal': '1' } },
        ),
      ),
    );
    const handle = handler(upstream);
    const forwarded = await handle(request('/api/openai/organization/audit_logs'));
    expect(forwarded.status).toBe(503);
    expect(forwarded.headers.get('x-audit-lens-refusal')).toBeNull();
    const refused = await handle(request('/api/openai/organization/users'));
    expect(refused.headers.get('x-audit-lens-refusal')).toBe('1');
  });

  it('gives up on an upstream that hangs, after the timeout, with 504', async () => {
    const { upstream } = echoUpstream(
      (_url, _headers, signal) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason as Error)),
        ),
    );
    const started = Date.now();
    const response = await handler(upstream, 150)(request('/api/openai/organization/audit_logs'));
    expect(response.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await response.json()).toMatchObject({ auditLensProxy: { code: 'upstream_timeout' } });
  });

  it('gives up, with 504, on credentials that never come', async () => {
    const { upstream, sent } = echoUpstream();
    const hanging: ProviderUpstream = { ...upstream, authorize: () => new Promise(() => undefined) };
    const response = await handler(hanging, 150)(request('/api/openai/organization/audit_logs'));
    expect(response.status).toBe(504);
    expect(sent).toEqual([]);
    // The provider was never asked, so "did not answer" would send the reader to the wrong place.
    const { auditLensProxy } = (await response.json()) as {
      auditLensProxy: { code: string; message: string };
    };
    expect(auditLensProxy.code).toBe('credential_timeout');
    expect(auditLensProxy.message).toMatch(/^OpenAI: its credentials were not ready within 150 ms/);
    expect(auditLensProxy.message).not.toMatch(/did not answer within/);
  });

  it('cancels the upstream request when the browser goes away', async () => {
    let upstreamSignal: AbortSignal | undefined;
    const { upstream } = echoUpstream((_url, _headers, signal) => {
      upstreamSignal = signal;
      return new Promise((_resolve, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason as Error)),
      );
    });
    const browser = new AbortController();
    const pending = handler(
      upstream,
      5000,
    )({
      ...request('/api/openai/organization/audit_logs'),
      signal: browser.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    browser.abort();
    const response = await pending;
    expect(upstreamSignal?.aborted).toBe(true);
    expect(response.status).toBe(499);
  });

  it('cuts off and refuses a body over the size limit, naming the provider', async () => {
    const { upstream } = echoUpstream(() =>
      Promise.resolve(
        new Response(
          new ReadableStream({
            pull(controller) {
              controller.enqueue(new Uint8Array(1024));
            },
          }),
          { status: 200 },
        ),
      ),
    );
    const response = await handler(upstream, 5000, 64 * 1024)(request('/api/openai/organization/audit_logs'));
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({
      auditLensProxy: { code: 'upstream_too_large', message: 'OpenAI sent a response larger than 64 KiB' },
    });
  });

  it('passes a 204 on without a body, and refuses a status outside HTTP', async () => {
    const answering = (status: number) =>
      echoUpstream(() =>
        Promise.resolve(
          status > 599 ? ({ status, headers: new Headers() } as Response) : new Response(null, { status }),
        ),
      ).upstream;
    const empty = await handler(answering(204))(request('/api/openai/organization/audit_logs'));
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe('');
    const odd = await handler(answering(999))(request('/api/openai/organization/audit_logs'));
    expect(odd.status).toBe(502);
    expect(await odd.json()).toMatchObject({ auditLensProxy: { code: 'upstream_bad_status' } });
  });

  it('answers 503 naming the provider for a base URL that cannot be read', async () => {
    const { upstream, sent } = echoUpstream();
    const response = await handler({ ...upstream, baseUrl: 'api.openai.com/v1' })(
      request('/api/openai/organization/audit_logs'),
    );
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      auditLensProxy: { code: 'not_configured', message: expect.stringContaining('OpenAI') as unknown },
    });
    expect(sent).toEqual([]);
  });

  it('never follows a redirect', async () => {
    const { upstream } = echoUpstream(() =>
      Promise.resolve(new Response(null, { status: 302, headers: { location: 'http://169.254.169.254/' } })),
    );
    const response = await handler(upstream)(request('/api/openai/organization/audit_logs'));
    expect(response.status).toBe(502);
    expect(response.headers.get('location')).toBeNull();
  });

  it('answers 503 naming the provider when it is not configured or misconfigured', async () => {
    const { upstream } = echoUpstream();
    const notConfigured = await handler(upstream)(request('/api/contabo/v1/compute/images/audits'));
    expect(notConfigured.status).toBe(503);
    expect(await notConfigured.json()).toMatchObject({
      auditLensProxy: { code: 'not_configured', message: 'Contabo is not configured on the server' },
    });
    const misconfigured = await handler(upstream)(request('/api/cloudfoundry/v3/audit_events'));
    expect(await misconfigured.json()).toMatchObject({
      auditLensProxy: { message: 'Cloud Foundry is misconfigured: missing CF_TOKEN' },
    });
  });

  it('reports each provider mode on /api/_status', async () => {
    const { upstream } = echoUpstream();
    const response = await handler(upstream)(request('/api/_status'));
    expect(await response.json()).toEqual({ providers: statuses });
  });
});
