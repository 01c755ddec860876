import { describe, expect, it } from 'vitest';
import {
  CF_DEMO_CLIENT_ID,
  CF_DEMO_CLIENT_SECRET,
  CF_DEMO_UAA_URL,
  cloudFoundrySimulatorHandlers,
} from '../../providers/cloudfoundry/simulator/handlers.ts';
import { createClock } from '../../providers/simulator-kit/clock.ts';
import { CredentialError } from '../api-handler.ts';
import { simulatorFetch } from '../upstreams/cloudfoundry.ts';
import {
  createUaaTokenSource,
  uaaBearerAuthorizer,
  uaaTokenUrl,
  type TokenFetch,
} from './uaa-client-credentials.ts';

const SECRET = 's3cr3t:with space&symbols';

/** A fake UAA that records what it was asked and answers tokens t1, t2… */
function fakeUaa(answer: (n: number) => Response | Promise<Response> = tokenAnswer(3600)) {
  const calls: { url: string; method: string; headers: Headers; body: string }[] = [];
  const fetch: TokenFetch = async (input, init) => {
    const request = new Request(input, init);
    calls.push({
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: await request.text(),
    });
    return answer(calls.length);
  };
  return { calls, fetch };
}

function tokenAnswer(expiresIn: number | undefined) {
  return (n: number) =>
    Response.json({ access_token: `t${n}`, token_type: 'bearer', expires_in: expiresIn, jti: `j${n}` });
}

function source(fetch: TokenFetch, now = () => 1_000_000) {
  return createUaaTokenSource({
    uaaUrl: 'https://uaa.sys.example.com/',
    clientId: 'audit lens:reader',
    clientSecret: SECRET,
    fetch,
    now,
  });
}

