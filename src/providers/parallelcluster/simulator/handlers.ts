import { Buffer } from 'node:buffer';
import { http, HttpResponse } from 'msw';
import type { SimulatorOptions } from '../../simulator-kit/options.ts';
import { createRateLimiter, type RateLimit } from '../../simulator-kit/rate-limit.ts';
import {
  buildStackEvents,
  DEMO_IMAGE_IDS,
  DEMO_IMAGES,
  DEMO_REGION,
  type DemoImage,
  type SimulatedStackEvent,
} from './data.ts';
import { logStreamsFor, type SimulatedLogStream } from './log-streams.ts';
import { verifySigV4, type SigV4Secret } from './sigv4-verify.ts';

export { DEMO_IMAGE_IDS };

/** The demo AWS key pair: the proxy's demo upstream signs with it, never with credentials from the environment. */
export const PCLUSTER_DEMO_CREDENTIALS: SigV4Secret = {
  accessKeyId: 'AKIADEMOPCLUSTER0001',
  secretAccessKey: 'demo/ParallelClusterSimulator+NotARealSecret0001',
};

/** The demo API's invoke URL: its host names the region the proxy signs for. */
export const PCLUSTER_DEMO_BASE_URL = `https://pc7demo0api.execute-api.${DEMO_REGION}.amazonaws.com/prod`;

export interface ParallelClusterSimulatorOptions extends SimulatorOptions {
  credentials?: SigV4Secret;
  /** Replaces the demo stack events (property tests page arbitrary datasets). */
  stackEvents?: (imageId: string, now: number) => SimulatedStackEvent[] | undefined;
  /** CloudFormation's page size for DescribeStackEvents. */
  stackEventsPageSize?: number;
  /** CloudWatch's default page size for DescribeLogStreams. */
  logStreamsPageSize?: number;
}

const IMAGE_ID = /^[a-zA-Z][a-zA-Z0-9-]+$/;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
const ISO_FORMAT_HINT =
  'filter must be in the ISO 8601 format: YYYY-MM-DDThh:mm:ssZ. (e.g. 1984-09-15T19:20:30Z or 1984-09-15).';
const MAX_EVENTS = 10_000;
const MAX_BYTES = 1_048_576;
/** CloudWatch counts each event's message bytes plus this much toward the 1 MB page limit. */
const EVENT_OVERHEAD = 26;
/** Makes log tokens look like CloudWatch's 56-digit ones while carrying a position. */
const TOKEN_BASE = '3629597720229888655725524137285407876260045261';

function message(status: number, text: string, headers?: HeadersInit) {
  return HttpResponse.json({ message: text }, { status, headers });
}

const badRequest = (text: string) => message(400, text);

function encodeToken(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64');
}

function decodeToken(token: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+=*$/.test(token)) return undefined;
  return Buffer.from(token, 'base64').toString('utf8');
}

function logToken(direction: 'f' | 'b', position: number): string {
  return `${direction}/${TOKEN_BASE}${String(position).padStart(10, '0')}/s`;
}

function parseLogToken(token: string): { direction: 'f' | 'b'; position: number } | undefined {
  const m = /^([fb])\/(\d{56})\/s$/.exec(token);
  if (!m?.[2]?.startsWith(TOKEN_BASE)) return undefined;
  return { direction: m[1] === 'f' ? 'f' : 'b', position: Number(m[2].slice(TOKEN_BASE.length)) };
}

