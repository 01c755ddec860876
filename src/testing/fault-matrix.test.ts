import { QueryClient } from '@tanstack/react-query';
import { rowList } from '../timeline/event-index.ts';
import { describe, expect, it, vi } from 'vitest';
import {
  createTimelineController,
  type TimelineController,
  type TimelineSnapshot,
} from '../features/timeline-table/timeline-controller.ts';
import { DEMO_IMAGE_IDS } from '../providers/parallelcluster/simulator/data.ts';
import { PROVIDERS } from '../providers/registry.ts';
import type { ProviderStatus } from '../providers/status-schema.ts';
import type { ProviderId } from '../timeline/audit-event.ts';
import type { ProviderFeed, TimelineQuery } from '../timeline/feed.ts';
import { TEST_NOW_MS, setupProxyInProcess } from './proxy-in-process.ts';

/** Token requests the proxy's credential modules send to the simulators' fake Keycloak and UAA. */
const tokenRequests = vi.hoisted(() => ({ urls: [] as string[] }));

vi.mock('msw', async (importOriginal) => {
  const msw = await importOriginal<typeof import('msw')>();
  return {
    ...msw,
    getResponse: (...args: Parameters<typeof msw.getResponse>) => {
      const request = args[1];
      if (request.method === 'POST' && /token/.test(new URL(request.url).pathname))
        tokenRequests.urls.push(request.url);
      return msw.getResponse(...args);
    },
  };
});

// Hung requests end at the proxy's timeout: keep it short so the matrix runs in seconds.
const proxy = setupProxyInProcess({ AUDIT_LENS_UPSTREAM_TIMEOUT_MS: '400' });

const HOUR = 3_600_000;
const QUERY: TimelineQuery = { range: { from: TEST_NOW_MS - 6 * HOUR, to: TEST_NOW_MS } };

function feeds(): { feed: ProviderFeed; demo: boolean }[] {
  return PROVIDERS.flatMap((provider) => {
    const status: ProviderStatus = {
      id: provider.id,
      mode: 'demo',
      reason: '',
      ...(provider.id === 'parallelcluster' ? { images: [...DEMO_IMAGE_IDS] } : {}),
    };
    return provider.feeds(status).map((feed) => ({ feed, demo: true }));
  });
}

/** Providers whose API reports a total, through which a skipped page can be noticed. */
const WITH_TOTALS: ReadonlySet<ProviderId> = new Set(['contabo', 'cloudfoundry']);

/**
 * Cells where the adapter does not yet meet the contract (see the issue note): `it.fails` keeps them
 * visible and turns red once the adapter is fixed, so the marker gets removed.
 * - Contabo, repeated page: the adapter counts pages itself, so a repeated answer (all entries already seen,
 *   `_pagination.page` not the page asked) moves it on and the real page is never asked: rows lost silently.
 * - Cloud Foundry, repeated page: the stale answer's events are all newer than `created_ats[lte]`; the
 *   adapter warns and skips them, then walks on to page 2 of that bound, so page 1 of it is never asked.
 * - Contabo, skipped page: the totals are compared only when paging ends by exhausting the server's pages,
 *   never when it stops past the range, so a short page inside the range goes unreported.
 */
const KNOWN_GAPS: ReadonlySet<string> = new Set<string>([]);

/** The faults each provider suffers in turn. `errors`: the provider must say it failed. */
const FAULTS: Record<string, { fault: Record<string, unknown>; errors: boolean }> = {
  'HTTP 500': { fault: { status: 500, body: '{"message":"internal error"}' }, errors: true },
  '429 Retry-After seconds': {
    fault: { status: 429, body: '{"message":"slow down"}', headers: { 'retry-after': '0' } },
    errors: true,
  },
  '429 Retry-After HTTP-date': {
    fault: {
      status: 429,
      body: '{"message":"slow down"}',
      // A date already past: the adapter waits 0 ms, so the test does not sleep.
      headers: { 'retry-after': new Date(Date.now() - 1000).toUTCString() },
    },
    errors: true,
  },
  'hangs past the timeout': { fault: { hang: true }, errors: true },
  'drops the connection mid-body': { fault: { dropMidBody: true }, errors: true },
  'malformed JSON': { fault: { status: 200, body: '{"data":[{"id":"1","time' }, errors: true },
  'valid JSON that breaks the schema': {
    fault: {
      status: 200,
      // Every provider's list field with the wrong type: nothing in it may be read as "no events".
      body: JSON.stringify(
        Object.fromEntries(
          ['data', 'resources', 'audits', 'auth_audits', 'events', 'logStreams'].map((key) => [
            key,
            'not a list',
          ]),
        ),
      ),
    },
    errors: true,
  },
  'repeats a cursor': { fault: { repeatCursor: true }, errors: false },
  'skips a page': { fault: { skipPage: true, times: 1 }, errors: false },
};

