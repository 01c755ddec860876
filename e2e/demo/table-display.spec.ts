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
