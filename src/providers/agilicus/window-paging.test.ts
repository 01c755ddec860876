import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveNewestWindows, type TimeWindow, type WindowAnswer } from './window-paging.ts';

interface Row {
  t: number;
  n: number;
}

type Order = 'oldest-first' | 'newest-first' | 'shuffled';

/** A fake API: rows of the window in the given order, truncated at the limit (capped by `cap`, echoed). */
function fakeApi(rows: readonly Row[], order: Order, seed: number, cap?: number) {
  let requests = 0;
  const fetchWindow = (window: TimeWindow, limit: number): Promise<WindowAnswer<Row>> => {
    requests++;
    const inWindow = rows.filter((row) => row.t >= window.from && row.t < window.to);
    let ordered: Row[];
    if (order === 'oldest-first') ordered = [...inWindow].sort((a, b) => a.t - b.t);
    else if (order === 'newest-first') ordered = [...inWindow].sort((a, b) => b.t - a.t);
    else
      ordered = [...inWindow].sort(
        (a, b) => ((a.n * 2654435761 + seed) % 977) - ((b.n * 2654435761 + seed) % 977),
      );
    const applied = cap === undefined ? limit : Math.min(limit, cap);
    return Promise.resolve({ rows: ordered.slice(0, applied), limit: applied });
  };
  return { fetchWindow, requests: () => requests };
}

/** Pages a whole range as the client does: each call resolves the newest windows, the rest is the cursor. */
async function pageAll(
  range: TimeWindow,
  api: ReturnType<typeof fakeApi>,
  limit: number,
  pageTarget: number,
  maxRequests: number,
) {
  let pending: TimeWindow[] = [range];
  const pages: Row[][] = [];
  const warnings: string[] = [];
  for (let guard = 0; pending.length > 0; guard++) {
    if (guard > 100_000) throw new Error('paging did not end');
    const step = await resolveNewestWindows(pending, {
      limit,
      instantLimit: limit * 10,
      pageTarget,
      maxRequests,
      label: 'Test',
      timeOf: (row: Row) => row.t,
      fetchWindow: api.fetchWindow,
    });
    pages.push(step.resolved.flatMap((window) => window.rows));
    warnings.push(...step.warnings);
    pending = step.pending;
  }
  return { pages, warnings };
}

/** Datasets dense in time: single rows plus runs of rows sharing one millisecond. */
const datasetArbitrary = fc
  .tuple(
    fc.integer({ min: 1, max: 400 }),
    fc.array(fc.tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 30 })), {
      maxLength: 40,
    }),
  )
  .map(([span, runs]) => {
    const rows: Row[] = [];
    for (const [at, size] of runs) for (let i = 0; i < size; i++) rows.push({ t: at % span, n: rows.length });
    return { span, rows };
  });

