import { describe, expect, it } from 'vitest';
import { CredentialError } from '../api-handler.ts';
import { passwordGrant, REFUSED_LOGIN_HOLD_MS, type PasswordGrantOptions } from './oauth-password-grant.ts';

const TOKEN_URL = 'https://auth.example.test/auth/realms/contabo/protocol/openid-connect/token';
const SECRET = 'client-secret-Zq9!';
const PASSWORD = 'p@ss word&=1';

function keycloak(reply: (n: number) => Response | Promise<Response> = () => tokenReply('t', 300)) {
  const requests: { url: string; method: string; contentType: string | null; form: URLSearchParams }[] = [];
  const fetch = async (request: Request) => {
    requests.push({
      url: request.url,
      method: request.method,
      contentType: request.headers.get('content-type'),
      form: new URLSearchParams(await request.text()),
    });
    return reply(requests.length);
  };
  return { fetch, requests };
}

function tokenReply(token: string, expiresIn?: number): Response {
  return Response.json({
    access_token: token,
    expires_in: expiresIn,
    token_type: 'Bearer',
    refresh_token: 'r',
  });
}

function grant(overrides: Partial<PasswordGrantOptions>) {
  return passwordGrant({
    tokenUrl: TOKEN_URL,
    clientId: 'INT-123',
    clientSecret: SECRET,
    username: 'api@example.com',
    password: PASSWORD,
    ...overrides,
  });
}

describe('OAuth2 password grant', () => {
  it('posts a form-encoded password grant with the client and user credentials', async () => {
    const server = keycloak();
    expect(await grant({ fetch: server.fetch }).token()).toBe('t');
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request).toMatchObject({
      url: TOKEN_URL,
      method: 'POST',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(Object.fromEntries(request?.form ?? [])).toEqual({
      grant_type: 'password',
      client_id: 'INT-123',
      client_secret: SECRET,
      username: 'api@example.com',
      password: PASSWORD,
    });
  });

  it('caches the token and renews it about 30 s before expires_in runs out', async () => {
    let now = 1_000_000;
    const server = keycloak((n) => tokenReply(`t${n}`, 300));
    const oauth = grant({ fetch: server.fetch, now: () => now });
    expect(await oauth.token()).toBe('t1');
    now += 269_000;
    expect(await oauth.token()).toBe('t1');
    now += 2_000;
    expect(await oauth.token()).toBe('t2');
    expect(server.requests).toHaveLength(2);
  });

  it('keeps a short-lived token for half its life, and a token without expires_in for a minute less the margin', async () => {
    let now = 0;
    const short = keycloak((n) => tokenReply(`s${n}`, 20));
    const oauth = grant({ fetch: short.fetch, now: () => now });
    await oauth.token();
    now = 9_000;
    expect(await oauth.token()).toBe('s1');
    now = 10_000;
    expect(await oauth.token()).toBe('s2');

    now = 0;
    const bare = keycloak((n) => tokenReply(`b${n}`));
    const noExpiry = grant({ fetch: bare.fetch, now: () => now });
    await noExpiry.token();
    now = 29_000;
    expect(await noExpiry.token()).toBe('b1');
    now = 30_000;
    expect(await noExpiry.token()).toBe('b2');
  });

  it('makes one token request for many concurrent callers', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const server = keycloak(async (n) => {
      await gate;
      return tokenReply(`t${n}`, 300);
    });
    const oauth = grant({ fetch: server.fetch });
    const tokens = Promise.all(Array.from({ length: 20 }, () => oauth.token()));
    release();
    expect(new Set(await tokens)).toEqual(new Set(['t1']));
    expect(server.requests).toHaveLength(1);
  });

  it('raises CredentialError without a secret when the login is refused, and tries again a minute later', async () => {
    const server = keycloak((n) =>
      n === 1
        ? Response.json(
            { error: 'invalid_grant', error_description: `Invalid user credentials for ${PASSWORD}` },
            { status: 401 },
          )
        : tokenReply('t2', 300),
    );
    let clock = 1_000_000;
    const oauth = grant({ fetch: server.fetch, now: () => clock });
    const error = await oauth.token().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialError);
    const message = (error as CredentialError).message;
    expect(message).toMatch(
      /auth\.example\.test refused the login \(HTTP 401, invalid_grant: Invalid user credentials/,
    );
    expect(message).not.toContain(PASSWORD);
    expect(message).not.toContain(SECRET);
    // Held: the same password is not posted again at once (Keycloak's brute-force lockout).
    clock += REFUSED_LOGIN_HOLD_MS - 1000;
    const held = await oauth.token().catch((e: unknown) => e);
    expect((held as CredentialError).message).toMatch(/refused the login .*; trying again in 1 s$/);
    expect(server.requests).toHaveLength(1);
    clock += 1000;
    expect(await oauth.token()).toBe('t2');
    expect(server.requests).toHaveLength(2);
  });

  it('raises CredentialError when the endpoint cannot be reached or answers without a token', async () => {
    const unreachable = grant({ fetch: () => Promise.reject(new TypeError(`fetch failed ${SECRET}`)) });
    await expect(unreachable.token()).rejects.toThrow(
      new CredentialError('the token endpoint auth.example.test could not be reached'),
    );
    const html = grant({ fetch: () => Promise.resolve(new Response('<html>', { status: 200 })) });
    await expect(html.token()).rejects.toBeInstanceOf(CredentialError);
    const empty = grant({ fetch: () => Promise.resolve(Response.json({ token_type: 'Bearer' })) });
    await expect(empty.token()).rejects.toThrow(/answered without an access token/);
  });

  it('forgets the token when told it was rejected', async () => {
    const server = keycloak((n) => tokenReply(`t${n}`, 300));
    const oauth = grant({ fetch: server.fetch });
    expect(await oauth.token()).toBe('t1');
    oauth.invalidate();
    expect(await oauth.token()).toBe('t2');
  });

  it('forgets only the token that was rejected, keeping one a concurrent caller already renewed', async () => {
    const server = keycloak((n) => tokenReply(`t${n}`, 300));
    const oauth = grant({ fetch: server.fetch });
    expect(await oauth.token()).toBe('t1');
    oauth.invalidate('t1');
    expect(await oauth.token()).toBe('t2');
    oauth.invalidate('t1');
    expect(await oauth.token()).toBe('t2');
    expect(server.requests).toHaveLength(2);
  });
});
