import {
  completenessLedger,
  expect,
  requestsTo,
  test,
  testControl,
  timelineGrid,
  visibleTimes,
} from '../support/test.ts';
import { AUTO_PAGE_LIMIT } from '../../src/features/timeline-table/timeline-controller.ts';

test.afterEach(async ({ page }) => {
  await testControl(page, '/api/_test/reset', {});
});

test('shows OpenAI demo events in UTC, marked as demo, newest first', async ({ page }) => {
  await page.goto('/?p=openai');
  const grid = await timelineGrid(page);
  await expect(page.getByText('Demo data')).toBeVisible();
  await expect(grid.getByRole('row').nth(1)).toContainText('OpenAI');
  await expect(grid.getByRole('columnheader', { name: 'Time (UTC)' })).toBeVisible();
  await expect(grid.getByRole('gridcell').first()).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC/);
  const ledger = completenessLedger(page);
  await expect(ledger.locator('[data-provider="openai"]')).toContainText('demo');
  const times = await visibleTimes(page);
  expect(times.length).toBeGreaterThan(10);
  expect([...times].sort((a, b) => b - a)).toEqual(times);
  await page.screenshot({ path: 'test-results/screens/timeline-demo.png' });
});

test('scrolling to the end loads older pages', async ({ page }) => {
  const cursors: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/openai/organization/audit_logs')
      cursors.push(url.searchParams.get('after') ?? 'first');
  });
  // Seven days hold far more events than the first screen asks for (one day may not: the demo's
  // density varies by the hour, and a day can fit in the pages loaded before any scroll).
  await page.goto('/?p=openai&from=now-7d');
  const grid = await timelineGrid(page);
  const ledger = completenessLedger(page);
  await expect(ledger.locator('[data-provider="openai"]')).toContainText('more available');
  const before = Number(await grid.getAttribute('aria-rowcount'));
  const requestsBefore = cursors.length;
  for (let i = 0; i < 5; i++) {
    await grid.evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await page.waitForTimeout(300);
  }
  await expect.poll(() => cursors.length).toBeGreaterThan(requestsBefore);
  expect(cursors.slice(requestsBefore)).not.toContain('first');
  await expect.poll(async () => Number(await grid.getAttribute('aria-rowcount'))).toBeGreaterThan(before);
  const times = await visibleTimes(page);
  expect([...times].sort((a, b) => b - a)).toEqual(times);
});

