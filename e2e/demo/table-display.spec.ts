import { expect, settledGrid, test, testControl, timelineGrid } from '../support/test.ts';

const ADVANCE_MS = 20 * 60_000;

test('columns resize by drag and by keyboard, and the widths outlast a reload', async ({ page }) => {
  await page.goto('/?from=now-24h');
  const grid = await timelineGrid(page);
  const actor = grid.getByRole('columnheader', { name: 'Actor' });
  const before = (await actor.boundingBox())?.width ?? 0;
  const handle = grid.getByRole('separator', { name: 'Resize Actor column' });
  const box = await handle.boundingBox();
  if (!box) throw new Error('no resize handle');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await actor.boundingBox())?.width ?? 0).toBeGreaterThan(before + 80);
  const dragged = (await actor.boundingBox())?.width ?? 0;

  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await actor.boundingBox())?.width ?? 0).toBeCloseTo(dragged + 10, 0);
  // The cells follow their header.
  const cell = grid.locator('[role=row][data-key]').first().locator('[role=gridcell]').nth(3);
  expect((await cell.boundingBox())?.width).toBeCloseTo(dragged + 10, 0);

  await page.reload();
  await expect((await timelineGrid(page)).getByRole('columnheader', { name: 'Actor' })).toHaveJSProperty(
    'offsetWidth',
    Math.round(dragged + 10),
  );
});

test('a column dragged narrower than it may be stops at the least width, which outlasts a reload', async ({
  page,
}) => {
  await page.goto('/?from=now-24h');
  const grid = await timelineGrid(page);
  const handle = grid.getByRole('separator', { name: 'Resize Outcome column' });
  const box = await handle.boundingBox();
  if (!box) throw new Error('no resize handle');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x - 200, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const outcome = () => grid.getByRole('columnheader', { name: 'Outcome' });
  await expect(outcome()).toHaveJSProperty('offsetWidth', 60);
  await page.reload();
  await timelineGrid(page);
  await expect(outcome()).toHaveJSProperty('offsetWidth', 60);
});

