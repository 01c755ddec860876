import { createClock } from '../providers/simulator-kit/clock.ts';
import type { ProviderId } from '../timeline/audit-event.ts';
import { createApiHandler, type ApiRequest } from './api-handler.ts';
import { providerStatuses, type ServerEnv } from './config.ts';
import { isLoopbackHost } from './loopback.ts';
import { publicHosts } from './public-hosts.ts';
import { defaultHostnames } from './request-guard.ts';
import { createTestControl, withFaults, type TestControl } from './test-control.ts';
import type { ProviderUpstream } from './upstream.ts';
import { agilicusUpstream } from './upstreams/agilicus.ts';
import { cloudFoundryUpstream } from './upstreams/cloudfoundry.ts';
import { contaboUpstream } from './upstreams/contabo.ts';
import { openAiUpstream } from './upstreams/openai.ts';
import { parallelClusterImages, parallelClusterUpstream } from './upstreams/parallelcluster.ts';
import type { UpstreamFactory } from './upstreams/upstream-context.ts';

export const DEFAULT_UPSTREAM_TIMEOUT_MS = 20_000;

/** Each provider's upstream factory: live credentials or its simulator. */
const UPSTREAM_FACTORIES: Record<ProviderId, UpstreamFactory> = {
  contabo: contaboUpstream,
  agilicus: agilicusUpstream,
  cloudfoundry: cloudFoundryUpstream,
  openai: openAiUpstream,
  parallelcluster: parallelClusterUpstream,
};

export interface AuditLensServer {
  handle(request: ApiRequest): Promise<Response>;
  statuses: ReturnType<typeof providerStatuses>;
  testControl?: TestControl;
}

function demoScale(env: ServerEnv): number {
  const scale = Number(env.AUDIT_LENS_DEMO_SCALE ?? '1');
  return Number.isFinite(scale) && scale > 0 ? Math.min(scale, 1000) : 1;
}

/**
 * The test-only fault switch (`/api/_test/*`) lets anyone who reaches the server arm faults and hostile
 * data: it is for a local test server on demo data only. Left on in `.env.local` of a shared or live
 * server, it is refused, loudly, and the server runs without it.
 */
export function testControlAllowed(
  env: ServerEnv,
  statuses: readonly { mode: string }[],
  log: (line: string) => void,
): boolean {
  if (env.AUDIT_LENS_TEST_CONTROL !== '1') return false;
  const host = env.AUDIT_LENS_HOST?.trim() || '127.0.0.1';
  const refusal = !isLoopbackHost(host)
    ? `the server binds ${host}, not loopback`
    : env.AUDIT_LENS_ACCESS_TOKEN?.trim() || publicHosts(env).length || env.AUDIT_LENS_TRUSTED_PROXY === '1'
      ? 'the server is set up to be shared (an access token, a public host or a trusted proxy is set)'
      : statuses.some((status) => status.mode !== 'demo')
        ? 'a provider is configured: faults only apply to simulators'
        : undefined;
  if (refusal) {
    log(`AUDIT_LENS_TEST_CONTROL=1 refused: ${refusal}; the test-only fault switch stays off`);
    return false;
  }
  log('AUDIT_LENS_TEST_CONTROL=1: the test-only fault switch /api/_test/* is on (demo data, loopback only)');
  return true;
}

/** Everything the proxy needs, built once from the server's environment. Nothing here reaches the browser. */
export function createAuditLensServer(
  env: ServerEnv,
  log: (line: string) => void = () => undefined,
): AuditLensServer {
  const statuses = providerStatuses(env).map((status) =>
    status.id === 'parallelcluster' ? { ...status, images: parallelClusterImages(status, env) } : status,
  );
  const clock = createClock(env.AUDIT_LENS_NOW);
  const testControl = testControlAllowed(env, statuses, log) ? createTestControl(clock) : undefined;
  const scale = demoScale(env);
  const upstreams: Partial<Record<ProviderId, ProviderUpstream>> = {};

  for (const status of statuses) {
    const factory = UPSTREAM_FACTORIES[status.id];
    const wrapDemo = (send: ProviderUpstream['send']) =>
      testControl ? withFaults(status.id, testControl, send) : send;
    const upstream = factory({ status, env, clock, scale, wrapDemo, log });
    if (upstream) upstreams[status.id] = upstream;
  }

  const timeout = Number(env.AUDIT_LENS_UPSTREAM_TIMEOUT_MS ?? DEFAULT_UPSTREAM_TIMEOUT_MS);
  const handleApi = createApiHandler({
    statuses,
    upstreams,
    hostnames: defaultHostnames(env.AUDIT_LENS_HOST ?? '127.0.0.1'),
    publicHostnames: new Set(publicHosts(env)),
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_UPSTREAM_TIMEOUT_MS,
    extraRoutes: testControl ? (request) => testControl.routes(request) : undefined,
    log,
  });
  return { handle: handleApi, statuses, testControl };
}
