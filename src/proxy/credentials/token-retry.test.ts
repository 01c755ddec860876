import { describe, expect, it } from 'vitest';
import { CredentialError } from '../api-handler.ts';
import { passwordGrant } from './oauth-password-grant.ts';
import { forgetRejectedToken, retryRejectedToken, sentToken } from './token-retry.ts';

const URL_ = new URL('https://api.example.test/v1/audits');

/** A token endpoint issuing t1, t2…, and an API that accepts the tokens `accepts` says yes to. */
function world(options: { loginFails?: (n: number) => boolean } = {}) {
  let logins = 0;
  const apiCalls: string[] = [];
  let accepts: (token: string) => boolean = () => true;
  const tokens = passwordGrant({
    tokenUrl: 'https://auth.example.test/token',
    clientId: 'id',
    clientSecret: 'secret',
    username: 'user',
    password: 'password',
    fetch: async () => {
      logins += 1;
      const n = logins;
      // Concurrent callers must arrive while this login is still in flight.
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (options.loginFails?.(n)) return Response.json({ error: 'invalid_grant' }, { status: 401 });
      return Response.json({ access_token: `t${n}`, expires_in: 300 });
    },
  });
  const authorize = async (_url: URL, headers: Headers) => {
    headers.set('authorization', `Bearer ${await tokens.token()}`);
  };
  const api = (_url: URL, headers: Headers): Promise<Response> => {
    const token = sentToken(headers) ?? '';
    apiCalls.push(token);
    return Promise.resolve(
      accepts(token)
        ? Response.json({ data: [] })
        : Response.json({ statusCode: 401, message: 'Unauthorized' }, { status: 401 }),
    );
  };
  const send = retryRejectedToken(tokens, authorize, api);
  const get = async () => {
    const headers = new Headers({ accept: 'application/json' });
    await authorize(URL_, headers);
    return send(URL_, headers, AbortSignal.timeout(5000));
  };
  return {
    tokens,
    authorize,
    api,
    get,
    apiCalls,
    logins: () => logins,
    accept: (rule: (token: string) => boolean) => {
      accepts = rule;
    },
  };
}

describe('sentToken', () => {
  it('reads the bearer token whatever the scheme case, and nothing else', () => {
    expect(sentToken(new Headers({ authorization: 'Bearer abc.def' }))).toBe('abc.def');
    expect(sentToken(new Headers({ authorization: 'bearer xyz' }))).toBe('xyz');
    expect(sentToken(new Headers({ authorization: 'Basic Zm9vOmJhcg==' }))).toBeUndefined();
    expect(sentToken(new Headers())).toBeUndefined();
  });
});

describe('retryRejectedToken', () => {
  it('answers a 401 to an expired token with one renewal and one retry that succeeds', async () => {
    const w = world();
    expect((await w.get()).status).toBe(200);
    // The provider now considers t1 expired, although our clock still thinks it is valid.
    w.accept((token) => token !== 't1');
    const response = await w.get();
    expect(response.status).toBe(200);
    expect(w.apiCalls).toEqual(['t1', 't1', 't2']);
    expect(w.logins()).toBe(2);
  });

  it('leaves the request headers carrying the token the retry sent, for what reads them after', async () => {
    const w = world();
    await w.get();
    w.accept((token) => token !== 't1');
    const headers = new Headers({ accept: 'application/json' });
    await w.authorize(URL_, headers);
    const send = retryRejectedToken(w.tokens, w.authorize, w.api);
    expect((await send(URL_, headers, AbortSignal.timeout(5000))).status).toBe(200);
    expect(sentToken(headers)).toBe('t2');
  });

  it('renews once for many concurrent 401s to the same token', async () => {
    const w = world();
    await w.get();
    w.accept((token) => token !== 't1');
    const responses = await Promise.all(Array.from({ length: 10 }, () => w.get()));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    expect(w.logins()).toBe(2);
    expect(w.apiCalls.filter((token) => token === 't2')).toHaveLength(10);
  });

  it('keeps a token renewed by a concurrent request instead of forgetting it again', async () => {
    const w = world();
    await w.get();
    w.accept((token) => token !== 't1');
    // Two requests leave with t1; the second one's 401 arrives only after the first has renewed to t2.
    const early = new Headers({ authorization: 'Bearer t1' });
    const late = new Headers({ authorization: 'Bearer t1' });
    const send = retryRejectedToken(w.tokens, w.authorize, w.api);
    expect((await send(URL_, early, AbortSignal.timeout(5000))).status).toBe(200);
    expect((await send(URL_, late, AbortSignal.timeout(5000))).status).toBe(200);
    expect(w.logins()).toBe(2);
    expect(w.apiCalls.slice(1)).toEqual(['t1', 't2', 't1', 't2']);
  });

  it('sends a second 401 back as it came, and the next request logs in again', async () => {
    const w = world();
    w.accept(() => false);
    const response = await w.get();
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ statusCode: 401, message: 'Unauthorized' });
    expect(w.apiCalls).toEqual(['t1', 't2']);
    w.accept(() => true);
    expect((await w.get()).status).toBe(200);
    expect(w.apiCalls.at(-1)).toBe('t3');
  });

  it('surfaces a failed renewal as the CredentialError it is', async () => {
    const w = world({ loginFails: (n) => n > 1 });
    w.accept((token) => token !== 't1');
    await expect(w.get()).rejects.toBeInstanceOf(CredentialError);
    expect(w.apiCalls).toEqual(['t1']);
  });

  it('does not retry when the token source hands back the rejected token', async () => {
    const calls: string[] = [];
    const stubborn = { invalidate: () => undefined };
    const send = retryRejectedToken(
      stubborn,
      (_url, headers) => {
        headers.set('authorization', 'Bearer same');
        return Promise.resolve();
      },
      (_url, headers) => {
        calls.push(sentToken(headers) ?? '');
        return Promise.resolve(new Response('', { status: 401 }));
      },
    );
    const headers = new Headers({ authorization: 'Bearer same' });
    expect((await send(URL_, headers, AbortSignal.timeout(5000))).status).toBe(401);
    expect(calls).toEqual(['same']);
  });

  it('passes every other status through untouched, without a renewal', async () => {
    const w = world();
    await w.get();
    for (const status of [200, 403, 429, 500]) {
      const send = retryRejectedToken(w.tokens, w.authorize, () =>
        Promise.resolve(new Response('', { status })),
      );
      const headers = new Headers({ authorization: 'Bearer t1' });
      expect((await send(URL_, headers, AbortSignal.timeout(5000))).status).toBe(status);
    }
    expect(w.logins()).toBe(1);
  });
});

describe('forgetRejectedToken', () => {
  it('forgets the token a 401 answered and lets the 401 through', async () => {
    const forgotten: (string | undefined)[] = [];
    const send = forgetRejectedToken({ invalidate: (token) => forgotten.push(token) }, () =>
      Promise.resolve(new Response('', { status: 401 })),
    );
    const response = await send(URL_, new Headers({ authorization: 'bearer k1' }), AbortSignal.timeout(5000));
    expect(response.status).toBe(401);
    expect(forgotten).toEqual(['k1']);
  });
});
