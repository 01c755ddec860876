import { getResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { createClock } from '../../simulator-kit/clock.ts';
import { COMPROMISED_ACCOUNT } from '../../simulator-kit/stories.ts';
import {
  CF_DEMO_CLIENT_ID,
  CF_DEMO_CLIENT_SECRET,
  CF_DEMO_UAA_URL,
  cloudFoundrySimulatorHandlers,
  type CloudFoundrySimulatorOptions,
} from './handlers.ts';
import { SIMULATED_FOUNDATION } from './data.ts';

const BASE = 'https://api.sys.demo.example';
const NOW = '2026-11-20T12:00:00.000Z';
const NOW_S = Date.parse(NOW) / 1000;

interface Party {
  guid: string;
  type: string;
  name: string;
}
interface Resource {
  guid: string;
  created_at: string;
  updated_at: string;
  type: string;
  actor: Party | null;
  target: Party | null;
  data: Record<string, unknown>;
  space: { guid: string } | null;
  organization: { guid: string } | null;
  links: { self: { href: string } };
}
interface ListBody {
  pagination: {
    total_results: number;
    total_pages: number;
    first: { href: string };
    last: { href: string };
    next: { href: string } | null;
    previous: { href: string } | null;
  };
  resources: Resource[];
  errors?: { code: number; title: string; detail: string }[];
}

function simulator(overrides: Partial<CloudFoundrySimulatorOptions> = {}) {
  return cloudFoundrySimulatorHandlers({
    baseUrl: BASE,
    clock: createClock(NOW),
    scale: 1,
    rateLimit: false,
    ...overrides,
  });
}

const handlers = simulator();

async function issueToken(
  on = handlers,
  auth = `Basic ${btoa(`${CF_DEMO_CLIENT_ID}:${CF_DEMO_CLIENT_SECRET}`)}`,
  body = 'grant_type=client_credentials',
) {
  const response = await getResponse(
    on,
    new Request(`${CF_DEMO_UAA_URL}/oauth/token`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    }),
  );
  if (!response) throw new Error('no UAA handler answered');
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const TOKEN = (await issueToken()).body.access_token as string;

async function call(query: string, auth: string | null = `bearer ${TOKEN}`, on = handlers, path = '') {
  const headers = new Headers();
  if (auth) headers.set('authorization', auth);
  const response = await getResponse(on, new Request(`${BASE}/v3/audit_events${path}${query}`, { headers }));
  if (!response) throw new Error('no handler answered');
  return { status: response.status, headers: response.headers, body: (await response.json()) as ListBody };
}

function iso(second: number) {
  return new Date(second * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function seconds(body: ListBody) {
  return body.resources.map((r) => Date.parse(r.created_at) / 1000);
}

/** Every event of the window, newest first, from a twin without max_total_results, in 5000-event pages. */
const unlimited = simulator({ maxTotalResults: false });
const unlimitedToken = (await issueToken(unlimited)).body.access_token as string;
const ALL = await (async () => {
  const all: Resource[] = [];
  for (let page = 1; ; page++) {
    const { body } = await call(
      `?order_by=-created_at&per_page=5000&page=${page}`,
      `bearer ${unlimitedToken}`,
      unlimited,
    );
    all.push(...body.resources);
    if (!body.pagination.next) return all;
  }
})();

function cfError(body: ListBody) {
  return body.errors?.[0];
}

describe('Cloud Foundry simulator: the list envelope and data', () => {
  it('serves about 14,000 events over 30 days with 50 per page by default, oldest first', async () => {
    const { status, body } = await call('');
    expect(status).toBe(200);
    expect(body.resources).toHaveLength(50);
    expect(body.pagination.total_results).toBeGreaterThan(12_000);
    expect(body.pagination.total_results).toBeLessThan(17_000);
    expect(body.pagination.total_pages).toBe(Math.ceil(body.pagination.total_results / 50));
    const times = seconds(body);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times[0]).toBeGreaterThanOrEqual(NOW_S - 30 * 86_400);
    expect(ALL).toHaveLength(body.pagination.total_results);
    expect(new Set(ALL.map((r) => r.guid)).size).toBe(ALL.length);
  });

  it('answers with absolute hrefs on the API host carrying every filter, in alphabetical order', async () => {
    const { body } = await call(
      '?per_page=2&order_by=-created_at&created_ats%5Bgte%5D=2026-11-19T00:00:00Z&page=2',
    );
    const { first, last, next, previous } = body.pagination;
    expect(first.href).toBe(
      `${BASE}/v3/audit_events?created_ats%5Bgte%5D=2026-11-19T00%3A00%3A00Z&order_by=-created_at&page=1&per_page=2`,
    );
    expect(previous?.href).toBe(first.href);
    expect(next?.href).toContain('page=3&per_page=2');
    expect(last.href).toContain(`page=${body.pagination.total_pages}&`);
    expect(body.resources[0]?.links.self.href).toBe(`${BASE}/v3/audit_events/${body.resources[0]?.guid}`);
    expect(body.resources.every((r) => r.updated_at === r.created_at)).toBe(true);
  });

  it('has second-precision timestamps, over-full seconds and null actors, targets, spaces and orgs', () => {
    expect(ALL.every((r) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(r.created_at))).toBe(true);
    expect(
      ALL.every((r) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(r.guid)),
    ).toBe(true);
    const perSecond = new Map<string, number>();
    for (const r of ALL) perSecond.set(r.created_at, (perSecond.get(r.created_at) ?? 0) + 1);
    const crowded = [...perSecond.values()].sort((a, b) => b - a);
    expect(crowded[0]).toBeGreaterThanOrEqual(250);
    expect(crowded.filter((n) => n >= 120).length).toBeGreaterThanOrEqual(30);
    expect(ALL.some((r) => r.actor === null)).toBe(true);
    expect(ALL.some((r) => r.target === null)).toBe(true);
    expect(ALL.some((r) => r.space === null && r.organization !== null)).toBe(true);
    expect(ALL.some((r) => r.space === null && r.organization === null)).toBe(true);
    expect(ALL.some((r) => r.actor?.type === 'process' && r.type === 'audit.app.process.crash')).toBe(true);
    expect(ALL.some((r) => r.actor?.type === 'user' && r.actor.name === '')).toBe(true);
    const types = new Set(ALL.map((r) => r.type));
    for (const type of [
      'audit.app.create',
      'audit.app.update',
      'audit.app.start',
      'audit.app.stop',
      'audit.app.restage',
      'audit.app.delete-request',
      'audit.app.ssh-authorized',
      'audit.app.ssh-unauthorized',
      'audit.space.create',
      'audit.service_instance.create',
      'audit.user.space_developer_add',
      'audit.route.create',
      'app.crash',
    ])
      expect(types).toContain(type);
  });

  it("tells alice's side of the compromised-account story with the story's request id", () => {
    const at = Math.floor(COMPROMISED_ACCOUNT.appChangedAt(Date.parse(NOW)) / 1000);
    const update = ALL.find((r) => r.data.request_id === COMPROMISED_ACCOUNT.requestId);
    expect(update).toMatchObject({
      type: 'audit.app.update',
      created_at: iso(at),
      actor: { guid: COMPROMISED_ACCOUNT.actor.uuid, type: 'user', name: 'alice.nguyen@example.com' },
      target: { type: 'app', name: 'payments-api' },
    });
    const alice = ALL.filter(
      (r) =>
        r.actor?.guid === COMPROMISED_ACCOUNT.actor.uuid &&
        Math.abs(Date.parse(r.created_at) / 1000 - at) < 120,
    );
    expect(alice.map((r) => r.type)).toEqual(
      expect.arrayContaining([
        'audit.app.environment_variables.show',
        'audit.app.restart',
        'audit.app.ssh-authorized',
      ]),
    );
  });

  it('gets one event by guid, and answers 404 CF-ResourceNotFound for an unknown one', async () => {
    const one = ALL[10]!;
    const found = await call('', undefined, handlers, `/${one.guid}`);
    expect(found.status).toBe(200);
    expect((found.body as unknown as Resource).guid).toBe(one.guid);
    const missing = await call('', undefined, handlers, '/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(cfError(missing.body)).toEqual({
      code: 10010,
      title: 'CF-ResourceNotFound',
      detail: 'Event not found',
    });
  });

  it('is deterministic for a pinned clock', async () => {
    const again = simulator();
    const token = (await issueToken(again)).body.access_token as string;
    const a = await call('?order_by=-created_at&per_page=100');
    const b = await call('?order_by=-created_at&per_page=100', `bearer ${token}`, again);
    expect(b.body).toEqual(a.body);
  });
});

describe('Cloud Foundry simulator: paging, ordering and limits', () => {
  it('orders by created_at or updated_at either way, ties broken by guid in the same direction', async () => {
    const desc = await call('?order_by=-created_at&per_page=300');
    const keys = desc.body.resources.map((r) => `${r.created_at} ${r.guid}`);
    expect([...keys].sort().reverse()).toEqual(keys);
    expect(desc.body.resources.map((r) => r.guid)).toEqual(ALL.slice(0, 300).map((r) => r.guid));
    const asc = await call('?order_by=created_at&per_page=300');
    const ascKeys = asc.body.resources.map((r) => `${r.created_at} ${r.guid}`);
    expect([...ascKeys].sort()).toEqual(ascKeys);
    expect((await call('?order_by=-updated_at&per_page=300')).body.resources).toEqual(desc.body.resources);
    expect((await call('?order_by=%2Bcreated_at&per_page=300')).body.resources).toEqual(asc.body.resources);
  });

  it('rejects any other order_by with CF-BadQueryParameter', async () => {
    for (const order of ['timestamp', '-guid', 'created_at,guid']) {
      const { status, body } = await call(`?order_by=${order}`);
      expect(status).toBe(400);
      expect(cfError(body)).toEqual({
        code: 10005,
        title: 'CF-BadQueryParameter',
        detail: "The query parameter is invalid: Order by can only be: 'created_at', 'updated_at'",
      });
    }
  });

  it('accepts per_page 1..5000 and rejects anything else', async () => {
    expect((await call('?per_page=1')).body.resources).toHaveLength(1);
    expect((await call('?per_page=5000')).body.resources).toHaveLength(5000);
    for (const perPage of ['0', '5001', '-3']) {
      const { status, body } = await call(`?per_page=${perPage}`);
      expect(status).toBe(400);
      expect(cfError(body)?.detail).toBe(
        'The query parameter is invalid: Per page must be between 1 and 5000',
      );
    }
    expect(cfError((await call('?per_page=many')).body)?.detail).toMatch(/Per page is not a number/);
    expect(cfError((await call('?page=0')).body)?.detail).toMatch(/Page must be a positive integer/);
  });

  it('pages by number without gaps, and answers an empty page past the end', async () => {
    const window = `created_ats%5Bgte%5D=${iso(NOW_S - 86_400)}&order_by=-created_at`;
    const guids: string[] = [];
    for (let page = 1; ; page++) {
      const { body } = await call(`?${window}&per_page=37&page=${page}`);
      guids.push(...body.resources.map((r) => r.guid));
      if (!body.pagination.next) {
        expect(body.pagination.total_pages).toBe(page);
        break;
      }
    }
    const whole = await call(`?${window}&per_page=5000`);
    expect(guids).toEqual(whole.body.resources.map((r) => r.guid));
    const beyond = await call(`?${window}&per_page=37&page=200`);
    expect(beyond.status).toBe(200);
    expect(beyond.body.resources).toEqual([]);
    expect(beyond.body.pagination.next).toBeNull();
  });

  it('enforces max_total_results: deep page numbers fail with CF-BadQueryParameter', async () => {
    expect((await call('?per_page=200&page=50')).status).toBe(200);
    const deep = await call('?per_page=200&page=51');
    expect(deep.status).toBe(400);
    expect(cfError(deep.body)).toMatchObject({ code: 10005, title: 'CF-BadQueryParameter' });
    expect(cfError(deep.body)?.detail).toContain('max_total_results');
  });

  it('rejects unknown parameters and unknown operators', async () => {
    const unknown = await call('?limit=5&types=audit.app.update');
    expect(unknown.status).toBe(400);
    expect(cfError(unknown.body)).toMatchObject({ code: 10005, title: 'CF-BadQueryParameter' });
    expect(cfError(unknown.body)?.detail).toMatch(
      /^The query parameter is invalid: Unknown query parameter\(s\): 'limit'/,
    );
    expect((await call('?types%5Bnot%5D=audit.app.update')).status).toBe(400);
    const operator = await call('?created_ats%5Bbefore%5D=2026-11-20T00:00:00Z');
    expect(operator.status).toBe(400);
    expect(cfError(operator.body)?.detail).toContain("Invalid relational operator: 'before'");
  });
});

describe('Cloud Foundry simulator: filters', () => {
  it('filters by types, a comma list whose separators may arrive percent-encoded', async () => {
    const { body } = await call('?types=audit.app.ssh-authorized%2Caudit.app.ssh-unauthorized&per_page=5000');
    const expected = ALL.filter(
      (r) => r.type === 'audit.app.ssh-authorized' || r.type === 'audit.app.ssh-unauthorized',
    );
    expect(body.pagination.total_results).toBe(expected.length);
    expect(new Set(body.resources.map((r) => r.type))).toEqual(
      new Set(['audit.app.ssh-authorized', 'audit.app.ssh-unauthorized']),
    );
    expect((await call('?types=audit.app.not-a-type')).body.resources).toEqual([]);
    // CF splits on the comma alone: a space after it belongs to the next value, which then matches nothing.
    const spaced = await call('?types=audit.app.ssh-authorized,%20audit.app.ssh-unauthorized&per_page=5000');
    expect(new Set(spaced.body.resources.map((r) => r.type))).toEqual(new Set(['audit.app.ssh-authorized']));
  });

  it('filters by target_guids, and target_guids[not] excludes them but keeps events without a target', async () => {
    const app = SIMULATED_FOUNDATION.apps[0]!;
    const other = SIMULATED_FOUNDATION.apps[1]!;
    const only = await call(`?target_guids=${app.guid},${other.guid}&per_page=5000`);
    expect(only.body.resources.length).toBeGreaterThan(0);
    expect(
      only.body.resources.every((r) => r.target?.guid === app.guid || r.target?.guid === other.guid),
    ).toBe(true);
    const not = await call(`?target_guids%5Bnot%5D=${app.guid}&per_page=1`);
    const expected = ALL.filter((r) => r.target?.guid !== app.guid).length;
    expect(not.body.pagination.total_results).toBe(expected);
    const nullTargets = await call(`?target_guids%5Bnot%5D=${app.guid}&types=blob.remove_orphan&per_page=5`);
    expect(nullTargets.body.resources.length).toBeGreaterThan(0);
    expect(nullTargets.body.resources.every((r) => r.target === null)).toBe(true);
  });

  it('filters by space_guids, organization_guids and guids', async () => {
    const space = SIMULATED_FOUNDATION.spaces[2]!;
    const org = SIMULATED_FOUNDATION.orgs[1]!;
    const bySpace = await call(`?space_guids=${space.guid}&per_page=5000`);
    expect(bySpace.body.pagination.total_results).toBe(
      ALL.filter((r) => r.space?.guid === space.guid).length,
    );
    expect(bySpace.body.resources.every((r) => r.space?.guid === space.guid)).toBe(true);
    const byOrg = await call(`?organization_guids=${org.guid}&per_page=1`);
    expect(byOrg.body.pagination.total_results).toBe(
      ALL.filter((r) => r.organization?.guid === org.guid).length,
    );
    const picked = [ALL[3]!.guid, ALL[99]!.guid];
    const byGuid = await call(`?guids=${picked.join(',')}&order_by=-created_at`);
    expect(byGuid.body.resources.map((r) => r.guid)).toEqual(picked);
  });

  it('matches created_ats equality per whole second, OR-ing a comma list', async () => {
    const crowded = ALL.find((r) => r.type === 'audit.app.restage' && r.actor?.name === '')!;
    const second = crowded.created_at;
    const lone = ALL[500]!.created_at;
    const { body } = await call(`?created_ats=${second},${lone}&per_page=5000`);
    const expected = ALL.filter((r) => r.created_at === second || r.created_at === lone);
    expect(body.pagination.total_results).toBe(expected.length);
    expect(body.pagination.total_results).toBeGreaterThanOrEqual(121);
    const updated = await call(`?updated_ats=${second}&per_page=1`);
    expect(updated.body.pagination.total_results).toBe(ALL.filter((r) => r.created_at === second).length);
  });

  it('rounds [lte] and [gt] to the end of the second and [lt] and [gte] to its start', async () => {
    const t =
      Date.parse(ALL.find((r) => r.type === 'audit.app.restage' && r.actor?.name === '')!.created_at) / 1000;
    const count = (query: string) =>
      call(`${query}&per_page=1`).then(({ body }) => body.pagination.total_results);
    const at = (pred: (s: number) => boolean) =>
      ALL.filter((r) => pred(Date.parse(r.created_at) / 1000)).length;
    expect(await count(`?created_ats%5Blte%5D=${iso(t)}`)).toBe(at((s) => s <= t));
    expect(await count(`?created_ats%5Blt%5D=${iso(t)}`)).toBe(at((s) => s < t));
    expect(await count(`?created_ats%5Bgte%5D=${iso(t)}`)).toBe(at((s) => s >= t));
    expect(await count(`?created_ats%5Bgt%5D=${iso(t)}`)).toBe(at((s) => s > t));
    expect(await count(`?created_ats%5Bgte%5D=${iso(t)}&created_ats%5Blte%5D=${iso(t)}`)).toBe(
      at((s) => s === t),
    );
    expect(await count(`?updated_ats%5Bgt%5D=${iso(t - 3600)}&updated_ats%5Blt%5D=${iso(t)}`)).toBe(
      at((s) => s > t - 3600 && s < t),
    );
    // Unencoded brackets reach the server the same way.
    expect(await count(`?created_ats[lte]=${iso(t)}`)).toBe(at((s) => s <= t));
  });

  it('rejects sub-second, zoned or listed relational timestamps', async () => {
    for (const query of [
      '?created_ats%5Bgte%5D=2026-11-20T11:00:00.500Z',
      '?created_ats%5Bgte%5D=2026-11-20T11:00:00%2B01:00',
      '?created_ats=2026-11-20',
      '?updated_ats%5Blt%5D=yesterday',
    ]) {
      const { status, body } = await call(query);
      expect(status).toBe(400);
      expect(cfError(body)?.detail).toMatch(
        /has an invalid timestamp format\. Timestamps should be formatted as 'YYYY-MM-DDThh:mm:ssZ'/,
      );
    }
    const listed = await call('?created_ats%5Blt%5D=2026-11-20T11:00:00Z,2026-11-20T12:00:00Z');
    expect(cfError(listed.body)?.detail).toMatch(
      /Created ats only accepts one value when using a relational operator/,
    );
  });
});

describe('Cloud Foundry simulator: auth, UAA and rate limits', () => {
  it('answers 401 CF-NotAuthenticated without a token and CF-InvalidAuthToken with a wrong one', async () => {
    const missing = await call('', null);
    expect(missing.status).toBe(401);
    expect(cfError(missing.body)).toEqual({
      code: 10002,
      title: 'CF-NotAuthenticated',
      detail: 'Authentication error',
    });
    const wrong = await call('', 'bearer not-a-token');
    expect(wrong.status).toBe(401);
    expect(cfError(wrong.body)).toEqual({
      code: 1000,
      title: 'CF-InvalidAuthToken',
      detail: 'Invalid Auth Token',
    });
    expect((await call('', `Basic ${TOKEN}`)).status).toBe(401);
  });

  it('accepts the bearer scheme in any case', async () => {
    expect((await call('?per_page=1', `bearer ${TOKEN}`)).status).toBe(200);
    expect((await call('?per_page=1', `Bearer ${TOKEN}`)).status).toBe(200);
  });

  it('issues client-credentials tokens from its fake UAA and expires them on its clock', async () => {
    const clock = createClock(NOW);
    const short = simulator({ clock, tokenTtlSeconds: 60 });
    const issued = await issueToken(short);
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ token_type: 'bearer', expires_in: 60 });
    const token = issued.body.access_token as string;
    expect((await call('?per_page=1', `bearer ${token}`, short)).status).toBe(200);
    clock.advance(61_000);
    const expired = await call('?per_page=1', `bearer ${token}`, short);
    expect(expired.status).toBe(401);
    expect(cfError(expired.body)?.title).toBe('CF-InvalidAuthToken');
  });

  it('refuses wrong client credentials and other grants like UAA does', async () => {
    const wrong = await issueToken(handlers, `Basic ${btoa(`${CF_DEMO_CLIENT_ID}:nope`)}`);
    expect(wrong).toEqual({
      status: 401,
      body: { error: 'unauthorized', error_description: 'Bad credentials' },
    });
    const grant = await issueToken(handlers, undefined, 'grant_type=password&username=a&password=b');
    expect(grant.status).toBe(400);
    expect(grant.body.error).toBe('unsupported_grant_type');
    const form = await issueToken(
      handlers,
      '',
      `grant_type=client_credentials&client_id=${CF_DEMO_CLIENT_ID}&client_secret=${CF_DEMO_CLIENT_SECRET}`,
    );
    expect(form.status).toBe(200);
  });

  it('never moves an event once served: an hour later the story and the rest keep their times', async () => {
    const clock = createClock(NOW);
    const later = simulator({ clock });
    const token = (await issueToken(later)).body.access_token as string;
    const query = '?types=audit.app.ssh-authorized,audit.app.environment_variables.show&per_page=5000';
    const timesOf = async () =>
      new Map(
        (await call(query, `bearer ${token}`, later)).body.resources.map((r) => [r.guid, r.created_at]),
      );
    const before = await timesOf();
    clock.advance(3_600_000);
    const after = await timesOf();
    const story = [...before.keys()].filter((guid) => before.get(guid)?.startsWith(NOW.slice(0, 10)));
    expect(story.length).toBeGreaterThan(1);
    // The 30-day window lets its oldest hour go; every event still in it keeps its time.
    for (const [guid, createdAt] of after)
      if (before.has(guid)) expect(createdAt, guid).toBe(before.get(guid));
    for (const guid of story) expect(after.has(guid), guid).toBe(true);
  });

  it('answers 429 CF-RateLimitExceeded with X-RateLimit headers once the limit is spent', async () => {
    const limited = simulator({ rateLimit: { burst: 2, perSecond: 0.5 } });
    const token = (await issueToken(limited)).body.access_token as string;
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await call('?per_page=1', `bearer ${token}`, limited));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
    expect(answers[0]!.headers.get('x-ratelimit-limit')).toBe('2');
    expect(answers[0]!.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(answers[1]!.headers.get('x-ratelimit-remaining')).toBe('0');
    const last = answers[2]!;
    expect(cfError(last.body)).toEqual({
      code: 10013,
      title: 'CF-RateLimitExceeded',
      detail: 'Rate Limit Exceeded',
    });
    expect(last.headers.get('x-ratelimit-remaining')).toBe('0');
    // A fixed window (2 over 4 s here): every answer names the same reset, and the 429 copies it as an
    // epoch second into Retry-After, with its JSON sent as plain text, as cloud_controller_ng does.
    const reset = last.headers.get('x-ratelimit-reset');
    expect(Number(reset)).toBeGreaterThan(Date.now() / 1000);
    expect(Number(reset)).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 4);
    expect(answers.map((a) => a.headers.get('x-ratelimit-reset'))).toEqual([reset, reset, reset]);
    expect(last.headers.get('retry-after')).toBe(reset);
    expect(last.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  it('lets requests through again once the window has ended, not before', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const limited = simulator({ rateLimit: { burst: 1, perSecond: 0.5 } });
      const token = (await issueToken(limited)).body.access_token as string;
      const status = async () => (await call('?per_page=1', `bearer ${token}`, limited)).status;
      expect(await status()).toBe(200);
      vi.advanceTimersByTime(1900);
      expect(await status()).toBe(429);
      vi.advanceTimersByTime(100);
      expect(await status()).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });
});