test('oldest first: loads older pages at the top within the budget, none at the bottom, and the header turns it round', async ({
  page,
}) => {
  const requests = requestsTo(page, '/api/openai/organization/audit_logs');
  await page.goto('/?p=openai&from=now-30d&sort=time');
  const grid = await timelineGrid(page);
  await expect(grid.getByRole('columnheader', { name: 'Time (UTC)' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  // The top wants rows older than any loaded: pages load one after another, and stop at the page budget.
  await expect(page.getByRole('button', { name: 'Keep loading' })).toBeVisible({ timeout: 30_000 });
  await expect(grid).toHaveAttribute('aria-busy', 'false');
  // The first page and the screen's first ask, then at most the budget.
  expect(requests.length).toBeGreaterThan(5);
  expect(requests.length).toBeLessThanOrEqual(AUTO_PAGE_LIMIT + 2);
  const notice = page.locator('p', { hasText: 'Oldest first: events older than' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Automatic loading paused');
  const times = await visibleTimes(page);
  expect(times.length).toBeGreaterThan(10);
  expect([...times].sort((a, b) => a - b)).toEqual(times);
  // The notice names the time everything after is loaded from: the top row is no older.
  const loadedFrom = Date.parse((await notice.locator('time').getAttribute('datetime')) ?? '');
  expect(loadedFrom).toBeLessThanOrEqual(times[0] ?? 0);
  expect(loadedFrom).toBeGreaterThan(Date.now() - 30 * 86_400_000);
  await page.screenshot({ path: 'test-results/screens/timeline-oldest-first.png' });

  // The bottom holds the newest rows, all loaded: reaching it loads nothing (it used to ask for more rows,
  // which gave the budget back, and load page after page).
  const rowsBefore = Number(await grid.getAttribute('aria-rowcount'));
  const requestsBefore = requests.length;
  for (let i = 0; i < 3; i++) {
    await grid.evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await page.waitForTimeout(300);
  }
  await expect(grid).toHaveAttribute('aria-busy', 'false');
  expect(requests.length).toBe(requestsBefore);
  expect(Number(await grid.getAttribute('aria-rowcount'))).toBe(rowsBefore);

  // Turned round, the same table stays (the notice going must not rebuild it): focus stays on the header.
  await grid.evaluate((element) => element.setAttribute('data-test-mark', 'before-sort'));
  await grid.getByRole('button', { name: 'Time (UTC)' }).click();
  await expect(page).not.toHaveURL(/sort=/);
  await expect(grid.getByRole('button', { name: 'Time (UTC)' })).toBeFocused();
  await expect(grid).toHaveAttribute('data-test-mark', 'before-sort');
  await expect(grid.getByRole('columnheader', { name: 'Time (UTC)' })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect(notice).toHaveCount(0);
  const newestFirst = await visibleTimes(page);
  expect([...newestFirst].sort((a, b) => b - a)).toEqual(newestFirst);
});

test('a filter that spent the page budget, once cleared, neither keeps "Keep loading" nor loads on', async ({
  page,
}) => {
  const requests = requestsTo(page, '/api/openai/organization/audit_logs');
  await page.goto(`/?p=openai&from=now-30d&q=${encodeURIComponent('actor:nobody-at-all')}`);
  const keepLoading = page.getByRole('button', { name: 'Keep loading' });
  await expect(keepLoading).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Automatic loading paused')).toBeVisible();
  const requestsBefore = requests.length;
  expect(requestsBefore).toBeGreaterThan(AUTO_PAGE_LIMIT / 2);
  const search = page.getByRole('searchbox', { name: 'Search events' });
  await search.fill('');
  await search.press('Enter');
  await expect(page).not.toHaveURL(/q=/);
  const grid = await timelineGrid(page);
  await expect(grid.getByRole('row').nth(1)).toContainText('OpenAI');
  await expect(keepLoading).toHaveCount(0);
  // The filter's ask went with it: the screen is full, so no page is fetched for the ask nobody has.
  await page.waitForTimeout(1_500);
  expect(requests.length).toBe(requestsBefore);
});

test('the toolbar shows and turns round the order, with the time column hidden too', async ({ page }) => {
  await page.goto('/?p=openai&from=now-7d&cols=actor,action');
  const grid = await timelineGrid(page);
  await expect(grid.getByRole('columnheader', { name: /Time/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Order: newest first' }).click();
  await expect(page).toHaveURL(/sort=time/);
  await expect(page.getByRole('button', { name: 'Order: oldest first' })).toBeVisible();
  await expect(page.locator('p', { hasText: 'Oldest first: events older than' })).toBeVisible();
  // The time column back: the rows are oldest first, and its header says so.
  await page.getByRole('button', { name: 'Columns' }).click();
  // Checked, the box moves to the shown columns' list (a new element): click, not check().
  await page.getByRole('checkbox', { name: 'Time' }).click();
  await expect(grid.getByRole('columnheader', { name: 'Time (UTC)' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  const times = await visibleTimes(page);
  expect(times.length).toBeGreaterThan(10);
  expect([...times].sort((a, b) => a - b)).toEqual(times);
  await page.getByRole('button', { name: 'Order: oldest first' }).click();
  await expect(page).not.toHaveURL(/sort=/);
  await expect(grid.getByRole('columnheader', { name: 'Time (UTC)' })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
});

test('a search nothing in the range matches says so, and clears on request', async ({ page }) => {
  await page.goto('/?p=openai&from=now-6h&q=actor:nobody@nowhere.example&f=outcome:success');
  await expect(page.getByText('No events match')).toBeVisible();
  await expect(page.getByText(/^None of the [\d,]+ events in this range matches/)).toBeVisible();
  await page.getByRole('button', { name: 'Clear the search and filters' }).click();
  await expect(page).not.toHaveURL(/[?&](q|f)=/);
  const grid = await timelineGrid(page);
  await expect(grid.locator('[role=row][data-key]').first()).toBeVisible();
});

test('with providers named in the link, opening an event keeps everything loaded', async ({ page }) => {
  await page.goto('/?p=openai,contabo&from=now-7d');
  const grid = await timelineGrid(page);
  for (let i = 0; i < 3; i++) {
    await grid.evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await page.waitForTimeout(300);
  }
  await grid.evaluate((element) => element.scrollTo(0, 0));
  await expect(grid).toHaveAttribute('aria-busy', 'false');
  const loaded = Number(await grid.getAttribute('aria-rowcount'));
  await grid.evaluate((element) => element.setAttribute('data-test-mark', 'before-click'));

  await grid.locator('[role=row][data-key]').nth(1).click();
  await expect(page).toHaveURL(/ev=/);
  await expect(page.getByRole('complementary', { name: 'Event detail' })).toBeVisible();
  // The same table, not one rebuilt from its first page (every URL change used to rebuild every feed).
  await expect(grid).toHaveAttribute('data-test-mark', 'before-click');
  expect(Number(await grid.getAttribute('aria-rowcount'))).toBeGreaterThanOrEqual(loaded);
});

test.describe('a provider that fails', () => {
  test.use({ allowConsoleErrors: [/Failed to load resource: the server responded with a status of 5\d\d/] });

  test('names the provider and the problem, and recovers on retry', async ({ page }) => {
    await testControl(page, '/api/_test/fault', {
      provider: 'openai',
      fault: { status: 200, body: '{"object":"list","data":[{"id":1}' },
    });
    await page.goto('/');
    await expect(page.getByRole('alert').first()).toContainText(
      'OpenAI: unexpected response (the body is not JSON)',
    );
    // The others keep working beside it: their rows, and facet counts of what they loaded.
    const facets = page.getByRole('navigation', { name: 'Facets' });
    await expect(facets).toHaveAttribute('aria-busy', 'false');
    await expect(facets.getByRole('region', { name: 'Provider facet' })).toContainText('cloudfoundry');
    await page.screenshot({ path: 'test-results/screens/timeline-error.png' });
    await testControl(page, '/api/_test/reset', {});
    await page.getByRole('button', { name: 'Retry OpenAI', exact: true }).click();
    await timelineGrid(page);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('a body that breaks the schema names the field', async ({ page }) => {
    await testControl(page, '/api/_test/fault', {
      provider: 'openai',
      fault: {
        status: 200,
        body: JSON.stringify({ object: 'list', data: [{ id: 'a', type: 'login.failed' }], has_more: false }),
      },
    });
    await page.goto('/');
    await expect(page.getByRole('alert').first()).toContainText(
      'OpenAI: unexpected response (field data.0.effective_at:',
    );
  });

  test('an upstream error status shows the provider message', async ({ page }) => {
    await testControl(page, '/api/_test/fault', {
      provider: 'openai',
      fault: {
        status: 500,
        body: JSON.stringify({
          error: { message: 'The server had an error', type: 'server_error', param: null, code: null },
        }),
      },
    });
    await page.goto('/');
    await expect(page.getByRole('alert').first()).toContainText('OpenAI: The server had an error (HTTP 500)');
  });
});

test.describe('an export waiting for the whole range', () => {
  test.use({ allowConsoleErrors: [/Failed to load resource: the server responded with a status of 400/] });

  test('gives up and says so when a provider fails before the end, instead of downloading later', async ({
    page,
  }) => {
    await page.goto('/?from=now-7d');
    await timelineGrid(page);
    await testControl(page, '/api/_test/fault', {
      provider: 'openai',
      fault: { status: 400, body: '{"error":{"message":"the audit log is unavailable"}}' },
    });
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const menu = page.getByRole('dialog', { name: 'Export this view' });
    await menu.getByRole('button', { name: 'load the whole range first, then export CSV' }).click();
    await expect(page.getByRole('button', { name: 'Export: loading…' })).toBeVisible();
    await expect(page.getByRole('alert').first()).toContainText('the audit log is unavailable', {
      timeout: 45_000,
    });
    const exportButton = page.getByRole('button', { name: 'Export', exact: true });
    await expect(exportButton).toBeVisible({ timeout: 45_000 });
    await exportButton.click();
    await expect(menu.getByRole('status')).toContainText('stopped loading before the end');
  });
});

test.describe('in a browser whose zone is not UTC', () => {
  test.use({ timezoneId: 'Europe/Berlin' });

  test('switching UTC and local time keeps what was loaded, the open event and the table: the range is the same', async ({
    page,
  }) => {
    const firstPages = requestsTo(page, '/api/openai/organization/audit_logs');
    await page.goto('/?p=openai&from=now-7d');
    const grid = await timelineGrid(page);
    for (let i = 0; i < 3; i++) {
      await grid.evaluate((element) => element.scrollTo(0, element.scrollHeight));
      await page.waitForTimeout(300);
    }
    await expect(grid).toHaveAttribute('aria-busy', 'false');
    await grid.evaluate((element) => element.scrollTo(0, 0));
    await grid.getByRole('row').nth(3).click();
    await expect(page.getByRole('complementary', { name: 'Event detail' })).toBeVisible();
    const rows = Number(await grid.getAttribute('aria-rowcount'));
    const requests = firstPages.length;
    await grid.evaluate((element) => element.setAttribute('data-test-mark', 'before-zone'));

    await page.getByRole('button', { name: 'Show times in Europe/Berlin' }).click();
    await expect(page).toHaveURL(/tz=Europe%2FBerlin/);
    await expect(grid.getByRole('gridcell').first()).toContainText(/\+0[12]:00|CES?T|GMT\+[12]/);
    await expect(grid).toHaveAttribute('data-test-mark', 'before-zone');
    expect(Number(await grid.getAttribute('aria-rowcount'))).toBe(rows);
    await expect(page.getByRole('complementary', { name: 'Event detail' })).toBeVisible();
    await page.getByRole('button', { name: 'Show times in UTC' }).click();
    await expect(page).not.toHaveURL(/tz=/);
    await expect(grid).toHaveAttribute('data-test-mark', 'before-zone');
    expect(firstPages.length).toBe(requests);
  });
});
