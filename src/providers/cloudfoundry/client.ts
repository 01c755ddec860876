import { ProviderError } from '../../lib/provider-error.ts';
import { createStringKeys } from '../../lib/string-keys.ts';
import type { AuditEvent } from '../../timeline/audit-event.ts';
import type { FeedContext, FeedPage, PushdownField, TimelineQuery } from '../../timeline/feed.ts';
import { fetchProviderJson, type ProviderEndpoint } from '../http/fetch-json.ts';
import { createRetryBudget } from '../http/retry-policy.ts';
import { normalizeCloudFoundryEvent } from './normalize.ts';
import { CF_REACH_HEADER, CF_ROLES_REACH_NOTE } from './reach.ts';
import { cfAuditEventListSchema, cfErrorSchema, type CfAuditEventList } from './schema.ts';

/** A few hundred at most: one page must parse well under 50 ms on the main thread. */
export const CLOUDFOUNDRY_PAGE_SIZE = 100;

export const cloudFoundryEndpoint: ProviderEndpoint = {
  id: 'cloudfoundry',
  label: 'Cloud Foundry',
  budget: createRetryBudget(),
  errorMessage: (body) => {
    const error = cfErrorSchema.safeParse(body).data?.errors[0];
    if (!error) return undefined;
    if (error.title === 'CF-InvalidAuthToken')
      return 'the access token is invalid or has expired (CF-InvalidAuthToken)';
    const text = error.detail ?? error.title;
    return text && error.title && text !== error.title ? `${text} (${error.title})` : text;
  },
};

/**
 * Where the next request starts. Cloud Foundry is paged by time, not by deep page numbers: every request
 * asks `created_ats[lte]=<oldest second seen>` from page 1, and only a second holding more than a whole
 * page is walked with page 2, 3… under the same bound.
 */
export interface CloudFoundryCursor {
  /** The `created_ats[lte]` bound, epoch seconds. */
  lte: number;
  page: number;
  /** Guids already delivered at second `lte`: the restarted request returns them again. */
  seen: readonly string[];
  /** `pagination.total_results` of the first request. */
  total?: number;
  /** Distinct events received so far (before trimming to the range), to compare with `total` at the end. */
  received: number;
  /**
   * Of those, the ones outside the range: CF filters by whole seconds, so its count takes in the rest of
   * the range's first second (and last). The total reported is the count less these.
   */
  outside: number;
}

