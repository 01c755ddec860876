import { getResponse, type RequestHandler } from 'msw';

/** Where a provider's requests go: the real API (live) or its simulator (demo), with credentials added. */
export interface ProviderUpstream {
  baseUrl: string;
  /** Adds the provider's credentials (a bearer token, an OAuth token, a SigV4 signature) to the request. */
  authorize(url: URL, headers: Headers): Promise<void>;
  send(url: URL, headers: Headers, signal: AbortSignal): Promise<Response>;
  /**
   * Headers of the proxy's own to add to the answer, from the request as it was sent (which credential it
   * carried): what the browser should know of that credential without seeing it.
   */
  annotate?(sent: Headers): Record<string, string>;
}

/** Live: a real HTTP request. Redirects are never followed: a 3xx comes back as is and is refused. */
export async function sendLive(url: URL, headers: Headers, signal: AbortSignal): Promise<Response> {
  return fetch(url, { method: 'GET', headers, signal, redirect: 'manual' });
}

/**
 * Demo: the simulator's msw handlers answer in-process through `getResponse`; the global fetch is never
 * patched, so a live provider beside it is untouched.
 */
export function simulatorSender(handlers: readonly RequestHandler[]) {
  return async (url: URL, headers: Headers, signal: AbortSignal): Promise<Response> => {
    const request = new Request(url, { method: 'GET', headers, signal });
    const response = await getResponse([...handlers], request);
    return response ?? Response.json({ message: 'Not Found' }, { status: 404 });
  };
}

export function joinUrl(baseUrl: string, path: string, search: string): URL {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/${path}`);
  url.search = search;
  return url;
}
