import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from '../support/test.ts';

/** The headers every response of the preview build carries: one definition for every test that checks. */
function expectSecurityHeaders(headers: Record<string, string>, where: string) {
  const csp = headers['content-security-policy'] ?? '';
  for (const directive of [
    "script-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ]) {
    expect(csp, `${where}: content-security-policy`).toContain(directive);
  }
  expect(csp, `${where}: content-security-policy`).not.toContain('unsafe-inline');
  expect(csp, `${where}: content-security-policy`).not.toContain('unsafe-eval');
  expect(headers['x-content-type-options'], `${where}: x-content-type-options`).toBe('nosniff');
  expect(headers['referrer-policy'], `${where}: referrer-policy`).toBe('no-referrer');
  expect(headers['x-frame-options'], `${where}: x-frame-options`).toBe('DENY');
  expect(headers['cross-origin-opener-policy'], `${where}: cross-origin-opener-policy`).toBe('same-origin');
}

/** Every file the build put under /assets, which is what the preview server serves there. */
function builtAssets(): string[] {
  const assets = readdirSync('dist-e2e/assets').map((name) => `/assets/${name}`);
  // The walk must cover what the page actually loads, not a stale directory.
  const index = readFileSync('dist-e2e/index.html', 'utf8');
  const referenced = [...index.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1] ?? '');
  expect(referenced.length).toBeGreaterThan(0);
  for (const path of referenced) expect(assets).toContain(path);
  return assets;
}

test('pages carry a strict CSP and the app works under it', async ({ page }) => {
  const response = await page.goto('/');
  expectSecurityHeaders(response?.headers() ?? {}, '/');
  await expect(page.getByRole('grid', { name: 'Audit events' })).toBeVisible();
});

test('every route of the preview build carries the security headers', async ({ request }) => {
  const routes: { path: string; status: (status: number) => boolean }[] = [
    { path: '/', status: (status) => status === 200 },
    { path: '/?from=now-7d', status: (status) => status === 200 },
    // An unknown path: the SPA fallback or a 404, with the same headers either way.
    { path: '/no/such/page', status: (status) => status === 200 || status === 404 },
    { path: '/assets/no-such-file.js', status: (status) => status === 200 || status === 404 },
    ...builtAssets().map((path) => ({ path, status: (status: number) => status === 200 })),
    { path: '/favicon.svg', status: (status) => status === 200 },
    { path: '/api/_status', status: (status) => status === 200 },
    { path: '/api/nope', status: (status) => status >= 400 && status < 500 },
    // A proxy refusal: a provider path off the route table.
    { path: '/api/openai/organization/users', status: (status) => status >= 400 && status < 500 },
  ];
  for (const { path, status } of routes) {
    const response = await request.get(path);
    expect(status(response.status()), `${path} answered ${response.status()}`).toBe(true);
    expectSecurityHeaders(response.headers(), path);
  }
  const post = await request.post('/api/openai/organization/audit_logs');
  expect(post.status()).toBe(405);
  expectSecurityHeaders(post.headers(), 'POST /api/openai/organization/audit_logs');
  const crossSite = await request.get('/api/_status', {
    headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
  });
  expect(crossSite.status()).toBe(403);
  expectSecurityHeaders(crossSite.headers(), 'cross-site /api/_status');
  // No access token in the demo project, so no 401 from the access gate to walk here. A foreign Host is
  // left out: Vite's own host check answers it before any plugin middleware, without these headers.
});

test('the proxy refuses what is not on its route table, a foreign Host and cross-site requests', async ({
  request,
  baseURL,
}) => {
  for (const path of [
    '/api/openai/organization/users',
    '/api/openai/organization/%2e%2e/audit_logs',
    '/api/github/x',
  ]) {
    const response = await request.get(path);
    expect(response.status(), path).toBeGreaterThanOrEqual(400);
    expect(response.status(), path).toBeLessThan(500);
  }
  const post = await request.post('/api/openai/organization/audit_logs');
  expect(post.status()).toBe(405);
  const foreign = await request.get('/api/_status', {
    headers: { host: `rebind.attacker.example:${new URL(baseURL ?? '').port}` },
  });
  expect(foreign.status()).toBe(403);
  const crossSite = await request.get('/api/openai/organization/audit_logs', {
    headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
  });
  expect(crossSite.status()).toBe(403);
});
