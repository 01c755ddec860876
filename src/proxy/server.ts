import { OPENAI_DEMO_ADMIN_KEY, openAiSimulatorHandlers } from '../providers/openai/simulator/handlers.ts';
import { createClock } from '../providers/simulator-kit/clock.ts';
import type { ProviderId } from '../timeline/audit-event.ts';
import { createApiHandler, type ApiRequest } from './api-handler.ts';
import { option, providerStatuses, type ServerEnv } from './config.ts';
import { bearerAuthorizer } from './credentials/bearer.ts';
import { defaultHostnames } from './request-guard.ts';
import { createTestControl, withFaults, type TestControl } from './test-control.ts';
import { sendLive, simulatorSender, type ProviderUpstream } from './upstream.ts';

export const DEFAULT_UPSTREAM_TIMEOUT_MS = 20_000;

export interface AuditLensServer {
  handle(request: ApiRequest): Promise<Response>;
  statuses: ReturnType<typeof providerStatuses>;
  testControl?: TestControl;
}

function demoScale(env: ServerEnv): number {
  const scale = Number(env.AUDIT_LENS_DEMO_SCALE ?? '1');
  return Number.isFinite(scale) && scale > 0 ? Math.min(scale, 1000) : 1;
}

/** Everything the proxy needs, built once from the server's environment. Nothing here reaches the browser. */
export function createAuditLensServer(
  env: ServerEnv,
  log: (line: string) => void = () => undefined,
): AuditLensServer {
  const statuses = providerStatuses(env);
  const clock = createClock(env.AUDIT_LENS_NOW);
  const testControl = env.AUDIT_LENS_TEST_CONTROL === '1' ? createTestControl(clock) : undefined;
  const scale = demoScale(env);
  const upstreams: Partial<Record<ProviderId, ProviderUpstream>> = {};

  const demo = (id: ProviderId, send: ProviderUpstream['send']) =>
    testControl ? withFaults(id, testControl, send) : send;

  for (const status of statuses) {
    if (status.id === 'openai') {
      const baseUrl = option(env, 'openai', 'OPENAI_BASE_URL') ?? 'https://api.openai.com/v1';
      if (status.mode === 'live') {
        upstreams.openai = {
          baseUrl,
          authorize: bearerAuthorizer(env.OPENAI_ADMIN_KEY ?? ''),
          send: sendLive,
        };
      } else if (status.mode === 'demo') {
        const handlers = openAiSimulatorHandlers({ baseUrl, clock, scale });
        upstreams.openai = {
          baseUrl,
          authorize: bearerAuthorizer(OPENAI_DEMO_ADMIN_KEY),
          send: demo('openai', simulatorSender(handlers)),
        };
      }
    }
  }

  const timeout = Number(env.AUDIT_LENS_UPSTREAM_TIMEOUT_MS ?? DEFAULT_UPSTREAM_TIMEOUT_MS);
  const handleApi = createApiHandler({
    statuses,
    upstreams,
    hostnames: defaultHostnames(env.AUDIT_LENS_HOST ?? '127.0.0.1'),
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_UPSTREAM_TIMEOUT_MS,
    extraRoutes: testControl ? (request) => testControl.routes(request) : undefined,
    log,
  });
  return { handle: handleApi, statuses, testControl };
}
