import { expect, test } from '../support/test.ts';

test('pages carry a strict CSP and the app works under it', async ({ page }) => {
  const response = await page.goto('/');
  const headers = response?.headers() ?? {};
  const csp = headers['content-security-policy'] ?? '';
  for (const directive of [
    "script-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ]) {
    expect(csp).toContain(directive);
  }
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  await expect(page.getByRole('grid', { name: 'Audit events' })).toBeVisible();
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