async function settle(controller: TimelineController): Promise<TimelineSnapshot> {
  for (let i = 0; i < 8000; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const snapshot = controller.getSnapshot();
    const busy = snapshot.feeds.some((feed) => feed.fetching || feed.state === 'loading');
    const loadable = snapshot.feeds.some((feed) => feed.state === 'partial');
    if (!busy && !loadable && snapshot.feeds.length > 0) return snapshot;
    if (!busy && loadable) controller.loadAll();
  }
  throw new Error('the timeline did not settle');
}

async function load(queryClient = new QueryClient()) {
  const controller = createTimelineController(queryClient, feeds(), QUERY);
  const unsubscribe = controller.subscribe(() => undefined);
  controller.loadAll();
  const snapshot = await settle(controller);
  return { controller, snapshot, unsubscribe };
}

/** Retries every failed feed until none fails (the fault has cleared), as the ledger's Retry button does. */
async function recover(controller: TimelineController): Promise<TimelineSnapshot> {
  let snapshot = controller.getSnapshot();
  for (let round = 0; round < 20 && snapshot.feeds.some((feed) => feed.state === 'error'); round++) {
    for (const feed of snapshot.feeds) if (feed.state === 'error') controller.retry(feed.feedId);
    snapshot = await settle(controller);
  }
  return snapshot;
}

const keysOf = (snapshot: TimelineSnapshot, keep: (provider: ProviderId) => boolean = () => true) =>
  (snapshot.index ? rowList(snapshot.index, null, snapshot.loaded).toArray() : [])
    .filter((row) => keep(row.provider))
    .map((row) => row.key);

let baseline: string[] | undefined;
async function faultFree(): Promise<string[]> {
  if (baseline) return baseline;
  const { snapshot, unsubscribe } = await load();
  unsubscribe();
  expect(snapshot.feeds.every((feed) => feed.state === 'complete')).toBe(true);
  baseline = keysOf(snapshot);
  return baseline;
}

const figures = { faults: 0, eventsCompared: 0 };

describe(
  'fault matrix: each provider in turn, each fault, against the adapters and the timeline store',
  { timeout: 60_000 },
  () => {
    it('loads a fault-free baseline from every provider', async () => {
      const keys = await faultFree();
      const providers = new Set(keys.map((key) => key.split('.')[0]));
      expect(providers).toEqual(new Set(PROVIDERS.map((provider) => provider.id)));
      expect(new Set(keys).size).toBe(keys.length);
    });

    for (const provider of PROVIDERS) {
      for (const [name, { fault, errors }] of Object.entries(FAULTS)) {
        const title = `${provider.id}: ${name}`;
        (KNOWN_GAPS.has(title) ? it.fails : it)(title, async () => {
          const expected = await faultFree();
          await proxy.fault(provider.id, fault);
          figures.faults++;
          const { controller, snapshot, unsubscribe } = await load();
          try {
            // The other providers keep working and all their rows stay.
            const others = (id: ProviderId) => id !== provider.id;
            expect(keysOf(snapshot, others)).toEqual(
              expected.filter((key) => !key.startsWith(`${provider.id}.`)),
            );
            for (const feed of snapshot.feeds.filter((view) => view.provider !== provider.id))
              expect(feed.state, feed.feedId).toBe('complete');

            const own = snapshot.feeds.filter((view) => view.provider === provider.id);
            if (errors) {
              // The failed provider says what happened, naming itself.
              expect(own.some((view) => view.state === 'error')).toBe(true);
              for (const view of own.filter((candidate) => candidate.state === 'error'))
                expect(view.error?.message).toMatch(new RegExp(provider.label.split(' ')[0] ?? '', 'i'));
            }

            await fetch('http://127.0.0.1/api/_test/reset', { method: 'POST', body: '{}' });
            const recovered = await recover(controller);
            expect(recovered.feeds.every((view) => view.state === 'complete')).toBe(true);
            const keys = keysOf(recovered);
            figures.eventsCompared += keys.length;
            if (errors) {
              // After recovery the merged timeline equals the fault-free one exactly.
              expect(keys).toEqual(expected);
            } else if (name === 'skips a page' && !WITH_TOTALS.has(provider.id)) {
              // Without a total nothing reveals the gap; once the fault is gone a fresh load is whole again.
              const reloaded = await load();
              reloaded.unsubscribe();
              expect(keysOf(reloaded.snapshot)).toEqual(expected);
            } else {
              // A repeat must be absorbed exactly; a skip where totals exist must be reported as a gap.
              const warned = recovered.feeds.some(
                (view) => view.provider === provider.id && view.warnings.length > 0,
              );
              if (name === 'skips a page') expect(warned).toBe(true);
              else expect(keys).toEqual(expected);
            }
          } finally {
            unsubscribe();
          }
        });
      }
    }

    it('reports its figures', () => {
      expect(figures.faults).toBe(PROVIDERS.length * Object.keys(FAULTS).length);
      console.info(
        `fault matrix: ${figures.faults} faults injected, ${figures.eventsCompared} events compared`,
      );
    });
  },
);

