import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { completenessLedger, expect, test, testControl } from '../support/test.ts';

async function timelineGrid(page: Page) {
  const grid = page.getByRole('grid', { name: 'Audit events' });
  await expect(grid).toBeVisible({ timeout: 60_000 });
  return grid;
}

/**
 * Hostile mode: every string field of every provider's records carries an attack (HTML, script,
 * `javascript:` URLs, CSV formulas, ANSI/OSC escapes, bidi overrides, zero-width characters, 1 MB strings,
 * deeply nested JSON, numbers and dates at their limits). The test fixture already fails on any dialog,
 * page error or console error; these tests add what else must hold on every screen.
 */

test.beforeEach(async ({ page }) => {
  // Hostile pages are heavy on purpose (1 MB strings, deep JSON): give loading room.
  test.setTimeout(150_000);
  await testControl(page, '/api/_test/hostile', { enabled: true });
  // Any injected script that does run marks the window; alert() itself is caught by the fixture.
  await page.addInitScript(() => {
    for (const name of ['alert', 'confirm', 'prompt'] as const) {
      const original = window[name].bind(window);
      Object.defineProperty(window, name, {
        value: (...args: unknown[]) => {
          (window as unknown as { __hostileRan?: boolean }).__hostileRan = true;
          return (original as (...a: unknown[]) => unknown)(...args);
        },
      });
    }
  });
});

test.afterEach(async ({ page }) => {
  await testControl(page, '/api/_test/reset', {});
});

const BIDI_AND_INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B-\u200D\u2060\uFEFF]/;

/** What must hold on any screen: nothing ran, nothing injected, no raw bidi or invisible characters shown. */
async function expectInert(page: Page) {
  const findings = await page.evaluate((pattern) => {
    const bidi = new RegExp(pattern);
    const problems: string[] = [];
    if ((window as unknown as { __hostileRan?: boolean }).__hostileRan) problems.push('a script ran');
    const injected = document.querySelectorAll(
      '#hostile-injected, img[src="x"], iframe, object, embed, svg[onload], [onerror], [onload], [onclick]',
    );
    for (const element of injected) problems.push(`injected element <${element.tagName.toLowerCase()}>`);
    for (const script of document.querySelectorAll('script'))
      if (/alert\(/.test(script.textContent)) problems.push('injected <script>');
    for (const link of document.querySelectorAll('a[href]')) {
      const href = link.getAttribute('href') ?? '';
      if (/^\s*(javascript|data|vbscript):/i.test(href)) problems.push(`dangerous link ${href.slice(0, 40)}`);
      if (/evil\.example/.test(href)) problems.push(`link to ${href.slice(0, 40)}`);
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      if (bidi.test(text)) {
        problems.push(`raw bidi/invisible character shown in "${text.slice(0, 40)}"`);
        break;
      }
    }
    return problems;
  }, BIDI_AND_INVISIBLE.source);
  expect(findings).toEqual([]);
}

/** The page answers within a frame budget: the main thread is not stuck rendering a hostile string. */
async function expectResponsive(page: Page) {
  const started = Date.now();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
  expect(Date.now() - started).toBeLessThan(2_000);
}

test('the timeline, facets and ledger render every payload as inert text', async ({ page }) => {
  await page.goto('/?from=now-6h');
  // Every feed's first pages in (hostile pages are heavy): only then do several providers share the screen.
  const grid = await timelineGrid(page);
  await expect(grid).toHaveAttribute('aria-busy', 'false', { timeout: 60_000 });
  await expect(grid.locator('[role=row][data-key]').first()).toBeVisible({ timeout: 30_000 });
  // Counted in the facets, not on screen: demo stories can fill the first screen with one provider.
  const providerFacet = page
    .getByRole('navigation', { name: 'Facets' })
    .getByRole('region', { name: 'Provider facet' });
  await expect
    .poll(() => providerFacet.getByRole('listitem').count(), { timeout: 30_000 })
    .toBeGreaterThan(2);
  await expect(completenessLedger(page)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expectInert(page);
  await expectResponsive(page);

  for (let i = 0; i < 10; i++) {
    await grid.evaluate((element) => element.scrollBy(0, element.clientHeight));
    await page.waitForTimeout(50);
  }
  await expectInert(page);
  await expectResponsive(page);
  await page.screenshot({ path: 'test-results/screens/hostile-timeline.png' });
});

test('the detail panel shows raw payloads, 1 MB strings and deep JSON without running anything', async ({
  page,
}) => {
  await page.goto('/?from=now-6h');
  const grid = await timelineGrid(page);
  const rows = grid.locator('[role=row][data-key]');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  const detail = page.getByRole('complementary', { name: 'Event detail' });
  const count = Math.min(await rows.count(), 12);
  for (let i = 0; i < count; i++) {
    await rows.nth(i).click();
    await expect(detail).toBeVisible();
    await expectResponsive(page);
  }
  await expectInert(page);
  await page.screenshot({ path: 'test-results/screens/hostile-detail.png' });
  await page.keyboard.press('Escape');
});

test.skip('every provider alone, with its own screen state (slow: run with --grep when changing a normalizer)', async ({
  page,
}) => {
  for (const provider of ['contabo', 'agilicus', 'cloudfoundry', 'openai', 'parallelcluster']) {
    // ParallelCluster builds are sparse: give it a week; six hours of the others is plenty.
    await page.goto(`/?from=${provider === 'parallelcluster' ? 'now-7d' : 'now-6h'}&p=${provider}`);
    await timelineGrid(page);
    await expect(page.getByRole('alert')).toHaveCount(0, { timeout: 30_000 });
    await expectInert(page);
    await expectResponsive(page);
  }
});

test('exports are neutralised: no CSV cell starts a formula, NDJSON stays one valid document per line', async ({
  page,
}) => {
  await page.goto('/?from=now-6h');
  const grid = await timelineGrid(page);
  await expect(grid.locator('[role=row][data-key]').first()).toBeVisible({ timeout: 30_000 });

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('dialog', { name: 'Export this view' }).getByRole('button', { name: /^CSV/ }).click();
  const csv = readFileSync(await (await csvDownload).path(), 'utf8').replace(/^\uFEFF/, '');
  // A cell starts at the line start or after a comma, optionally quoted; none may start a formula.
  const formulaCell = /(^|,)"?[=+@\t\r\uFF1D\uFF0B\uFF20]|(^|,)"?-[^\d,"]/m;
  expect(csv.split('\r\n').filter((line) => formulaCell.test(line))).toEqual([]);
  expect(csv).not.toContain('\u001b');

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const ndjsonDownload = page.waitForEvent('download');
  await page
    .getByRole('dialog', { name: 'Export this view' })
    .getByRole('button', { name: 'NDJSON (events with raw)', exact: true })
    .click();
  const lines = readFileSync(await (await ndjsonDownload).path(), 'utf8')
    .trimEnd()
    .split('\n');
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
  await expectInert(page);
  await expectResponsive(page);
});

test('filtering on a hostile value and the query box stay inert', async ({ page }) => {
  await page.goto('/?from=now-6h');
  const grid = await timelineGrid(page);
  await expect(grid.locator('[role=row][data-key]').first()).toBeVisible({ timeout: 30_000 });
  const facets = page.getByRole('navigation', { name: 'Facets' });
  await expect(facets).toBeVisible();
  await expectInert(page);
  // Filter on the first value of the first facet: its text is a payload, now also in the URL and the pills.
  await facets.getByRole('button').first().click();
  await expect(grid).toBeVisible();
  await expectInert(page);
  await expectResponsive(page);
});
