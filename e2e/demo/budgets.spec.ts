import { scriptsBeforeFirstRow } from '../bench/browser-bench.ts';
import { expect, settledGrid, test } from '../support/test.ts';

/**
 * Guards against large regressions of two of the benchmark's bars that can be counted rather than timed
 * (`npm run bench` measures the rest): bytes of JavaScript before the first row, and grid elements.
 */

test('a first visit fetches at most 200 KB of gzipped JavaScript before the first row, and no chart code', async ({
  page,
}) => {
  const scripts = await scriptsBeforeFirstRow(page, '/');
  expect(scripts.length).toBeGreaterThan(0);
  // The activity chart (recharts) is off until asked for: its code must not be on the first screen's path.
  // Read in the code itself (recharts names its elements' classes `recharts-…`), not in file names.
  expect(scripts.filter((script) => script.body.includes('recharts-')).map((script) => script.url)).toEqual(
    [],
  );
  expect(scripts.reduce((sum, script) => sum + script.gzipBytes, 0)).toBeLessThanOrEqual(200 * 1024);
});

test('the grid keeps at most 1,500 elements whatever the number of rows loaded', async ({ page }) => {
  await page.goto('/?from=now-30d');
  const grid = await settledGrid(page);
  const rowCount = async () => Number(await grid.getAttribute('aria-rowcount')) - 1;
  // Scrolling to the end asks for more: keep going until there are rows enough to overflow the budget
  // many times over if the grid drew them all.
  await expect
    .poll(
      async () => {
        await grid.evaluate((element) => element.scrollTo(0, element.scrollHeight));
        return rowCount();
      },
      { timeout: 30_000, intervals: [250] },
    )
    .toBeGreaterThanOrEqual(1_000);
  const elementsAt = (fraction: number) =>
    grid.evaluate((element, at) => {
      element.scrollTo(0, (element.scrollHeight - element.clientHeight) * at);
      return new Promise<number>((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => resolve(element.getElementsByTagName('*').length + 1)),
        ),
      );
    }, fraction);
  for (const fraction of [0, 0.25, 0.5, 0.75, 1])
    expect(await elementsAt(fraction)).toBeLessThanOrEqual(1_500);
  // And the rows on screen are real rows, not an empty window.
  await expect(grid.locator('[role=row][data-key]').first()).toBeVisible();
});
