import { http, HttpResponse } from 'msw';
import { HOUR_MS } from '../../simulator-kit/clock.ts';
import type { SimulatorOptions } from '../../simulator-kit/options.ts';
import { createRateLimiter, DEFAULT_RATE_LIMIT } from '../../simulator-kit/rate-limit.ts';
import { createAgilicusHistory, type SimulatedRecord } from './data.ts';
import { parseDtParam } from './dt-params.ts';

/** The bearer token the simulator accepts; the proxy injects it in demo mode, like AGILICUS_TOKEN live. */
export const AGILICUS_DEMO_TOKEN = 'agilicus-demo-simulator-token';

const DEFAULT_LIMIT = 500;

/** Agilicus' `ErrorMessage` body. */
function agilicusError(status: number, code: string, message: string, headers?: HeadersInit) {
  return HttpResponse.json({ error_code: code, error_message: message }, { status, headers });
}

/** The `exp` claim of a JWT-shaped token, when it has one. */
function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (token.split('.').length !== 3 || !payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp : undefined;
  } catch {
    return undefined;
  }
}

function unauthorized(authorization: string | null, token: string, nowMs: number) {
  const header = { 'www-authenticate': 'Bearer' };
  if (!authorization || !/^Bearer\s+\S/i.test(authorization))
    return agilicusError(
      401,
      'UNAUTHORIZED',
      'authorization required: no bearer token was presented',
      header,
    );
  const presented = authorization.replace(/^Bearer\s+/i, '').trim();
  if (presented === token) return undefined;
  const exp = jwtExpiry(presented);
  if (exp !== undefined && exp * 1000 <= nowMs)
    return agilicusError(401, 'TOKEN_EXPIRED', 'the bearer token has expired: get a new token', header);
  return agilicusError(401, 'TOKEN_INVALID', 'the bearer token is invalid', header);
}

/** Exact-match filters of each endpoint: query parameter → how a record is matched. */
type Matcher = (item: SimulatedRecord, value: string) => boolean;
const field =
  (name: string): Matcher =>
  (item, value) =>
    item.record[name] === value;
const attributeField =
  (name: 'attribute_type' | 'attribute_id' | 'attribute_org_id'): Matcher =>
  (item, value) =>
    item.attributes.some((attribute) => attribute[name] === value);

const AUDIT_FILTERS: Record<string, Matcher> = {
  user_id: field('user_id'),
  action: field('action'),
  target_id: field('target_id'),
  token_id: field('token_id'),
  api_name: field('api_name'),
  target_resource_type: field('target_resource_type'),
  org_id: field('org_id'),
  attribute_type: attributeField('attribute_type'),
  attribute_id: attributeField('attribute_id'),
  attribute_org_id: attributeField('attribute_org_id'),
  resources_behind_connector_id: (item, value) => item.connectorId === value,
};

/** Array filters: repeated keys (OpenAPI's default), each record matching any value. */
const AUDIT_LIST_FILTERS: Record<string, Matcher> = {
  attribute_type_list: attributeField('attribute_type'),
  attribute_id_list: attributeField('attribute_id'),
};

const AUTH_FILTERS: Record<string, Matcher> = {
  user_id: field('user_id'),
  org_id: field('org_id'),
  session_id: field('session'),
  trace_id: field('trace_id'),
  upstream_user_id: field('upstream_user_id'),
  upstream_idp: field('upstream_idp'),
  login_org_id: field('login_org_id'),
  source_ip: field('source_ip'),
  client_id: field('client_id'),
  event: field('event'),
  stage: field('stage'),
  request_id: field('request_id'),
  result: field('result'),
  event_name: field('event_name'),
};

/** Index of the first record at or after `micros` in a list sorted by instant. */
function lowerBound(records: readonly SimulatedRecord[], micros: number): number {
  let low = 0;
  let high = records.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((records[middle]?.micros ?? 0) < micros) low = middle + 1;
    else high = middle;
  }
  return low;
}

type Parsed =
  { ok: true; limit: number; from: number | null; to: number | null } | { ok: false; response: Response };

function parseCommon(params: URLSearchParams, nowMs: number): Parsed {
  const limitText = params.get('limit');
  const limit = limitText === null ? DEFAULT_LIMIT : /^\d{1,9}$/.test(limitText) ? Number(limitText) : NaN;
  if (!Number.isInteger(limit) || limit < 1) {
    return {
      ok: false,
      response: agilicusError(
        400,
        'BAD_REQUEST',
        `limit: '${(limitText ?? '').slice(0, 40)}' is not a positive integer`,
      ),
    };
  }
  const bounds: (number | null)[] = [];
  for (const name of ['dt_from', 'dt_to']) {
    const value = params.get(name) ?? '';
    const micros = parseDtParam(value, nowMs);
    if (micros === undefined) {
      return {
        ok: false,
        response: agilicusError(
          400,
          'BAD_REQUEST',
          `${name}: unable to parse '${value.slice(0, 60)}' as a date`,
        ),
      };
    }
    bounds.push(micros);
  }
  return { ok: true, limit, from: bounds[0] ?? null, to: bounds[1] ?? null };
}

