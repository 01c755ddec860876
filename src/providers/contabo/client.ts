import { ProviderError } from '../../lib/provider-error.ts';
import { createStringKeys } from '../../lib/string-keys.ts';
import type { AuditEvent } from '../../timeline/audit-event.ts';
import type { FeedContext, FeedPage, PushdownField, TimelineQuery } from '../../timeline/feed.ts';
import { fetchProviderJson, type ProviderEndpoint } from '../http/fetch-json.ts';
import { createRetryBudget } from '../http/retry-policy.ts';
import { normalizeContaboAudit } from './normalize.ts';
import { contaboAuditListSchema, contaboErrorSchema, contaboTimeMs, paginationOf } from './schema.ts';
import type { ContaboAuditList } from './schema.ts';
import { rememberPage, wasSeen, type SeenPage } from './seen-pages.ts';

/** The official CLI's page size: known to work, and small enough to parse on the main thread. */
export const CONTABO_PAGE_SIZE = 100;
export const CONTABO_AUDITS_PATH = 'v1/compute/images/audits';
const DAY_MS = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const contaboEndpoint: ProviderEndpoint = {
  id: 'contabo',
  label: 'Contabo',
  budget: createRetryBudget(),
  errorMessage: (body) => {
    const error = contaboErrorSchema.safeParse(body).data;
    const message = error?.message;
    return Array.isArray(message) ? message.join('; ') : (message ?? error?.error_description);
  },
};

/** Where the next page starts, and what the pages so far have shown. Null before the first page. */
export interface ContaboCursorState {
  /** 1-based page number to ask for next. */
  page: number;
  /** `totalElements` of the first page: the count to compare with at the end. */
  firstTotal?: number;
  lastTotal?: number;
  /** Distinct entries returned so far, inside the query range or not. */
  distinct: number;
  /** Entries returned again by a later page, so far (absent: none). */
  repeated?: number;
  /** Set once the repeats have outrun the count's growth and that was said: it is said once per feed. */
  repeatsWarned?: true;
  /** The oldest time returned so far. */
  frontier: number;
  seen: SeenPage | null;
}
export type ContaboCursor = ContaboCursorState | null;

/** UTC+14 (Kiribati's Line Islands), the zone furthest east. */
const EASTMOST_OFFSET_MS = 14 * 3_600_000;

/** UTC day of an instant: `2026-11-20`. */
function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Filters Contabo can apply itself: each takes one exact value, so only a single-valued filter is pushed
 * down. `changedBy` holds a Keycloak user UUID, so an actor name or email is left to the browser.
 */
export function contaboPushdown(filters: TimelineQuery['filters']): {
  params: [string, string][];
  fields: PushdownField[];
} {
  const params: [string, string][] = [];
  const fields: PushdownField[] = [];
  const single = (values: readonly string[] | undefined) =>
    values?.length === 1 && values[0] ? values[0] : undefined;
  const actor = single(filters?.actor);
  if (actor && UUID.test(actor)) {
    params.push(['changedBy', actor.toLowerCase()]);
    fields.push('actor');
  }
  const requestId = single(filters?.requestId);
  if (requestId) {
    params.push(['requestId', requestId]);
    fields.push('requestId');
  }
  const image = single(filters?.image);
  if (image) {
    params.push(['imageId', image]);
    fields.push('image');
  }
  return { params, fields };
}

/**
 * The unified query as Contabo parameters, rebuilt for every page (the published `_links` carry only
 * `page`, so they are never followed). Dates are whole days of unconfirmed zone and inclusivity: wide enough
 * on each side for any reading, trimmed in the browser. `id:desc` orders equal timestamps so page edges stay put.
 */
