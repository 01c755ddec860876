import type { ServerEnv } from '../config.ts';
import { refusal } from '../refusal.ts';
import { PREVIEW_CSP, securityHeaders } from '../security-headers.ts';
import { cookieValues, SESSION_COOKIE, sessionCookie } from './cookie.ts';
import { createSessionStore, SESSION_TTL_MS } from './session-store.ts';
import { signInPage } from './sign-in-page.ts';
import { createSignInThrottle } from './sign-in-throttle.ts';
import { MIN_ACCESS_TOKEN_LENGTH, tokenComparer } from './token.ts';

export const SIGN_IN_PATH = '/_signin';

/** One request as the access gate sees it, whatever server carries it. */
export interface AccessRequest {
  method: string;
  /** The request target exactly as received. */
  rawTarget: string;
  headers: Headers;
  /** The TCP peer's address. */
  remoteAddress: string;
  /** Whether the request arrived over TLS on this server's own socket. */
  encrypted: boolean;
  /** Reads the (size-limited) body; only POST /_signin uses it. */
  body: () => Promise<string>;
}

export interface AccessGateOptions {
  token: string;
  /** An authenticating reverse proxy is in front: its X-Forwarded-For/-Proto are believed. */
  trustedProxy: boolean;
  log?: (line: string) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Answers a Response for a request it stops or serves itself (sign-in), undefined to let it through. */
export type AccessGate = (request: AccessRequest) => Promise<Response | undefined>;

export class AccessConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccessConfigError';
  }
}

const pathOf = (rawTarget: string): string => rawTarget.split(/[?#]/, 1)[0] ?? '';
const isApi = (path: string): boolean => path === '/api' || path.startsWith('/api/');

function htmlPage(status: number, notice?: string, headers?: Record<string, string>): Response {
  return new Response(signInPage(notice), {
    status,
    headers: {
      ...securityHeaders(PREVIEW_CSP),
      'content-type': 'text/html; charset=utf-8',
      ...headers,
    },
  });
}

const seeOther = (location: string, headers?: Record<string, string>): Response =>
  new Response(null, { status: 303, headers: { location, ...headers } });

/** A form posted from another site is refused; a browser's own same-origin post passes. */
function crossSite(headers: Headers): boolean {
  const site = headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = headers.get('origin');
  if (origin === null) return false;
  try {
    return new URL(origin).host.toLowerCase() !== (headers.get('host') ?? '').toLowerCase();
  } catch {
    return true;
  }
}

/**
 * Requires a signed-in session for everything this server serves (pages, assets, /api), except the
 * sign-in page itself. The token is checked once, on `POST /_signin`, and never leaves the server.
 */
export function createAccessGate(options: AccessGateOptions): AccessGate {
  if (options.token.length < MIN_ACCESS_TOKEN_LENGTH)
    throw new AccessConfigError(
      `AUDIT_LENS_ACCESS_TOKEN must be at least ${MIN_ACCESS_TOKEN_LENGTH} characters long`,
    );
  const matches = tokenComparer(options.token);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const log = options.log ?? (() => undefined);
  const sessions = createSessionStore({ now });
  const throttle = createSignInThrottle(now);

  const clientOf = (request: AccessRequest): string => {
    if (options.trustedProxy) {
      // The proxy in front appends the address it saw; earlier entries are whatever the client claimed.
      const forwarded = request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
      if (forwarded) return forwarded;
    }
    return request.remoteAddress || 'unknown';
  };
  const isHttps = (request: AccessRequest): boolean =>
    request.encrypted ||
    (options.trustedProxy &&
      request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https');
  const signedIn = (request: AccessRequest): boolean =>
    cookieValues(request.headers.get('cookie'), SESSION_COOKIE).some((id) => sessions.isValid(id));

  /** Clients with an attempt being checked: a burst in parallel would otherwise all pass the throttle. */
  const attempting = new Set<string>();

  async function signIn(request: AccessRequest): Promise<Response> {
    const client = clientOf(request);
    if (attempting.has(client)) {
      log(`sign-in from ${client} refused: another attempt is still being checked`);
      return htmlPage(429, 'One attempt at a time. Wait a few seconds, then try again.', {
        'retry-after': '1',
      });
    }
    attempting.add(client);
    try {
      return await checkSignIn(request, client);
    } finally {
      attempting.delete(client);
    }
  }

  async function checkSignIn(request: AccessRequest, client: string): Promise<Response> {
    if (crossSite(request.headers)) {
      log(`sign-in from ${client} refused: posted from another site`);
      return htmlPage(403, 'Sign in from this page, not from another site.');
    }
    const waitMs = throttle.waitFor(client);
    if (waitMs > 0) {
      log(`sign-in from ${client} refused: too soon after a failed attempt (retry in ${waitMs} ms)`);
      return htmlPage(429, 'Too many attempts. Wait a few seconds, then try again.', {
        'retry-after': String(Math.ceil(waitMs / 1000)),
      });
    }
    const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded')
      return htmlPage(415, 'Sign in with the form on this page.');
    let body: string;
    try {
      body = await request.body();
    } catch {
      return htmlPage(413, 'That request was too large.');
    }
    const submitted = (new URLSearchParams(body).get('token') ?? '').trim();
    if (matches(submitted)) {
      throttle.succeed(client);
      log(`sign-in from ${client}: session started`);
      const cookie = sessionCookie(sessions.create(), {
        secure: isHttps(request),
        maxAgeSeconds: Math.floor(SESSION_TTL_MS / 1000),
      });
      return seeOther('/', { 'set-cookie': cookie });
    }
    const { failures, delayMs } = throttle.fail(client);
    log(`sign-in from ${client} failed (${failures} in a row; answering after ${delayMs} ms)`);
    await sleep(delayMs);
    return htmlPage(401, 'That token is not right.');
  }

  return async (request) => {
    const path = pathOf(request.rawTarget);
    const method = request.method.toUpperCase();
    if (path === SIGN_IN_PATH) {
      if (method === 'POST') return signIn(request);
      if (method !== 'GET' && method !== 'HEAD')
        return new Response('Method Not Allowed', { status: 405, headers: { allow: 'GET, POST' } });
      return signedIn(request) ? seeOther('/') : htmlPage(200);
    }
    if (signedIn(request)) return undefined;
    if (isApi(path))
      return refusal(401, 'unauthenticated', 'sign in first: this server needs its access token');
    if (method === 'GET' || method === 'HEAD') return seeOther(SIGN_IN_PATH);
    return new Response('Unauthorized: sign in first', {
      status: 401,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  };
}

/** The gate the environment asks for: none without AUDIT_LENS_ACCESS_TOKEN. */
export function accessGateFromEnv(env: ServerEnv, log?: (line: string) => void): AccessGate | undefined {
  const token = env.AUDIT_LENS_ACCESS_TOKEN?.trim();
  if (!token) return undefined;
  return createAccessGate({ token, trustedProxy: env.AUDIT_LENS_TRUSTED_PROXY === '1', log });
}
