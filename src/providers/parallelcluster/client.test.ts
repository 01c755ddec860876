import { describe, expect, it, vi } from 'vitest';
import { ProviderError } from '../../lib/provider-error.ts';
import { TEST_NOW_MS, setupProxyInProcess } from '../../testing/proxy-in-process.ts';
import type { FeedPage, ProviderFeed, TimelineQuery } from '../../timeline/feed.ts';
import { COMPROMISED_ACCOUNT } from '../simulator-kit/stories.ts';
import { fetchLogEvents, fetchLogStreams, readLogForward } from './client.ts';
import { parallelClusterFeeds } from './queries.ts';
import { DEMO_IMAGE_IDS } from './simulator/handlers.ts';

const proxy = setupProxyInProcess();
const DAY = 86_400_000;
const MONTH: TimelineQuery = { range: { from: TEST_NOW_MS - 30 * DAY, to: TEST_NOW_MS } };
const context = { demo: true };
const feeds = parallelClusterFeeds({
  id: 'parallelcluster',
  mode: 'demo',
  reason: 'demo',
  images: [...DEMO_IMAGE_IDS],
});
/** The provider requests the proxy saw (the harness also records its own test-control calls). */
const sent = () => proxy.requests.filter((path) => path.startsWith('/api/parallelcluster/'));
const feed = (imageId: string): ProviderFeed => {
  const found = feeds.find((f) => f.id === `parallelcluster.stack:${imageId}`);
  if (!found) throw new Error(`no feed for ${imageId}`);
  return found;
};

async function drain(target: ProviderFeed, query: TimelineQuery) {
  const pages: FeedPage[] = [];
  let cursor: unknown = null;
  for (let i = 0; i < 100; i++) {
    const page = await target.fetchPage(query, cursor, context);
    pages.push(page);
    if (page.nextCursor === null) return { pages, events: pages.flatMap((p) => p.events) };
    cursor = page.nextCursor;
  }
  throw new Error('feed did not end');
}

describe('parallelClusterFeeds', () => {
  it('makes one stack feed per image the status lists', () => {
    expect(feeds.map((f) => f.id)).toEqual(DEMO_IMAGE_IDS.map((id) => `parallelcluster.stack:${id}`));
    expect(feeds.every((f) => f.provider === 'parallelcluster' && f.source === 'parallelcluster.stack')).toBe(
      true,
    );
    expect(parallelClusterFeeds({ id: 'parallelcluster', mode: 'not configured', reason: '' })).toEqual([]);
  });
});

describe('ParallelCluster under API Gateway throttling (burst 10)', () => {
  it('loads the first pages of more images at once than the burst allows: the 429s are retried', async () => {
    const retried: number[] = [];
    const target = feed(DEMO_IMAGE_IDS[0]!);
    // The 16 first requests are held until all have been made, then sent together: the bucket refills
    // 6 tokens in 60 ms, so requests trickling in on a busy machine would never meet the burst limit.
    const wave = 16;
    const realFetch = globalThis.fetch;
    let held = 0;
    let releaseWave!: () => void;
    const waveMade = new Promise<void>((resolve) => (releaseWave = resolve));
    const gatedFetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async (...args) => {
      if (held < wave) {
        held += 1;
        if (held === wave) releaseWave();
        await waveMade;
      }
      return realFetch(...args);
    });
    try {
      const pages = await Promise.all(
        Array.from({ length: wave }, () =>
          target.fetchPage(MONTH, null, { ...context, onRetry: (info) => retried.push(info.status) }),
        ),
      );
      expect(pages.every((page) => page.events.length > 0)).toBe(true);
    } finally {
      gatedFetch.mockRestore();
    }
    // At most 10 pass at once; a few more may while the bucket refills as a busy machine handles them.
    expect(retried.length).toBeGreaterThan(0);
    expect(new Set(retried)).toEqual(new Set([429]));
  });
});