export function contaboParams(
  query: TimelineQuery,
  page: number,
  size = CONTABO_PAGE_SIZE,
  timestampOnly = false,
): URLSearchParams {
  const params = new URLSearchParams();
  params.set('page', String(page));
  params.set('size', String(size));
  params.append('orderBy', 'timestamp:desc');
  if (!timestampOnly) params.append('orderBy', 'id:desc');
  // Wide enough for any reading: a start read as exclusive in a zone west of UTC, an end read as
  // exclusive at midnight in a zone as far east as UTC+14 (Berlin's is 22:00 or 23:00 UTC). The end is
  // kept as tight as that allows: newest first, every entry after the range is a page read for nothing
  // before the range's first row can show.
  params.set('startDate', utcDay(query.range.from - 2 * DAY_MS));
  params.set('endDate', utcDay(query.range.to + EASTMOST_OFFSET_MS + DAY_MS));
  for (const [name, value] of contaboPushdown(query.filters).params) params.set(name, value);
  return params;
}

/**
 * One response page as a `FeedPage`: drops entries an earlier page already returned (new events push rows
 * down between requests), checks newest-first order, trims to the exact range, and compares what came
 * back with `_pagination.totalElements` to report a gap.
 */
export function contaboFeedPage(
  query: TimelineQuery,
  cursor: ContaboCursor,
  list: ContaboAuditList,
  demo: boolean,
  size = CONTABO_PAGE_SIZE,
): FeedPage {
  const state: ContaboCursorState = cursor ?? { page: 1, distinct: 0, frontier: Infinity, seen: null };
  const pagination = paginationOf(list);
  if (pagination && pagination.page !== state.page && list.data.length > 0) {
    // A repeated or stale answer: going on would never ask for the page that was skipped.
    throw new ProviderError({
      providerLabel: 'Contabo',
      kind: 'invalid-response',
      detail: `unexpected response (page ${pagination.page} came back when page ${state.page} was asked)`,
    });
  }
  const total = pagination?.totalElements;
  const warnings: string[] = [];
  const events: AuditEvent[] = [];
  const fresh: { id: string; time: number }[] = [];
  const onPage = createStringKeys(list.data.length);
  let previous: number | undefined;
  let outOfOrder = false;
  let repeated = 0;

  for (const record of list.data) {
    const id = String(record.id);
    const time = contaboTimeMs(record.timestamp) ?? Number.NaN;
    if (wasSeen(state.seen, id, time)) {
      repeated++;
      continue;
    }
    const distinctSoFar = onPage.size;
    if (onPage.add(id) < distinctSoFar) continue;
    fresh.push({ id, time });
    // Across the page edge, an unseen entry newer than the range is a new arrival pushed down, not disorder.
    const before = previous ?? (time <= query.range.to ? state.frontier : Infinity);
    if (time > before) {
      if (!outOfOrder) warnings.push(`Contabo returned entry ${id} out of newest-first order`);
      outOfOrder = true;
    }
    previous = time;
    if (time >= query.range.from && time <= query.range.to) events.push(normalizeContaboAudit(record, demo));
  }

  const frontier = fresh.reduce((oldest, entry) => Math.min(oldest, entry.time), state.frontier);
  const distinct = state.distinct + fresh.length;
  const firstTotal = state.firstTotal ?? total;
  if (total !== undefined && state.lastTotal !== undefined && total < state.lastTotal) {
    warnings.push(
      `Contabo's count of matching entries fell from ${state.lastTotal} to ${total} while paging: entries may have been skipped`,
    );
  }

  // Each new entry pushes one row over a page edge, to come back once on a later page, and grows the count
  // by one. More repeats than the count grew mean the order moved: the API may not keep `id:desc` among
  // equal timestamps (unconfirmed), and every extra repeat stands for an entry no page will hold.
  const repeatedSoFar = (state.repeated ?? 0) + repeated;
  const repeatsOutran =
    total !== undefined && firstTotal !== undefined && repeatedSoFar > Math.max(0, total - firstTotal);
  const repeatsWarned = state.repeatsWarned ?? (repeatsOutran || undefined);
  if (repeatsOutran && !state.repeatsWarned) {
    // Expiry looks the same: an old entry leaving the count while a new one comes in leaves the count still.
    warnings.push(
      'Contabo returned entries of an earlier page again, more than new entries explain: it may order entries of equal time differently between pages (then some are missing), or old entries expired while paging',
    );
  }

  // The server's own page size where it says one: a server that serves fewer than asked numbers its pages
  // by its size, so its pages are full at that.
  const pageSize = pagination && pagination.size > 0 ? pagination.size : size;
  const full = list.data.length >= pageSize;
  if (pagination && !full && state.page < pagination.totalPages) {
    warnings.push(
      `Contabo page ${state.page} of ${pagination.totalPages} held only ${list.data.length} of ${pageSize} entries: entries may be missing`,
    );
  }
  const serverHasMore = pagination ? state.page < pagination.totalPages : full;
  // Sorted pages past the range's start hold nothing more for this query.
  const pastRange = !outOfOrder && frontier < query.range.from;
  const stalled = !pagination && full && fresh.length === 0;
  if (stalled) warnings.push(`Contabo page ${state.page} repeated entries already seen; stopped paging`);
  const hasMore = list.data.length > 0 && serverHasMore && !pastRange && !stalled;

  if (!hasMore && !pastRange && firstTotal !== undefined && distinct < firstTotal) {
    warnings.push(
      `Contabo reported ${firstTotal} matching entries but ${distinct} distinct came back: ${firstTotal - distinct} may be missing`,
    );
  }

  return {
    events,
    nextCursor: hasMore
      ? {
          page: state.page + 1,
          firstTotal,
          lastTotal: total ?? state.lastTotal,
          distinct,
          ...(repeatedSoFar > 0 && { repeated: repeatedSoFar }),
          ...(repeatsWarned && { repeatsWarned }),
          frontier,
          seen: rememberPage(state.seen, fresh),
        }
      : null,
    total,
    // The API filters by whole days, so its count covers more than the range.
    totalSpan: 'whole days',
    warnings,
    pushedDown: contaboPushdown(query.filters).fields,
  };
}

