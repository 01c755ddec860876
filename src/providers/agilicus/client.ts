import { z } from 'zod';
import { compareNewestFirst } from '../../timeline/ordering.ts';
import type {
  FeedContext,
  FeedPage,
  PushdownField,
  PushdownFilters,
  TimelineQuery,
} from '../../timeline/feed.ts';
import type { AuditEvent } from '../../timeline/audit-event.ts';
import { fetchProviderJson, type ProviderEndpoint } from '../http/fetch-json.ts';
import { createRetryBudget } from '../http/retry-policy.ts';
import { AGILICUS_KNOWN_EVENT_NAMES, AGILICUS_KNOWN_RESULTS } from './mapping.ts';
import { normalizeAgilicusAudit, normalizeAgilicusAuth } from './normalize.ts';
import { recordIds } from './record-id.ts';
import {
  agilicusAuditListSchema,
  agilicusAuthAuditListSchema,
  agilicusErrorSchema,
  hasReadableTime,
  type AgilicusAudit,
  type AgilicusAuthAudit,
  type Timed,
} from './schema.ts';
import { formatAgilicusBound, parseAgilicusTime } from './time.ts';
import { resolveNewestWindows, type TimeWindow, type WindowAnswer } from './window-paging.ts';

/** Rows asked per request: a full answer is split, so a page holds at most about 1.5× this. */
export const AGILICUS_LIMIT = 200;
/** An over-full millisecond is asked again with this limit before it is reported as a gap. */
export const AGILICUS_INSTANT_LIMIT = AGILICUS_LIMIT * 10;
const PAGE_TARGET = AGILICUS_LIMIT / 2;
const MAX_REQUESTS_PER_PAGE = 40;

export const agilicusEndpoint: ProviderEndpoint = {
  id: 'agilicus',
  label: 'Agilicus',
  budget: createRetryBudget(),
  errorMessage: (body) => {
    const error = agilicusErrorSchema.safeParse(body).data;
    return error?.error_message ?? error?.message ?? error?.detail ?? error?.error_code ?? undefined;
  },
};

export type AgilicusKind = 'audits' | 'auth';

/** The pending windows, newest first; null (the first page) means the whole query range. */
const cursorSchema = z.object({
  pending: z.array(z.object({ from: z.number(), to: z.number() })),
});
export type AgilicusCursor = z.infer<typeof cursorSchema> | null;

/** Which filters each endpoint takes, as exact-match API parameters. */
export const AGILICUS_PUSHDOWN: Record<AgilicusKind, readonly (readonly [PushdownField, string])[]> = {
  audits: [
    ['actor', 'user_id'],
    ['action', 'action'],
    ['target', 'target_id'],
    ['org', 'org_id'],
  ],
  auth: [
    ['actor', 'user_id'],
    ['org', 'org_id'],
    ['ip', 'source_ip'],
    ['sessionId', 'session_id'],
    ['traceId', 'trace_id'],
    ['requestId', 'request_id'],
  ],
};

/**
 * The query's filters as API parameters. Each parameter takes one exact value, so only single-valued
 * filters are pushed down; an email is never a `user_id` (Agilicus ids are opaque), so it stays in the browser.
 */
export function agilicusFilterParams(
  kind: AgilicusKind,
  filters: PushdownFilters | undefined,
): { params: [string, string][]; pushedDown: PushdownField[] } {
  const params: [string, string][] = [];
  const pushedDown: PushdownField[] = [];
  for (const [field, param] of AGILICUS_PUSHDOWN[kind]) {
    const values = filters?.[field];
    const value = values?.length === 1 ? values[0] : undefined;
    if (!value || (field === 'actor' && value.includes('@'))) continue;
    params.push([param, value]);
    pushedDown.push(field);
  }
  return { params, pushedDown };
}

export function agilicusWindowParams(
  filterParams: readonly [string, string][],
  window: TimeWindow,
  limit: number,
): URLSearchParams {
  const params = new URLSearchParams(filterParams.map(([name, value]) => [name, value]));
  params.set('dt_from', formatAgilicusBound(window.from));
  params.set('dt_to', formatAgilicusBound(window.to));
  params.set('limit', String(limit));
  return params;
}

type AnyRecord = Timed<AgilicusAudit> | Timed<AgilicusAuthAudit>;

