/**
 * Refuses /api requests that do not come from the app itself: a foreign Host (DNS rebinding) or a
 * cross-site request (an <img> or fetch from another origin burning rate limits or reading data).
 */
export interface GuardInput {
  host: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
  /** The port the server actually listens on. */
  localPort: number;
  /** Host names this server answers to, on the port it listens on. */
  hostnames: ReadonlySet<string>;
  /**
   * Public names (AUDIT_LENS_PUBLIC_HOST) a reverse proxy forwards under: answered on any port, since the
   * port the browser used is the proxy's, not ours.
   */
  publicHostnames?: ReadonlySet<string>;
}

export type GuardResult = { ok: true } | { ok: false; code: string; message: string };

function hostParts(host: string): { name: string; port: string } | undefined {
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(host);
  if (!match) return undefined;
  return { name: (match[1] ?? '').toLowerCase(), port: match[2] ?? '' };
}

export function checkRequestOrigin(input: GuardInput): GuardResult {
  const host = input.host ? hostParts(input.host) : undefined;
  const known =
    host !== undefined &&
    (input.publicHostnames?.has(host.name) === true ||
      (input.hostnames.has(host.name) && (host.port || '80') === String(input.localPort)));
  if (!known) {
    return { ok: false, code: 'foreign_host', message: 'this server does not answer to that Host' };
  }
  if (input.secFetchSite && input.secFetchSite !== 'same-origin' && input.secFetchSite !== 'none') {
    return { ok: false, code: 'cross_site', message: 'cross-site requests to /api are refused' };
  }
  if (input.origin !== undefined) {
    let originHost: string | undefined;
    try {
      originHost = new URL(input.origin).host.toLowerCase();
    } catch {
      originHost = undefined;
    }
    if (originHost !== input.host?.toLowerCase()) {
      return { ok: false, code: 'cross_site', message: 'cross-site requests to /api are refused' };
    }
  }
  return { ok: true };
}

export function defaultHostnames(bindHost: string): Set<string> {
  return new Set(['127.0.0.1', 'localhost', '[::1]', bindHost.toLowerCase()]);
}
