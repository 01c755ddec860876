import { randomBytes, randomUUID } from 'node:crypto';
import { http, HttpResponse } from 'msw';
import type { SimulatorOptions } from '../../simulator-kit/options.ts';
import { createRateLimiter, DEFAULT_RATE_LIMIT } from '../../simulator-kit/rate-limit.ts';
import { berlinDayEnd, berlinDayStart } from './berlin-days.ts';
import { createContaboHistory, type ContaboWireAudit, type SimulatedImageAudit } from './data.ts';

/** Contabo's Keycloak token endpoint (CONTABO_AUTH_URL's default). */
export const CONTABO_DEFAULT_AUTH_URL =
  'https://auth.contabo.com/auth/realms/contabo/protocol/openid-connect/token';

/** What the simulated Keycloak accepts; the proxy's demo upstream logs in with them like a real API user. */
export const CONTABO_DEMO_CLIENT_ID = 'INT-10007337';
export const CONTABO_DEMO_CLIENT_SECRET = 'demo-simulator-client-secret';
export const CONTABO_DEMO_API_USER = 'audit-lens-demo@example.com';
export const CONTABO_DEMO_API_PASSWORD = 'demo-simulator-api-password';
/** Keycloak's default access-token lifespan. */
export const CONTABO_DEMO_TOKEN_SECONDS = 300;

const AUDITS_PATH = '/v1/compute/images/audits';
/** The spec's x-request-id pattern: either case, version nibble 0–5. */
const REQUEST_ID =
  /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-5][0-9A-Fa-f]{3}-[089abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;
const ORDER_BY = /^([A-Za-z]+):(asc|desc)$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SORTABLE = new Set<keyof ContaboWireAudit>([
  'id',
  'timestamp',
  'action',
  'tenantId',
  'customerId',
  'changedBy',
  'username',
  'requestId',
  'traceId',
  'imageId',
]);

export interface ContaboSimulatorOptions extends SimulatorOptions {
  /** Where the fake Keycloak answers; CONTABO_DEFAULT_AUTH_URL when absent. */
  authUrl?: string;
  tokenSeconds?: number;
  /** Token expiry runs on the wall clock, like a real token: a pinned simulator clock must not stop it. */
  wallClock?: () => number;
  /** The login the fake Keycloak accepts; the demo credentials when absent (live e2e tests set canaries). */
  credentials?: { clientId: string; clientSecret: string; username: string; password: string };
}

function contaboError(status: number, message: string, headers?: HeadersInit) {
  return HttpResponse.json({ statusCode: status, message }, { status, headers });
}

function keycloakError(status: number, error: string, description: string) {
  return HttpResponse.json(
    { error, error_description: description },
    { status, headers: { 'cache-control': 'no-store' } },
  );
}

function base64Url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function validDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const at = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
  return at.getUTCFullYear() === y && at.getUTCMonth() + 1 === m && at.getUTCDate() === d;
}

type SortKey = { field: keyof ContaboWireAudit; descending: boolean };

function compareBy(keys: readonly SortKey[]) {
  return (a: SimulatedImageAudit, b: SimulatedImageAudit): number => {
    for (const { field, descending } of keys) {
      const x = a.record[field];
      const y = b.record[field];
      if (x === y) continue;
      const order = x === undefined ? -1 : y === undefined ? 1 : x < y ? -1 : 1;
      return descending ? -order : order;
    }
    return a.record.id - b.record.id;
  };
}

/**
 * The fake Keycloak token endpoint and GET /v1/compute/images/audits as Contabo serves them: bearer tokens
 * it issued, a required x-request-id, page (1-based)/size, orderBy `field:ASC|DESC` in either case,
 * imageId/requestId/changedBy filters, startDate/endDate as inclusive Europe/Berlin days, the
 * `_pagination`/`data`/`_links` envelope (links carry only `page`), and `{statusCode, message}` errors.
 */