describe('Agilicus windowed paging', () => {
  it('returns every row exactly once, newest windows first, for any data, limit, order and page size', async () => {
    await fc.assert(
      fc.asyncProperty(
        datasetArbitrary,
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom<Order>('oldest-first', 'newest-first', 'shuffled'),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 8 }),
        fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
        async ({ span, rows }, limit, order, seed, pageTarget, maxRequests, cap) => {
          const applied = cap === undefined ? limit : Math.min(limit, cap);
          const api = fakeApi(rows, order, seed, cap);
          const { pages, warnings } = await pageAll(
            { from: 0, to: span },
            api,
            limit,
            pageTarget,
            maxRequests,
          );
          const returned = pages.flat();
          // Never a row twice.
          expect(new Set(returned.map((row) => row.n)).size).toBe(returned.length);
          // Pages come newest first: everything of a page is newer than everything of the next.
          for (let i = 1; i < pages.length; i++) {
            const older = Math.max(...(pages[i] ?? []).map((row) => row.t));
            const newer = Math.min(...(pages[i - 1] ?? []).map((row) => row.t));
            if (Number.isFinite(older) && Number.isFinite(newer)) expect(older).toBeLessThan(newer);
          }
          const perInstant = new Map<number, number>();
          for (const row of rows) perInstant.set(row.t, (perInstant.get(row.t) ?? 0) + 1);
          // An instant is re-asked with 10× the limit; beyond what the API then returns, it is a gap.
          const readable = Math.min(limit * 10, cap ?? Infinity);
          const overfull = [...perInstant].filter(([, count]) => count >= Math.max(applied, readable));
          const overfullAt = new Set(overfull.map(([at]) => at));
          const got = new Set(returned.map((row) => row.n));
          for (const row of rows) if (!overfullAt.has(row.t)) expect(got.has(row.n)).toBe(true);
          if (overfull.length === 0) {
            expect(returned).toHaveLength(rows.length);
            expect(warnings).toEqual([]);
          } else {
            for (const [at] of overfull)
              expect(warnings.some((warning) => warning.includes(new Date(at).toISOString()))).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps the windows read when a later request of the page fails, and the failed window waits, newest', async () => {
    await fc.assert(
      fc.asyncProperty(
        datasetArbitrary,
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 0, max: 10_000 }),
        async ({ span, rows }, limit, seed) => {
          const api = fakeApi(rows, 'shuffled', seed);
          // A third of the requests fail (a 429 past the retry budget), by a seeded random; a failed page
          // is asked again (Retry).
          let state = seed + 1;
          const fails = () => {
            state = (state * 48271) % 2147483647;
            return state % 3 === 0;
          };
          const flaky = {
            ...api,
            fetchWindow: async (window: TimeWindow, asked: number) => {
              if (fails()) throw new Error('HTTP 429');
              const answer = await api.fetchWindow(window, asked);
              // Fewer rows than asked: the window is complete, so this step has read something.
              if (answer.rows.length < asked) resolvedInStep++;
              return answer;
            },
          };
          let resolvedInStep = 0;
          let pending: TimeWindow[] = [{ from: 0, to: span }];
          const returned: Row[] = [];
          for (let guard = 0; pending.length > 0; guard++) {
            if (guard > 100_000) throw new Error('paging did not end');
            resolvedInStep = 0;
            try {
              const step = await resolveNewestWindows(pending, {
                limit,
                instantLimit: limit * 10,
                pageTarget: 50,
                maxRequests: 40,
                label: 'Test',
                timeOf: (row: Row) => row.t,
                fetchWindow: flaky.fetchWindow,
              });
              returned.push(...step.resolved.flatMap((window) => window.rows));
              pending = step.pending;
            } catch {
              // A page fails only when it has read nothing: what it read is never thrown away.
              expect(resolvedInStep).toBe(0);
            }
          }
          const perInstant = new Map<number, number>();
          for (const row of rows) perInstant.set(row.t, (perInstant.get(row.t) ?? 0) + 1);
          const overfull = new Set([...perInstant].filter(([, n]) => n >= limit * 10).map(([at]) => at));
          expect(new Set(returned.map((row) => row.n)).size).toBe(returned.length);
          const got = new Set(returned.map((row) => row.n));
          for (const row of rows) if (!overfull.has(row.t)) expect(got.has(row.n)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('fails the page when its first request fails: there is nothing to keep', async () => {
    const failing = () => Promise.reject(new Error('HTTP 429'));
    await expect(
      resolveNewestWindows([{ from: 0, to: 10 }], {
        limit: 5,
        instantLimit: 50,
        pageTarget: 50,
        maxRequests: 40,
        label: 'Test',
        timeOf: (row: Row) => row.t,
        fetchWindow: failing,
      }),
    ).rejects.toThrow('HTTP 429');
  });

  it('returns what it read before a failure, with the failed window first of the pending', async () => {
    const rows: Row[] = Array.from({ length: 30 }, (_, n) => ({ t: n, n }));
    const api = fakeApi(rows, 'newest-first', 0);
    let calls = 0;
    const step = await resolveNewestWindows([{ from: 0, to: 30 }], {
      limit: 10,
      instantLimit: 100,
      pageTarget: 100,
      maxRequests: 40,
      label: 'Test',
      timeOf: (row: Row) => row.t,
      // [0,30) full → [15,30) full → [22,30) read → [15,22) fails.
      fetchWindow: (window, limit) =>
        ++calls === 4 ? Promise.reject(new Error('HTTP 429')) : api.fetchWindow(window, limit),
    });
    expect(step.resolved.map((resolved) => resolved.window)).toEqual([{ from: 22, to: 30 }]);
    expect(step.pending[0]).toEqual({ from: 15, to: 22 });
    expect(step.pending).toEqual([
      { from: 15, to: 22 },
      { from: 0, to: 15 },
    ]);
  });

  it('splits a full window in halves and re-asks an over-full instant with ten times the limit', async () => {
    const rows: Row[] = Array.from({ length: 25 }, (_, n) => ({ t: 7, n }));
    rows.push({ t: 3, n: 25 }, { t: 9, n: 26 });
    const asked: string[] = [];
    const api = fakeApi(rows, 'shuffled', 1);
    const step = await resolveNewestWindows([{ from: 0, to: 16 }], {
      limit: 5,
      instantLimit: 50,
      pageTarget: 1000,
      maxRequests: 100,
      label: 'Test',
      timeOf: (row: Row) => row.t,
      fetchWindow: (window, limit) => {
        asked.push(`${window.from}-${window.to}@${limit}`);
        return api.fetchWindow(window, limit);
      },
    });
    expect(step.warnings).toEqual([]);
    expect(step.resolved.flatMap((window) => window.rows)).toHaveLength(27);
    expect(asked).toContain('7-8@5');
    expect(asked).toContain('7-8@50');
    expect(step.resolved.map((window) => window.window.from)).toEqual(
      [...step.resolved.map((window) => window.window.from)].sort((a, b) => b - a),
    );
  });

  it('flags a gap, never silently, when an instant holds more than the larger limit', async () => {
    const rows: Row[] = Array.from({ length: 60 }, (_, n) => ({ t: Date.UTC(2026, 10, 20, 11), n }));
    const api = fakeApi(rows, 'shuffled', 3);
    const { pages, warnings } = await pageAll(
      { from: Date.UTC(2026, 10, 20), to: Date.UTC(2026, 10, 21) },
      api,
      5,
      100,
      100,
    );
    expect(pages.flat()).toHaveLength(50);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/more than 50 records at 2026-11-20T11:00:00.000Z.*some may be missing/);
  });

  it('leaves out, with a warning, rows a server returns outside the asked window', async () => {
    const step = await resolveNewestWindows([{ from: 10, to: 20 }], {
      limit: 5,
      instantLimit: 50,
      pageTarget: 100,
      maxRequests: 10,
      label: 'Test',
      timeOf: (row: Row) => row.t,
      fetchWindow: () =>
        Promise.resolve({
          rows: [
            { t: 12, n: 1 },
            { t: 25, n: 2 },
          ],
          limit: 5,
        }),
    });
    expect(step.resolved[0]?.rows).toEqual([{ t: 12, n: 1 }]);
    expect(step.warnings[0]).toMatch(/1 records outside the asked window/);
  });

  it('counts rows left out for want of a time towards a full answer, so the window still splits', async () => {
    const asked: TimeWindow[] = [];
    const step = await resolveNewestWindows([{ from: 0, to: 8 }], {
      limit: 3,
      instantLimit: 3,
      pageTarget: 100,
      maxRequests: 10,
      label: 'Test',
      timeOf: (row: Row) => row.t,
      fetchWindow: (window) => {
        asked.push(window);
        // Three rows came back for the whole range, one of them without a time: the range was full.
        return Promise.resolve(
          window.to - window.from === 8
            ? {
                rows: [
                  { t: 7, n: 1 },
                  { t: 6, n: 2 },
                ],
                unplaced: 1,
              }
            : { rows: [] },
        );
      },
    });
    expect(asked[0]).toEqual({ from: 0, to: 8 });
    expect(asked.slice(1, 3)).toEqual([
      { from: 4, to: 8 },
      { from: 0, to: 4 },
    ]);
    expect(step.warnings).toEqual([]);
  });
});