describe('faults that only totals reveal', { timeout: 60_000 }, () => {
  for (const id of ['contabo', 'cloudfoundry'] as const) {
    // Contabo: a known gap, see KNOWN_GAPS.
    it(`${id}: a skipped page is reported as a gap through the API's totals`, async () => {
      await proxy.fault(id, { skipPage: true, times: 1 });
      const { snapshot, unsubscribe } = await load();
      unsubscribe();
      const own = snapshot.feeds.filter((view) => view.provider === id);
      expect(own.flatMap((view) => view.warnings).join('\n')).toMatch(/missing|only \d+ arrived|skipped/);
    });
  }
});

describe('retry budget', () => {
  it('at a 50% error rate, retried requests stay at most 10% of all requests sent', async () => {
    const feed = feeds().find(({ feed: candidate }) => candidate.provider === 'openai')?.feed;
    if (!feed) throw new Error('no OpenAI feed');
    await proxy.fault('openai', {
      status: 503,
      body: '{"error":{"message":"overloaded"}}',
      headers: { 'content-type': 'application/json', 'retry-after': '0' },
      errorRate: 0.5,
      seed: 7,
    });
    let retries = 0;
    let firstAttempts = 0;
    // The budget starts with 10 tokens for bursts and earns 0.1 per request: the 10% holds from ~900 pages on.
    for (let i = 0; i < 1000; i++) {
      firstAttempts++;
      await feed
        .fetchPage(QUERY, null, {
          demo: true,
          onRetry: () => {
            retries++;
          },
        })
        .catch(() => undefined);
    }
    const sent = proxy.requests.filter((path) => path.startsWith('/api/openai/')).length;
    console.info(`retry budget: ${firstAttempts} pages asked, ${sent} requests sent, ${retries} retries`);
    expect(sent).toBe(firstAttempts + retries);
    expect(retries / sent).toBeLessThanOrEqual(0.1);
  }, 60_000);
});

describe('token refresh', () => {
  const CASES = [
    { id: 'contabo', path: '/api/contabo/v1/compute/images/audits?page=1&size=10' },
    { id: 'cloudfoundry', path: '/api/cloudfoundry/v3/audit_events?per_page=10' },
  ] as const;
  for (const { id, path } of CASES) {
    it(`${id}: ten concurrent 401s cause one token refresh, not ten`, async () => {
      const get = () => fetch(`http://127.0.0.1${path}`);
      expect((await get()).status).toBe(200);
      await proxy.fault(id, { status: 401, body: '{"message":"Unauthorized"}', times: 10 });
      const rejected = await Promise.all(Array.from({ length: 10 }, get));
      expect(rejected.map((response) => response.status)).toEqual(Array(10).fill(401));
      tokenRequests.urls.length = 0;
      const after = await Promise.all(Array.from({ length: 10 }, get));
      expect(after.map((response) => response.status)).toEqual(Array(10).fill(200));
      expect(tokenRequests.urls).toHaveLength(1);
    });
  }
});
