import { http, HttpResponse } from 'msw';
import type { SimulatorOptions } from '../../simulator-kit/options.ts';
import { createRateLimiter, DEFAULT_RATE_LIMIT } from '../../simulator-kit/rate-limit.ts';
import { createOpenAiHistory, type SimulatedAuditLog } from './data.ts';
import { isTenantScoped, OPENAI_TENANT_ONLY_TYPES } from '../event-types.ts';
import { OPENAI_EVENT_TYPES } from './event-types.ts';

/** The admin key the simulator accepts; the proxy injects it in demo mode, like a real key in live mode. */
export const OPENAI_DEMO_ADMIN_KEY = 'sk-admin-demo-simulator-key';

function openAiError(
  status: number,
  message: string,
  type: string,
  param: string | null,
  code: string | null,
  headers?: HeadersInit,
) {
  return HttpResponse.json({ error: { message, type, param, code } }, { status, headers });
}

function invalid(param: string, message: string) {
  return openAiError(400, message, 'invalid_request_error', param, 'invalid_value');
}

type Bound = 'gt' | 'gte' | 'lt' | 'lte';

function parseSeconds(value: string): number | undefined {
  return /^-?\d+$/.test(value) ? Number(value) : undefined;
}

/**
 * GET /organization/audit_logs as OpenAI serves it: filters, newest first, `after`/`before` id cursors,
 * `limit` 1..100 (default 20), `has_more`/`first_id`/`last_id`, 401 without the admin key, 429 when rate limited.
 */
