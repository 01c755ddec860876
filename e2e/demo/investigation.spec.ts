import { readFileSync } from 'node:fs';
import { expect, settledGrid, test, timelineGrid } from '../support/test.ts';
import type { Page } from '@playwright/test';

async function rowKeys(page: Page, count = 30): Promise<string[]> {
  const grid = await settledGrid(page);
  await expect(grid.locator('[role=row][data-key]').first()).toBeVisible();
  const rows = await grid.locator('[role=row][data-key]').evaluateAll((nodes) =>
    nodes.map((node) => ({
      key: node.getAttribute('data-key') ?? '',
      index: Number(node.getAttribute('aria-rowindex')),
    })),
  );
  return rows
    .sort((a, b) => a.index - b.index)
    .slice(0, count)
    .map((row) => row.key);
}

test('range, facet and query narrow the view; the shared link shows the same rows; Back restores', async ({
  page,
  browser,
}) => {
  await page.goto('/');
  await timelineGrid(page);
  await page.getByRole('button', { name: /Last 24 hours/ }).click();
  await page.getByRole('dialog', { name: 'Time range' }).getByRole('button', { name: 'Last 7 days' }).click();
  await expect(page).toHaveURL(/from=now-7d/);

  const facets = page.getByRole('navigation', { name: 'Facets' });
  await facets.getByRole('button', { name: 'Include Provider agilicus' }).click();
  await expect(page).toHaveURL(/f=provider%3Dagilicus/);
  await expect(page.getByRole('list', { name: 'Active filters' })).toContainText('provider = agilicus');
  await page.screenshot({ path: 'test-results/screens/facets.png' });

  const search = page.getByRole('searchbox', { name: 'Search events' });
  await search.fill('outcome:failure');
  await search.press('Enter');
  await expect(page).toHaveURL(/q=outcome%3Afailure/);
  const keys = await rowKeys(page);
  expect(keys.length).toBeGreaterThan(3);
  const providers = await page
    .locator('[role=grid] [role=row][data-key] [role=gridcell]:nth-child(2)')
    .allTextContents();
  expect(new Set(providers)).toEqual(new Set(['Agilicus']));
  const outcomes = await page
    .locator('[role=grid] [role=row][data-key] [role=gridcell]:nth-child(6)')
    .allTextContents();
  expect(new Set(outcomes)).toEqual(new Set(['failure']));

  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const link = await page.getByRole('textbox', { name: 'Link to this view' }).inputValue();
  expect(decodeURIComponent(link)).toMatch(/from=\d{4}-\d\d-\d\dT[\d:.]+Z&to=\d{4}-/);
  expect(link).toMatch(/[A-Za-z0-9]$/);

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto(link);
  // The same rows in the same order, as far as both screens show (either may have loaded further, and the
  // ledger's lines above the table, which wrap as loading goes on, change how many rows fit).
  const shared = await rowKeys(otherPage);
  const common = Math.min(shared.length, keys.length);
  expect(common).toBeGreaterThan(3);
  expect(shared.slice(0, common)).toEqual(keys.slice(0, common));
  await other.close();

  await page.keyboard.press('Escape');
  await page.goBack();
  await expect(page).not.toHaveURL(/q=/);
  await expect(search).toHaveValue('');
  await page.goBack();
  await expect(page).not.toHaveURL(/f=provider/);
});

test('a syntax error is shown with its position and the last valid query stays applied', async ({ page }) => {
  await page.goto('/?q=outcome:failure');
  const search = page.getByRole('searchbox', { name: 'Search events' });
  await expect(search).toHaveValue('outcome:failure');
  await search.fill('(actor:alice OR');
  await expect(page.getByRole('alert').filter({ hasText: 'At ' })).toContainText(/At \d+: .*expected/);
  await search.press('Enter');
  await expect(page).toHaveURL(/q=outcome(%3A|:)failure$/);
});

