import { ProviderError } from '../../lib/provider-error.ts';
import type { FeedContext, FeedPage, TimelineQuery } from '../../timeline/feed.ts';
import { OPENAI_TENANT_ONLY_TYPES } from './event-types.ts';
import { fetchProviderJson, type ProviderEndpoint } from '../http/fetch-json.ts';
import { createRetryBudget } from '../http/retry-policy.ts';
import { normalizeOpenAiLog } from './normalize.ts';
import { openAiErrorSchema, openAiListSchema, type OpenAiList } from './schema.ts';

export const OPENAI_PAGE_SIZE = 100;

export const openAiEndpoint: ProviderEndpoint = {
  id: 'openai',
  label: 'OpenAI',
  budget: createRetryBudget(),
  errorMessage: (body) => openAiErrorSchema.safeParse(body).data?.error.message,
};

/** The `after` cursor of the next page; absent on the first. */
export type OpenAiCursor = string | null;

/**
 * Which listing: everything the default answers, or the two types only `tenant_only=true` serves (a role
 * bound to or unbound from a resource), asked for by name so the two listings never overlap.
 */
export type OpenAiListing = 'default' | 'tenant-only';

/**
 * The unified query as OpenAI parameters. `effective_at` is whole seconds: the lower bound is asked
 * inclusive (floor) and the upper bound inclusive (ceil), and the browser trims to the exact range.
 */
export function openAiParams(
  query: TimelineQuery,
  cursor: OpenAiCursor,
  limit = OPENAI_PAGE_SIZE,
  listing: OpenAiListing = 'default',
): URLSearchParams {
  const params = new URLSearchParams();
  if (listing === 'tenant-only') {
    params.set('tenant_only', 'true');
    for (const type of OPENAI_TENANT_ONLY_TYPES) params.append('event_types[]', type);
  }
  params.set('effective_at[gte]', String(Math.floor(query.range.from / 1000)));
  params.set('effective_at[lte]', String(Math.ceil(query.range.to / 1000)));
  params.set('limit', String(limit));
  if (cursor) params.set('after', cursor);
  return params;
}

/** An API of the older spec refuses the parameter: then the two types cannot be read, which is said. */
function refusesTenantOnly(error: unknown): boolean {
  return error instanceof ProviderError && error.status === 400 && /tenant_only/i.test(error.detail);
}

export async function fetchOpenAiPage(
  query: TimelineQuery,
  cursor: OpenAiCursor,
  context: FeedContext,
  listing: OpenAiListing = 'default',
): Promise<FeedPage> {
  let list: OpenAiList;
  try {
    list = await fetchProviderJson(openAiEndpoint, {
      path: 'organization/audit_logs',
      params: openAiParams(query, cursor, OPENAI_PAGE_SIZE, listing),
      schema: openAiListSchema,
      signal: context.signal,
      onRetry: context.onRetry,
    });
  } catch (error) {
    if (listing !== 'tenant-only' || !refusesTenantOnly(error)) throw error;
    return {
      events: [],
      nextCursor: null,
      warnings: [
        `OpenAI did not take tenant_only (an API of the older spec?): ${OPENAI_TENANT_ONLY_TYPES.join(' and ')} events cannot be read`,
      ],
    };
  }
  const warnings: string[] = [];
  const events = [];
  let previous = Infinity;
  for (const log of list.data) {
    if (log.effective_at * 1000 > previous)
      warnings.push(`OpenAI returned ${log.id} out of newest-first order`);
    previous = log.effective_at * 1000;
    const event = normalizeOpenAiLog(log, context.demo);
    if (event.time >= query.range.from && event.time <= query.range.to) events.push(event);
  }
  return { events, nextCursor: nextCursor(list, cursor, warnings), warnings };
}

/**
 * The next page's `after`: `last_id` (the id of the page's last item), or that item's own id when a server
 * leaves `last_id` out. A page that says there is more but gives no cursor, or gives back the one it was
 * asked with (which would fetch it forever), ends the feed with a warning: never a silent stop.
 */
function nextCursor(list: OpenAiList, cursor: OpenAiCursor, warnings: string[]): OpenAiCursor {
  if (!list.has_more) return null;
  const next = list.last_id ?? list.data[list.data.length - 1]?.id ?? null;
  if (next === null) {
    warnings.push(
      'OpenAI said more audit logs follow but gave no cursor to read them; older logs may be missing',
    );
    return null;
  }
  if (next === cursor) {
    warnings.push(
      `OpenAI answered after=${cursor} with the same cursor again; stopped, older logs may be missing`,
    );
    return null;
  }
  return next;
}
