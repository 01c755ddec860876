import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { completenessLedger as ledger, expect, test, testControl, timelineGrid } from '../support/test.ts';

/**
 * A few representative faults end to end (the whole matrix runs in Vitest: src/testing/fault-matrix.test.ts).
 * Each: the other providers keep their rows, the failed one says what happened, and after the fault clears
 * and the user retries, the merged timeline equals the fault-free one exactly.
 */

test.use({
  allowConsoleErrors: [/Failed to load resource: the server responded with a status of (4|5)\d\d/],
});

test.afterEach(async ({ page }) => {
  await testControl(page, '/api/_test/reset', {});
});

/** A closed window in the past: new demo events trickle in at "now", never inside it. */
function pastWindow(): string {
  const hour = 3_600_000;
  const to = Math.floor(Date.now() / hour) * hour - hour;
  return `/?from=${new Date(to - 6 * hour).toISOString()}&to=${new Date(to).toISOString()}`;
}

async function loadAll(page: Page) {
  const button = page.getByRole('button', { name: 'Load all in range' });
  if (await button.isVisible()) await button.click();
  await expect(page.getByRole('progressbar')).toHaveCount(0, { timeout: 45_000 });
}

/** Every row key of the view, in order, from the NDJSON export (the grid only renders what is on screen). */
async function exportedKeys(page: Page): Promise<string[]> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const download = page.waitForEvent('download');
  await page
    .getByRole('dialog', { name: 'Export this view' })
    .getByRole('button', { name: 'NDJSON (events with raw)', exact: true })
    .click();
  const text = readFileSync(await (await download).path(), 'utf8').trimEnd();
  return text ? text.split('\n').map((line) => (JSON.parse(line) as { key: string }).key) : [];
}

/** The JSON export's file name and its coverage (what the rows are of the range). */
async function exportedCoverage(page: Page): Promise<{ name: string; coverage: unknown }> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export this view' });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'JSON', exact: true }).click();
  const file = await download;
  const document = JSON.parse(readFileSync(await file.path(), 'utf8')) as { coverage: unknown };
  return { name: file.suggestedFilename(), coverage: document.coverage };
}

async function faultFreeKeys(page: Page, url: string): Promise<string[]> {
  await page.goto(url);
  await timelineGrid(page);
  await loadAll(page);
  await expect(page.getByRole('alert')).toHaveCount(0);
  return exportedKeys(page);
}

async function providersShown(page: Page): Promise<Set<string>> {
  const grid = await timelineGrid(page);
  return new Set(await grid.locator('[role=row][data-key] [role=gridcell]:nth-child(2)').allTextContents());
}

const CASES = [
  {
    name: 'Cloud Foundry answers 500',
    provider: 'cloudfoundry',
    label: 'Cloud Foundry',
    feed: 'cloudfoundry.audit_events',
    fault: { status: 500, body: '{"errors":[{"code":10001,"title":"UnknownError","detail":"CC is down"}]}' },
    message: /Cloud Foundry: .*HTTP 500/,
  },
] as const;

for (const item of CASES) {
  test(`${item.name}: the others keep their rows, it says so, and recovers exactly`, async ({ page }) => {
    const url = pastWindow();
    const expected = await faultFreeKeys(page, url);
    expect(expected.some((key) => key.startsWith(`${item.provider}.`))).toBe(true);

    await testControl(page, '/api/_test/fault', { provider: item.provider, fault: item.fault });
    await page.goto(url);
    await expect(ledger(page).getByRole('alert')).toContainText(item.message, { timeout: 30_000 });
    const shown = await providersShown(page);
    expect(shown).not.toContain(item.label);
    expect(shown.size).toBeGreaterThan(1);
    await expect(page.getByText('incomplete: a provider failed')).toBeVisible();
    // An export meanwhile says it lacks that provider: in the menu, the file name and the JSON.
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Export this view' })).toContainText(
      `Incomplete: ${item.label} failed`,
    );
    await page.keyboard.press('Escape');
    const partial = await exportedCoverage(page);
    expect(partial.name).toMatch(/-partial\.json$/);
    expect(partial.coverage).toMatchObject({ complete: false, failed: [item.label] });

    await testControl(page, '/api/_test/reset', {});
    await ledger(page).getByRole('button', { name: 'Retry' }).first().click();
    await expect(ledger(page).getByRole('alert')).toHaveCount(0, { timeout: 30_000 });
    await loadAll(page);
    await expect(ledger(page).locator(`[data-feed="${item.feed}"]`)).toContainText('complete for this range');
    expect(await exportedKeys(page)).toEqual(expected);
  });
}

