import { PROVIDER_LABELS } from '../support/providers.ts';
import { completenessLedger, expect, test, timelineGrid } from '../support/test.ts';

test('with nothing configured, all five providers show demo events', async ({ page }) => {
  const status: unknown = await (await page.request.get('/api/_status')).json();
  expect(status).toMatchObject({
    providers: expect.arrayContaining([
      expect.objectContaining({ id: 'parallelcluster', mode: 'demo', images: expect.any(Array) }),
    ]),
  });
  for (const [id, label] of Object.entries(PROVIDER_LABELS)) {
    await page.goto(`/?from=now-30d&p=${id}`);
    const grid = await timelineGrid(page);
    const firstRow = grid.locator('[role=row][data-key]').first();
    await expect(firstRow, label).toBeVisible();
    const providers = new Set(
      await grid.locator('[role=row][data-key] [role=gridcell]:nth-child(2)').allTextContents(),
    );
    expect([...providers], label).toEqual([label]);
    const ledger = completenessLedger(page);
    await expect(ledger.locator('[data-provider]').first()).toContainText('demo');
    await expect(ledger.getByRole('alert')).toHaveCount(0);
  }
});

test('the cross-provider story can be followed from the intruder address', async ({ page }) => {
  await page.goto('/?from=now-24h&f=ip:198.51.100.66');
  await page.getByRole('button', { name: 'Load all in range' }).click();
  const grid = await timelineGrid(page);
  await expect(page.getByText('complete for this range').first()).toBeVisible({ timeout: 45_000 });
  const providers = new Set(
    await grid.locator('[role=row][data-key] [role=gridcell]:nth-child(2)').allTextContents(),
  );
  expect(providers.has('OpenAI')).toBe(true);
  expect(providers.has('Agilicus')).toBe(true);
});