test('compact density fits more rows and is remembered', async ({ page }) => {
  await page.goto('/?from=now-24h');
  const grid = await settledGrid(page);
  const rowHeight = async () =>
    (await grid.locator('[role=row][data-key]').first().boundingBox())?.height ?? 0;
  expect(await rowHeight()).toBe(32);
  const toggle = page.getByRole('button', { name: 'Compact rows' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(rowHeight).toBe(24);
  await page.screenshot({ path: 'test-results/screens/compact.png' });
  await page.reload();
  await expect(page.getByRole('button', { name: 'Compact rows' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(rowHeight).toBe(24);
});

test.describe('newer events', () => {
  test.afterEach(async ({ page }) => {
    await testControl(page, '/api/_test/clock', { advanceMs: -ADVANCE_MS });
  });

  test('are offered in a bar and applied without losing the place in the table', async ({ page }) => {
    await page.clock.install();
    await page.goto('/?from=now-1h');
    const grid = await settledGrid(page);
    // The whole hour first: how many events an hour holds depends on the time of day, and older pages
    // loading while the test scrolls would add rows of their own to the count below.
    const loadAll = page.getByRole('button', { name: 'Load all in range' });
    if (await loadAll.isVisible()) await loadAll.click();
    await expect(page.getByText(/events shown.* · complete for this range/)).toBeVisible({ timeout: 45_000 });
    const count = async () => Number(await grid.getAttribute('aria-rowcount')) - 1;
    const rowsBefore = await count();
    const newestBefore = await grid.locator('[role=row][aria-rowindex="2"]').getAttribute('data-key');

    // Time passes on the providers' side and in the page; the poll (every 30 s) finds what happened.
    await testControl(page, '/api/_test/clock', { advanceMs: ADVANCE_MS });
    await page.clock.fastForward(ADVANCE_MS + 31_000);
    const bar = page.getByRole('status').filter({ hasText: /newer events?/ });
    await expect(bar).toBeVisible({ timeout: 30_000 });
    const offered = Number((/([\d,]+)/.exec((await bar.textContent()) ?? '')?.[1] ?? '0').replace(/,/g, ''));
    expect(offered).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/screens/newer-events.png' });

    await grid.evaluate((element) => element.scrollTo(0, 320));
    const topKey = async () =>
      grid.evaluate((element) => {
        const top = element.getBoundingClientRect().top + 40;
        const rows = [...element.querySelectorAll('[role=row][data-key]')];
        return rows.find((row) => row.getBoundingClientRect().bottom > top)?.getAttribute('data-key');
      });
    const anchor = await topKey();
    await bar.getByRole('button', { name: 'Show newer events' }).click();
    await expect(bar).toHaveCount(0);
    await expect.poll(count).toBe(rowsBefore + offered);
    expect(await topKey()).toBe(anchor);

    await grid.evaluate((element) => element.scrollTo(0, 0));
    const newest = grid.locator('[role=row][aria-rowindex="2"]');
    await expect(newest).not.toHaveAttribute('data-key', newestBefore ?? '');
    const times = await grid
      .locator('[role=row][data-key] time')
      .evaluateAll((nodes) => nodes.map((node) => Date.parse(node.getAttribute('datetime') ?? '')));
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeLessThanOrEqual(times[i - 1] ?? 0);
  });
});

test('the activity chart stacks providers over the range, follows filters, and a bar narrows the range', async ({
  page,
}) => {
  await page.goto('/?from=now-24h');
  await settledGrid(page);
  const chart = page.getByRole('figure', { name: 'Activity over time' });
  await expect(chart).toHaveCount(0);
  const toggle = page.getByRole('button', { name: 'Activity chart' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(chart).toBeVisible();
  await expect(chart.locator('figcaption')).toHaveText(/^[\d,]+ events from .* busiest: /);
  const bars = chart.locator('.recharts-bar-rectangle path, .recharts-rectangle');
  await expect(bars.first()).toBeVisible();
  const summary = async () => (await chart.locator('figcaption').textContent()) ?? '';
  const before = await summary();

  await page.goto('/?from=now-24h&f=provider:openai');
  await settledGrid(page);
  await expect.poll(summary).not.toBe(before);
  const chartNow = page.getByRole('figure', { name: 'Activity over time' });
  await expect(chartNow.locator('.recharts-bar').filter({ has: page.locator('path') })).toHaveCount(1);
  await page.screenshot({ path: 'test-results/screens/activity-chart.png' });

  // The range shown above the table, to the second: what the bars count.
  const shownRange = async () => {
    const text = (await page.getByText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC – /).textContent()) ?? '';
    const [from, to] = text
      .split(' – ')
      .map((part) => Date.parse(part.replace(' UTC', 'Z').replace(' ', 'T')));
    return { from: from ?? NaN, to: to ?? NaN };
  };
  const range = await shownRange();
  const zoomed = async () => {
    await expect.poll(() => new URL(page.url()).searchParams.get('to')).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    const url = new URL(page.url());
    return {
      from: Date.parse(url.searchParams.get('from') ?? ''),
      to: Date.parse(url.searchParams.get('to') ?? ''),
      filters: url.searchParams.getAll('f'),
    };
  };
  await chartNow.locator('.recharts-bar-rectangle path, .recharts-rectangle').last().click();
  // The range becomes what that bar counts (24 h in 15-minute bars): from its start, or the range's start
  // for the first bar, to 1 ms before the next bar, or the range's end for the last. The filter stays.
  const last = await zoomed();
  const quarter = 15 * 60_000;
  const near = (a: number, b: number) => Math.abs(a - b) < 1_000;
  expect(last.to - last.from).toBeGreaterThan(0);
  expect(last.to - last.from).toBeLessThan(quarter);
  expect(last.from % quarter === 0 || near(last.from, range.from), `from ${last.from}`).toBe(true);
  expect((last.to + 1) % quarter === 0 || near(last.to, range.to), `to ${last.to}`).toBe(true);
  expect(last.from).toBeGreaterThanOrEqual(range.from - 1_000);
  expect(last.to).toBeLessThanOrEqual(range.to + 1_000);
  expect(last.filters).toEqual(['provider:openai']);

  // Still on, with nothing to draw: it says so instead of vanishing.
  await page.goto('/?from=now-24h&q=%22zz-matches-nothing-zz%22');
  await expect(page.getByText('No events to chart: nothing loaded matches this view.')).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole('button', { name: 'Activity chart' })).toHaveAttribute('aria-pressed', 'true');
});