/** A value foundations often set for `renderer.max_total_results`; only used to word a warning. */
const COMMON_MAX_TOTAL_RESULTS = 10_000;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isoSecond(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** CF splits a value list on commas and then unescapes each value, so `%` and `,` inside a value are escaped. */
function cfList(values: readonly string[]): string {
  return values.map((value) => value.replace(/%/g, '%25').replace(/,/g, '%2C')).join(',');
}

/**
 * The filters that can be pushed down without ever hiding a row the browser would show: event types
 * (CF's are lower case, so lower-cased values), and guid fields only when every value looks like a guid
 * (a name would match nothing on the server).
 */
export function cloudFoundryPushdown(query: TimelineQuery): {
  params: [name: string, value: string][];
  fields: PushdownField[];
} {
  const filters = query.filters ?? {};
  const params: [string, string][] = [];
  const fields: PushdownField[] = [];
  const actions = filters.action ?? [];
  if (actions.length && actions.every((value) => value !== '' && !value.includes('*'))) {
    params.push(['types', cfList(actions.map((value) => value.toLowerCase()))]);
    fields.push('action');
  }
  const guidFields = [
    ['target', 'target_guids'],
    ['space', 'space_guids'],
    ['org', 'organization_guids'],
  ] as const;
  for (const [field, param] of guidFields) {
    const values = filters[field] ?? [];
    if (values.length && values.every((value) => GUID.test(value))) {
      params.push([param, cfList(values.map((value) => value.toLowerCase()))]);
      fields.push(field);
    }
  }
  return { params, fields };
}

export function initialCloudFoundryCursor(query: TimelineQuery): CloudFoundryCursor {
  return { lte: Math.floor(query.range.to / 1000), page: 1, seen: [], received: 0, outside: 0 };
}

/**
 * The request for a cursor, built only from the adapter's own state (never from `pagination.next.href`,
 * which points at the API host, not the proxy). The lower bound is the floor second, inclusive.
 */
export function cloudFoundryParams(
  query: TimelineQuery,
  cursor: CloudFoundryCursor,
  perPage = CLOUDFOUNDRY_PAGE_SIZE,
): URLSearchParams {
  const params = new URLSearchParams();
  params.set('order_by', '-created_at');
  params.set('created_ats[gte]', isoSecond(Math.floor(query.range.from / 1000)));
  params.set('created_ats[lte]', isoSecond(cursor.lte));
  for (const [name, value] of cloudFoundryPushdown(query).params) params.set(name, value);
  params.set('page', String(cursor.page));
  params.set('per_page', String(perPage));
  return params;
}

function secondOf(createdAt: string): number {
  return Math.floor(Date.parse(createdAt) / 1000);
}

/**
 * Turns one validated list response into a feed page and the next cursor: drops guids already delivered,
 * trims to the exact range, checks newest-first order, and decides how the next request is bounded.
 */
export function cloudFoundryPage(
  query: TimelineQuery,
  cursor: CloudFoundryCursor,
  list: CfAuditEventList,
  demo: boolean,
  perPage = CLOUDFOUNDRY_PAGE_SIZE,
): FeedPage {
  const warnings: string[] = [];
  // Not a Set, which would keep every guid in V8's string table (see string-keys.ts).
  const seen = createStringKeys(list.resources.length + cursor.seen.length);
  for (const guid of cursor.seen) seen.add(guid);
  const total = cursor.total ?? list.pagination.total_results;
  const events: AuditEvent[] = [];
  const fresh: { guid: string; second: number }[] = [];
  let outside = cursor.outside;
  let previous = Infinity;
  let outOfOrder = false;
  let outOfBound = 0;
  for (const record of list.resources) {
    const second = secondOf(record.created_at);
    if (second > previous) outOfOrder = true;
    previous = second;
    if (second > cursor.lte) {
      // Delivering it now would put it above rows the timeline has already shown.
      outOfBound++;
      continue;
    }
    const distinctSoFar = seen.size;
    if (seen.add(record.guid) < distinctSoFar) continue;
    fresh.push({ guid: record.guid, second });
    const event = normalizeCloudFoundryEvent(record, demo);
    if (event.time >= query.range.from && event.time <= query.range.to) events.push(event);
    else outside++;
  }
  if (outOfBound > 0) {
    // The server filters by created_ats[lte], so an event above it means a stale or repeated answer:
    // going on would skip the page that was asked for.
    throw new ProviderError({
      providerLabel: 'Cloud Foundry',
      kind: 'invalid-response',
      detail: `unexpected response (${outOfBound} event(s) newer than created_ats[lte] on page ${cursor.page}: a repeated or stale page)`,
    });
  }
  if (outOfOrder) warnings.push('Cloud Foundry returned audit events out of newest-first order');
  if (outOfBound)
    warnings.push(
      `Cloud Foundry returned ${outOfBound} audit event(s) newer than the requested created_ats[lte] bound; they were skipped`,
    );
  const received = cursor.received + fresh.length;
  const inRangeTotal = Math.max(0, total - outside);
  const pushedDown = cloudFoundryPushdown(query).fields;

  const first = list.resources[0];
  const last = list.resources[list.resources.length - 1];
  const exhausted = !first || !last || cursor.page >= list.pagination.total_pages;
  if (exhausted) {
    if (received < total)
      warnings.push(
        `Cloud Foundry counted ${total} audit events in range but only ${received} arrived; some may have been pruned or hidden while paging`,
      );
    return { events, nextCursor: null, total: inRangeTotal, warnings, pushedDown };
  }

  const oldest = Math.min(secondOf(last.created_at), cursor.lte);
  const newest = Math.min(secondOf(first.created_at), cursor.lte);
  let next: CloudFoundryCursor;
  if (oldest === cursor.lte) {
    // The whole page sits in the bound's second: walk that over-full second with the next page number.
    const atBound = fresh.filter((entry) => entry.second === cursor.lte).map((entry) => entry.guid);
    next = {
      lte: cursor.lte,
      page: cursor.page + 1,
      seen: [...cursor.seen, ...atBound],
      total,
      received,
      outside,
    };
    if (next.page * perPage > COMMON_MAX_TOTAL_RESULTS)
      warnings.push(
        `Cloud Foundry holds more than ${cursor.page * perPage} audit events in the second ${isoSecond(next.lte)}; deeper pages may exceed the foundation's max_total_results`,
      );
  } else if (cursor.page === 1 && newest === oldest) {
    // Nothing between this second and the old bound, so page 1 under the new bound is this very page.
    const atOldest = list.resources.map((resource) => resource.guid);
    next = { lte: oldest, page: 2, seen: atOldest, total, received, outside };
  } else {
    const atOldest = list.resources
      .filter((resource) => secondOf(resource.created_at) === oldest)
      .map((resource) => resource.guid);
    next = { lte: oldest, page: 1, seen: atOldest, total, received, outside };
  }
  return { events, nextCursor: next, total: inRangeTotal, warnings, pushedDown };
}

/** One page of `GET /v3/audit_events`, newest first, through the proxy. */
export async function fetchCloudFoundryPage(
  query: TimelineQuery,
  cursor: CloudFoundryCursor | null,
  context: FeedContext,
  perPage = CLOUDFOUNDRY_PAGE_SIZE,
): Promise<FeedPage> {
  const state = cursor ?? initialCloudFoundryCursor(query);
  const answer: { reach?: string | null } = {};
  const list = await fetchProviderJson(cloudFoundryEndpoint, {
    path: 'v3/audit_events',
    params: cloudFoundryParams(query, state, perPage),
    schema: cfAuditEventListSchema,
    signal: context.signal,
    onRetry: context.onRetry,
    onHeaders: (headers) => (answer.reach = headers.get(CF_REACH_HEADER)),
  });
  const page = cloudFoundryPage(query, state, list, context.demo, perPage);
  // Said of the first page only: the ledger shows a feed's notes from all its pages.
  if (answer.reach === 'roles' && !cursor) page.notes = [...(page.notes ?? []), CF_ROLES_REACH_NOTE];
  return page;
}
