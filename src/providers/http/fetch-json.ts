import type { z } from 'zod';
import { nextTask } from '../../lib/next-task.ts';
import { ProviderError } from '../../lib/provider-error.ts';
import { PROXY_REFUSAL_HEADER, proxyRefusalSchema, type ProxyRefusal } from '../../lib/proxy-refusal.ts';
import { describeZodError } from '../../lib/zod-issues.ts';
import { registerResponseRecords } from '../../timeline/response-records.ts';
import { schemaGuard } from './schema-guard.ts';
import {
  MAX_ATTEMPTS,
  RETRYABLE_STATUSES,
  retryDelayMs,
  serverHintMs,
  waitsTooLong,
  type RetryBudget,
} from './retry-policy.ts';

export interface ProviderEndpoint {
  /** Provider id, the first segment after `/api/`. */
  id: string;
  label: string;
  budget: RetryBudget;
  /** Pulls the provider's own message out of its error body, whatever its shape. */
  errorMessage: (body: unknown) => string | undefined;
}

export interface FetchJsonRequest<T> {
  /** Path relative to the provider's base URL, each segment already encoded: `organization/audit_logs`. */
  path: string;
  params?: URLSearchParams;
  schema: z.ZodType<T>;
  signal?: AbortSignal;
  /** Waits between retries; tests replace it to run without real delays. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Told when a retry is scheduled, so the UI can say "rate-limited, retrying in Ns". */
  onRetry?: (info: { status: number; delayMs: number; attempt: number }) => void;
  /** Given the headers of the answer that was read (the proxy's notes on its credential among them). */
  onHeaders?: (headers: Headers) => void;
}

/** The proxy's own refusal, only when it carries the proxy's header: a provider's look-alike body is not one. */
function proxyRefusal(response: Response, body: unknown): ProxyRefusal['auditLensProxy'] | undefined {
  if (response.headers.get(PROXY_REFUSAL_HEADER) !== '1') return undefined;
  const parsed = proxyRefusalSchema.safeParse(body);
  return parsed.success ? parsed.data.auditLensProxy : undefined;
}

export function apiUrl(providerId: string, path: string, params?: URLSearchParams): URL {
  const origin = typeof location === 'undefined' ? 'http://127.0.0.1' : location.origin;
  const url = new URL(`/api/${providerId}/${path}`, origin);
  if (params) url.search = params.toString();
  return url;
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError');
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    });
  });
}

/** GET one page through the proxy, retry where the rules allow, parse and validate it. */
export async function fetchProviderJson<T>(
  endpoint: ProviderEndpoint,
  request: FetchJsonRequest<T>,
): Promise<T> {
  const url = apiUrl(endpoint.id, request.path, request.params);
  const wait = request.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    if (attempt === 1) endpoint.budget.recordAttempt();
    let response: Response;
    try {
      response = await fetch(url, { signal: request.signal, headers: { accept: 'application/json' } });
    } catch (cause) {
      if (request.signal?.aborted) throw cause;
      throw new ProviderError({
        providerLabel: endpoint.label,
        kind: 'network',
        detail: 'no answer from the proxy',
      });
    }
    const text = await readBody(response, endpoint.label);
    if (response.ok) {
      const body = parseBody(text, request.schema, endpoint.label);
      request.onHeaders?.(response.headers);
      // The adapter's normalization runs in a task of its own, not after the parse in one long task.
      await nextTask();
      return body;
    }

    const body = tryJson(text);
    if (
      RETRYABLE_STATUSES.has(response.status) &&
      attempt < MAX_ATTEMPTS &&
      !waitsTooLong(response.headers) &&
      endpoint.budget.canRetry()
    ) {
      const delayMs = retryDelayMs(response.headers, attempt);
      request.onRetry?.({ status: response.status, delayMs, attempt });
      await wait(delayMs, request.signal);
      continue;
    }
    throw errorFromResponse(endpoint, response, body);
  }
}

async function readBody(response: Response, label: string): Promise<string> {
  try {
    return await response.text();
  } catch {
    throw new ProviderError({
      providerLabel: label,
      kind: 'network',
      detail: 'the connection dropped mid-response',
      status: response.status,
    });
  }
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parseBody<T>(text: string, schema: z.ZodType<T>, label: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ProviderError({
      providerLabel: label,
      kind: 'invalid-response',
      detail: 'unexpected response (the body is not JSON)',
    });
  }
  if (schemaGuard(schema)?.(json)) {
    // The body is the parse itself, so its records' text can be read from the response (not written again).
    registerResponseRecords(json, text);
    return json as T;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ProviderError({
      providerLabel: label,
      kind: 'invalid-response',
      detail: `unexpected response (${describeZodError(parsed.error)})`,
    });
  }
  return parsed.data;
}

function errorFromResponse(endpoint: ProviderEndpoint, response: Response, body: unknown): ProviderError {
  const { label } = endpoint;
  const refused = proxyRefusal(response, body);
  if (refused) {
    const kind =
      refused.code === 'not_configured'
        ? 'not-configured'
        : refused.code === 'upstream_timeout' ||
            refused.code === 'credential_timeout' ||
            refused.code === 'upstream_unreachable'
          ? 'network'
          : 'http';
    return new ProviderError({
      providerLabel: label,
      kind,
      detail: refused.message.slice(0, 500),
      status: response.status,
    });
  }
  const message = safeMessage(endpoint, body) ?? (response.statusText || 'request failed');
  const kind =
    response.status === 401
      ? 'unauthorized'
      : response.status === 403
        ? 'forbidden'
        : response.status === 429
          ? 'rate-limited'
          : 'http';
  // The server's wait, for whoever asks again (the poller): retries here have ended or would come too early.
  const retryAfterMs = RETRYABLE_STATUSES.has(response.status) ? serverHintMs(response.headers) : undefined;
  return new ProviderError({
    providerLabel: label,
    kind,
    detail: message,
    status: response.status,
    retryAfterMs,
  });
}

function safeMessage(endpoint: ProviderEndpoint, body: unknown): string | undefined {
  try {
    const message = endpoint.errorMessage(body);
    return typeof message === 'string' && message.trim() ? message.slice(0, 500) : undefined;
  } catch {
    return undefined;
  }
}
