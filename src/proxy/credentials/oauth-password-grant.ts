import { z } from 'zod';
import { CredentialError } from '../api-handler.ts';

/** How the token request is sent: global fetch live, the simulator's handlers in demo. */
export type TokenFetch = (request: Request) => Promise<Response>;

export interface PasswordGrantOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  fetch?: TokenFetch;
  now?: () => number;
  /** Renew this long before the token expires, so a request never leaves with a token about to lapse. */
  refreshMarginMs?: number;
  timeoutMs?: number;
}

/** Keycloak's reply; only access_token is needed. Without expires_in the token is kept a minute. */
const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().positive().optional(),
  token_type: z.string().optional(),
});

const tokenErrorSchema = z.looseObject({
  error: z.string().optional(),
  error_description: z.string().optional(),
});

const DEFAULT_MARGIN_MS = 30_000;
const DEFAULT_LIFETIME_S = 60;
const DEFAULT_TIMEOUT_MS = 15_000;
/**
 * After Keycloak refuses the login (a wrong password, a locked user), it is not asked again for this long:
 * every page and retry posting the same bad password would walk into its brute-force lockout.
 */
export const REFUSED_LOGIN_HOLD_MS = 60_000;

/**
 * OAuth2 resource-owner password grant (Contabo's Keycloak): one cached token, renewed shortly before it
 * expires, with concurrent callers sharing one token request. A failed request raises CredentialError whose
 * message names the endpoint and Keycloak's error, never a secret.
 *
 * @example
 * const oauth = passwordGrant({ tokenUrl, clientId, clientSecret, username, password });
 * headers.set('authorization', `Bearer ${await oauth.token()}`);
 */
export function passwordGrant(options: PasswordGrantOptions) {
  const send = options.fetch ?? ((request: Request) => fetch(request));
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? DEFAULT_MARGIN_MS;
  const host = safeHost(options.tokenUrl);
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;
  let refused: { message: string; until: number } | undefined;

  const scrub = (text: string): string =>
    [options.clientSecret, options.password]
      .filter((secret) => secret.length > 0)
      .reduce((out, secret) => out.split(secret).join('***'), text)
      .slice(0, 200);

  async function requestToken(): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'password',
      client_id: options.clientId,
      client_secret: options.clientSecret,
      username: options.username,
      password: options.password,
    });
    let response: Response;
    try {
      response = await send(
        new Request(options.tokenUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
        }),
      );
    } catch {
      throw new CredentialError(`the token endpoint ${host} could not be reached`);
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const error = tokenErrorSchema.safeParse(json).data;
      const reason = [error?.error, error?.error_description].filter(Boolean).join(': ');
      const message = scrub(
        `the token endpoint ${host} refused the login (HTTP ${response.status}${reason ? `, ${reason}` : ''})`,
      );
      // A refusal, not an outage: held, so that the same credentials are not posted again at once.
      if (response.status >= 400 && response.status < 500)
        refused = { message, until: now() + REFUSED_LOGIN_HOLD_MS };
      throw new CredentialError(message);
    }
    const parsed = tokenResponseSchema.safeParse(json);
    if (!parsed.success)
      throw new CredentialError(`the token endpoint ${host} answered without an access token`);
    const lifetimeMs = (parsed.data.expires_in ?? DEFAULT_LIFETIME_S) * 1000;
    // Short-lived tokens keep at least half their life rather than being renewed on every request.
    cached = {
      token: parsed.data.access_token,
      renewAt: now() + lifetimeMs - Math.min(margin, lifetimeMs / 2),
    };
    return parsed.data.access_token;
  }

  return {
    /** A valid access token: the cached one, or one fresh request shared by every concurrent caller. */
    token(): Promise<string> {
      if (cached && now() < cached.renewAt) return Promise.resolve(cached.token);
      if (refused && now() < refused.until) {
        const seconds = Math.ceil((refused.until - now()) / 1000);
        return Promise.reject(new CredentialError(`${refused.message}; trying again in ${seconds} s`));
      }
      pending ??= requestToken().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    /**
     * Forgets the cached token after the API answered 401. Given the rejected token, only that one is
     * forgotten: a token a concurrent caller already renewed is kept, not thrown away.
     */
    invalidate(rejected?: string): void {
      if (rejected === undefined || cached?.token === rejected) cached = undefined;
    },
  };
}

export type PasswordGrant = ReturnType<typeof passwordGrant>;

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'CONTABO_AUTH_URL';
  }
}
