import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createClock } from '../../simulator-kit/clock.ts';
import { COMPROMISED_ACCOUNT } from '../../simulator-kit/stories.ts';
import {
  DEMO_IMAGE_IDS,
  PCLUSTER_DEMO_BASE_URL,
  PCLUSTER_DEMO_CREDENTIALS,
  parallelClusterSimulatorHandlers,
} from './handlers.ts';

const BASE = PCLUSTER_DEMO_BASE_URL;
const NOW = '2026-11-20T12:00:00.000Z';
const NOW_MS = Date.parse(NOW);
const handlers = parallelClusterSimulatorHandlers({
  baseUrl: BASE,
  clock: createClock(NOW),
  scale: 1,
  rateLimit: false,
});

interface StackEventWire {
  eventId: string;
  stackId: string;
  stackName: string;
  logicalResourceId: string;
  resourceType: string;
  resourceStatus: string;
  resourceStatusReason?: string;
  timestamp: string;
  clientRequestToken?: string;
}
interface Body {
  message?: string;
  nextToken?: string;
  prevToken?: string;
  events?: { timestamp: string; message: string }[];
  logStreams?: { logStreamName: string; logStreamArn: string; firstEventTimestamp: string }[];
}

type Keys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/** Signs with AWS's own signer; the simulator checks with its independent node:crypto implementation. */
async function signed(url: URL, keys: Keys = PCLUSTER_DEMO_CREDENTIALS, at = new Date()): Promise<Request> {
  const signer = new SignatureV4({
    service: 'execute-api',
    region: 'us-east-1',
    sha256: Sha256,
    credentials: keys,
    applyChecksum: false,
  });
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, key) => (query[key] = value));
  const request = await signer.sign(
    new HttpRequest({
      method: 'GET',
      hostname: url.hostname,
      path: url.pathname,
      query,
      headers: { host: url.host },
    }),
    { signingDate: at },
  );
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) if (name !== 'host') headers.set(name, value);
  return new Request(url, { headers });
}

async function send(request: Request, using = handlers) {
  const response = await getResponse(using, request);
  if (!response) throw new Error('no handler answered');
  return { status: response.status, headers: response.headers, body: (await response.json()) as Body };
}

async function call(path: string, keys?: Keys) {
  return send(await signed(new URL(`${BASE}/v3/images/custom/${path}`), keys));
}

async function stackEvents(imageId: string, extra = '') {
  const all: StackEventWire[] = [];
  let token: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await call(
      `${imageId}/stackevents${token ? `?nextToken=${encodeURIComponent(token)}${extra}` : extra ? `?${extra.slice(1)}` : ''}`,
    );
    expect(page.status).toBe(200);
    all.push(...((page.body.events ?? []) as unknown as StackEventWire[]));
    if (!page.body.nextToken) return all;
    token = page.body.nextToken;
  }
  throw new Error('stack events did not end');
}

const stream = (image: string, name: string, query = '') =>
  call(`${image}/logstreams/${encodeURIComponent(name)}${query}`);