test('a garbage parameter is named in a notice and the rest of the view applies', async ({ page }) => {
  await page.goto(
    '/?from=yesterday&f=nofield&p=openai&zzz=%3Cscript%3E&q=actor%3A&zz2=invoice%E2%80%AEfdp.exe',
  );
  const notice = page.getByRole('status').filter({ hasText: 'could not be read' });
  await expect(notice).toBeVisible();
  // A crafted value cannot reorder the notice's text: the override shows as a marker.
  await expect(notice).toContainText('invoice⟨U+202E⟩fdp.exe');
  for (const name of ['from', 'f', 'zzz', 'q'])
    await expect(notice.locator('code', { hasText: new RegExp(`^${name}$`) })).toBeVisible();
  const providers = await page
    .locator('[role=grid] [role=row][data-key] [role=gridcell]:nth-child(2)')
    .allTextContents();
  expect(new Set(providers)).toEqual(new Set(['OpenAI']));
  // A click changes the view, not the link's unread parts: they and their notice stay until removed.
  await page.locator('[role=grid] [role=row][data-key]').first().click();
  await expect(page).toHaveURL(/[?&]ev=/);
  await expect(notice.locator('code', { hasText: /^zzz$/ })).toBeVisible();
  expect(new URL(page.url()).searchParams.getAll('q')).toEqual(['actor:']);
  await notice.getByRole('button', { name: 'Remove the unread parts from the link' }).click();
  await expect(notice).toHaveCount(0);
  const after = new URL(page.url()).searchParams;
  expect([...after.keys()].sort()).toEqual(['ev', 'p']);
});

test('hidden characters in a link are named apart, and the search applies as written', async ({ page }) => {
  await page.goto(`/?q=${encodeURIComponent('"\u202Etest"')}&p=openai`);
  const hidden = page.getByRole('status').filter({ hasText: 'characters that do not show' });
  await expect(hidden).toContainText('⟨U+202E⟩test');
  await expect(page.getByRole('status').filter({ hasText: 'could not be read' })).toHaveCount(0);
  await expect(page.getByRole('searchbox', { name: 'Search events' })).toHaveValue('"\u202Etest"');
  await expect(page.getByText('No events match')).toBeVisible();
});

test('a range that cannot be shown is named in the notice, and the last 24 hours show instead', async ({
  page,
}) => {
  await page.goto('/?from=now-1d&to=now-2d&p=openai');
  const notice = page.getByRole('status').filter({ hasText: 'could not be read' });
  await expect(notice).toContainText('the range now-1d to now-2d is empty');
  await expect(notice).toContainText('showing the last 24 hours instead');
  await expect(page.locator('[role=grid] [role=row][data-key]').first()).toBeVisible();
  await expect(page.getByText('No provider is available')).toHaveCount(0);
});

