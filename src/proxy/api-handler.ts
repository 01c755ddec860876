import { PROVIDER_IDS, type ProviderId } from '../timeline/audit-event.ts';
import type { ProviderStatus } from '../providers/status-schema.ts';
import { baseUpstreamHeaders, forwardableResponseHeaders } from './headers.ts';
import { refusal } from './refusal.ts';
import { checkRequestOrigin } from './request-guard.ts';
import { matchRoute } from './routes.ts';
import { joinUrl, type ProviderUpstream } from './upstream.ts';
import { scrubSecrets, sentSecrets } from './scrub-secrets.ts';

export interface ApiRequest {
  method: string;
  /** The request target exactly as received (`/api/openai/...?...`), before any normalisation. */
  rawTarget: string;
  headers: Headers;
  localPort: number;
  /** Reads the request body; only the test control's POST routes use it. */
  body?: () => Promise<string>;
  /** Aborted when the browser goes away (a cancelled fetch): the upstream request is cancelled with it. */
  signal?: AbortSignal;
}

export interface ApiHandlerOptions {
  statuses: readonly ProviderStatus[];
  upstreams: Partial<Record<ProviderId, ProviderUpstream>>;
  hostnames: ReadonlySet<string>;
  /** AUDIT_LENS_PUBLIC_HOST's names, answered on any port (see checkRequestOrigin). */
  publicHostnames?: ReadonlySet<string>;
  timeoutMs: number;
  /** The largest upstream body passed on; a longer one is cut off and refused (default 32 MiB). */
  maxBodyBytes?: number;
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

/** Far above any page the adapters ask for (a few MB), far below what would exhaust the server. */
export const MAX_UPSTREAM_BODY_BYTES = 32 * 1024 * 1024;

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

function durationText(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/** Statuses a Response must carry without a body. */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

class BodyTooLargeError extends Error {
  constructor() {
    super('upstream body too large');
    this.name = 'BodyTooLargeError';
  }
}

/** The whole body, read chunk by chunk so that one past `limit` bytes is cut off, not held. */
async function readLimited(response: Response, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!response.body) return new Uint8Array(new ArrayBuffer(0));
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(new ArrayBuffer(size));
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/** Settles as `work` does, or rejects with the signal's reason once it aborts (a hung credential chain). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

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

    const label = LABELS[route.provider];
    // The images the server follows are what it permits: the UI reads no other, and a hand-typed path
    // must not reach builds the AWS credentials can see but nobody chose to show.
    const imageId = route.params.imageId;
    if (imageId !== undefined && status.images && !status.images.includes(imageId))
      return refusal(
        404,
        'unknown_image',
        `${label}: ${imageId} is not among the images this server follows (PCLUSTER_IMAGE_IDS)`,
      );
    let url: URL;
    try {
      url = joinUrl(upstream.baseUrl, route.path, route.search);
    } catch {
      return refusal(503, 'not_configured', `${label} is misconfigured: its base URL cannot be read`);
    }
    const headers = baseUpstreamHeaders();
    const started = Date.now();
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
    let awaiting: 'credentials' | 'upstream' = 'credentials';
    try {
      // Credentials come under the same timeout: a credential chain can hang (a prompt, a dead endpoint).
      await untilAborted(upstream.authorize(url, headers), signal);
      awaiting = 'upstream';
      const response = await upstream.send(url, headers, signal);
      if (response.status >= 300 && response.status < 400) {
        log(`${route.provider} ${route.template}: upstream redirect ${response.status} refused`);
        return refusal(502, 'upstream_redirect', `${label} answered with a redirect, which is not followed`);
      }
      if (response.status < 200 || response.status > 599) {
        log(`${route.provider} ${route.template}: upstream status ${response.status} refused`);
        return refusal(502, 'upstream_bad_status', `${label} answered with HTTP status ${response.status}`);
      }
      const forwarded = { status: response.status, headers: forwardableResponseHeaders(response.headers) };
      for (const [name, value] of Object.entries(upstream.annotate?.(headers) ?? {}))
        forwarded.headers.set(name, value);
      if (NULL_BODY_STATUSES.has(response.status)) {
        await response.body?.cancel().catch(() => undefined);
        return new Response(null, forwarded);
      }
      // The whole body is read under the same timeout, so a stalled body cannot hang the request.
      const body = await readLimited(response, options.maxBodyBytes ?? MAX_UPSTREAM_BODY_BYTES);
      // An error body can quote what it refused (API Gateway quotes the session token): never pass it on.
      return new Response(
        response.status >= 400 ? scrubSecrets(body, sentSecrets(headers)) : body,
        forwarded,
      );
    } catch (error) {
      const elapsed = Date.now() - started;
      if (request.signal?.aborted) {
        log(`${route.provider} ${route.template}: cancelled by the browser after ${elapsed} ms`);
        return refusal(499, 'cancelled', `the request to ${label} was cancelled`);
      }
      const timedOut =
        error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
      if (timedOut && awaiting === 'credentials') {
        log(`${route.provider} ${route.template}: no credentials within ${options.timeoutMs} ms`);
        return refusal(
          504,
          'credential_timeout',
          `${label}: its credentials were not ready within ${durationText(options.timeoutMs)} (the credential source did not answer; ${label} was not asked)`,
        );
      }
      if (timedOut) {
        log(`${route.provider} ${route.template}: no answer within ${options.timeoutMs} ms`);
        return refusal(
          504,
          'upstream_timeout',
          `${label} did not answer within ${durationText(options.timeoutMs)}`,
        );
      }
      if (error instanceof BodyTooLargeError) {
        const limit = sizeText(options.maxBodyBytes ?? MAX_UPSTREAM_BODY_BYTES);
        log(`${route.provider} ${route.template}: upstream body over ${limit} refused`);
        return refusal(502, 'upstream_too_large', `${label} sent a response larger than ${limit}`);
      }
      const reason = error instanceof Error ? error.name : 'error';
      log(`${route.provider} ${route.template}: upstream failed after ${elapsed} ms (${reason})`);
      if (error instanceof CredentialError)
        return refusal(502, 'credential_error', `${label}: ${error.message}`);
      return refusal(502, 'upstream_unreachable', `${label} could not be reached`);
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