export function openAiSimulatorHandlers(options: SimulatorOptions & { adminKey?: string }) {
  const adminKey = options.adminKey ?? OPENAI_DEMO_ADMIN_KEY;
  const history = createOpenAiHistory(options.scale, options.clock.startedAt);
  const limiter = createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const base = options.baseUrl.replace(/\/+$/, '');

  return [
    http.get(`${base}/organization/audit_logs`, ({ request }) => {
      const auth = request.headers.get('authorization');
      if (!auth) {
        return openAiError(
          401,
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
          'invalid_request_error',
          null,
          null,
        );
      }
      if (auth !== `Bearer ${adminKey}`) {
        const shown = auth.replace(/^Bearer\s+/i, '');
        return openAiError(
          401,
          `Incorrect API key provided: ${shown.slice(0, 6)}${'*'.repeat(8)}${shown.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          'invalid_request_error',
          null,
          'invalid_api_key',
        );
      }
      const wait = limiter.take();
      if (wait > 0) {
        return openAiError(
          429,
          'Rate limit reached for requests. Please try again later.',
          'requests',
          null,
          'rate_limit_exceeded',
          {
            'retry-after': String(wait),
          },
        );
      }

      const params = new URL(request.url).searchParams;
      const limitText = params.get('limit') ?? '20';
      const limit = parseSeconds(limitText);
      if (limit === undefined)
        return invalid('limit', `Invalid 'limit': expected an integer, but got '${limitText}' instead.`);
      if (limit < 1)
        return openAiError(
          400,
          `Invalid 'limit': integer below minimum value. Expected a value >= 1, but got ${limit} instead.`,
          'invalid_request_error',
          'limit',
          'integer_below_min_value',
        );
      if (limit > 100)
        return openAiError(
          400,
          `Invalid 'limit': integer above maximum value. Expected a value <= 100, but got ${limit} instead.`,
          'invalid_request_error',
          'limit',
          'integer_above_max_value',
        );

      const bounds: Partial<Record<Bound, number>> = {};
      for (const bound of ['gt', 'gte', 'lt', 'lte'] as const) {
        const text = params.get(`effective_at[${bound}]`);
        if (text === null) continue;
        const seconds = parseSeconds(text);
        if (seconds === undefined)
          return invalid(
            `effective_at[${bound}]`,
            `Invalid 'effective_at[${bound}]': expected an integer, but got '${text}' instead.`,
          );
        bounds[bound] = seconds;
      }
      const eventTypes = params.getAll('event_types[]');
      const unknownType = eventTypes.find((type) => !OPENAI_EVENT_TYPES.has(type));
      if (unknownType !== undefined)
        return invalid(
          'event_types',
          `Invalid 'event_types': '${unknownType}' is not one of the supported event types.`,
        );
      const tenantOnlyText = params.get('tenant_only') ?? 'false';
      if (tenantOnlyText !== 'true' && tenantOnlyText !== 'false')
        return invalid(
          'tenant_only',
          `Invalid 'tenant_only': expected a boolean, but got '${tenantOnlyText}' instead.`,
        );
      const tenantOnly = tenantOnlyText === 'true';
      const notTenant = tenantOnly ? eventTypes.find((type) => !isTenantScoped(type)) : undefined;
      if (notTenant !== undefined)
        return invalid(
          'event_types',
          `Invalid 'event_types': '${notTenant}' is not tenant-scoped, and tenant_only is true.`,
        );
      const projectIds = new Set(params.getAll('project_ids[]'));
      const actorIds = new Set(params.getAll('actor_ids[]'));
      const actorEmails = new Set(params.getAll('actor_emails[]'));
      const resourceIds = new Set(params.getAll('resource_ids[]'));
      const types = new Set(eventTypes);

      const tenantOnlyTypes: ReadonlySet<string> = new Set(OPENAI_TENANT_ONLY_TYPES);
      const matches = (log: SimulatedAuditLog) => {
        const r = log.record;
        const at = r.effective_at;
        if (bounds.gt !== undefined && !(at > bounds.gt)) return false;
        if (bounds.gte !== undefined && !(at >= bounds.gte)) return false;
        if (bounds.lt !== undefined && !(at < bounds.lt)) return false;
        if (bounds.lte !== undefined && !(at <= bounds.lte)) return false;
        if (types.size && !types.has(r.type)) return false;
        if (tenantOnly ? !isTenantScoped(r.type) : tenantOnlyTypes.has(r.type)) return false;
        if (projectIds.size && !projectIds.has((r.project as { id?: string } | undefined)?.id ?? ''))
          return false;
        if (actorIds.size || actorEmails.size) {
          const ids = actorIdentity(r.actor);
          if (actorIds.size && !ids.ids.some((id) => actorIds.has(id))) return false;
          if (actorEmails.size && !(ids.email && actorEmails.has(ids.email))) return false;
        }
        if (resourceIds.size) {
          const payload = r[r.type] as { id?: unknown } | undefined;
          if (!(typeof payload?.id === 'string' && resourceIds.has(payload.id))) return false;
        }
        return true;
      };

      const all = history.window(options.clock.now()).filter(matches);
      const after = params.get('after');
      const before = params.get('before');
      let page: SimulatedAuditLog[];
      let hasMore: boolean;
      if (after !== null) {
        const index = all.findIndex((log) => log.record.id === after);
        if (index < 0)
          return invalid('after', `Invalid 'after': no audit log with id '${after}' in this listing.`);
        page = all.slice(index + 1, index + 1 + limit);
        hasMore = index + 1 + limit < all.length;
      } else if (before !== null) {
        const index = all.findIndex((log) => log.record.id === before);
        if (index < 0)
          return invalid('before', `Invalid 'before': no audit log with id '${before}' in this listing.`);
        page = all.slice(Math.max(0, index - limit), index);
        hasMore = index - limit > 0;
      } else {
        page = all.slice(0, limit);
        hasMore = limit < all.length;
      }
      return HttpResponse.json({
        object: 'list',
        data: page.map((log) => log.record),
        first_id: page[0]?.record.id ?? null,
        last_id: page[page.length - 1]?.record.id ?? null,
        has_more: hasMore,
      });
    }),
  ];
}

function actorIdentity(actor: unknown): { ids: string[]; email?: string } {
  const a = actor as
    | {
        session?: { user?: { id?: string; email?: string } };
        api_key?: { id?: string; user?: { id?: string; email?: string }; service_account?: { id?: string } };
      }
    | null
    | undefined;
  const user = a?.session?.user ?? a?.api_key?.user;
  const ids = [user?.id, a?.api_key?.id, a?.api_key?.service_account?.id].filter(
    (id): id is string => typeof id === 'string',
  );
  return { ids, email: user?.email };
}