test('a search matching nothing while a provider failed says so, names it and offers its retry, not a spinner', async ({
  page,
}) => {
  await testControl(page, '/api/_test/fault', { provider: 'cloudfoundry', fault: CASES[0].fault });
  await page.goto(`${pastWindow()}&q=${encodeURIComponent('"no-such-thing-anywhere"')}`);
  const message = page.getByRole('status').filter({ hasText: 'No events match' });
  /** Reads the whole range, whenever automatic loading pauses on its page budget, until `text` shows. */
  const readUntil = (text: string) =>
    expect(async () => {
      const button = page.getByRole('button', { name: 'Load all in range' });
      // The button goes as the loading it starts begins: a click that finds it gone is no failure.
      if (await button.isVisible()) await button.click({ timeout: 2_000 }).catch(() => undefined);
      await expect(message).toContainText(text, { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
  await readUntil('Cloud Foundry failed: its events are missing');
  await expect(message).not.toHaveAttribute('aria-busy', 'true');
  await expect(page.getByRole('navigation', { name: 'Facets' })).toContainText('a provider failed');
  await testControl(page, '/api/_test/reset', {});
  await message.getByRole('button', { name: 'Retry Cloud Foundry' }).click();
  await expect(ledger(page).getByRole('alert')).toHaveCount(0, { timeout: 30_000 });
  await readUntil('in this range matches the search and filters');
  await expect(page.getByText('failed: its events are missing')).toHaveCount(0);
});

test('a 429 with Retry-After (seconds, then an HTTP date) is waited out and leaves no error', async ({
  page,
}) => {
  const url = pastWindow();
  const expected = await faultFreeKeys(page, url);
  await testControl(page, '/api/_test/fault', {
    provider: 'agilicus',
    fault: {
      status: 429,
      body: '{"error_code":"RATE_LIMITED","error_message":"slow down"}',
      headers: { 'content-type': 'application/json', 'retry-after': '1' },
      times: 1,
    },
  });
  await page.goto(url);
  await timelineGrid(page);
  await testControl(page, '/api/_test/fault', {
    provider: 'openai',
    fault: {
      status: 429,
      body: '{"error":{"message":"Rate limit reached","type":"requests"}}',
      headers: {
        'content-type': 'application/json',
        'retry-after': new Date(Date.now() + 1500).toUTCString(),
      },
      times: 1,
    },
  });
  await loadAll(page);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(await exportedKeys(page)).toEqual(expected);
});

test.skip('an upstream that hangs past the timeout is reported, the rest load, and it recovers (covered by the Vitest fault matrix; too slow for every run)', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const url = pastWindow();
  const expected = await faultFreeKeys(page, url);
  await testControl(page, '/api/_test/fault', { provider: 'agilicus', fault: { hang: true } });
  await page.goto(url);
  await expect(ledger(page).getByRole('alert')).toContainText(/Agilicus: .*did not answer within/, {
    timeout: 45_000,
  });
  expect(await providersShown(page)).not.toContain('Agilicus');
  await testControl(page, '/api/_test/reset', {});
  await ledger(page).getByRole('button', { name: 'Retry' }).first().click();
  await expect(ledger(page).getByRole('alert')).toHaveCount(0, { timeout: 30_000 });
  await loadAll(page);
  expect(await exportedKeys(page)).toEqual(expected);
});

test('a 403 says the credential is not permitted, not that the token expired', async ({ page }) => {
  await testControl(page, '/api/_test/fault', {
    provider: 'openai',
    fault: {
      status: 403,
      body: JSON.stringify({
        error: {
          message: 'Audit logging is not enabled for this organization',
          type: 'invalid_request_error',
        },
      }),
    },
  });
  await page.goto('/?p=openai,contabo');
  const alert = ledger(page).getByRole('alert');
  await expect(alert).toContainText(
    'not permitted (a role, a permission or a setting): OpenAI: Audit logging is not enabled for this organization (HTTP 403)',
  );
  await expect(alert).not.toContainText('token expired');
});
