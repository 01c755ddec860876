import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CANARY, FAKE_UPSTREAM } from '../support/ports.ts';
import { completenessLedger, expect, test, timelineGrid } from '../support/test.ts';

test('live OpenAI through the proxy: credential injected upstream, never seen by the browser', async ({
  page,
  request,
}) => {
  const leaks: string[] = [];
  page.on('request', (req) => {
    const headers = JSON.stringify(req.headers());
    if (headers.includes(CANARY.openaiAdminKey) || req.url().includes(CANARY.openaiAdminKey))
      leaks.push(`request ${req.url()}`);
    if (req.headers().authorization) leaks.push(`authorization sent by the browser to ${req.url()}`);
  });
  page.on('response', async (res) => {
    if (JSON.stringify(await res.allHeaders()).includes(CANARY.openaiAdminKey))
      leaks.push(`response headers ${res.url()}`);
    const body = await res.text().catch(() => '');
    if (body.includes(CANARY.openaiAdminKey)) leaks.push(`response body ${res.url()}`);
  });

  await page.goto('/');
  const grid = await timelineGrid(page);
  await expect(grid.getByRole('row').nth(1)).toContainText('OpenAI');
  const ledger = completenessLedger(page);
  await expect(ledger.locator('[data-provider="openai"]')).toContainText('live');
  await expect(page.getByText('Demo data')).toHaveCount(0);
  await expect(ledger).toContainText('not configured');
  const providers = new Set(
    await grid.locator('[role=row][data-key] [role=gridcell]:nth-child(2)').allTextContents(),
  );
  expect([...providers]).toEqual(['OpenAI']);
  expect(await page.content()).not.toContain(CANARY.openaiAdminKey);

  const seen = (await (await request.get(`${FAKE_UPSTREAM}/__seen`)).json()) as {
    path: string;
    authorization: string | null;
    headerNames: string[];
  }[];
  const calls = seen.filter((entry) => entry.path.startsWith('/openai/v1/organization/audit_logs'));
  expect(calls.length).toBeGreaterThan(0);
  for (const call of calls) {
    expect(call.authorization).toBe(`Bearer ${CANARY.openaiAdminKey}`);
    expect(call.headerNames.filter((name) => /cookie|forwarded|origin|referer/.test(name))).toEqual([]);
  }
  expect(leaks).toEqual([]);
});

test('the status endpoint says which providers are live and never shows a secret', async ({ request }) => {
  const response = await request.get('/api/_status');
  const text = await response.text();
  expect(text).not.toContain(CANARY.openaiAdminKey);
  const { providers } = JSON.parse(text) as { providers: { id: string; mode: string }[] };
  expect(Object.fromEntries(providers.map((p) => [p.id, p.mode]))).toEqual({
    contabo: 'not configured',
    agilicus: 'not configured',
    cloudfoundry: 'not configured',
    openai: 'live',
    parallelcluster: 'not configured',
  });
});

test('the built bundle holds no credential, even when built with one in the environment', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk('dist-e2e');
  expect(files.length).toBeGreaterThan(2);
  for (const file of files)
    expect(readFileSync(file, 'utf8').includes(CANARY.openaiAdminKey), file).toBe(false);
});

test('a link naming only providers not configured here says so, and shows all on request', async ({
  page,
}) => {
  await page.goto('/?p=contabo,agilicus');
  await expect(page.getByText('No provider this link names is available here')).toBeVisible();
  await expect(page.getByText('Contabo (not configured), Agilicus (not configured)')).toBeVisible();
  await expect(page.getByText('0 events shown · no provider to read')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/link-names-unavailable-providers.png' });
  await page.getByRole('button', { name: 'Show all providers' }).click();
  await expect(page).not.toHaveURL(/p=/);
  const grid = await timelineGrid(page);
  await expect(grid.getByRole('row').nth(1)).toContainText('OpenAI');
});