describe('ParallelCluster stack events through the proxy', () => {
  it('reads an image feed newest first, normalized, with build outcomes', async () => {
    const { events, pages } = await drain(feed('centos7-legacy-mpi'), MONTH);
    expect(pages.flatMap((p) => p.warnings)).toEqual([]);
    expect(events.length).toBeGreaterThan(50);
    expect(new Set(events.map((e) => e.key)).size).toBe(events.length);
    const times = events.map((e) => e.time);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    for (const event of events) {
      expect(event).toMatchObject({
        provider: 'parallelcluster',
        source: 'parallelcluster.stack',
        category: 'build',
        demo: true,
      });
      expect(event.scope).toEqual({ image: 'centos7-legacy-mpi', region: 'us-east-1' });
      expect(event.key).toMatch(/^parallelcluster\.stack:/);
    }
    expect(events[0]).toMatchObject({ action: 'ROLLBACK_COMPLETE', outcome: 'failure' });
    const failed = events.find((e) => e.action === 'CREATE_FAILED');
    expect(failed?.summary).toMatch(/^ParallelClusterImage CREATE_FAILED: Resource handler returned message/);
    expect(failed?.target).toMatchObject({ name: 'ParallelClusterImage', type: 'AWS::ImageBuilder::Image' });
    expect(events.find((e) => e.action === 'CREATE_IN_PROGRESS')?.outcome).toBe('unknown');
  });

  it('treats the 404 of a deleted stack as an empty, finished feed', async () => {
    const page = await feed('alinux2-hpc-legacy').fetchPage(MONTH, null, context);
    expect(page).toMatchObject({ events: [], nextCursor: null, warnings: [] });
  });

  it('reports a stack deleted between two pages as a possible gap, not a finished feed', async () => {
    const cursor = { nextToken: 'page-2', previous: TEST_NOW_MS - DAY, ordered: true };
    const page = await feed('alinux2-hpc-legacy').fetchPage(MONTH, cursor, context);
    expect(page.events).toEqual([]);
    expect(page.nextCursor).toBeNull();
    expect(page.warnings).toEqual([
      'The stack of alinux2-hpc-legacy was deleted while its events were read: older stack events may be missing',
    ]);
  });

  it('trims to the range and stops paging once past its start', async () => {
    const lastDay: TimelineQuery = { range: { from: TEST_NOW_MS - DAY, to: TEST_NOW_MS } };
    const story = await drain(feed('rhel9-secure-base'), lastDay);
    expect(story.events.length).toBeGreaterThan(40);
    expect(story.events.every((e) => e.requestId === COMPROMISED_ACCOUNT.requestId)).toBe(true);
    proxy.requests.length = 0;
    const old = await drain(feed('alinux2023-slurm-base'), lastDay);
    expect(old.events).toEqual([]);
    expect(sent()).toHaveLength(1);
  });

  it('pushes the image filter down by skipping other images entirely', async () => {
    const query: TimelineQuery = { ...MONTH, filters: { image: ['ubuntu2204-cuda-12'] } };
    const other = await feed('centos7-legacy-mpi').fetchPage(query, null, context);
    expect(other).toMatchObject({ events: [], nextCursor: null, pushedDown: ['image'] });
    expect(sent()).toEqual([]);
    const same = await feed('ubuntu2204-cuda-12').fetchPage(query, null, context);
    expect(same.events.length).toBeGreaterThan(0);
    expect(same.pushedDown).toEqual(['image']);
  });

  // A resource policy's denial is documented with a capital Message too.
  it.each([
    [
      'message',
      'User: arn:aws:iam::111122223333:user/auditor is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********0000:pc7demo0api/prod/GET/v3/images/custom/*',
    ],
    [
      'Message',
      'User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********0000:pc7demo0api/prod/GET/v3/images/custom/* with an explicit deny',
    ],
  ])("maps API Gateway's 403 to forbidden, with its %s", async (key, text) => {
    await proxy.fault('parallelcluster', { status: 403, body: JSON.stringify({ [key]: text }) });
    const failure = await feed('ubuntu2204-cuda-12')
      .fetchPage(MONTH, null, context)
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ kind: 'forbidden', status: 403 });
    expect((failure as ProviderError).detail).toBe(text);
  });

  it('says, without calling it a gap, that an image has no stack to read (finished build, or wrong id or region)', async () => {
    await proxy.fault('parallelcluster', {
      status: 404,
      body: JSON.stringify({ message: 'CloudFormation Stack for Image ubuntu2204-cuda-12 does not exist.' }),
    });
    const page = await feed('ubuntu2204-cuda-12').fetchPage(MONTH, null, context);
    expect(page).toMatchObject({ events: [], nextCursor: null, warnings: [] });
    expect(page.notes).toEqual([
      "ubuntu2204-cuda-12 has no CloudFormation stack (a finished build's is removed), or its id or region is wrong",
    ]);
  });

  it('retries a throttled request and reports a 500 as an error with its message', async () => {
    await proxy.fault('parallelcluster', { status: 429, body: '{"message":"Too Many Requests"}', times: 1 });
    const onRetry = vi.fn();
    const page = await feed('ubuntu2204-cuda-12').fetchPage(MONTH, null, { ...context, onRetry });
    expect(page.events.length).toBeGreaterThan(0);
    expect(onRetry).toHaveBeenCalledWith(expect.objectContaining({ status: 429 }));
    await proxy.fault('parallelcluster', {
      status: 500,
      body: '{"message":"Unexpected fatal exception. Please look at the application logs for details on the encountered failure."}',
      times: 1,
    });
    await expect(feed('ubuntu2204-cuda-12').fetchPage(MONTH, null, context)).rejects.toMatchObject({
      kind: 'http',
      status: 500,
    });
  });

  it('rejects a record without its required fields as an invalid response, never a row', async () => {
    await proxy.fault('parallelcluster', {
      status: 200,
      body: JSON.stringify({
        events: [
          { stackId: 'arn:aws:cloudformation:us-east-1:1:stack/x/y', timestamp: '2026-11-20T10:00:00.000Z' },
        ],
      }),
      times: 1,
    });
    await expect(feed('ubuntu2204-cuda-12').fetchPage(MONTH, null, context)).rejects.toMatchObject({
      kind: 'invalid-response',
    });
    await proxy.fault('parallelcluster', {
      status: 200,
      body: JSON.stringify({
        events: [
          {
            stackId: 's',
            eventId: 'e',
            stackName: 'x',
            logicalResourceId: 'x',
            physicalResourceId: '',
            resourceType: 't',
            resourceStatus: 'CREATE_COMPLETE',
            timestamp: 'yesterday',
          },
        ],
      }),
      times: 1,
    });
    await expect(feed('ubuntu2204-cuda-12').fetchPage(MONTH, null, context)).rejects.toMatchObject({
      kind: 'invalid-response',
    });
  });

  it('warns when a page breaks newest-first order', async () => {
    const event = (id: string, timestamp: string) => ({
      stackId: 'arn:aws:cloudformation:us-east-1:111122223333:stack/ubuntu2204-cuda-12/abc',
      eventId: id,
      stackName: 'ubuntu2204-cuda-12',
      logicalResourceId: 'InstanceRole',
      physicalResourceId: 'role',
      resourceType: 'AWS::IAM::Role',
      resourceStatus: 'CREATE_COMPLETE',
      timestamp,
    });
    await proxy.fault('parallelcluster', {
      status: 200,
      body: JSON.stringify({
        events: [event('a', '2026-11-20T09:00:00.000Z'), event('b', '2026-11-20T10:00:00.000Z')],
      }),
      times: 1,
    });
    const page = await feed('ubuntu2204-cuda-12').fetchPage(MONTH, null, context);
    expect(page.warnings).toEqual([expect.stringMatching(/out of newest-first order at b/)]);
    expect(page.events.map((e) => e.key)).toEqual([
      'parallelcluster.stack:ubuntu2204-cuda-12:a',
      'parallelcluster.stack:ubuntu2204-cuda-12:b',
    ]);
  });
});