async function fetchWindow(
  kind: AgilicusKind,
  filterParams: readonly [string, string][],
  window: TimeWindow,
  limit: number,
  context: FeedContext,
): Promise<WindowAnswer<AnyRecord>> {
  const request = {
    params: agilicusWindowParams(filterParams, window, limit),
    signal: context.signal,
    onRetry: context.onRetry,
  };
  if (kind === 'audits') {
    const list = await fetchProviderJson(agilicusEndpoint, {
      ...request,
      path: 'v1/audits',
      schema: agilicusAuditListSchema,
    });
    return placed(list.audits ?? [], list.limit);
  }
  const list = await fetchProviderJson(agilicusEndpoint, {
    ...request,
    path: 'v1/auth_audits',
    schema: agilicusAuthAuditListSchema,
  });
  return placed(list.auth_audits ?? [], list.limit);
}

/** The rows a timeline can place, and how many it cannot (no readable time). */
function placed<R extends { time?: string | null }>(
  all: readonly R[],
  limit: number | undefined,
): WindowAnswer<Timed<R>> {
  const rows = all.filter(hasReadableTime);
  return { rows, limit, unplaced: all.length - rows.length };
}

/**
 * Values the SDK does not enumerate (the doc: "validate as string and warn on unknown values"): the
 * records are all there, shown as written, so this is a note, not a possible gap.
 */
function unknownValueNotes(records: readonly AgilicusAuthAudit[]): string[] {
  const results = new Set<string>();
  const names = new Set<string>();
  for (const record of records) {
    if (record.result && !AGILICUS_KNOWN_RESULTS.has(record.result)) results.add(record.result);
    if (record.event_name && !AGILICUS_KNOWN_EVENT_NAMES.has(record.event_name)) names.add(record.event_name);
  }
  return [
    ...[...results].map(
      (value) =>
        `auth audits carry a result Audit Lens does not know, shown as written: "${value.slice(0, 60)}"`,
    ),
    ...[...names].map(
      (value) =>
        `auth audits carry an event_name Audit Lens does not know, shown as written: "${value.slice(0, 60)}"`,
    ),
  ];
}

/** The record's time in ms; records come validated, so an unreadable time cannot reach here. */
function recordTime(record: AnyRecord): number {
  return parseAgilicusTime(record.time) ?? Number.NaN;
}

/**
 * One page of an Agilicus feed: resolves the newest pending windows (see `resolveNewestWindows`) into
 * complete windows, gives each record its digest id, and returns their events sorted newest first, with
 * the older windows as the next cursor.
 */
export async function fetchAgilicusPage(
  kind: AgilicusKind,
  query: TimelineQuery,
  cursor: unknown,
  context: FeedContext,
): Promise<FeedPage> {
  const parsed = cursorSchema.safeParse(cursor);
  // `to` is inclusive in the query and exclusive in the API.
  const pending = parsed.success ? parsed.data.pending : [{ from: query.range.from, to: query.range.to + 1 }];
  const { params: filterParams, pushedDown } = agilicusFilterParams(kind, query.filters);
  const label = kind === 'audits' ? 'Agilicus audits' : 'Agilicus auth audits';
  const step = await resolveNewestWindows<AnyRecord>(pending, {
    limit: AGILICUS_LIMIT,
    instantLimit: AGILICUS_INSTANT_LIMIT,
    pageTarget: PAGE_TARGET,
    maxRequests: MAX_REQUESTS_PER_PAGE,
    label,
    timeOf: recordTime,
    fetchWindow: (window, limit) => fetchWindow(kind, filterParams, window, limit, context),
  });

  const events: AuditEvent[] = [];
  const warnings = [...step.warnings];
  const notes: string[] = [];
  for (const { rows } of step.resolved) {
    const ids = recordIds(rows);
    rows.forEach((record, index) => {
      const id = ids[index] ?? '';
      events.push(
        kind === 'audits'
          ? normalizeAgilicusAudit(record, id, context.demo)
          : normalizeAgilicusAuth(record, id, context.demo),
      );
    });
    if (kind === 'auth') notes.push(...unknownValueNotes(rows));
  }
  events.sort(compareNewestFirst);
  return {
    events,
    nextCursor: step.pending.length > 0 ? { pending: step.pending } : null,
    warnings: [...new Set(warnings)],
    ...(notes.length ? { notes: [...new Set(notes)] } : {}),
    pushedDown,
  };
}
