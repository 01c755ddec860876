import { ProviderError } from '../../lib/provider-error.ts';
import type { PushdownField } from '../../timeline/feed.ts';
import type { FeedContext, FeedPage, TimelineQuery } from '../../timeline/feed.ts';
import { fetchProviderJson, type ProviderEndpoint } from '../http/fetch-json.ts';
import { createRetryBudget } from '../http/retry-policy.ts';
import {
  normalizeLogEvent,
  normalizeLogStream,
  normalizeStackEvent,
  type LogLine,
  type LogStreamInfo,
} from './normalize.ts';
import {
  logEventsResponseSchema,
  logStreamsResponseSchema,
  parallelClusterErrorSchema,
  stackEventsResponseSchema,
} from './schema.ts';

export const parallelClusterEndpoint: ProviderEndpoint = {
  id: 'parallelcluster',
  label: 'AWS ParallelCluster',
  // Every image is a feed, and they all start at once: past API Gateway's burst of 10 (the official
  // template's), the first load of many images meets 429s, and each needs its retry.
  budget: createRetryBudget(20, 0.1, 10),
  errorMessage: (body) => {
    const error = parallelClusterErrorSchema.safeParse(body).data;
    return error?.message ?? error?.Message;
  },
};

/** CloudWatch's own ceiling for one GetLogEvents page. */
export const MAX_LOG_EVENTS_LIMIT = 10_000;

/** Each path parameter is one segment: a stream name's `/` goes as `%2F`. */
function imagePath(imageId: string, ...rest: string[]): string {
  return ['v3/images/custom', encodeURIComponent(imageId), ...rest.map((s) => encodeURIComponent(s))].join(
    '/',
  );
}

/** Where the next stack-events page starts, and what the adapter has seen so far. */
export interface StackEventsCursor {
  nextToken: string;
  /** Time of the oldest event seen, to check newest-first order across pages. */
  previous: number;
  /** False once an order violation was seen: then every page is read, not only those in range. */
  ordered: boolean;
}

/** A deleted stack (a finished build's stack is removed) answers 404: no stack events, not an error. */
function isStackGone(error: unknown): boolean {
  return (
    error instanceof ProviderError &&
    error.status === 404 &&
    error.kind === 'http' &&
    /does not exist/i.test(error.detail)
  );
}

/**
 * One page of an image's CloudFormation stack events, newest first. The API has no time filter: pages are
 * followed by `nextToken` until it is absent, or until a page reaches past the query's start while the
 * order holds; events are trimmed to the range in the browser.
 */
export async function fetchStackEventsPage(
  imageId: string,
  query: TimelineQuery,
  cursor: StackEventsCursor | null,
  context: FeedContext,
): Promise<FeedPage> {
  const wanted = query.filters?.image;
  const pushedDown: PushdownField[] = wanted?.length ? ['image'] : [];
  if (wanted?.length && !wanted.includes(imageId))
    return { events: [], nextCursor: null, warnings: [], pushedDown };

  const params = new URLSearchParams();
  if (cursor) params.set('nextToken', cursor.nextToken);
  let response;
  try {
    response = await fetchProviderJson(parallelClusterEndpoint, {
      path: imagePath(imageId, 'stackevents'),
      params,
      schema: stackEventsResponseSchema,
      signal: context.signal,
      onRetry: context.onRetry,
    });
  } catch (error) {
    if (!isStackGone(error)) throw error;
    // No stack from the start is a build without stack events; one gone between pages (a finished build
    // deletes its stack) cut the feed short.
    if (cursor) {
      const warning = `The stack of ${imageId} was deleted while its events were read: older stack events may be missing`;
      return { events: [], nextCursor: null, warnings: [warning], pushedDown };
    }
    // Said, not warned: the same 404 answers a mistyped image id or a wrong PCLUSTER_REGION.
    const note = `${imageId} has no CloudFormation stack (a finished build's is removed), or its id or region is wrong`;
    return { events: [], nextCursor: null, warnings: [], notes: [note], pushedDown };
  }

  const warnings: string[] = [];
  const events = [];
  let previous = cursor?.previous ?? Infinity;
  let ordered = cursor?.ordered ?? true;
  for (const record of response.events ?? []) {
    const event = normalizeStackEvent(record, imageId, context.demo);
    if (event.time > previous) {
      warnings.push(`Stack events of ${imageId} came out of newest-first order at ${record.eventId}`);
      ordered = false;
    }
    previous = Math.min(previous, event.time);
    if (event.time >= query.range.from && event.time <= query.range.to) events.push(event);
  }

  const token = response.nextToken ?? null;
  if (token !== null && token === cursor?.nextToken) {
    warnings.push(`Stack events of ${imageId}: the API returned the same page token again; stopped`);
    return { events, nextCursor: null, warnings, pushedDown };
  }
  const pastRange = ordered && previous < query.range.from;
  const nextCursor: StackEventsCursor | null =
    token === null || pastRange ? null : { nextToken: token, previous, ordered };
  return { events, nextCursor, warnings, pushedDown };
}

