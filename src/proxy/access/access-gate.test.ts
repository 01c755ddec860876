import { describe, expect, it } from 'vitest';
import { accessGateFromEnv, createAccessGate, type AccessRequest } from './access-gate.ts';

const TOKEN = 'CANARY-access-token-7f3a9c2e41';
const SESSION_COOKIE_SHAPE =
  /^al_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; HttpOnly; SameSite=Strict(; Secure)?$/;

function setup(options: { trustedProxy?: boolean } = {}) {
  const clock = { now: 1_000_000 };
  const lines: string[] = [];
  const slept: number[] = [];
  const gate = createAccessGate({
    token: TOKEN,
    trustedProxy: options.trustedProxy ?? false,
    log: (line) => lines.push(line),
    now: () => clock.now,
    sleep: (ms) => {
      slept.push(ms);
      clock.now += ms;
      return Promise.resolve();
    },
  });
  const seen: string[] = [];
  const call = async (request: Partial<AccessRequest> & { rawTarget: string }) => {
    const response = await gate({
      method: 'GET',
      headers: new Headers({ host: '127.0.0.1:4173' }),
      remoteAddress: '192.0.2.10',
      encrypted: false,
      body: () => Promise.resolve(''),
      ...request,
    });
    if (response) seen.push(JSON.stringify([...response.headers]), await response.clone().text());
    return response;
  };
  const signIn = (token: string, extra: Partial<AccessRequest> = {}, headers: Record<string, string> = {}) =>
    call({
      method: 'POST',
      rawTarget: '/_signin',
      headers: new Headers({
        host: '127.0.0.1:4173',
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://127.0.0.1:4173',
        'sec-fetch-site': 'same-origin',
        ...headers,
      }),
      body: () => Promise.resolve(new URLSearchParams({ token }).toString()),
      ...extra,
    });
  const withCookie = (rawTarget: string, cookie: string) =>
    call({ rawTarget, headers: new Headers({ host: '127.0.0.1:4173', cookie }) });
  return { clock, lines, slept, seen, call, signIn, withCookie };
}

