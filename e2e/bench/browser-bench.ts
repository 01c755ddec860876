import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page, type Response } from '@playwright/test';
import { inFrameIntervals } from '../../src/bench/stats.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.ts';

const VIEWPORT = { width: 1440, height: 900 };
const FIRST_ROW = '[role=grid] [role=row][data-key]';
const GRID = '[role=grid][aria-label="Audit events"]';

export interface BundleResult {
  /** Gzipped bytes of every script fetched for `/` until the first row showed. */
  gzipBytes: number;
  rawBytes: number;
  files: { url: string; gzipBytes: number }[];
}

export interface LoadResult {
  rows: number;
  loadMs: number;
  longTasks: number;
  longestTaskMs: number;
  /** Sum of the time beyond 50 ms of every long task: the blocking a person feels. */
  blockingMs: number;
  /** JavaScript heap plus array buffers, after a full collection. */
  heapBytes: number;
  /** Of which array buffers (the packed pages' raw records, codes and times). */
  bufferBytes: number;
}

export interface ScrollResult {
  rows: number;
  frames: number;
  p95FrameMs: number;
  maxFrameMs: number;
  /** Frames longer than one frame interval: the p95 is over 16.7 ms once more than 5% are. */
  framesLate: number;
  framesOver50: number;
  /** Frames whose rendered rows covered the screen at the scroll position they painted (the rest showed blank space). */
  framesShowingRows: number;
  /** Frames more than 2 ms away from a whole frame interval: reading times in intervals assumes there are none. */
  framesOffBeat: number;
  maxGridElements: number;
}

async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * tsx compiles with esbuild's keepNames, which wraps named functions in a `__name` helper; functions sent
 * to the page through `evaluate` would then call a helper the page does not have.
 */
async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await page.addInitScript({ content: 'globalThis.__name = (target) => target;' });
  return page;
}

function isScript(response: Response): boolean {
  const type = response.headers()['content-type'] ?? '';
  return response.request().resourceType() === 'script' || /javascript/.test(type);
}

export interface FetchedScript {
  url: string;
  body: Buffer;
  gzipBytes: number;
}

/** The scripts `page` fetches from opening `url` until the timeline shows its first row. */
export async function scriptsBeforeFirstRow(page: Page, url: string): Promise<FetchedScript[]> {
  const scripts: Response[] = [];
  let firstRowShown = false;
  page.on('response', (response) => {
    if (!firstRowShown && isScript(response)) scripts.push(response);
  });
  await page.goto(url);
  await page.locator(FIRST_ROW).first().waitFor({ timeout: 60_000 });
  firstRowShown = true;
  return Promise.all(
    scripts.map(async (response) => {
      const body = await response.body();
      return { url: new URL(response.url()).pathname, body, gzipBytes: gzipSync(body).length };
    }),
  );
}

/** Benchmark 5: the JavaScript a first visit to `/` fetches before the timeline shows its first row. */
export async function benchBundle(baseUrl: string): Promise<BundleResult> {
  const browser = await launch();
  try {
    const files = await scriptsBeforeFirstRow(await newPage(browser), `${baseUrl}/`);
    return {
      gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
      rawBytes: files.reduce((sum, file) => sum + file.body.length, 0),
      files: files.map(({ url, gzipBytes }) => ({ url, gzipBytes })),
    };
  } finally {
    await browser.close();
  }
}

/** Records every long task from the first script on, with its start on the page's clock. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const tasks: { start: number; duration: number }[] = [];
    Object.assign(window, { __benchLongTasks: tasks });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

async function longTasksSince(page: Page, since: number): Promise<{ start: number; duration: number }[]> {
  return page.evaluate(
    (from) =>
      (
        window as unknown as { __benchLongTasks: { start: number; duration: number }[] }
      ).__benchLongTasks.filter((task) => task.start >= from),
    since,
  );
}

/**
 * Benchmarks 3, 4 and 6 on one page: "Load all in range" over the last 30 days (long tasks while it
 * loads), the JS heap once loaded (after a full GC), then a programmatic fling through every row (frame
 * times from requestAnimationFrame, elements inside the grid).
 */
