import { PROVIDER_IDS, type ProviderId } from '../timeline/audit-event.ts';
import type { ProviderStatus } from '../providers/status-schema.ts';
import { baseUpstreamHeaders, forwardableResponseHeaders } from './headers.ts';
import { refusal } from './refusal.ts';
import { checkRequestOrigin } from './request-guard.ts';
import { matchRoute } from './routes.ts';
import { joinUrl, type ProviderUpstream } from './upstream.ts';

export interface ApiRequest {
  method: string;
  /** The request target exactly as received (`/api/openai/...?...`), before any normalisation. */
  rawTarget: string;
  headers: Headers;
  localPort: number;
  /** Reads the request body; only the test control's POST routes use it. */
  body?: () => Promise<string>;
}

export interface ApiHandlerOptions {
  statuses: readonly ProviderStatus[];
  upstreams: Partial<Record<ProviderId, ProviderUpstream>>;
  hostnames: ReadonlySet<string>;
  /** AUDIT_LENS_PUBLIC_HOST's names, answered on any port (see checkRequestOrigin). */
  publicHostnames?: ReadonlySet<string>;
  timeoutMs: number;
  /** Extra routes, e.g. the test-only control; answers undefined when the path is not theirs. */
  extraRoutes?: (request: ApiRequest) => Promise<Response | undefined>;
  log?: (line: string) => void;
}

const LABELS: Record<ProviderId, string> = {
  contabo: 'Contabo',
  agilicus: 'Agilicus',
  cloudfoundry: 'Cloud Foundry',
  openai: 'OpenAI',
  parallelcluster: 'AWS ParallelCluster',
};

const isProviderId = (id: string): id is ProviderId => (PROVIDER_IDS as readonly string[]).includes(id);

/** The proxy: one handler for every /api request, the same on dev and preview. */
export function createApiHandler(options: ApiHandlerOptions) {
  const statusById = new Map(options.statuses.map((status) => [status.id, status]));
  const log = options.log ?? (() => undefined);

  return async function handleApi(request: ApiRequest): Promise<Response> {
    const guard = checkRequestOrigin({
      host: request.headers.get('host') ?? undefined,
      origin: request.headers.get('origin') ?? undefined,
      secFetchSite: request.headers.get('sec-fetch-site') ?? undefined,
      localPort: request.localPort,
      hostnames: options.hostnames,
      publicHostnames: options.publicHostnames,
    });
    if (!guard.ok) return refusal(403, guard.code, guard.message);

    const extra = await options.extraRoutes?.(request);
    if (extra) return extra;

    const path = request.rawTarget.split('?')[0];
    if (path === '/api/_status') {
      if (request.method !== 'GET' && request.method !== 'HEAD')
        return refusal(405, 'method_not_allowed', 'only GET is allowed', { allow: 'GET' });
      return Response.json({ providers: options.statuses }, { headers: { 'cache-control': 'no-store' } });
    }
    if (request.method !== 'GET')
      return refusal(405, 'method_not_allowed', 'only GET is allowed', { allow: 'GET' });

    const route = matchRoute(request.rawTarget, isProviderId);
    if (!route.ok) return refusal(route.status, route.code, route.message);

    const status = statusById.get(route.provider);
    const upstream = options.upstreams[route.provider];
    if (!status || !upstream || (status.mode !== 'live' && status.mode !== 'demo')) {
      const why =
        status?.mode === 'misconfigured'
          ? `is misconfigured: ${status.reason}`
          : 'is not configured on the server';
      return refusal(503, 'not_configured', `${LABELS[route.provider]} ${why}`);
    }

    const url = joinUrl(upstream.baseUrl, route.path, route.search);
    const headers = baseUpstreamHeaders();
    const started = Date.now();
    try {
      const signal = AbortSignal.timeout(options.timeoutMs);
      await upstream.authorize(url, headers);
      const response = await upstream.send(url, headers, signal);
      if (response.status >= 300 && response.status < 400) {
        log(`${route.provider} ${route.template}: upstream redirect ${response.status} refused`);
        return refusal(
          502,
          'upstream_redirect',
          `${LABELS[route.provider]} answered with a redirect, which is not followed`,
        );
      }
      // The whole body is read under the same timeout, so a stalled body cannot hang the request.
      const body = await response.arrayBuffer();
      return new Response(body, {
        status: response.status,
        headers: forwardableResponseHeaders(response.headers),
      });
    } catch (error) {
      const elapsed = Date.now() - started;
      const timedOut =
        error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
      if (timedOut) {
        log(`${route.provider} ${route.template}: no answer within ${options.timeoutMs} ms`);
        return refusal(
          504,
          'upstream_timeout',
          `${LABELS[route.provider]} did not answer within ${Math.round(options.timeoutMs / 1000)} s`,
        );
      }
      const reason = error instanceof Error ? error.name : 'error';
      log(`${route.provider} ${route.template}: upstream failed after ${elapsed} ms (${reason})`);
      if (error instanceof CredentialError)
        return refusal(502, 'credential_error', `${LABELS[route.provider]}: ${error.message}`);
      return refusal(502, 'upstream_unreachable', `${LABELS[route.provider]} could not be reached`);
    }
  };
}

/** Raised by an authorizer that could not obtain credentials (token endpoint refused, no AWS credentials). */
export class CredentialError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialError';
  }
}