export interface LogStreamsPage {
  streams: LogStreamInfo[];
  nextToken: string | null;
}

/** One page of an image's log streams (CloudWatch orders them by name). */
export async function fetchLogStreams(
  imageId: string,
  nextToken?: string,
  context: Pick<FeedContext, 'signal' | 'onRetry'> = {},
): Promise<LogStreamsPage> {
  const params = new URLSearchParams();
  if (nextToken) params.set('nextToken', nextToken);
  const response = await fetchProviderJson(parallelClusterEndpoint, {
    path: imagePath(imageId, 'logstreams'),
    params,
    schema: logStreamsResponseSchema,
    signal: context.signal,
    onRetry: context.onRetry,
  });
  return {
    streams: response.logStreams.map((record) => normalizeLogStream(record, imageId)),
    nextToken: response.nextToken ?? null,
  };
}

export interface LogEventsOptions {
  /** A previous page's `nextToken` (forward in time) or `prevToken` (backward). */
  nextToken?: string;
  /** Without a token: true starts at the oldest line, false (the API's default) at the newest. */
  startFromHead?: boolean;
  /** 1..10,000; without it the API returns up to 1 MB or 10,000 lines. */
  limit?: number;
  /** Epoch ms, inclusive. */
  startTime?: number;
  /** Epoch ms, exclusive. */
  endTime?: number;
  /**
   * Position of this page's first line, or of the line just after its last. By default a forward read
   * counts up from 0 and a backward read (from the tail, or with a `b/` token) counts down to -1.
   */
  position?: { first: number } | { end: number };
}

export interface LogEventsPage {
  /** Oldest to newest, as CloudWatch returns every page. */
  lines: LogLine[];
  nextToken: string | null;
  prevToken: string | null;
  /** The token followed came back unchanged: there is nothing more in that direction (for now). */
  reachedEnd: boolean;
}

function isBackward(options: LogEventsOptions): boolean {
  if (options.nextToken !== undefined) return options.nextToken.startsWith('b/');
  return options.startFromHead !== true;
}

/**
 * One page of a build log stream. Log lines are not timeline events: they are returned as typed lines
 * keyed by stream and position, and never de-duplicated.
 */
export async function fetchLogEvents(
  imageId: string,
  streamName: string,
  options: LogEventsOptions = {},
  context: Partial<FeedContext> = {},
): Promise<LogEventsPage> {
  if (options.limit !== undefined && !(Number.isInteger(options.limit) && options.limit > 0))
    throw new RangeError('limit must be a positive integer');
  const params = new URLSearchParams();
  if (options.nextToken) params.set('nextToken', options.nextToken);
  if (options.startFromHead !== undefined) params.set('startFromHead', String(options.startFromHead));
  if (options.limit !== undefined) params.set('limit', String(Math.min(options.limit, MAX_LOG_EVENTS_LIMIT)));
  if (options.startTime !== undefined) params.set('startTime', new Date(options.startTime).toISOString());
  if (options.endTime !== undefined) params.set('endTime', new Date(options.endTime).toISOString());
  const response = await fetchProviderJson(parallelClusterEndpoint, {
    path: imagePath(imageId, 'logstreams', streamName),
    params,
    schema: logEventsResponseSchema,
    signal: context.signal,
    onRetry: context.onRetry,
  });
  const records = response.events ?? [];
  const position = options.position ?? (isBackward(options) ? { end: 0 } : { first: 0 });
  const first = 'first' in position ? position.first : position.end - records.length;
  const demo = context.demo ?? false;
  const lines = records.map((record, i) => normalizeLogEvent(record, imageId, streamName, first + i, demo));
  const nextToken = response.nextToken ?? null;
  const prevToken = response.prevToken ?? null;
  const followed = options.nextToken;
  const reachedEnd =
    followed !== undefined && (followed.startsWith('b/') ? prevToken === followed : nextToken === followed);
  return { lines, nextToken, prevToken, reachedEnd };
}

/**
 * Reads a stream forward from its head (or from a token) page by page, stopping when the same token comes
 * back, which is how CloudWatch says "the end, for now".
 *
 * @example
 * for await (const page of readLogForward('my-image', '3.12.0/1', { limit: 500 })) show(page.lines);
 */
export async function* readLogForward(
  imageId: string,
  streamName: string,
  options: Omit<LogEventsOptions, 'startFromHead' | 'position'> & { maxPages?: number } = {},
  context: Partial<FeedContext> = {},
): AsyncGenerator<LogEventsPage> {
  let token = options.nextToken;
  let position = 0;
  const maxPages = options.maxPages ?? 1_000;
  for (let i = 0; i < maxPages; i++) {
    const page = await fetchLogEvents(
      imageId,
      streamName,
      {
        ...options,
        nextToken: token,
        startFromHead: token === undefined ? true : undefined,
        position: { first: position },
      },
      context,
    );
    position += page.lines.length;
    if (page.reachedEnd || page.nextToken === null) {
      if (page.lines.length) yield page;
      return;
    }
    yield page;
    token = page.nextToken;
  }
}