export async function fetchContaboPage(
  query: TimelineQuery,
  cursor: ContaboCursor,
  context: FeedContext,
): Promise<FeedPage> {
  const fetchList = (timestampOnly: boolean) =>
    fetchProviderJson(contaboEndpoint, {
      path: CONTABO_AUDITS_PATH,
      params: contaboParams(query, cursor?.page ?? 1, CONTABO_PAGE_SIZE, timestampOnly),
      schema: contaboAuditListSchema,
      signal: context.signal,
      onRetry: context.onRetry,
    });
  const timestampOnly = refusedIdOrder.has(context.demo);
  let page: FeedPage;
  try {
    page = contaboFeedPage(query, cursor, await fetchList(timestampOnly), context.demo);
  } catch (error) {
    if (timestampOnly || !refusesOrderBy(error)) throw error;
    // Remembered for this page's life: every new crawl (a new range, a poll for newer events) would ask
    // again and meet the same 400. Live and demo apart, as they are different servers. The second key
    // only steadies ties; without it, the repeat and count checks still say if entries of one second
    // were reordered between pages.
    refusedIdOrder.add(context.demo);
    page = contaboFeedPage(query, cursor, await fetchList(true), context.demo);
  }
  if (!cursor && refusedIdOrder.has(context.demo))
    page.notes = [
      'Contabo refused orderBy=id:desc, so entries are sorted by time alone; entries of one second moved between pages are warned of',
    ];
  return page;
}

/** Whether the server (live or demo) refused `orderBy=id:desc`; kept, like the retry budget, per page load. */
const refusedIdOrder = new Set<boolean>();

/** Forgets a refused sort, for tests that play several servers. */
export function forgetRefusedContaboOrder(): void {
  refusedIdOrder.clear();
}

/** A 400 naming the sort: the API does not sort by `id` (which fields sort is unconfirmed). */
function refusesOrderBy(error: unknown): boolean {
  return error instanceof ProviderError && error.status === 400 && /order ?by|sort/i.test(error.detail);
}