/**
 * Selects like the real API as far as it is documented: `dt_from` inclusive, `dt_to` exclusive, exact-match
 * filters, and at most `limit` rows. The order is undocumented, so the simulator answers in insertion
 * order (oldest hour first, in generation order inside each hour, which is not time order) and truncates
 * there: a client that trusts the order or the first rows loses events.
 */
function select(
  records: readonly SimulatedRecord[],
  params: URLSearchParams,
  filters: Record<string, Matcher>,
  listFilters: Record<string, Matcher>,
  window: { limit: number; from: number | null; to: number | null },
): Record<string, unknown>[] {
  const start = window.from === null ? 0 : lowerBound(records, window.from);
  const end = window.to === null ? records.length : lowerBound(records, window.to);
  const checks: ((item: SimulatedRecord) => boolean)[] = [];
  for (const [name, matches] of Object.entries(filters)) {
    const value = params.get(name);
    if (value !== null && value !== '') checks.push((item) => matches(item, value));
  }
  for (const [name, matches] of Object.entries(listFilters)) {
    const values = params.getAll(name).filter(Boolean);
    if (values.length > 0) checks.push((item) => values.some((value) => matches(item, value)));
  }
  // Records sit sorted by instant, so an hour's records are contiguous: order each hour by insertion and
  // stop once `limit` rows are out, without sorting the whole window.
  const out: Record<string, unknown>[] = [];
  let group: SimulatedRecord[] = [];
  let groupHour = Number.NaN;
  const flush = () => {
    group.sort((a, b) => a.seq - b.seq);
    for (const item of group) {
      if (out.length >= window.limit) break;
      out.push(item.record);
    }
    group = [];
  };
  for (let index = start; index < end; index++) {
    const item = records[index];
    if (!item) break;
    const hour = Math.floor(item.time / HOUR_MS);
    if (hour !== groupHour) {
      flush();
      if (out.length >= window.limit) return out;
      groupHour = hour;
    }
    if (checks.every((check) => check(item))) group.push(item);
  }
  flush();
  return out;
}

/**
 * GET /v1/audits and GET /v1/auth_audits as Agilicus serves them: every documented filter, `dt_from`/
 * `dt_to` in ISO 8601 or the human-friendly forms, `limit` (default 500) with undocumented order and
 * truncation, 401 `ErrorMessage` for a missing, invalid or expired token, 429 with Retry-After.
 */
export function agilicusSimulatorHandlers(options: SimulatorOptions & { token?: string }) {
  const token = options.token ?? AGILICUS_DEMO_TOKEN;
  const history = createAgilicusHistory(options.scale, options.clock.startedAt);
  const limiter = createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const base = options.baseUrl.replace(/\/+$/, '');

  const guard = (request: Request): Response | undefined => {
    const denied = unauthorized(request.headers.get('authorization'), token, options.clock.now());
    if (denied) return denied;
    const wait = limiter.take();
    if (wait > 0)
      return agilicusError(429, 'TOO_MANY_REQUESTS', 'the system is too busy, try again later', {
        'retry-after': String(wait),
      });
    return undefined;
  };

  return [
    http.get(`${base}/v1/audits`, ({ request }) => {
      const refused = guard(request);
      if (refused) return refused;
      const now = options.clock.now();
      const params = new URL(request.url).searchParams;
      const parsed = parseCommon(params, now);
      if (!parsed.ok) return parsed.response;
      const audits = select(history.audits(now), params, AUDIT_FILTERS, AUDIT_LIST_FILTERS, parsed);
      return HttpResponse.json({ limit: parsed.limit, audits });
    }),
    http.get(`${base}/v1/auth_audits`, ({ request }) => {
      const refused = guard(request);
      if (refused) return refused;
      const now = options.clock.now();
      const params = new URL(request.url).searchParams;
      const parsed = parseCommon(params, now);
      if (!parsed.ok) return parsed.response;
      const authAudits = select(history.auth(now), params, AUTH_FILTERS, {}, parsed);
      return HttpResponse.json({ limit: parsed.limit, auth_audits: authAudits });
    }),
  ];
}