export function contaboSimulatorHandlers(options: ContaboSimulatorOptions) {
  const history = createContaboHistory(options.scale, options.clock.startedAt);
  const limiter = createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const base = options.baseUrl.replace(/\/+$/, '');
  const wallClock = options.wallClock ?? Date.now;
  const lifetimeSeconds = options.tokenSeconds ?? CONTABO_DEMO_TOKEN_SECONDS;
  const tokens = new Map<string, number>();
  const login = options.credentials ?? {
    clientId: CONTABO_DEMO_CLIENT_ID,
    clientSecret: CONTABO_DEMO_CLIENT_SECRET,
    username: CONTABO_DEMO_API_USER,
    password: CONTABO_DEMO_API_PASSWORD,
  };

  function issueToken(): string {
    const now = wallClock();
    for (const [token, expiresAt] of tokens) if (expiresAt <= now) tokens.delete(token);
    const header = base64Url({ alg: 'RS256', typ: 'JWT' });
    const payload = base64Url({
      exp: Math.floor(now / 1000) + lifetimeSeconds,
      iat: Math.floor(now / 1000),
      jti: randomUUID(),
      iss: 'https://auth.contabo.com/auth/realms/contabo',
      azp: CONTABO_DEMO_CLIENT_ID,
      preferred_username: CONTABO_DEMO_API_USER,
    });
    const token = `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
    tokens.set(token, now + lifetimeSeconds * 1000);
    return token;
  }

  function authorized(request: Request): boolean {
    const token = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    const expiresAt = token ? tokens.get(token) : undefined;
    return expiresAt !== undefined && expiresAt > wallClock();
  }

  return [
    http.post(options.authUrl ?? CONTABO_DEFAULT_AUTH_URL, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      const grantType = form.get('grant_type');
      if (!grantType) return keycloakError(400, 'invalid_request', 'Missing form parameter: grant_type');
      if (grantType !== 'password')
        return keycloakError(400, 'unsupported_grant_type', 'Unsupported grant_type');
      if (form.get('client_id') !== login.clientId || form.get('client_secret') !== login.clientSecret) {
        return keycloakError(401, 'unauthorized_client', 'Invalid client or Invalid client credentials');
      }
      if (form.get('username') !== login.username || form.get('password') !== login.password) {
        return keycloakError(401, 'invalid_grant', 'Invalid user credentials');
      }
      return HttpResponse.json(
        {
          access_token: issueToken(),
          expires_in: lifetimeSeconds,
          refresh_expires_in: 1800,
          refresh_token: `${base64Url({ typ: 'Refresh' })}.${randomBytes(24).toString('base64url')}`,
          token_type: 'Bearer',
          'not-before-policy': 0,
          session_state: randomUUID(),
          scope: 'profile email',
        },
        { headers: { 'cache-control': 'no-store' } },
      );
    }),

    http.get(`${base}${AUDITS_PATH}`, ({ request }) => {
      if (!authorized(request)) return contaboError(401, 'Unauthorized');
      const wait = limiter.take();
      // Only "429: wait before retrying" is documented: no Retry-After or X-RateLimit-* headers, so none.
      if (wait > 0) return contaboError(429, 'Too Many Requests');
      const requestId = request.headers.get('x-request-id');
      if (requestId === null) return contaboError(400, 'x-request-id header is required');
      if (!REQUEST_ID.test(requestId)) return contaboError(400, 'x-request-id must be a UUID version 4');

      const params = new URL(request.url).searchParams;
      const pageText = params.get('page') ?? '1';
      const sizeText = params.get('size') ?? '10';
      if (!/^\d+$/.test(pageText)) return contaboError(400, 'page must be an integer number');
      if (!/^\d+$/.test(sizeText)) return contaboError(400, 'size must be an integer number');
      // Pages are 1-based; whether page 0 is refused is unconfirmed, so it reads as page 1.
      const page = Math.max(1, Number(pageText));
      const size = Number(sizeText);
      if (size < 1) return contaboError(400, 'size must not be less than 1');

      const keys: SortKey[] = [];
      for (const entry of params.getAll('orderBy')) {
        const match = ORDER_BY.exec(entry);
        if (!match) return contaboError(400, 'orderBy must be in the format field:ASC|DESC');
        const field = match[1] as keyof ContaboWireAudit;
        // Which fields are sortable is unconfirmed: unknown ones are ignored, not refused.
        if (SORTABLE.has(field)) keys.push({ field, descending: match[2]?.toLowerCase() === 'desc' });
      }

      let from = -Infinity;
      let to = Infinity;
      for (const name of ['startDate', 'endDate'] as const) {
        const text = params.get(name);
        if (text === null) continue;
        if (!validDate(text)) return contaboError(400, `${name} must be a valid ISO 8601 date (YYYY-MM-DD)`);
        if (name === 'startDate') from = berlinDayStart(text);
        else to = berlinDayEnd(text);
      }
      const imageId = params.get('imageId');
      const byRequest = params.get('requestId');
      const changedBy = params.get('changedBy');

      const matches = ({ time, record }: SimulatedImageAudit) =>
        time >= from &&
        time < to &&
        (imageId === null || record.imageId === imageId) &&
        (byRequest === null || record.requestId === byRequest) &&
        (changedBy === null || record.changedBy === changedBy);
      const selected = history.window(options.clock.now()).filter(matches);
      const sorted = sortAudits(selected, keys);

      const totalElements = sorted.length;
      const totalPages = Math.ceil(totalElements / size);
      const data = sorted.slice((page - 1) * size, page * size).map((audit) => audit.record);
      const link = (n: number) => `${AUDITS_PATH}?page=${n}`;
      return HttpResponse.json({
        _pagination: { size, totalElements, totalPages, page },
        data,
        _links: {
          self: link(page),
          first: link(1),
          last: link(Math.max(1, totalPages)),
          ...(page > 1 ? { previous: link(Math.min(page - 1, Math.max(1, totalPages))) } : {}),
          ...(page < totalPages ? { next: link(page + 1) } : {}),
        },
      });
    }),
  ];
}

/** The history is kept newest first (timestamp, then id): the usual orders need no sort. */
function sortAudits(audits: SimulatedImageAudit[], keys: readonly SortKey[]): SimulatedImageAudit[] {
  const [first, second] = keys;
  if (
    first?.field === 'timestamp' &&
    keys.length <= 2 &&
    (!second || (second.field === 'id' && second.descending === first.descending))
  ) {
    return first.descending ? audits : [...audits].reverse();
  }
  // Without orderBy the server's order is unconfirmed: the simulator answers in id order.
  return [...audits].sort(compareBy(keys));
}