describe('UAA client credentials', () => {
  it('posts grant_type=client_credentials to /oauth/token with HTTP basic client auth', async () => {
    const uaa = fakeUaa();
    expect(await source(uaa.fetch).token()).toBe('t1');
    const call = uaa.calls[0]!;
    expect(call.url).toBe('https://uaa.sys.example.com/oauth/token');
    expect(call.method).toBe('POST');
    expect(call.body).toBe('grant_type=client_credentials');
    expect(call.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    const basic = call.headers.get('authorization') ?? '';
    expect(basic).toMatch(/^Basic /);
    // RFC 6749 §2.3.1: form-encode id and secret, join with ':', base64.
    expect(Buffer.from(basic.slice(6), 'base64').toString()).toBe(
      'audit+lens%3Areader:s3cr3t%3Awith+space%26symbols',
    );
  });

  it('accepts the UAA base URL or its token endpoint', () => {
    expect(uaaTokenUrl('https://uaa.example.com').href).toBe('https://uaa.example.com/oauth/token');
    expect(uaaTokenUrl(' https://login.example.com/uaa/oauth/token ').href).toBe(
      'https://login.example.com/uaa/oauth/token',
    );
  });

  it('caches the token and refreshes it 30 s before expires_in runs out', async () => {
    let now = 1_000_000;
    const uaa = fakeUaa(tokenAnswer(600));
    const tokens = source(uaa.fetch, () => now);
    expect(await tokens.token()).toBe('t1');
    now += 569_000;
    expect(await tokens.token()).toBe('t1');
    expect(uaa.calls).toHaveLength(1);
    now += 1_000;
    expect(await tokens.token()).toBe('t2');
    expect(uaa.calls).toHaveLength(2);
  });

  it('refreshes a very short-lived token halfway, and assumes a short life when expires_in is missing', async () => {
    let now = 0;
    const short = fakeUaa(tokenAnswer(20));
    const tokens = source(short.fetch, () => now);
    await tokens.token();
    now = 9_999;
    expect(await tokens.token()).toBe('t1');
    now = 10_000;
    expect(await tokens.token()).toBe('t2');

    const none = fakeUaa(tokenAnswer(undefined));
    const other = source(none.fetch, () => now);
    await other.token();
    now += 271_000;
    expect(await other.token()).toBe('t2');
  });

  it('makes one token request for many concurrent callers (single-flight)', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const uaa = fakeUaa(async (n) => {
      await gate;
      return tokenAnswer(3600)(n);
    });
    const tokens = source(uaa.fetch);
    const waiting = Array.from({ length: 20 }, () => tokens.token());
    release();
    expect(new Set(await Promise.all(waiting))).toEqual(new Set(['t1']));
    expect(uaa.calls).toHaveLength(1);
  });

  it('asks again after invalidate (the API rejected the token)', async () => {
    const uaa = fakeUaa();
    const tokens = source(uaa.fetch);
    await tokens.token();
    tokens.invalidate();
    expect(await tokens.token()).toBe('t2');
  });

  it('forgets only the rejected token, keeping one a concurrent caller already renewed', async () => {
    const uaa = fakeUaa();
    const tokens = source(uaa.fetch);
    expect(await tokens.token()).toBe('t1');
    tokens.invalidate('t1');
    expect(await tokens.token()).toBe('t2');
    tokens.invalidate('t1');
    expect(await tokens.token()).toBe('t2');
    expect(uaa.calls).toHaveLength(2);
  });

  it('raises CredentialError without secrets, and tries again on the next call', async () => {
    const refused = fakeUaa((n) =>
      n === 1
        ? Response.json(
            { error: 'unauthorized', error_description: `Bad credentials for ${SECRET}` },
            { status: 401 },
          )
        : tokenAnswer(3600)(n),
    );
    const tokens = source(refused.fetch);
    const error = await tokens.token().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialError);
    expect((error as Error).message).toBe(
      'UAA refused the client credentials (check CF_CLIENT_ID and CF_CLIENT_SECRET): HTTP 401 unauthorized',
    );
    expect((error as Error).message).not.toContain('s3cr3t');
    expect(await tokens.token()).toBe('t2');

    const down = source(() => Promise.reject(new TypeError('fetch failed')));
    await expect(down.token()).rejects.toThrow(
      new CredentialError('the UAA token endpoint uaa.sys.example.com could not be reached'),
    );
    const empty = source(() => Promise.resolve(Response.json({ token_type: 'bearer' })));
    await expect(empty.token()).rejects.toThrow('UAA answered without an access token');
    const broken = source(() => Promise.resolve(new Response('<html>oops</html>', { status: 502 })));
    await expect(broken.token()).rejects.toThrow('UAA did not issue a token: HTTP 502');
  });

  it("keeps the scopes UAA granted with recent tokens: its answer, else the token's own claim", async () => {
    const claims = Buffer.from(JSON.stringify({ scope: ['cloud_controller.read'] })).toString('base64url');
    const answers = [
      { access_token: 't1', expires_in: 3600, scope: 'cloud_controller.global_auditor openid' },
      { access_token: `h.${claims}.s`, expires_in: 3600 },
      { access_token: 'opaque', expires_in: 3600 },
    ];
    const tokens = source(fakeUaa((n) => Response.json(answers[n - 1])).fetch);
    expect(await tokens.token()).toBe('t1');
    expect(tokens.scopes('t1')).toEqual(['cloud_controller.global_auditor', 'openid']);
    expect(tokens.scopes('another')).toBeUndefined();
    expect(tokens.scopes(undefined)).toBeUndefined();
    tokens.invalidate('t1');
    const second = await tokens.token();
    expect(tokens.scopes(second)).toEqual(['cloud_controller.read']);
    // A request that left with t1 before the renewal still has its scopes told.
    expect(tokens.scopes('t1')).toEqual(['cloud_controller.global_auditor', 'openid']);
    tokens.invalidate();
    expect(tokens.scopes(await tokens.token())).toBeUndefined();
  });

  it("sets CF's `Authorization: bearer <token>`", async () => {
    const headers = new Headers();
    await uaaBearerAuthorizer(source(fakeUaa().fetch))(new URL('https://api.example.com'), headers);
    expect(headers.get('authorization')).toBe('bearer t1');
  });

  it("gets tokens from the simulator's fake UAA through a fetch that never touches the network", async () => {
    const handlers = cloudFoundrySimulatorHandlers({
      baseUrl: 'https://api.sys.demo.example',
      clock: createClock('2026-11-20T12:00:00Z'),
      scale: 1,
      rateLimit: false,
    });
    const good = createUaaTokenSource({
      uaaUrl: CF_DEMO_UAA_URL,
      clientId: CF_DEMO_CLIENT_ID,
      clientSecret: CF_DEMO_CLIENT_SECRET,
      fetch: simulatorFetch(handlers),
    });
    expect(await good.token()).toMatch(/^cf-demo\./);
    const bad = createUaaTokenSource({
      uaaUrl: CF_DEMO_UAA_URL,
      clientId: CF_DEMO_CLIENT_ID,
      clientSecret: 'wrong',
      fetch: simulatorFetch(handlers),
    });
    await expect(bad.token()).rejects.toBeInstanceOf(CredentialError);
  });
});
