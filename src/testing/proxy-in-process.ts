import { http, type RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { ServerEnv } from '../proxy/config.ts';
import { createAuditLensServer, type AuditLensServer } from '../proxy/server.ts';

/** The instant every simulator-backed test runs at. */
export const TEST_NOW = '2026-11-20T12:00:00.000Z';
export const TEST_NOW_MS = Date.parse(TEST_NOW);

/**
 * Routes the browser code's `/api/...` requests (made to http://127.0.0.1 under Node) through the real
 * proxy handler, in process, with msw/node. The proxy then calls the simulators as it does in demo mode,
 * so an adapter test exercises adapter → proxy → simulator for real.
 *
 * @example
 * const proxy = setupProxyInProcess();
 * await proxy.fault('openai', { status: 500, times: 1 });
 *
 * `liveUpstreams` answer the proxy's live requests, for a test that configures a provider as live.
 */
export function setupProxyInProcess(env: ServerEnv = {}, liveUpstreams: readonly RequestHandler[] = []) {
  let server: AuditLensServer = createAuditLensServer({
    AUDIT_LENS_NOW: TEST_NOW,
    AUDIT_LENS_TEST_CONTROL: '1',
    ...env,
  });
  const requests: string[] = [];
  const msw = setupServer(
    http.all('http://127.0.0.1/api/*', async ({ request }) => {
      const url = new URL(request.url);
      const headers = new Headers(request.headers);
      headers.set('host', '127.0.0.1');
      if (!url.pathname.startsWith('/api/_test/')) requests.push(url.pathname + url.search);
      return server.handle({
        method: request.method,
        rawTarget: url.pathname + url.search,
        headers,
        localPort: 80,
        body: () => request.text(),
      });
    }),
    // What the proxy's live requests reach: a simulator standing in for a configured provider.
    ...liveUpstreams,
  );
  beforeAll(() => {
    msw.listen({ onUnhandledRequest: 'error' });
  });
  afterEach(async () => {
    // With a live provider configured the server runs without its fault switch: nothing to reset.
    if (server.testControl) await post('/api/_test/reset', {});
    requests.length = 0;
  });
  afterAll(() => {
    msw.close();
  });

  async function post(path: string, body: unknown) {
    const response = await fetch(`http://127.0.0.1${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (!response.ok)
      throw new Error(`test control ${path} failed: ${response.status} ${await response.text()}`);
  }

  return {
    /** Every /api path (with query) requested since the test began. */
    requests,
    fault: (provider: string, fault: Record<string, unknown>) =>
      post('/api/_test/fault', { provider, fault }),
    advanceClock: (advanceMs: number) => post('/api/_test/clock', { advanceMs }),
    /** Rebuilds the server with another environment (e.g. a different demo scale). */
    reconfigure(next: ServerEnv) {
      server = createAuditLensServer({ AUDIT_LENS_NOW: TEST_NOW, AUDIT_LENS_TEST_CONTROL: '1', ...next });
    },
  };
}