const cookiePair = (response: Response | undefined): string =>
  (response?.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

describe('the access gate', () => {
  it('shows a plain sign-in form under the strict CSP, with no script, style or token', async () => {
    const { call } = setup();
    const response = await call({ rawTarget: '/_signin' });
    expect(response?.status).toBe(200);
    expect(response?.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response?.headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(response?.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = (await response?.text()) ?? '';
    expect(html).toContain('<form method="post" action="/_signin">');
    expect(html).toContain('name="token" type="password"');
    expect(html).not.toMatch(/<script|<style|\sstyle=|\son\w+=|<link/i);
    expect(html).not.toContain(TOKEN);
  });

  it('signs in with the right token: a 303 to / and an HttpOnly, SameSite=Strict session cookie', async () => {
    const { signIn, slept } = setup();
    const response = await signIn(TOKEN);
    expect(response?.status).toBe(303);
    expect(response?.headers.get('location')).toBe('/');
    const cookie = response?.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(SESSION_COOKIE_SHAPE);
    expect(cookie).not.toContain('Secure');
    expect(cookie).not.toContain(TOKEN);
    expect(slept).toEqual([]);
  });

  it('marks the cookie Secure over HTTPS, believing X-Forwarded-Proto only behind a trusted proxy', async () => {
    expect((await setup().signIn(TOKEN, { encrypted: true }))?.headers.get('set-cookie')).toMatch(
      /; Secure$/,
    );
    const forwarded = { 'x-forwarded-proto': 'https' };
    expect((await setup().signIn(TOKEN, {}, forwarded))?.headers.get('set-cookie')).not.toContain('Secure');
    expect(
      (await setup({ trustedProxy: true }).signIn(TOKEN, {}, forwarded))?.headers.get('set-cookie'),
    ).toMatch(/; Secure$/);
  });

  it('answers a wrong token with 401, no cookie, after a delay that doubles per failure', async () => {
    const { signIn, slept, lines } = setup();
    const first = await signIn('wrong-token-guess-0001');
    expect(first?.status).toBe(401);
    expect(first?.headers.get('set-cookie')).toBeNull();
    expect(await first?.text()).not.toContain('wrong-token-guess-0001');
    await signIn('wrong-token-guess-0002');
    await signIn('wrong-token-guess-0003');
    expect(slept).toEqual([250, 500, 1000]);
    expect(lines.join('\n')).toContain('sign-in from 192.0.2.10 failed (3 in a row');
    expect(lines.join('\n')).not.toMatch(/wrong-token-guess/);
  });

  it('refuses attempts inside the delay window without checking them, even the right token', async () => {
    const { signIn, clock } = setup();
    await signIn('wrong-token-guess-0001');
    await signIn('wrong-token-guess-0002');
    clock.now -= 400; // as if a second request had been sent in parallel with the last one
    const early = await signIn(TOKEN);
    expect(early?.status).toBe(429);
    expect(early?.headers.get('retry-after')).toBe('1');
    expect(early?.headers.get('set-cookie')).toBeNull();
    clock.now += 400;
    expect((await signIn(TOKEN))?.status).toBe(303);
  });

  it('checks one attempt per client at a time: a parallel burst is refused, not each guess compared', async () => {
    const { signIn } = setup();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const body = async () => {
      await held;
      return new URLSearchParams({ token: 'wrong-token-guess-0001' }).toString();
    };
    const first = signIn('', { body });
    const burst = await Promise.all(Array.from({ length: 5 }, (_, i) => signIn(`wrong-token-guess-10${i}`)));
    expect(burst.map((response) => response?.status)).toEqual([429, 429, 429, 429, 429]);
    release();
    expect((await first)?.status).toBe(401);
    expect((await signIn('wrong-token-guess-0002', { remoteAddress: '192.0.2.99' }))?.status).toBe(401);
  });

  it('slows down per client address: another address is not delayed', async () => {
    const { signIn, slept } = setup();
    await signIn('wrong-token-guess-0001', { remoteAddress: '192.0.2.10' });
    await signIn('wrong-token-guess-0001', { remoteAddress: '192.0.2.11' });
    expect(slept).toEqual([250, 250]);
  });

  it('caps the delay at 5 s', async () => {
    const { signIn, slept } = setup();
    for (let i = 0; i < 8; i++) await signIn(`wrong-token-guess-${i}`);
    expect(slept.at(-1)).toBe(5000);
    expect(Math.max(...slept)).toBe(5000);
  });

  it('lets a signed-in session through to pages, assets and /api', async () => {
    const { signIn, withCookie } = setup();
    const cookie = cookiePair(await signIn(TOKEN));
    expect(await withCookie('/', cookie)).toBeUndefined();
    expect(await withCookie('/assets/index-abc.js', cookie)).toBeUndefined();
    expect(
      await withCookie('/api/openai/organization/audit_logs?limit=1', `theme=dark; ${cookie}`),
    ).toBeUndefined();
    expect((await withCookie('/_signin', cookie))?.status).toBe(303);
  });

  it('refuses a forged or expired session: pages go to the sign-in page, /api answers 401 JSON and no data', async () => {
    const { signIn, withCookie, clock } = setup();
    const forged = `al_session=${'A'.repeat(43)}`;
    const page = await withCookie('/timeline?provider=openai', forged);
    expect(page?.status).toBe(303);
    expect(page?.headers.get('location')).toBe('/_signin');
    const api = await withCookie('/api/openai/organization/audit_logs', forged);
    expect(api?.status).toBe(401);
    expect(await api?.json()).toEqual({
      auditLensProxy: { code: 'unauthenticated', message: expect.any(String) as string },
    });

    const cookie = cookiePair(await signIn(TOKEN));
    clock.now += 12 * 60 * 60 * 1000 - 1;
    expect(await withCookie('/', cookie)).toBeUndefined();
    clock.now += 1;
    expect((await withCookie('/', cookie))?.status).toBe(303);
    expect((await withCookie('/api/_status', cookie))?.status).toBe(401);
  });

  it('answers /api without a session with 401 JSON, whatever the spelling', async () => {
    const { call } = setup();
    for (const rawTarget of ['/api', '/api?x=1', '/api/_status', '/api/openai/organization/audit_logs']) {
      const response = await call({ rawTarget });
      expect(response?.status, rawTarget).toBe(401);
      expect(await response?.json()).toMatchObject({ auditLensProxy: { code: 'unauthenticated' } });
    }
    expect((await call({ rawTarget: '/assets/app.js' }))?.status).toBe(303);
    expect((await call({ rawTarget: '/', method: 'POST' }))?.status).toBe(401);
  });

  it('never signs in from a token in the URL, a foreign site or a non-form body', async () => {
    const { call, signIn } = setup();
    const inUrl = await call({ rawTarget: `/_signin?token=${TOKEN}` });
    expect(inUrl?.status).toBe(200);
    expect(inUrl?.headers.get('set-cookie')).toBeNull();
    const crossSite = await signIn(
      TOKEN,
      {},
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
    );
    expect(crossSite?.status).toBe(403);
    expect(crossSite?.headers.get('set-cookie')).toBeNull();
    const json = await signIn(TOKEN, {}, { 'content-type': 'application/json' });
    expect(json?.status).toBe(415);
    const tooLarge = await signIn(TOKEN, { body: () => Promise.reject(new Error('body too large')) });
    expect(tooLarge?.status).toBe(413);
    expect((await call({ rawTarget: '/_signin', method: 'PUT' }))?.status).toBe(405);
  });

  it('never puts the token in a response or a log line', async () => {
    const { call, signIn, withCookie, seen, lines } = setup();
    await call({ rawTarget: '/_signin' });
    await signIn(`${TOKEN}x`);
    const cookie = cookiePair(await signIn(TOKEN));
    await withCookie('/', cookie);
    await call({ rawTarget: '/api/_status' });
    expect(lines.length).toBeGreaterThan(0);
    for (const text of [...seen, ...lines]) expect(text).not.toContain(TOKEN);
  });

  it('refuses a short token and is off without one', () => {
    expect(() => createAccessGate({ token: 'short', trustedProxy: false })).toThrow(/at least 16 characters/);
    expect(accessGateFromEnv({})).toBeUndefined();
    expect(accessGateFromEnv({ AUDIT_LENS_ACCESS_TOKEN: '  ' })).toBeUndefined();
    expect(accessGateFromEnv({ AUDIT_LENS_ACCESS_TOKEN: TOKEN })).toBeTypeOf('function');
  });
});
