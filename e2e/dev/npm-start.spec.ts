import { expect, test, timelineGrid } from '../support/test.ts';

test('`npm start` serves the dashboard on demo data', async ({ page }) => {
  await page.goto('/');
  const grid = await timelineGrid(page);
  await expect(grid.getByRole('row').nth(1)).toContainText('OpenAI');
  await expect(page.getByText('Demo data')).toBeVisible();
});