describe('ParallelCluster build logs through the proxy', () => {
  it('lists log streams with times', async () => {
    const { streams, nextToken } = await fetchLogStreams('alinux2-hpc-legacy');
    expect(streams.map((s) => s.name)).toEqual(['3.10.1/1', '3.9.0/1']);
    expect(nextToken).toBeNull();
    expect(streams[0]?.firstEventTime).toBeLessThan(streams[0]?.lastEventTime ?? 0);
  });

  it('sends the stream name as one encoded segment and keys lines by stream and position', async () => {
    const page = await fetchLogEvents(
      'alinux2023-slurm-base',
      '3.12.0/1',
      { startFromHead: true, limit: 5 },
      { demo: true },
    );
    expect(sent()[0]).toBe(
      '/api/parallelcluster/v3/images/custom/alinux2023-slurm-base/logstreams/3.12.0%2F1?startFromHead=true&limit=5',
    );
    expect(page.lines.map((l) => l.key)).toEqual([0, 1, 2, 3, 4].map((i) => `3.12.0/1#${i}`));
    expect(page.lines[1]).toMatchObject({
      message: 'Phase build',
      stream: '3.12.0/1',
      imageId: 'alinux2023-slurm-base',
      demo: true,
    });
    expect(page.reachedEnd).toBe(false);
    const tail = await fetchLogEvents('alinux2023-slurm-base', '3.12.0/1', { limit: 3 });
    expect(tail.lines.map((l) => l.position)).toEqual([-3, -2, -1]);
    expect(tail.lines[2]?.message).toBe('TOE has completed execution successfully');
    const before = await fetchLogEvents('alinux2023-slurm-base', '3.12.0/1', {
      nextToken: tail.prevToken ?? '',
      limit: 2,
      position: { end: -3 },
    });
    expect(before.lines.map((l) => l.position)).toEqual([-5, -4]);
  });

  it('reads a whole stream forward, stopping when the token comes back, never dropping repeated lines', async () => {
    let lines = 0;
    let pages = 0;
    const messages = new Map<string, number>();
    for await (const page of readLogForward('alinux2-hpc-legacy', '3.9.0/1', { limit: 1000 })) {
      pages++;
      for (const line of page.lines) {
        expect(line.position).toBe(lines++);
        messages.set(line.message, (messages.get(line.message) ?? 0) + 1);
      }
    }
    expect(lines).toBe(3_300);
    expect(pages).toBe(4);
    expect(Math.max(...messages.values())).toBeGreaterThan(1);
    const again = await fetchLogEvents('alinux2-hpc-legacy', '3.9.0/1', { startFromHead: true, limit: 1 });
    const end = await fetchLogEvents('alinux2-hpc-legacy', '3.9.0/1', {
      nextToken: (await fetchLogEvents('alinux2-hpc-legacy', '3.9.0/1', {})).nextToken ?? '',
    });
    expect(end).toMatchObject({ lines: [], reachedEnd: true });
    expect(again.reachedEnd).toBe(false);
  });

  it('passes time bounds as ISO strings and refuses a non-positive limit before sending', async () => {
    const head = await fetchLogEvents('ubuntu2204-cuda-12', '3.12.0/1', { startFromHead: true, limit: 10 });
    const pivot = head.lines[5]?.time ?? 0;
    const from = await fetchLogEvents('ubuntu2204-cuda-12', '3.12.0/1', {
      startFromHead: true,
      limit: 2,
      startTime: pivot,
    });
    expect(from.lines[0]?.time).toBe(pivot);
    const until = await fetchLogEvents('ubuntu2204-cuda-12', '3.12.0/1', { limit: 2, endTime: pivot });
    expect(until.lines.every((l) => l.time < pivot)).toBe(true);
    await expect(fetchLogEvents('ubuntu2204-cuda-12', '3.12.0/1', { limit: 0 })).rejects.toBeInstanceOf(
      RangeError,
    );
  });

  it('reports an unknown stream as a 404 error', async () => {
    await expect(fetchLogEvents('ubuntu2204-cuda-12', '9.9.9/1')).rejects.toMatchObject({
      status: 404,
      detail: 'The specified log stream 9.9.9/1 does not exist.',
    });
  });
});
