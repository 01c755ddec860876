import { expect, requestsTo, test, timelineGrid } from '../support/test.ts';

test('`npm start` serves the dashboard on demo data', async ({ page }) => {
  await page.goto('/');
  const grid = await timelineGrid(page);
  await expect(grid.locator('[role=row][data-key]').first()).toBeVisible();
  await expect(page.getByText('Demo data')).toBeVisible();
});

test('`npm start` checks for newer events (StrictMode once stopped the check for good in dev)', async ({
  page,
}) => {
  const asked = requestsTo(page, '/api/openai/organization/audit_logs');
  await page.clock.install();
  // Hours, not minutes: about 7 OpenAI events an hour, and a quarter hour can hold none (no grid then).
  await page.goto('/?p=openai&from=now-3h');
  const grid = await timelineGrid(page);
  await expect(page.getByText('· complete for this range')).toBeVisible();
  await expect(grid).toHaveAttribute('aria-busy', 'false');
  const before = asked.length;
  await page.clock.fastForward(35_000);
  await expect.poll(() => asked.length).toBeGreaterThan(before);
});
