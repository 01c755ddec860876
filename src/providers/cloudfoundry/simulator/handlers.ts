import { randomUUID } from 'node:crypto';
import { http, HttpResponse } from 'msw';
import type { SimulatorOptions } from '../../simulator-kit/options.ts';
import { DEFAULT_RATE_LIMIT, type RateLimit } from '../../simulator-kit/rate-limit.ts';
import { createCloudFoundryHistory, type SimulatedCfEvent } from './data.ts';

/** Where the demo foundation answers; no real host has these names. */
export const CF_DEMO_API_URL = 'https://api.sys.demo.example';
export const CF_DEMO_UAA_URL = 'https://uaa.sys.demo.example';
/** The UAA client the demo upstream authenticates as, like CF_CLIENT_ID/CF_CLIENT_SECRET in live mode. */
export const CF_DEMO_CLIENT_ID = 'audit-lens';
export const CF_DEMO_CLIENT_SECRET = 'audit-lens-demo-secret';
/** The simulated deployment sets `renderer.max_total_results`, so deep page numbers fail as they can in CF. */
export const CF_DEMO_MAX_TOTAL_RESULTS = 10_000;
const DEFAULT_TOKEN_TTL_SECONDS = 43_199;

export interface CloudFoundrySimulatorOptions extends SimulatorOptions {
  uaaUrl?: string;
  clientId?: string;
  clientSecret?: string;
  /** Lifetime of issued tokens on the simulator's clock. */
  tokenTtlSeconds?: number;
  /** Static bearer tokens accepted besides the ones the fake UAA issues (a live `CF_TOKEN` in tests). */
  acceptTokens?: readonly string[];
  /** `renderer.max_total_results`; false for none. */
  maxTotalResults?: number | false;
  /**
   * A caller with org roles only (UAA grants `cloud_controller.read`, no global read scope): the API then
   * lists, without saying so, only the events of these orgs. Absent: a global auditor, who sees all.
   */
  roleOrganizations?: readonly string[];
}

const ALLOWED = [
  'page',
  'per_page',
  'order_by',
  'types',
  'target_guids',
  'space_guids',
  'organization_guids',
  'guids',
  'created_ats',
  'updated_ats',
] as const;
const RELATIONAL = ['lt', 'lte', 'gt', 'gte'] as const;
type Relational = (typeof RELATIONAL)[number];
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const LIST_FILTERS = [
  'types',
  'target_guids',
  'target_guids[not]',
  'space_guids',
  'organization_guids',
  'guids',
];

function cfError(status: number, code: number, title: string, detail: string, headers?: HeadersInit) {
  return HttpResponse.json({ errors: [{ detail, title, code }] }, { status, headers });
}

function badQuery(problems: string[], headers?: HeadersInit) {
  return cfError(
    400,
    10005,
    'CF-BadQueryParameter',
    `The query parameter is invalid: ${problems.join(', ')}`,
    headers,
  );
}

/**
 * Rails decodes the query once, CF splits on commas and unescapes each value again (`%252C` is a comma).
 * Spaces stay: `a, b` asks for " b".
 */
function splitList(value: string): string[] {
  return value.split(',').map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
}

