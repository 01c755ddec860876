import { CredentialError } from '../api-handler.ts';
import { jwtScopes, scopeList } from './jwt-scopes.ts';

/** The fetch the token source uses: the global one live, the simulator's handlers in demo. */
export type TokenFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface UaaClientCredentialsOptions {
  /** The UAA base URL (`https://uaa.sys.example.com`) or its token endpoint (`…/oauth/token`). */
  uaaUrl: string;
  clientId: string;
  clientSecret: string;
  fetch?: TokenFetch;
  now?: () => number;
  /** Refresh this long before the token expires, so a request never leaves with a dying token. */
  refreshEarlyMs?: number;
  timeoutMs?: number;
}

export interface UaaTokenSource {
  /** A valid access token: the cached one, or one fresh request shared by every concurrent caller. */
  token(): Promise<string>;
  /**
   * Forgets the cached token (the API rejected it), so the next call asks UAA again. Given the rejected
   * token, only that one is forgotten: a token a concurrent caller already renewed is kept.
   */
  invalidate(rejected?: string): void;
  /**
   * The scopes UAA granted with this token (its answer's `scope`, or the token's own claim), for one of
   * the last few tokens issued; `undefined` when they are not known.
   */
  scopes: (token: string | undefined) => readonly string[] | undefined;
}

const DEFAULT_REFRESH_EARLY_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 10_000;
/** How many issued tokens' scopes are remembered. */
const RECENT_TOKENS = 4;
/** Used when UAA leaves out `expires_in`: short, so a surprise costs little. */
const FALLBACK_TTL_SECONDS = 300;

export function uaaTokenUrl(uaaUrl: string): URL {
  const trimmed = uaaUrl.trim().replace(/\/+$/, '');
  return new URL(/\/oauth\/token$/.test(trimmed) ? trimmed : `${trimmed}/oauth/token`);
}

/** RFC 6749 §2.3.1: id and secret are form-encoded before they are joined and base64-encoded. */
function basicAuth(clientId: string, clientSecret: string): string {
  const encode = (text: string) => encodeURIComponent(text).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString('base64')}`;
}

/** UAA's `error` code only (`invalid_client`, `unauthorized`): never the description, never a secret. */
function errorCode(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const code = body.error;
  return typeof code === 'string' && /^[a-z_]{1,64}$/.test(code) ? code : undefined;
}

/**
 * OAuth2 client credentials against a Cloud Foundry UAA: `POST {uaa}/oauth/token` with
 * `grant_type=client_credentials` and HTTP basic client auth. The token is cached until ~30 s before
 * `expires_in` runs out, and concurrent callers share one request. Failures are `CredentialError`s that
 * name the problem, never the secret or a token.
 *
 * @example
 * const tokens = createUaaTokenSource({ uaaUrl, clientId, clientSecret });
 * headers.set('authorization', `bearer ${await tokens.token()}`);
 */
export function createUaaTokenSource(options: UaaClientCredentialsOptions): UaaTokenSource {
  const tokenUrl = uaaTokenUrl(options.uaaUrl);
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const now = options.now ?? Date.now;
  const early = options.refreshEarlyMs ?? DEFAULT_REFRESH_EARLY_MS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let cached: { token: string; refreshAt: number } | undefined;
  // The scopes of the last few tokens, not only the cached one: a request in flight while a concurrent
  // one renewed the token still gets its answer's scopes told.
  const recentScopes = new Map<string, string[] | undefined>();
  let inflight: Promise<string> | undefined;

  async function request(): Promise<string> {
    let response: Response;
    try {
      response = await doFetch(tokenUrl, {
        method: 'POST',
        headers: {
          authorization: basicAuth(options.clientId, options.clientSecret),
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new CredentialError(
        timedOut
          ? `the UAA token endpoint ${tokenUrl.host} did not answer within ${Math.round(timeoutMs / 1000)} s`
          : `the UAA token endpoint ${tokenUrl.host} could not be reached`,
      );
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      const code = errorCode(body);
      const why =
        response.status === 401 || code === 'invalid_client' || code === 'unauthorized'
          ? 'UAA refused the client credentials (check CF_CLIENT_ID and CF_CLIENT_SECRET)'
          : 'UAA did not issue a token';
      throw new CredentialError(`${why}: HTTP ${response.status}${code ? ` ${code}` : ''}`);
    }
    const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const token = fields.access_token;
    if (typeof token !== 'string' || token === '')
      throw new CredentialError('UAA answered without an access token');
    const expiresIn =
      typeof fields.expires_in === 'number' && fields.expires_in > 0
        ? fields.expires_in
        : FALLBACK_TTL_SECONDS;
    const lifetimeMs = expiresIn * 1000;
    // A token shorter-lived than twice the margin is refreshed halfway through its life instead.
    const margin = Math.min(early, lifetimeMs / 2);
    recentScopes.set(token, scopeList(fields.scope) ?? jwtScopes(token));
    for (const old of recentScopes.keys()) if (recentScopes.size > RECENT_TOKENS) recentScopes.delete(old);
    cached = { token, refreshAt: now() + lifetimeMs - margin };
    return token;
  }

  return {
    token() {
      if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
      inflight ??= request().finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
    invalidate(rejected) {
      if (rejected === undefined || cached?.token === rejected) cached = undefined;
    },
    scopes(token) {
      return token === undefined ? undefined : recentScopes.get(token);
    },
  };
}

/** Adds `Authorization: bearer <token>` (CF's own spelling; the scheme is case-insensitive). */
export function uaaBearerAuthorizer(tokens: UaaTokenSource) {
  return async (_url: URL, headers: Headers): Promise<void> => {
    headers.set('authorization', `bearer ${await tokens.token()}`);
  };
}
