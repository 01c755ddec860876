import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import fc from 'fast-check';
import { getResponse, http, type RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineQuery } from '../../timeline/feed.ts';
import { createClock } from '../simulator-kit/clock.ts';
import { fetchStackEventsPage, type StackEventsCursor } from './client.ts';
import { newestFirst, type SimulatedStackEvent } from './simulator/data.ts';
import {
  PCLUSTER_DEMO_BASE_URL,
  PCLUSTER_DEMO_CREDENTIALS,
  parallelClusterSimulatorHandlers,
} from './simulator/handlers.ts';

const NOW = Date.parse('2026-11-20T12:00:00.000Z');
const IMAGE = 'prop-image';
let handlers: RequestHandler[] = [];

const signer = new SignatureV4({
  service: 'execute-api',
  region: 'us-east-1',
  sha256: Sha256,
  credentials: PCLUSTER_DEMO_CREDENTIALS,
  applyChecksum: false,
});

/** Stands in for the proxy: forwards /api/parallelcluster/* to the simulator, signed. */
const server = setupServer(
  http.get('http://127.0.0.1/api/parallelcluster/*', async ({ request }) => {
    const incoming = new URL(request.url);
    const url = new URL(
      `${PCLUSTER_DEMO_BASE_URL}${incoming.pathname.slice('/api/parallelcluster'.length)}${incoming.search}`,
    );
    const query: Record<string, string> = {};
    url.searchParams.forEach((value, key) => (query[key] = value));
    const signed = await signer.sign(
      new HttpRequest({
        method: 'GET',
        hostname: url.hostname,
        path: url.pathname,
        query,
        headers: { host: url.host },
      }),
    );
    const headers = new Headers();
    for (const [name, value] of Object.entries(signed.headers)) if (name !== 'host') headers.set(name, value);
    return (
      (await getResponse(handlers, new Request(url, { headers }))) ?? new Response(null, { status: 599 })
    );
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

function stackEvent(i: number, time: number): SimulatedStackEvent {
  return {
    time,
    record: {
      stackId: `arn:aws:cloudformation:us-east-1:111122223333:stack/${IMAGE}/0f1e2d3c`,
      eventId: `ev-${String(i).padStart(3, '0')}`,
      stackName: IMAGE,
      logicalResourceId: 'InstanceRole',
      physicalResourceId: 'role',
      resourceType: 'AWS::IAM::Role',
      timestamp: new Date(time).toISOString(),
      resourceStatus: 'CREATE_COMPLETE',
    },
  };
}

describe('ParallelCluster stack-event paging (property)', () => {
  it('returns every event in range exactly once, whatever the page size and runs of equal times', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 13 }),
        async (offsets, pageSize, a, b) => {
          const dataset = offsets
            .map((offset, i) => stackEvent(i, NOW - 3_600_000 + offset * 1000))
            .sort(newestFirst);
          handlers = parallelClusterSimulatorHandlers({
            baseUrl: PCLUSTER_DEMO_BASE_URL,
            clock: createClock(new Date(NOW).toISOString()),
            scale: 1,
            rateLimit: false,
            stackEventsPageSize: pageSize,
            stackEvents: (imageId) => (imageId === IMAGE ? dataset : undefined),
          });
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const query: TimelineQuery = {
            range: { from: NOW - 3_600_000 + lo * 1000, to: NOW - 3_600_000 + hi * 1000 },
          };
          const keys: string[] = [];
          let cursor: StackEventsCursor | null = null;
          for (let i = 0; i < 200; i++) {
            const page = await fetchStackEventsPage(IMAGE, query, cursor, { demo: true });
            expect(page.warnings).toEqual([]);
            keys.push(...page.events.map((e) => e.key));
            cursor = page.nextCursor as StackEventsCursor | null;
            if (cursor === null) break;
          }
          const expected = dataset
            .filter((e) => e.time >= query.range.from && e.time <= query.range.to)
            .map((e) => `parallelcluster.stack:${IMAGE}:${e.record.eventId}`);
          expect(keys).toEqual(expected);
        },
      ),
      { numRuns: 100 },
    );
  });
});