function humanize(name: string): string {
  const text = name.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function toSecond(value: string): number | undefined {
  if (!TIMESTAMP.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

interface TimeFilter {
  equal?: Set<number>;
  bounds: Partial<Record<Relational, number>>;
}

function matchesTime(second: number, filter: TimeFilter): boolean {
  const { equal, bounds } = filter;
  // Equality matches the whole second; [lte] and [gt] round to its end, [lt] and [gte] to its start.
  if (equal && !equal.has(second)) return false;
  if (bounds.lt !== undefined && !(second < bounds.lt)) return false;
  if (bounds.lte !== undefined && !(second <= bounds.lte)) return false;
  if (bounds.gt !== undefined && !(second > bounds.gt)) return false;
  if (bounds.gte !== undefined && !(second >= bounds.gte)) return false;
  return true;
}

/**
 * CF's limiter: a count per user over a fixed window (`valid_until`), reset when the window ends, with
 * `X-RateLimit-*` on every answer. The window is the kit's burst over its rate (3 s by default), so demo
 * loads never lock out for CF's default hour.
 */
function createCfRateLimit(limit: RateLimit | false, now: () => number = Date.now) {
  if (!limit) return (): { wait: number; headers: Record<string, string> } => ({ wait: 0, headers: {} });
  const windowMs = Math.max(1000, Math.round((limit.burst / limit.perSecond) * 1000));
  let validUntil = 0;
  let count = 0;
  return (): { wait: number; headers: Record<string, string> } => {
    const at = now();
    if (at >= validUntil) {
      validUntil = at + windowMs;
      count = 0;
    }
    count += 1;
    return {
      wait: count > limit.burst ? validUntil - at : 0,
      headers: {
        'x-ratelimit-limit': String(limit.burst),
        'x-ratelimit-remaining': String(Math.max(0, limit.burst - count)),
        'x-ratelimit-reset': String(Math.ceil(validUntil / 1000)),
      },
    };
  };
}

/** CF's 429: the reset copied into `Retry-After` (an epoch second), and a JSON body sent as plain text. */
function rateLimited(headers: Record<string, string>) {
  const body = { errors: [{ detail: 'Rate Limit Exceeded', title: 'CF-RateLimitExceeded', code: 10013 }] };
  return new HttpResponse(JSON.stringify(body), {
    status: 429,
    headers: {
      ...headers,
      'retry-after': headers['x-ratelimit-reset'] ?? '1',
      'content-type': 'text/plain; charset=utf-8',
    },
  });
}

function basicCredentials(header: string | null): { id: string; secret: string } | undefined {
  const match = /^basic\s+(\S+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const unescape = (text: string) => {
    try {
      return decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      return text;
    }
  };
  return { id: unescape(decoded.slice(0, colon)), secret: unescape(decoded.slice(colon + 1)) };
}

/**
 * Cloud Foundry's `GET /v3/audit_events` (and `/v3/audit_events/:guid`) over the simulated foundation, and
 * a fake UAA `POST /oauth/token` for the client-credentials grant whose tokens the API accepts. Honours
 * every list parameter, CF's validation errors, page-number pagination with absolute hrefs,
 * `max_total_results`, bearer auth and a rate limit with `X-RateLimit-*` headers.
 */
export function cloudFoundrySimulatorHandlers(options: CloudFoundrySimulatorOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const uaaBase = (options.uaaUrl ?? CF_DEMO_UAA_URL).replace(/\/+$/, '');
  const clientId = options.clientId ?? CF_DEMO_CLIENT_ID;
  const clientSecret = options.clientSecret ?? CF_DEMO_CLIENT_SECRET;
  const ttl = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  const maxTotal = options.maxTotalResults ?? CF_DEMO_MAX_TOTAL_RESULTS;
  const history = createCloudFoundryHistory(options.scale, options.clock.startedAt);
  const rateLimit = createCfRateLimit(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const issued = new Map<string, number>();
  const staticTokens = new Set(options.acceptTokens ?? []);
  const visibleOrgs = options.roleOrganizations && new Set(options.roleOrganizations);
  /** What the caller's roles let it see: Cloud Controller filters silently, it never answers 403. */
  const visible = (event: SimulatedCfEvent) =>
    !visibleOrgs || (event.record.organization !== null && visibleOrgs.has(event.record.organization.guid));

  const present = (event: SimulatedCfEvent) => ({
    ...event.record,
    links: { self: { href: `${base}/v3/audit_events/${event.record.guid}` } },
  });

  /** Auth, then the per-user rate limit: a response to send now, or the rate-limit headers to add. */
  const gate = (request: Request): Response | Record<string, string> => {
    const auth = request.headers.get('authorization');
    if (!auth) return cfError(401, 10002, 'CF-NotAuthenticated', 'Authentication error');
    const token = /^bearer\s+(\S+)$/i.exec(auth)?.[1];
    const expiresAt = token === undefined ? undefined : issued.get(token);
    const valid =
      token !== undefined &&
      (staticTokens.has(token) || (expiresAt !== undefined && options.clock.now() < expiresAt));
    if (!valid) return cfError(401, 1000, 'CF-InvalidAuthToken', 'Invalid Auth Token');
    const { wait, headers } = rateLimit();
    if (wait > 0) return rateLimited(headers);
    return headers;
  };

  return [
    http.post(`${uaaBase}/oauth/token`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      const basic = basicCredentials(request.headers.get('authorization'));
      const id = basic?.id ?? form.get('client_id');
      const secret = basic?.secret ?? form.get('client_secret');
      if (id !== clientId || secret !== clientSecret) {
        return HttpResponse.json(
          { error: 'unauthorized', error_description: 'Bad credentials' },
          {
            status: 401,
            headers: {
              'www-authenticate':
                'Basic realm="UAA/client", error="unauthorized", error_description="Bad credentials"',
              'cache-control': 'no-store',
            },
          },
        );
      }
      const grant = form.get('grant_type');
      if (grant !== 'client_credentials') {
        return HttpResponse.json(
          grant
            ? { error: 'unsupported_grant_type', error_description: `Unsupported grant type: ${grant}` }
            : { error: 'invalid_request', error_description: 'Missing grant type' },
          { status: 400, headers: { 'cache-control': 'no-store' } },
        );
      }
      const now = options.clock.now();
      for (const [token, expiresAt] of issued) if (expiresAt <= now) issued.delete(token);
      const token = `cf-demo.${randomUUID().replace(/-/g, '')}`;
      issued.set(token, now + ttl * 1000);
      return HttpResponse.json(
        {
          access_token: token,
          token_type: 'bearer',
          expires_in: ttl,
          scope: visibleOrgs ? 'cloud_controller.read openid' : 'cloud_controller.global_auditor',
          jti: randomUUID().replace(/-/g, ''),
        },
        { headers: { 'cache-control': 'no-store', pragma: 'no-cache' } },
      );
    }),

    http.get(`${base}/v3/audit_events/:guid`, ({ request, params }) => {
      const gated = gate(request);
      if (gated instanceof Response) return gated;
      const event = history
        .window(options.clock.now())
        .find((e) => e.record.guid === params.guid && visible(e));
      if (!event) return cfError(404, 10010, 'CF-ResourceNotFound', 'Event not found', gated);
      return HttpResponse.json(present(event), { headers: gated });
    }),

    http.get(`${base}/v3/audit_events`, ({ request }) => {
      const gated = gate(request);
      if (gated instanceof Response) return gated;
      const params = new URL(request.url).searchParams;
      // Rails keeps the last of repeated keys.
      const value = (name: string) => params.getAll(name).at(-1);
      const problems: string[] = [];
      const unknown: string[] = [];
      const times: Record<'created_ats' | 'updated_ats', TimeFilter> = {
        created_ats: { bounds: {} },
        updated_ats: { bounds: {} },
      };

      for (const key of new Set(params.keys())) {
        const nested = /^([a-z_-]+)\[([^\]]*)\]$/.exec(key);
        const name = nested?.[1] ?? key;
        const operator = nested?.[2];
        if (name === 'created_ats' || name === 'updated_ats') {
          const text = value(key) ?? '';
          if (operator === undefined) {
            const seconds = splitList(text).map(toSecond);
            if (seconds.some((s) => s === undefined))
              problems.push(
                `${humanize(name)} has an invalid timestamp format. Timestamps should be formatted as 'YYYY-MM-DDThh:mm:ssZ'`,
              );
            else times[name].equal = new Set(seconds as number[]);
          } else if (!(RELATIONAL as readonly string[]).includes(operator)) {
            problems.push(`${humanize(name)} Invalid relational operator: '${operator}'`);
          } else if (text.includes(',')) {
            problems.push(`${humanize(name)} only accepts one value when using a relational operator`);
          } else {
            const second = toSecond(text);
            if (second === undefined)
              problems.push(
                `${humanize(name)} has an invalid timestamp format. Timestamps should be formatted as 'YYYY-MM-DDThh:mm:ssZ'`,
              );
            else times[name].bounds[operator as Relational] = second;
          }
          continue;
        }
        if (key === 'target_guids[not]') continue;
        if (!(ALLOWED as readonly string[]).includes(key)) unknown.push(key);
      }
      if (unknown.length)
        return badQuery(
          [
            `Unknown query parameter(s): '${unknown.join("', '")}'. Valid parameters are: '${ALLOWED.join("', '")}'`,
          ],
          gated,
        );

      const pageText = value('page') ?? '1';
      const page = /^\d+$/.test(pageText) ? Number(pageText) : NaN;
      if (!(page >= 1)) problems.push('Page must be a positive integer');
      const perPageText = value('per_page') ?? '50';
      const perPage = /^-?\d+$/.test(perPageText) ? Number(perPageText) : NaN;
      if (Number.isNaN(perPage)) problems.push('Per page is not a number');
      else if (perPage < 1 || perPage > 5000) problems.push('Per page must be between 1 and 5000');
      // A `+` prefix arrives as a space unless it was sent as %2B.
      const orderBy = value('order_by')?.replace(/^[ +]/, '');
      const order = orderBy === undefined ? undefined : /^(-?)(created_at|updated_at)$/.exec(orderBy);
      if (orderBy !== undefined && !order) problems.push("Order by can only be: 'created_at', 'updated_at'");
      if (problems.length) return badQuery(problems, gated);
      // The exact wording of this deployment limit is not documented; CF answers it as a bad query.
      if (maxTotal !== false && page * perPage > maxTotal)
        return badQuery(
          [`Page and per page combined cannot exceed max_total_results of ${maxTotal} (page * per_page)`],
          gated,
        );

      const lists = new Map<string, Set<string>>();
      for (const name of LIST_FILTERS) {
        const text = value(name);
        if (text !== undefined) lists.set(name, new Set(splitList(text)));
      }
      const types = lists.get('types');
      const targets = lists.get('target_guids');
      const notTargets = lists.get('target_guids[not]');
      const spaces = lists.get('space_guids');
      const orgs = lists.get('organization_guids');
      const guids = lists.get('guids');
      const matches = (event: SimulatedCfEvent) => {
        if (!visible(event)) return false;
        const r = event.record;
        if (types && !types.has(r.type)) return false;
        if (targets && !(r.target && targets.has(r.target.guid))) return false;
        if (notTargets && r.target && notTargets.has(r.target.guid)) return false;
        if (spaces && !(r.space && spaces.has(r.space.guid))) return false;
        if (orgs && !(r.organization && orgs.has(r.organization.guid))) return false;
        if (guids && !guids.has(r.guid)) return false;
        // updated_at is the same column as created_at in CF's presenter.
        return matchesTime(event.second, times.created_ats) && matchesTime(event.second, times.updated_ats);
      };

      const newestFirst = history.window(options.clock.now()).filter(matches);
      // Without order_by CF sorts by internal id, which is insertion order: oldest first.
      const sorted = order?.[1] === '-' ? newestFirst : [...newestFirst].reverse();
      const total = sorted.length;
      const totalPages = Math.max(1, Math.ceil(total / perPage));
      const resources = sorted.slice((page - 1) * perPage, page * perPage).map(present);

      const href = (at: number) => {
        const query = new URLSearchParams();
        const keys = [...new Set([...params.keys(), 'page', 'per_page'])].sort();
        for (const key of keys) {
          if (key === 'page') query.set(key, String(at));
          else if (key === 'per_page') query.set(key, String(perPage));
          else query.set(key, value(key) ?? '');
        }
        return { href: `${base}/v3/audit_events?${query.toString()}` };
      };
      return HttpResponse.json(
        {
          pagination: {
            total_results: total,
            total_pages: totalPages,
            first: href(1),
            last: href(totalPages),
            next: page < totalPages ? href(page + 1) : null,
            previous: page > 1 ? href(page - 1) : null,
          },
          resources,
        },
        { headers: gated },
      );
    }),
  ];
}
