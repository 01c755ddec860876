import { expect, test, timelineGrid } from '../support/test.ts';

test('`npm start` serves the dashboard on demo data', async ({ page }) => {
  await page.goto('/');
  const grid = await timelineGrid(page);
  await expect(grid.locator('[role=row][data-key]').first()).toBeVisible();
  await expect(page.getByText('Demo data')).toBeVisible();
});