describe('ParallelCluster simulator: stack events', () => {
  it('serves realistic CloudFormation events newest first, camelCase, ISO with ms and Z', async () => {
    const { status, body } = await call('ubuntu2204-cuda-12/stackevents');
    expect(status).toBe(200);
    const events = body.events as unknown as StackEventWire[];
    expect(events.length).toBeGreaterThan(40);
    const times = events.map((e) => Date.parse(e.timestamp));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    for (const e of events) {
      expect(e.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(e.stackId).toMatch(/^arn:aws:cloudformation:us-east-1:\d{12}:stack\/ubuntu2204-cuda-12\//);
      expect(e.stackName).toBe('ubuntu2204-cuda-12');
    }
    const stackLevel = events.filter((e) => e.resourceType === 'AWS::CloudFormation::Stack');
    expect(stackLevel.map((e) => e.resourceStatus)).toEqual(['CREATE_COMPLETE', 'CREATE_IN_PROGRESS']);
    expect(stackLevel[0]?.eventId).toMatch(/^[0-9a-f-]{36}$/);
    const image = events.filter((e) => e.logicalResourceId === 'ParallelClusterImage');
    expect(image.map((e) => e.resourceStatus)).toEqual([
      'CREATE_COMPLETE',
      'CREATE_IN_PROGRESS',
      'CREATE_IN_PROGRESS',
    ]);
    expect(image[2]?.eventId).toMatch(/^ParallelClusterImage-CREATE_IN_PROGRESS-\d{4}-.*Z$/);
    expect(new Set(events.map((e) => e.resourceType))).toContain(
      'AWS::ImageBuilder::InfrastructureConfiguration',
    );
    // Independent resources start in the same millisecond.
    const counts = new Map<number, number>();
    for (const t of times) counts.set(t, (counts.get(t) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeGreaterThanOrEqual(5);
  });

  it('tells failed and rolled-back builds with their reasons', async () => {
    const failed = await stackEvents('ubuntu2004-genomics');
    const imageFailed = failed.find(
      (e) => e.logicalResourceId === 'ParallelClusterImage' && e.resourceStatus === 'CREATE_FAILED',
    );
    expect(imageFailed?.resourceStatusReason).toMatch(/ExecuteBash/);
    expect(failed[0]).toMatchObject({
      resourceStatus: 'CREATE_FAILED',
      resourceType: 'AWS::CloudFormation::Stack',
    });
    const rolledBack = await stackEvents('centos7-legacy-mpi');
    expect(rolledBack[0]?.resourceStatus).toBe('ROLLBACK_COMPLETE');
    expect(rolledBack.some((e) => e.resourceStatus === 'DELETE_COMPLETE')).toBe(true);
    expect(rolledBack.some((e) => e.resourceStatus === 'ROLLBACK_IN_PROGRESS')).toBe(true);
  });

  it('holds a few hundred events across images over the last 30 days, the story image among them', async () => {
    let total = 0;
    for (const id of DEMO_IMAGE_IDS) {
      const page = await call(`${id}/stackevents`);
      if (page.status === 404) continue;
      const events = (page.body.events ?? []) as unknown as StackEventWire[];
      total += events.length;
      for (const e of events) {
        expect(Date.parse(e.timestamp)).toBeLessThanOrEqual(NOW_MS);
        expect(Date.parse(e.timestamp)).toBeGreaterThan(NOW_MS - 30 * 86_400_000);
      }
    }
    expect(total).toBeGreaterThan(250);
    const story = await stackEvents('rhel9-secure-base');
    expect(story.every((e) => e.clientRequestToken === COMPROMISED_ACCOUNT.requestId)).toBe(true);
    expect(Date.parse(story[story.length - 1]?.timestamp ?? '')).toBeGreaterThan(NOW_MS - 6 * 3_600_000);
  });

  it('pages with nextToken until it is absent, without losing or repeating an event', async () => {
    const small = parallelClusterSimulatorHandlers({
      baseUrl: BASE,
      clock: createClock(NOW),
      scale: 1,
      rateLimit: false,
      stackEventsPageSize: 7,
    });
    const whole = (await call('centos7-legacy-mpi/stackevents')).body.events as unknown as StackEventWire[];
    const ids: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const url = new URL(`${BASE}/v3/images/custom/centos7-legacy-mpi/stackevents`);
      if (token) url.searchParams.set('nextToken', token);
      const page = await send(await signed(url), small);
      pages++;
      expect(page.body.events?.length).toBeLessThanOrEqual(7);
      ids.push(...((page.body.events ?? []) as unknown as StackEventWire[]).map((e) => e.eventId));
      token = page.body.nextToken;
    } while (token);
    expect(pages).toBe(Math.ceil(whole.length / 7));
    expect(ids).toEqual(whole.map((e) => e.eventId));
    expect((await call('centos7-legacy-mpi/stackevents?nextToken=bm90LWEtdG9rZW4=')).status).toBe(400);
  });

  it('answers 404 for a deleted stack, for another region, and 400 for a bad image id or region', async () => {
    const gone = await call('alinux2-hpc-legacy/stackevents');
    expect(gone).toMatchObject({
      status: 404,
      body: { message: 'CloudFormation Stack for Image alinux2-hpc-legacy does not exist.' },
    });
    expect((await call('ubuntu2204-cuda-12/stackevents?region=eu-west-1')).status).toBe(404);
    expect((await call('ubuntu2204-cuda-12/stackevents?region=us-east-1')).status).toBe(200);
    const badRegion = await call('ubuntu2204-cuda-12/stackevents?region=mars');
    expect(badRegion.status).toBe(400);
    expect(badRegion.body.message).toMatch(/region/);
    const badId = await call('9lives/stackevents');
    expect(badId.status).toBe(400);
    expect(badId.body.message).toMatch(/does not match/);
  });
});

describe('ParallelCluster simulator: log streams', () => {
  it('lists an image log group by name, with real-looking stream names and ARNs', async () => {
    const { status, body } = await call('alinux2-hpc-legacy/logstreams');
    expect(status).toBe(200);
    expect(body.logStreams?.map((s) => s.logStreamName)).toEqual(['3.10.1/1', '3.9.0/1']);
    expect(body.logStreams?.[0]?.logStreamArn).toBe(
      'arn:aws:logs:us-east-1:111122223333:log-group:/aws/imagebuilder/ParallelClusterImage-alinux2-hpc-legacy:log-stream:3.10.1/1',
    );
    expect(body.nextToken).toBeUndefined();
    const paged = parallelClusterSimulatorHandlers({
      baseUrl: BASE,
      clock: createClock(NOW),
      scale: 1,
      rateLimit: false,
      logStreamsPageSize: 1,
    });
    const first = await send(
      await signed(new URL(`${BASE}/v3/images/custom/alinux2-hpc-legacy/logstreams`)),
      paged,
    );
    expect(first.body.logStreams?.map((s) => s.logStreamName)).toEqual(['3.10.1/1']);
    const url = new URL(`${BASE}/v3/images/custom/alinux2-hpc-legacy/logstreams`);
    url.searchParams.set('nextToken', first.body.nextToken ?? '');
    const second = await send(await signed(url), paged);
    expect(second.body.logStreams?.map((s) => s.logStreamName)).toEqual(['3.9.0/1']);
    expect(second.body.nextToken).toBeUndefined();
  });

  it('answers 404 with pcluster messages for an unknown image or stream', async () => {
    expect(await call('no-such-image/logstreams')).toMatchObject({
      status: 404,
      body: {
        message: 'Unable to find image logs, please double check if image id=no-such-image is correct.',
      },
    });
    expect(await stream('ubuntu2204-cuda-12', '3.0.0/1')).toMatchObject({
      status: 404,
      body: { message: 'The specified log stream 3.0.0/1 does not exist.' },
    });
  });
});

describe('ParallelCluster simulator: log events', () => {
  it('reads a stream whose name holds a slash, sent as one encoded segment', async () => {
    const head = await stream('alinux2023-slurm-base', '3.12.0/1', '?startFromHead=true&limit=5');
    expect(head.status).toBe(200);
    expect(head.body.events?.map((e) => e.message)).toEqual([
      expect.stringMatching(
        /^Document arn:aws:imagebuilder:us-east-1:111122223333:component\/parallelclusterimage-updateos-.*\/3\.12\.0\/1$/,
      ),
      'Phase build',
      'Step UpdateOS',
      'ExecuteBash: STARTED EXECUTION',
      expect.stringMatching(/^ExecuteBash: Created temporary directory: \/tmp\/\d+$/),
    ]);
    expect(head.body.nextToken).toMatch(/^f\/\d{56}\/s$/);
    expect(head.body.prevToken).toMatch(/^b\/\d{56}\/s$/);
  });

  it('starts at the tail by default, ascending within the page, and ends with TOE', async () => {
    const tail = await stream('alinux2023-slurm-base', '3.12.0/1', '?limit=3');
    const messages = tail.body.events?.map((e) => e.message);
    expect(messages?.[2]).toBe('TOE has completed execution successfully');
    const times = tail.body.events?.map((e) => Date.parse(e.timestamp)) ?? [];
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const failed = await stream('ubuntu2004-genomics', '3.11.1/1', '?limit=1');
    expect(failed.body.events?.[0]?.message).toBe('TOE has completed execution with failure');
  });

  it('walks forward with nextToken and backward with prevToken, and repeats the token at each end', async () => {
    const name = '3.9.0/1';
    const lines: string[] = [];
    let token: string | undefined;
    let query = '?startFromHead=true&limit=1000';
    for (let i = 0; i < 20; i++) {
      const page = await stream('alinux2-hpc-legacy', name, query);
      expect(page.status).toBe(200);
      if (token !== undefined && page.body.nextToken === token) {
        expect(page.body.events).toEqual([]);
        break;
      }
      lines.push(...(page.body.events ?? []).map((e) => e.message));
      token = page.body.nextToken;
      query = `?limit=1000&nextToken=${encodeURIComponent(token ?? '')}`;
    }
    expect(lines).toHaveLength(3_300);
    const back: string[] = [];
    let prev: string | undefined;
    query = '?limit=700';
    for (let i = 0; i < 20; i++) {
      const page = await stream('alinux2-hpc-legacy', name, query);
      if (prev !== undefined && page.body.prevToken === prev) break;
      back.unshift(...(page.body.events ?? []).map((e) => e.message));
      prev = page.body.prevToken;
      query = `?limit=700&nextToken=${encodeURIComponent(prev ?? '')}`;
    }
    expect(back).toEqual(lines);
  });

  it('pages the 200,000-line stream by 10,000 events or 1 MB by default', async () => {
    const page = await stream('ubuntu2204-cuda-12', '3.12.0/1', '?startFromHead=true');
    const events = page.body.events ?? [];
    expect(events.length).toBeGreaterThan(1000);
    expect(events.length).toBeLessThanOrEqual(10_000);
    const bytes = events.reduce((sum, e) => sum + Buffer.byteLength(e.message) + 26, 0);
    expect(bytes).toBeLessThanOrEqual(1_048_576);
    const last = await stream('ubuntu2204-cuda-12', '3.12.0/1', '?limit=2');
    expect(last.body.nextToken).toMatch(/0000200000\/s$/);
  });

  it('keeps startTime inclusive and endTime exclusive', async () => {
    const head = await stream('ubuntu2204-cuda-12', '3.12.0/1', '?startFromHead=true&limit=40');
    const events = head.body.events ?? [];
    const pivot = events[20]?.timestamp ?? '';
    const before = events.filter((e) => e.timestamp < pivot).length;
    const from = await stream(
      'ubuntu2204-cuda-12',
      '3.12.0/1',
      `?startFromHead=true&limit=3&startTime=${pivot}`,
    );
    expect(from.body.events?.[0]?.timestamp).toBe(pivot);
    expect(from.body.events?.[0]?.message).toBe(events[before]?.message);
    const until = await stream('ubuntu2204-cuda-12', '3.12.0/1', `?limit=3&endTime=${pivot}`);
    expect(until.body.events?.every((e) => e.timestamp < pivot)).toBe(true);
    expect(until.body.events?.[2]?.message).toBe(events[before - 1]?.message);
    const day = await stream('ubuntu2204-cuda-12', '3.12.0/1', '?limit=1&startTime=2026-11-19');
    expect(day.status).toBe(200);
    expect(day.body.events).toEqual([]);
  });

  it('answers the documented 400 messages for limit, times and flags', async () => {
    const cases: [string, string | RegExp][] = [
      ['?limit=0', "'limit' must be a positive integer."],
      ['?limit=-4', "'limit' must be a positive integer."],
      ['?limit=abc', /expected 'integer' for query parameter 'limit'/],
      ['?limit=10001', /less than or equal to 10000/],
      ['?startFromHead=maybe', /expected 'boolean'/],
      [
        '?startTime=yesterday',
        'start_time filter must be in the ISO 8601 format: YYYY-MM-DDThh:mm:ssZ. (e.g. 1984-09-15T19:20:30Z or 1984-09-15).',
      ],
      [
        '?startTime=2026-11-10T00:00:00Z&endTime=2026-11-10T00:00:00Z',
        'start_time filter must be earlier than end_time filter.',
      ],
      ['?nextToken=f/123', /nextToken is invalid/],
    ];
    for (const [query, expected] of cases) {
      const { status, body } = await stream('alinux2023-slurm-base', '3.12.0/1', query);
      expect(status, query).toBe(400);
      if (typeof expected === 'string') expect(body.message).toBe(expected);
      else expect(body.message).toMatch(expected);
    }
  });
});

describe('ParallelCluster simulator: API Gateway in front', () => {
  const path = new URL(`${BASE}/v3/images/custom/ubuntu2204-cuda-12/stackevents`);

  it('answers 403 Missing Authentication Token without a signature, and for unknown paths', async () => {
    expect(await send(new Request(path))).toMatchObject({
      status: 403,
      body: { message: 'Missing Authentication Token' },
    });
    const unknown = await send(await signed(new URL(`${BASE}/v3/images/custom/ubuntu2204-cuda-12/logs`)));
    expect(unknown).toMatchObject({ status: 403, body: { message: 'Missing Authentication Token' } });
  });

  it('rejects a wrong secret, an unknown key, a stale date and a request altered after signing', async () => {
    const wrongSecret = await send(
      await signed(path, { ...PCLUSTER_DEMO_CREDENTIALS, secretAccessKey: 'nope' }),
    );
    expect(wrongSecret.status).toBe(403);
    expect(wrongSecret.body.message).toMatch(/signature we calculated does not match/);
    const unknownKey = await send(await signed(path, { accessKeyId: 'AKIAOTHER', secretAccessKey: 'x' }));
    expect(unknownKey).toMatchObject({
      status: 403,
      body: { message: 'The security token included in the request is invalid.' },
    });
    const stale = await send(await signed(path, PCLUSTER_DEMO_CREDENTIALS, new Date(Date.now() - 3_600_000)));
    expect(stale.status).toBe(403);
    expect(stale.body.message).toMatch(/Signature expired/);
    const request = await signed(path);
    const altered = new Request(`${path.href}?nextToken=abc`, { headers: request.headers });
    expect((await send(altered)).status).toBe(403);
  });

  it('checks the signature over the encoded stream name (signed as %252F)', async () => {
    const url = new URL(`${BASE}/v3/images/custom/alinux2023-slurm-base/logstreams/3.12.0%2F1?limit=1`);
    expect((await send(await signed(url))).status).toBe(200);
    // Signing the decoded path instead is what a double-decoding signer would do: API Gateway refuses it.
    const request = await signed(
      new URL(`${BASE}/v3/images/custom/alinux2023-slurm-base/logstreams/3.12.0/1?limit=1`),
    );
    const wrong = await send(new Request(url, { headers: request.headers }));
    expect(wrong.status).toBe(403);
  });

  it('answers 429 Too Many Requests once its rate limit is spent', async () => {
    const limited = parallelClusterSimulatorHandlers({
      baseUrl: BASE,
      clock: createClock(NOW),
      scale: 1,
      rateLimit: { burst: 2, perSecond: 0.5 },
    });
    const statuses = [];
    let body: Body | undefined;
    for (let i = 0; i < 3; i++) {
      const response = await send(await signed(path), limited);
      statuses.push(response.status);
      body = response.body;
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(body?.message).toBe('Too Many Requests');
  });

  it('never moves a build once served: a day later its stack events and log lines keep their times', async () => {
    const clock = createClock(NOW);
    const later = parallelClusterSimulatorHandlers({ baseUrl: BASE, clock, scale: 1, rateLimit: false });
    const stack = new URL(`${BASE}/v3/images/custom/rhel9-secure-base/stackevents`);
    const logs = new URL(`${BASE}/v3/images/custom/ubuntu2204-cuda-12/logstreams/3.12.0%2F1?limit=50`);
    const before = [
      (await send(await signed(stack), later)).body,
      (await send(await signed(logs), later)).body,
    ];
    clock.advance(86_400_000);
    const after = [
      (await send(await signed(stack), later)).body,
      (await send(await signed(logs), later)).body,
    ];
    expect(after).toEqual(before);
  });

  it('is deterministic for a pinned clock', async () => {
    const again = parallelClusterSimulatorHandlers({
      baseUrl: BASE,
      clock: createClock(NOW),
      scale: 1,
      rateLimit: false,
    });
    const a = await send(await signed(path), again);
    const b = await send(await signed(path));
    expect(a.body).toEqual(b.body);
    const logUrl = new URL(`${BASE}/v3/images/custom/ubuntu2204-cuda-12/logstreams/3.12.0%2F1?limit=50`);
    expect((await send(await signed(logUrl), again)).body).toEqual((await send(await signed(logUrl))).body);
  });
});