/** ISO 8601 as pcluster's validate_timestamp reads it: a date, or a date-time (UTC when no zone). */
function parseIso(value: string): number | undefined {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
      value,
    );
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const check = new Date(utc);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23)
    return undefined;
  if (zone === 'Z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return utc - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

/** The official API template's stage throttling: `ThrottlingBurstLimit: 10`, `ThrottlingRateLimit: 100`. */
export const PCLUSTER_RATE_LIMIT: RateLimit = { burst: 10, perSecond: 100 };

/**
 * The three ParallelCluster image-log operations as the user's API Gateway + Lambda serve them: IAM (SigV4)
 * auth with API Gateway's 403 bodies, API Gateway throttling (429), pcluster's validation (400) and
 * not-found (404) messages, CloudFormation's newest-first stack events and CloudWatch's log paging.
 */
export function parallelClusterSimulatorHandlers(options: ParallelClusterSimulatorOptions) {
  const secret = options.credentials ?? PCLUSTER_DEMO_CREDENTIALS;
  const limiter = createRateLimiter(options.rateLimit ?? PCLUSTER_RATE_LIMIT);
  const base = options.baseUrl.replace(/\/+$/, '');
  const basePath = new URL(base).pathname.replace(/\/+$/, '');
  const signingRegion =
    /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(new URL(base).hostname)?.[1] ?? DEMO_REGION;
  const stackPageSize = options.stackEventsPageSize ?? 100;
  const streamPageSize = options.logStreamsPageSize ?? 50;
  const images = new Map<string, DemoImage>(DEMO_IMAGES.map((image) => [image.imageId, image]));
  // Builds are placed from the clock's start, so a served event or log line never moves.
  const anchor = options.clock.startedAt;
  let memo: { second: number; stacks: Map<string, SimulatedStackEvent[]> } = {
    second: NaN,
    stacks: new Map(),
  };

  const stackEventsOf = (imageId: string, now: number): SimulatedStackEvent[] | undefined => {
    const second = Math.floor(now / 1000);
    if (memo.second !== second) memo = { second, stacks: new Map() };
    const cached = memo.stacks.get(imageId);
    if (cached) return cached;
    let events: SimulatedStackEvent[] | undefined;
    if (options.stackEvents) events = options.stackEvents(imageId, now);
    else {
      const image = images.get(imageId);
      if (image && !image.stackDeleted) events = buildStackEvents(image, anchor).filter((e) => e.time <= now);
    }
    if (events) memo.stacks.set(imageId, events);
    return events;
  };

  const stackEvents = (imageId: string, params: URLSearchParams, now: number) => {
    const events = stackEventsOf(imageId, now);
    if (!events) return message(404, `CloudFormation Stack for Image ${imageId} does not exist.`);
    const token = params.get('nextToken');
    let from = 0;
    if (token !== null) {
      const after = decodeToken(token);
      const index = after === undefined ? -1 : events.findIndex((e) => e.record.eventId === after);
      if (index < 0) return badRequest('Invalid NextToken');
      from = index + 1;
    }
    const page = events.slice(from, from + stackPageSize);
    const last = page[page.length - 1];
    const body: Record<string, unknown> = { events: page.map((e) => e.record) };
    if (last && from + stackPageSize < events.length) body.nextToken = encodeToken(last.record.eventId);
    return HttpResponse.json(body);
  };

  const logStreams = (image: DemoImage, params: URLSearchParams, now: number) => {
    const streams = logStreamsFor(image, anchor).filter((s) => s.timeAt(0) <= now);
    const token = params.get('nextToken');
    let from = 0;
    if (token !== null) {
      const after = decodeToken(token);
      const index = after === undefined ? -1 : streams.findIndex((s) => s.name === after);
      if (index < 0) return badRequest('The specified nextToken is invalid.');
      from = index + 1;
    }
    const page = streams.slice(from, from + streamPageSize);
    const body: Record<string, unknown> = { logStreams: page.map((s) => streamRecord(s, now)) };
    const last = page[page.length - 1];
    if (last && from + streamPageSize < streams.length) body.nextToken = encodeToken(last.name);
    return HttpResponse.json(body);
  };

  const logEvents = (image: DemoImage, streamName: string, params: URLSearchParams, now: number) => {
    const limitText = params.get('limit');
    let limit = MAX_EVENTS;
    if (limitText !== null) {
      if (!/^-?\d+$/.test(limitText))
        return badRequest(`Bad Request: Wrong type, expected 'integer' for query parameter 'limit'`);
      limit = Number(limitText);
      if (limit <= 0) return badRequest("'limit' must be a positive integer.");
      if (limit > MAX_EVENTS)
        return badRequest(
          `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to ${MAX_EVENTS}`,
        );
    }
    const headText = params.get('startFromHead');
    if (headText !== null && !/^(true|false)$/i.test(headText))
      return badRequest(`Bad Request: Wrong type, expected 'boolean' for query parameter 'startFromHead'`);
    const startFromHead = headText?.toLowerCase() === 'true';
    const bounds: { startTime?: number; endTime?: number } = {};
    for (const [name, label] of [
      ['startTime', 'start_time'],
      ['endTime', 'end_time'],
    ] as const) {
      const text = params.get(name);
      if (text === null) continue;
      const at = parseIso(text);
      if (at === undefined) return badRequest(`${label} ${ISO_FORMAT_HINT}`);
      bounds[name] = at;
    }
    if (bounds.startTime !== undefined && bounds.endTime !== undefined && bounds.startTime >= bounds.endTime)
      return badRequest('start_time filter must be earlier than end_time filter.');

    const stream = logStreamsFor(image, anchor).find((s) => s.name === streamName);
    if (!stream || stream.timeAt(0) > now)
      return message(404, `The specified log stream ${streamName} does not exist.`);
    const visible = stream.lowerBound(now + 1);
    const lo = bounds.startTime === undefined ? 0 : Math.min(visible, stream.lowerBound(bounds.startTime));
    const hi = bounds.endTime === undefined ? visible : Math.min(visible, stream.lowerBound(bounds.endTime));

    const token = params.get('nextToken');
    let start: number;
    let end: number;
    if (token !== null) {
      const parsed = parseLogToken(token);
      if (!parsed) return badRequest('The specified nextToken is invalid.');
      if (parsed.direction === 'f') {
        start = Math.min(Math.max(parsed.position, lo), Math.max(hi, lo));
        end = fitForward(stream, start, Math.max(hi, start), limit);
      } else {
        end = Math.max(Math.min(parsed.position, hi), lo);
        start = fitBackward(stream, lo, end, limit);
      }
    } else if (startFromHead) {
      start = lo;
      end = fitForward(stream, lo, Math.max(hi, lo), limit);
    } else {
      end = Math.max(hi, lo);
      start = fitBackward(stream, lo, end, limit);
    }
    const events = [];
    for (let i = start; i < end; i++)
      events.push({ timestamp: new Date(stream.timeAt(i)).toISOString(), message: stream.messageAt(i) });
    return HttpResponse.json({ nextToken: logToken('f', end), prevToken: logToken('b', start), events });
  };

  return [
    http.get(`${base}/v3/images/custom/*`, ({ request }) => {
      const url = new URL(request.url);
      const rest = url.pathname.slice(`${basePath}/v3/images/custom/`.length).split('/');
      const [rawImageId = '', operation = '', rawStream, ...extra] = rest;
      const known =
        extra.length === 0 &&
        ((operation === 'stackevents' && rawStream === undefined) ||
          (operation === 'logstreams' && (rawStream === undefined || rawStream !== '')));
      // API Gateway answers an unknown resource path like a missing signature.
      if (!known) return message(403, 'Missing Authentication Token');

      const verdict = verifySigV4(request, secret, { region: signingRegion, service: 'execute-api' });
      if (!verdict.ok)
        return message(403, verdict.message, { 'x-amzn-errortype': 'IncompleteSignatureException' });
      if (limiter.take() > 0)
        return message(429, 'Too Many Requests', { 'x-amzn-errortype': 'TooManyRequestsException' });

      const imageId = safeDecode(rawImageId);
      if (imageId === undefined || !IMAGE_ID.test(imageId))
        return badRequest(
          `Bad Request: '${(imageId ?? rawImageId).slice(0, 64)}' does not match '^[a-zA-Z][a-zA-Z0-9-]+$'`,
        );
      const params = url.searchParams;
      const region = params.get('region');
      if (region !== null && !REGION.test(region))
        return badRequest(`Bad Request: invalid or unsupported region '${region.slice(0, 40)}'`);
      // The demo account's images all live in one region; asking another region finds nothing there.
      const elsewhere = region !== null && region !== DEMO_REGION;
      const now = options.clock.now();

      if (operation === 'stackevents') {
        if (elsewhere) return message(404, `CloudFormation Stack for Image ${imageId} does not exist.`);
        return stackEvents(imageId, params, now);
      }
      const image = elsewhere ? undefined : images.get(imageId);
      if (!image || image.startsAt(anchor) > now)
        return message(
          404,
          `Unable to find image logs, please double check if image id=${imageId} is correct.`,
        );
      if (rawStream === undefined) return logStreams(image, params, now);
      const streamName = safeDecode(rawStream);
      if (streamName === undefined) return badRequest('Bad Request: invalid log stream name');
      return logEvents(image, streamName, params, now);
    }),
  ];
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function eventBytes(stream: SimulatedLogStream, index: number): number {
  return Buffer.byteLength(stream.messageAt(index), 'utf8') + EVENT_OVERHEAD;
}

/** The end of a forward page from `start`: at most `limit` events and 1 MB. */
function fitForward(stream: SimulatedLogStream, start: number, hi: number, limit: number): number {
  let bytes = 0;
  let end = start;
  while (end < hi && end - start < limit) {
    bytes += eventBytes(stream, end);
    if (bytes > MAX_BYTES) break;
    end++;
  }
  return end;
}

/** The start of a backward page ending at `end`: at most `limit` events and 1 MB. */
function fitBackward(stream: SimulatedLogStream, lo: number, end: number, limit: number): number {
  let bytes = 0;
  let start = end;
  while (start > lo && end - start < limit) {
    bytes += eventBytes(stream, start - 1);
    if (bytes > MAX_BYTES) break;
    start--;
  }
  return start;
}

function streamRecord(stream: SimulatedLogStream, now: number) {
  const last = stream.timeAt(Math.max(0, stream.lowerBound(now + 1) - 1));
  return {
    logStreamName: stream.name,
    creationTime: new Date(stream.creationTime).toISOString(),
    firstEventTimestamp: new Date(stream.timeAt(0)).toISOString(),
    lastEventTimestamp: new Date(last).toISOString(),
    lastIngestionTime: new Date(Math.min(now, last + 31_337)).toISOString(),
    uploadSequenceToken: stream.uploadSequenceToken,
    logStreamArn: stream.arn,
  };
}
