import { completenessLedger, expect, test, testControl, timelineGrid } from '../support/test.ts';

test.afterEach(async ({ page }) => {
  await testControl(page, '/api/_test/reset', {});
});

test('every provider interleaves in time order through a scroll of 2,000+ rows', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('/?from=now-7d');
  const grid = await timelineGrid(page);
  const seen = new Map<string, { time: number; provider: string }>();
  const order: string[] = [];
  for (let step = 0; step < 400 && seen.size < 2100; step++) {
    const rows = await grid.locator('[role=row][data-key]').evaluateAll((nodes) =>
      nodes.map((node) => ({
        key: node.getAttribute('data-key') ?? '',
        index: Number(node.getAttribute('aria-rowindex')),
        time: Date.parse(node.querySelector('time')?.getAttribute('datetime') ?? ''),
        provider: node.querySelectorAll('[role=gridcell]')[1]?.textContent ?? '',
      })),
    );
    rows.sort((a, b) => a.index - b.index);
    for (const row of rows) {
      if (!seen.has(row.key)) {
        seen.set(row.key, row);
        order[row.index] = row.key;
      }
    }
    await grid.evaluate((element) => element.scrollBy(0, element.clientHeight * 0.9));
    await page.waitForTimeout(60);
  }
  const keys = order.filter(Boolean);
  expect(keys.length).toBeGreaterThanOrEqual(2000);
  const times = keys.map((key) => seen.get(key)?.time ?? NaN);
  for (let i = 1; i < times.length; i++) expect(times[i]!, `row ${i + 1}`).toBeLessThanOrEqual(times[i - 1]!);
  const providers = new Set(keys.map((key) => seen.get(key)?.provider));
  // ParallelCluster's stack events are sparse (a few builds a week), so four providers fill the first rows.
  expect(providers.size).toBeGreaterThanOrEqual(4);
});

test('the ledger counts per provider, and "Load all in range" finishes with a progress bar', async ({
  page,
}) => {
  await page.goto('/?from=now-12h');
  await timelineGrid(page);
  const ledger = completenessLedger(page);
  await expect(ledger.locator('[data-provider="openai"]')).toContainText(/\d+ loaded/);
  await expect(ledger.locator('[data-feed="cloudfoundry.audit_events"]')).toContainText(
    /\d+ loaded of [\d,]+/,
  );
  await page.getByRole('button', { name: 'Load all in range' }).click();
  await expect(page.getByRole('progressbar', { name: 'Loading all events in range' })).toBeVisible();
  await expect(page.getByText('complete for this range').first()).toBeVisible({ timeout: 45_000 });
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  for (const feed of await ledger.locator('[data-provider]').all())
    await expect(feed).toContainText('complete for this range');
});

test.describe('one provider failing', () => {
  test.use({ allowConsoleErrors: [/Failed to load resource: the server responded with a status of 5\d\d/] });

  test('shows its error in the ledger while the other providers keep their rows', async ({ page }) => {
    await testControl(page, '/api/_test/fault', {
      provider: 'cloudfoundry',
      fault: {
        status: 503,
        body: '{"errors":[{"code":10001,"title":"UnknownError","detail":"CC is down"}]}',
      },
    });
    await page.goto('/?from=now-6h');
    const grid = await timelineGrid(page);
    const ledger = completenessLedger(page);
    await expect(ledger.locator('[data-feed="cloudfoundry.audit_events"]')).toContainText('Cloud Foundry', {
      timeout: 20_000,
    });
    await expect(ledger.getByRole('alert')).toContainText(/Cloud Foundry: .*HTTP 503/, { timeout: 30_000 });
    await expect(grid).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
    await expect(grid.locator('[role=row][data-key]').first()).toBeVisible();
    const providers = await grid
      .locator('[role=row][data-key] [role=gridcell]:nth-child(2)')
      .allTextContents();
    expect(providers).not.toContain('Cloud Foundry');
    // The rows on screen can all be one provider's (a story's burst of events at the top, just after the
    // server starts): the provider facet counts every row loaded.
    const facet = page.getByRole('region', { name: 'Provider facet' });
    for (const provider of ['agilicus', 'contabo', 'openai'])
      await expect(facet.getByRole('button', { name: `Include Provider ${provider}` })).toBeVisible();
    await expect(facet.getByRole('button', { name: 'Include Provider cloudfoundry' })).toHaveCount(0);
    await expect(page.getByText('incomplete: a provider failed')).toBeVisible();
  });
});

test('a permalink reopens the event highlighted, and the keyboard moves through rows', async ({
  page,
  context,
}) => {
  await page.goto('/?from=now-24h');
  const grid = await timelineGrid(page);
  await grid.locator('[role=row][data-key]').nth(5).click();
  const detail = page.getByRole('complementary', { name: 'Event detail' });
  await expect(detail).toBeVisible();
  const key = new URL(page.url()).searchParams.get('ev');
  expect(key).toBeTruthy();

  await grid.focus();
  await page.keyboard.press('j');
  await expect.poll(() => new URL(page.url()).searchParams.get('ev')).not.toBe(key);
  await page.keyboard.press('k');
  await expect.poll(() => new URL(page.url()).searchParams.get('ev')).toBe(key);
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(detail).toBeVisible();

  // Escape inside the panel closes it too, and focus goes back to the table, where the keys work on.
  await detail.getByRole('button', { name: 'Close event detail' }).focus();
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
  await expect(grid).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(detail).toBeVisible();
  await detail.getByRole('button', { name: 'Close event detail' }).click();
  await expect(grid).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(detail).toBeVisible();

  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await detail.getByRole('button', { name: 'Copy permalink' }).click();
  const permalink = await page.evaluate(() => navigator.clipboard.readText());
  expect(permalink).toMatch(/from=\d{4}-\d\d-\d\dT.*&to=\d{4}-.*&ev=/);

  const other = await context.newPage();
  await other.goto(permalink);
  const row = other.locator(`[role=grid] [role=row][data-key="${key ?? ''}"]`);
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await expect(other.getByRole('complementary', { name: 'Event detail' })).toBeVisible();
  await other.screenshot({ path: 'test-results/screens/permalink.png' });
});

test('a permalink to an event that never loads says so instead of opening nothing', async ({ page }) => {
  await page.goto('/?from=now-6h&ev=openai.audit_logs:audit_log-does-not-exist');
  await timelineGrid(page);
  const notice = page.getByRole('status').filter({ hasText: 'The linked event is not here' });
  await expect(notice).toContainText('openai.audit_logs:audit_log-does-not-exist is not among the', {
    timeout: 45_000,
  });
  await expect(page.getByRole('complementary', { name: 'Event detail' })).toHaveCount(0);
});

test('detail panel screenshots in light and dark themes', async ({ page }) => {
  await page.goto('/?from=now-24h');
  const grid = await timelineGrid(page);
  await grid.locator('[role=row][data-key]').nth(2).click();
  await expect(page.getByRole('complementary', { name: 'Event detail' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/detail-light.png' });
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.screenshot({ path: 'test-results/screens/detail-dark.png' });
});
