import type { FeedContext, FeedPage, TimelineQuery } from '../../timeline/feed.ts';
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
 * The unified query as OpenAI parameters. `effective_at` is whole seconds: the lower bound is asked
 * inclusive (floor) and the upper bound inclusive (ceil), and the browser trims to the exact range.
 */
export function openAiParams(
  query: TimelineQuery,
  cursor: OpenAiCursor,
  limit = OPENAI_PAGE_SIZE,
): URLSearchParams {
  const params = new URLSearchParams();
  params.set('effective_at[gte]', String(Math.floor(query.range.from / 1000)));
  params.set('effective_at[lte]', String(Math.ceil(query.range.to / 1000)));
  params.set('limit', String(limit));
  if (cursor) params.set('after', cursor);
  return params;
}

export async function fetchOpenAiPage(
  query: TimelineQuery,
  cursor: OpenAiCursor,
  context: FeedContext,
): Promise<FeedPage> {
  const list = await fetchProviderJson(openAiEndpoint, {
    path: 'organization/audit_logs',
    params: openAiParams(query, cursor),
    schema: openAiListSchema,
    signal: context.signal,
    onRetry: context.onRetry,
  });
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
