import { expect, test as base, type Page } from '@playwright/test';

export { expect };

/**
 * Every test fails on a page error or a console error, unless it names the console errors it expects
 * (e.g. the browser's own "Failed to load resource" line for a provider forced to fail).
 */
export const test = base.extend<{ allowConsoleErrors: RegExp[]; errorWatch: undefined }>({
  allowConsoleErrors: [[], { option: true }],
  errorWatch: [
    async ({ page, allowConsoleErrors }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const text = message.text();
        const url = message.location().url;
        // A ParallelCluster image whose stack is gone answers 404, meaning "no stack events"; the browser
        // logs every 4xx response, so this one is expected.
        const deletedStack =
          /status of 404/.test(text) && /\/api\/parallelcluster\/.*\/stackevents/.test(url);
        if (!deletedStack && !allowConsoleErrors.some((pattern) => pattern.test(text)))
          problems.push(`console error: ${text} (${url})`);
      });
      page.on('dialog', (dialog) => {
        problems.push(`dialog opened: ${dialog.message()}`);
        void dialog.dismiss();
      });
      await use(undefined);
      expect(problems, 'the page logged errors').toEqual([]);
    },
    { auto: true },
  ],
});

export async function timelineGrid(page: Page) {
  const grid = page.getByRole('grid', { name: 'Audit events' });
  await expect(grid).toBeVisible();
  return grid;
}

/** The strip that says, per provider, what is loaded and whether the range is complete. */
export function completenessLedger(page: Page) {
  return page.getByRole('region', { name: 'Completeness by provider' });
}

/** The grid once the rows the screen asked for have arrived (it is aria-busy while pages load). */
export async function settledGrid(page: Page) {
  const grid = await timelineGrid(page);
  await expect(grid).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
  return grid;
}

/** Times of the rows in the DOM, top to bottom, from their <time datetime> cells. */
export async function visibleTimes(page: Page): Promise<number[]> {
  return page.$$eval('[role=grid] [role=row][data-key] time', (nodes) =>
    nodes.map((node) => Date.parse(node.getAttribute('datetime') ?? '')),
  );
}

export async function testControl(page: Page, path: string, body: unknown) {
  const response = await page.request.post(path, { data: body });
  expect(response.ok(), `test control ${path}`).toBe(true);
}

/** The search strings of every request the page makes to `pathname` from now on, in order. */
export function requestsTo(page: Page, pathname: string): string[] {
  const searches: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === pathname) searches.push(url.search);
  });
  return searches;
}
