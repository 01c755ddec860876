import { PROXY_REFUSAL_HEADER, type ProxyRefusal } from '../lib/proxy-refusal.ts';

/** The proxy's own answers, told from a provider's by their header (see PROXY_REFUSAL_HEADER). */
export function refusal(status: number, code: string, message: string, headers?: HeadersInit): Response {
  const marked = new Headers(headers);
  marked.set(PROXY_REFUSAL_HEADER, '1');
  const body: ProxyRefusal = { auditLensProxy: { code, message } };
  return Response.json(body, { status, headers: marked });
}