test('the time picker, and exports that match the rows on screen', async ({ page }) => {
  await page.goto('/?from=now-24h&f=ip:198.51.100.66');
  await page.getByRole('button', { name: 'Load all in range' }).click();
  await expect(page.getByText(/events shown.* · complete for this range/)).toBeVisible({ timeout: 45_000 });
  const grid = await timelineGrid(page);
  const total = Number(await grid.getAttribute('aria-rowcount')) - 1;
  // The grid is virtualized: scroll through it to read every row on screen.
  const byIndex = new Map<number, { key: string; cells: (string | null)[] }>();
  await grid.evaluate((element) => element.scrollTo(0, 0));
  for (let step = 0; step < 50 && byIndex.size < total; step++) {
    const visible = await grid.locator('[role=row][data-key]').evaluateAll((nodes) =>
      nodes.map((node) => ({
        index: Number(node.getAttribute('aria-rowindex')),
        key: node.getAttribute('data-key') ?? '',
        cells: [...node.querySelectorAll('[role=gridcell]')].map((cell) => cell.textContent),
      })),
    );
    for (const row of visible) byIndex.set(row.index, row);
    await grid.evaluate((element) => element.scrollBy(0, element.clientHeight * 0.8));
  }
  const screenRows = [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row);
  expect(screenRows.length).toBeGreaterThan(3);
  expect(screenRows.length).toBe(total);

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('dialog', { name: 'Export this view' }).getByRole('button', { name: /^CSV/ }).click();
  const csv = readFileSync(await (await csvDownload).path(), 'utf8').replace(/^\uFEFF/, '');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^Time \(UTC\),Provider,Action,Actor,Target,Outcome,IP,Summary,Demo$/);
  expect(lines).toHaveLength(screenRows.length + 1);
  for (const [i, row] of screenRows.entries()) {
    const line = lines[i + 1] ?? '';
    expect(line.startsWith(`${row.cells[0]},${row.cells[1]},`), line).toBe(true);
    expect(line.endsWith(',true'), 'demo marked').toBe(true);
  }

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const ndjsonDownload = page.waitForEvent('download');
  await page
    .getByRole('dialog', { name: 'Export this view' })
    .getByRole('button', { name: 'NDJSON (events with raw)', exact: true })
    .click();
  const ndjson = readFileSync(await (await ndjsonDownload).path(), 'utf8');
  const events = ndjson
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { key: string; demo: boolean; raw: unknown });
  expect(events.map((event) => event.key)).toEqual(screenRows.map((row) => row.key));
  expect(events.every((event) => event.demo && event.raw !== undefined)).toBe(true);

  await page.getByRole('button', { name: /Last 24 hours/ }).click();
  await expect(page.getByRole('dialog', { name: 'Time range' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/time-picker.png' });
});

test('columns can be hidden and reordered, and the link keeps them', async ({ page }) => {
  await page.goto('/?cols=time,action,provider');
  const grid = await timelineGrid(page);
  await expect(grid.getByRole('columnheader')).toHaveText(['Time (UTC)', 'Action', 'Provider']);
  await page.getByRole('button', { name: 'Columns', exact: true }).click();
  await page
    .getByRole('dialog', { name: 'Columns' })
    .getByRole('button', { name: 'Move Provider left' })
    .click();
  await expect(page).toHaveURL(/cols=time%2Cprovider%2Caction|cols=time,provider,action/);
  await expect(grid.getByRole('columnheader')).toHaveText(['Time (UTC)', 'Provider', 'Action']);
  // The box follows the URL, so it flips once the navigation lands: click, then wait for the state.
  const outcome = page.getByRole('dialog', { name: 'Columns' }).getByRole('checkbox', { name: 'Outcome' });
  await outcome.click();
  await expect(outcome).toBeChecked();
  await expect(grid.getByRole('columnheader')).toHaveText(['Time (UTC)', 'Provider', 'Action', 'Outcome']);
  // Shown or hidden, the box keeps focus (it is the same element): the keyboard can go on from it.
  await expect(outcome).toBeFocused();
  await page.keyboard.press('Space');
  await expect(outcome).not.toBeChecked();
  await expect(outcome).toBeFocused();
  await expect(grid.getByRole('columnheader')).toHaveText(['Time (UTC)', 'Provider', 'Action']);
});

test('a facet click leaves the rows its facet counted, and its exclusion the rest', async ({ page }) => {
  await page.goto('/?from=now-6h');
  await page.getByRole('button', { name: 'Load all in range' }).click();
  await expect(page.getByText(/events shown.* · complete for this range/)).toBeVisible({ timeout: 45_000 });
  const facets = page.getByRole('navigation', { name: 'Facets' });
  const caption = facets.getByText(/^Counts over all [\d,]+ (matching )?events in this range$/);
  const countIn = async () => Number((await caption.textContent())?.replace(/\D/g, ''));
  const total = await countIn();
  const grid = await timelineGrid(page);
  const actorFacet = facets.getByRole('region', { name: 'Actor facet' });
  const actors = () =>
    actorFacet.locator('li').evaluateAll((items) =>
      items.map((item) => ({
        value:
          item
            .querySelector('button')
            ?.getAttribute('aria-label')
            ?.replace(/^Include Actor /, '') ?? '',
        count: Number(item.querySelector('span.tabular-nums')?.textContent.replace(/\D/g, '')),
      })),
    );
  const pills = page.getByRole('list', { name: 'Active filters' });
  // Agilicus' resource audits name a user by id alone, its sign-in audits by email too: the ids of the
  // first are the actors a rule matching an actor by id, name or email would find more rows for.
  await facets.getByRole('button', { name: 'Include Source agilicus.audits', exact: true }).click();
  await expect.poll(countIn).toBeLessThan(total);
  const ids = new Set((await actors()).map((entry) => entry.value));
  await pills.getByRole('button', { name: 'Remove filter source=agilicus.audits', exact: true }).click();
  await expect.poll(countIn).toBe(total);
  const showAll = actorFacet.getByRole('button', { name: /^Show all/ });
  if (await showAll.isVisible()) await showAll.click();
  const listed = await actors();
  const entries = [listed[0], ...listed.filter((entry) => ids.has(entry.value))].filter(
    (entry) => entry !== undefined,
  );
  expect(entries.length).toBeGreaterThan(1);
  for (const { value, count } of entries) {
    await facets.getByRole('button', { name: `Include Actor ${value}`, exact: true }).click();
    await expect(pills).toContainText(`actor = ${value}`);
    await expect(page).toHaveURL(/f=actor%3D/);
    await expect.poll(countIn).toBe(count);
    await expect(grid).toHaveAttribute('aria-rowcount', String(count + 1));
    await pills.getByRole('button', { name: `Invert filter actor=${value}`, exact: true }).click();
    await expect.poll(countIn).toBe(total - count);
    await pills.getByRole('button', { name: `Remove filter actor=${value}`, exact: true }).click();
    await expect.poll(countIn).toBe(total);
  }
});