export async function benchLoadAndScroll(
  baseUrl: string,
  options: { loadTimeoutMs: number; flingFrames: number },
): Promise<{ load: LoadResult; scroll: ScrollResult; wheel: ScrollResult }> {
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await watchLongTasks(page);
    await page.goto(`${baseUrl}/?from=now-30d`);
    await page.locator(FIRST_ROW).first().waitFor({ timeout: 60_000 });
    // Found before the clock starts: Playwright's role query runs in the page and, over a page full of
    // rows and facets, is itself a long task that would be charged to the app.
    const loadButton = await page.getByRole('button', { name: 'Load all in range' }).elementHandle();
    const clickedAt = await page.evaluate(() => performance.now());
    await loadButton.evaluate((button) => (button as HTMLButtonElement).click());
    // The summary beside the range, not a provider's line in the ledger, which says the same per feed.
    // Read to the end with a possible gap counts as done: a demo entry can age out of the range while its
    // provider pages (Contabo's count then drops by one), which the app rightly reports.
    await page
      .locator('[aria-live=polite]')
      .filter({ hasText: /events shown.*(complete for this range|read to the end)/ })
      .waitFor({ timeout: options.loadTimeoutMs })
      .catch(async (error: unknown) => {
        // Say where it stuck: the summary and each provider's line (failed, retrying, still loading).
        const ledger = await page.getByRole('region', { name: 'Completeness by provider' }).innerText();
        const summary = await page.locator('[aria-live=polite]').allInnerTexts();
        await page.screenshot({ path: 'test-results/bench-load-all-stuck.png' });
        throw new Error(
          `"Load all" did not complete: ${summary.join(' | ')} · ${ledger.replace(/\s+/g, ' ')} ` +
            `(screenshot: test-results/bench-load-all-stuck.png)`,
          { cause: error },
        );
      });
    const loadMs = (await page.evaluate(() => performance.now())) - clickedAt;
    const tasks = await longTasksSince(page, clickedAt);
    const rows = Number((await page.locator(GRID).getAttribute('aria-rowcount')) ?? '1') - 1;

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');

    const scroll = await scrollThrough(page, { frames: options.flingFrames });
    // Scrolling at reading speed, where rows stay on screen for many frames: three rows a frame, from the top.
    const wheel = await scrollThrough(page, { frames: options.flingFrames, rowsPerFrame: 3 });
    return {
      load: {
        rows,
        loadMs,
        longTasks: tasks.length,
        longestTaskMs: Math.max(0, ...tasks.map((task) => task.duration)),
        blockingMs: tasks.reduce((sum, task) => sum + Math.max(0, task.duration - 50), 0),
        // Array buffers count too: packed pages keep raw records as bytes outside the JavaScript heap.
        heapBytes: heap.usedSize + heap.backingStorageSize,
        bufferBytes: heap.backingStorageSize,
      },
      scroll: { ...scroll, rows },
      wheel: { ...wheel, rows },
    };
  } finally {
    await browser.close();
  }
}

/**
 * Scrolls the grid from the top at constant speed, one step per frame: through every row over `frames`
 * frames (a fling), or `rowsPerFrame` rows a frame. Each step is set in a task after the frame, as input
 * arrives between frames: the scroll event then runs at the start of the next frame, before it paints.
 * (Set from inside requestAnimationFrame, the scroll event waits a frame, and every frame would paint the
 * rows of the previous position: blank space in a fling.) Whether rows cover the screen is checked at the
 * end of each frame's callback, after anything it changed, which is what the frame paints.
 */
async function scrollThrough(
  page: Page,
  options: { frames: number; rowsPerFrame?: number },
): Promise<Omit<ScrollResult, 'rows'>> {
  const sample = await page.evaluate(
    ({ selector, count, rowsPerFrame }) =>
      new Promise<{ deltas: number[]; elements: number[]; showingRows: number }>((resolve) => {
        const grid = document.querySelector(selector);
        if (!(grid instanceof HTMLElement)) throw new Error('no grid');
        grid.scrollTop = 0;
        const rowHeight = grid.querySelector<HTMLElement>('[role=row][data-index]')?.offsetHeight;
        if (!rowHeight) throw new Error('no rows');
        const header = grid.querySelector<HTMLElement>('[role=row]:not([data-index])')?.offsetHeight ?? 0;
        const distance = grid.scrollHeight - grid.clientHeight;
        const step = rowsPerFrame === undefined ? distance / count : rowsPerFrame * rowHeight;
        const deltas: number[] = [];
        const elements: number[] = [];
        let showingRows = 0;
        let last: number | undefined;
        const covered = () => {
          const rendered = grid.querySelectorAll<HTMLElement>('[role=row][data-index]');
          const top = Math.floor(grid.scrollTop / rowHeight);
          const bottom = Math.floor((grid.scrollTop + grid.clientHeight - header - 1) / rowHeight);
          const first = Number(rendered[0]?.dataset.index);
          const lastRow = Number(rendered[rendered.length - 1]?.dataset.index);
          return first <= top && Math.min(bottom, Number(grid.getAttribute('aria-rowcount')) - 2) <= lastRow;
        };
        const onFrame = (now: number) => {
          if (last !== undefined) deltas.push(now - last);
          last = now;
          if (deltas.length % 5 === 0) elements.push(grid.getElementsByTagName('*').length + 1);
          if (deltas.length < count) {
            const scrollTop = Math.min(distance, Math.round(step * (deltas.length + 1)));
            setTimeout(() => (grid.scrollTop = scrollTop), 0);
          }
          // Checked last, after anything this callback changed: what this frame paints.
          if (deltas.length > 0 && covered()) showingRows++;
          if (deltas.length === count) resolve({ deltas, elements, showingRows });
          else requestAnimationFrame(onFrame);
        };
        requestAnimationFrame(onFrame);
      }),
    { selector: GRID, count: options.frames, rowsPerFrame: options.rowsPerFrame },
  );
  const frameTimes = sample.deltas.map(inFrameIntervals).sort((a, b) => a - b);
  const p95 = frameTimes[Math.min(frameTimes.length - 1, Math.ceil(frameTimes.length * 0.95) - 1)] ?? NaN;
  return {
    frames: sample.deltas.length,
    p95FrameMs: p95,
    maxFrameMs: Math.max(...frameTimes),
    framesLate: frameTimes.filter((time) => time > 17).length,
    framesOver50: frameTimes.filter((time) => time > 50.5).length,
    framesShowingRows: sample.showingRows,
    framesOffBeat: sample.deltas.filter((delta) => Math.abs(delta - inFrameIntervals(delta)) > 2).length,
    maxGridElements: Math.max(...sample.elements),
  };
}
