import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProviderStatus } from '../../providers/status-schema.ts';
import { PROVIDER_IDS, type ProviderId } from '../../timeline/audit-event.ts';
import { createApiHandler, type ApiRequest } from '../api-handler.ts';
import { defaultHostnames } from '../request-guard.ts';
import { ROUTES } from '../routes.ts';
import type { ProviderUpstream } from '../upstream.ts';
import {
  ADVISORY_TARGETS,
  HOST_VALUES,
  ORIGIN_VALUES,
  PATH_FRAGMENTS,
  PREFIXES,
  ROUTING_HEADER_NAMES,
  SEC_FETCH_SITE_VALUES,
  SEPARATORS,
} from './fragments.ts';
import { upstreamViolation } from './route-oracle.ts';

/**
 * The route table under fire. `npm test` runs FUZZ_RUNS (default 20,000) targets and as many header sets;
 * the full run is `FUZZ_RUNS=100000 npx vitest run src/proxy/fuzz`.
 */
const FUZZ_RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 20_000) || 20_000);
const PORT = 4173;

/** Every base URL has a different shape: a path, none, a trailing slash, a port. */
const BASE_URLS: Record<ProviderId, string> = {
  openai: 'https://api.openai.example/v1',
  contabo: 'https://api.contabo.example',
  agilicus: 'https://api.agilicus.example/',
  cloudfoundry: 'https://cf.example:8443/prefix/cf',
  parallelcluster: 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod',
};

interface Sent {
  provider: ProviderId;
  href: string;
}

function recordingUpstreams(sent: Sent[], redirect: { on: boolean }) {
  const upstreams: Partial<Record<ProviderId, ProviderUpstream>> = {};
  for (const provider of PROVIDER_IDS) {
    upstreams[provider] = {
      baseUrl: BASE_URLS[provider],
      authorize: () => Promise.resolve(),
      send(url) {
        sent.push({ provider, href: url.href });
        if (redirect.on)
          return Promise.resolve(
            new Response(null, { status: 302, headers: { location: 'http://169.254.169.254/latest' } }),
          );
        return Promise.resolve(Response.json({ ok: true }));
      },
    };
  }
  return upstreams;
}

const statuses: ProviderStatus[] = PROVIDER_IDS.map((id) => ({ id, mode: 'live', reason: 'fuzz' }));
const sent: Sent[] = [];
const redirect = { on: false };
const handle = createApiHandler({
  statuses,
  upstreams: recordingUpstreams(sent, redirect),
  hostnames: defaultHostnames('127.0.0.1'),
  timeoutMs: 1000,
});

/** As the Vite plugin builds them: header values the Fetch API refuses are dropped, never forwarded. */
function headersOf(entries: readonly (readonly [string, string])[]): Headers {
  const headers = new Headers();
  for (const [name, value] of entries) {
    try {
      headers.append(name, value);
    } catch {
      // dropped, as vite-plugin.ts does
    }
  }
  return headers;
}

const counts = { targets: 0, headerSets: 0, forwarded: 0, refused: 0 };

interface Outcome {
  response: Response;
  sent: Sent[];
}

async function send(request: ApiRequest, redirecting = false): Promise<Outcome> {
  sent.length = 0;
  redirect.on = redirecting;
  let response: Response;
  try {
    response = await handle(request);
  } catch (error) {
    throw new Error(`the handler threw on ${JSON.stringify(request.rawTarget)}`, { cause: error });
  }
  return { response, sent: [...sent] };
}

/** The invariants every answer must hold, whatever was asked. */
async function expectSafe(outcome: Outcome, target: string, redirecting: boolean): Promise<void> {
  const { response } = outcome;
  expect(outcome.sent.length, target).toBeLessThanOrEqual(1);
  const forwarded = outcome.sent[0];
  if (forwarded) {
    counts.forwarded++;
    expect(upstreamViolation(BASE_URLS[forwarded.provider], forwarded.provider, forwarded.href), target).toBe(
      undefined,
    );
    if (redirecting) {
      expect(response.status, target).toBe(502);
      expect(response.headers.get('location'), target).toBeNull();
      expect(await response.json(), target).toMatchObject({ auditLensProxy: { code: 'upstream_redirect' } });
    } else {
      expect(response.status, target).toBe(200);
    }
    return;
  }
  if (response.status === 200 && target.split('?')[0] === '/api/_status') return;
  counts.refused++;
  expect(response.status, target).toBeGreaterThanOrEqual(400);
  expect(response.status, target).toBeLessThan(500);
  const body = (await response.json()) as { auditLensProxy?: { code?: unknown; message?: unknown } };
  expect(typeof body.auditLensProxy?.code, target).toBe('string');
  expect(typeof body.auditLensProxy?.message, target).toBe('string');
}

const goodHeaders = (): Headers => headersOf([['host', `127.0.0.1:${PORT}`]]);

const request = (rawTarget: string, method = 'GET', headers = goodHeaders()): ApiRequest => ({
  method,
  rawTarget,
  headers,
  localPort: PORT,
});

// ---- generators -------------------------------------------------------------------------------------

const SAMPLE_PARAMS: Record<string, readonly string[]> = {
  imageId: ['img-1', 'a', 'pcluster-3-9-0', 'A-b-C'],
  logStreamName: ['3.1.2%2F1', 'ip-10-0-0-1.i-0abc', 'a%2Fb%2Fc', 'x%3Ay%40z', 'name%2B%3D'],
};

/** A valid target for one route of the table, with parameters filled from samples. */
const validTarget = fc
  .constantFrom(...PROVIDER_IDS.flatMap((provider) => ROUTES[provider].map((route) => ({ provider, route }))))
  .chain(({ provider, route }) =>
    fc
      .tuple(
        ...route.template
          .split('/')
          .map((segment) =>
            segment.startsWith('{')
              ? fc.constantFrom(...(SAMPLE_PARAMS[segment.slice(1, -1)] ?? ['x']))
              : fc.constant(segment),
          ),
      )
      .chain((segments) =>
        fc.subarray([...route.query], { maxLength: Math.min(3, route.query.length) }).map((keys) => {
          const query = keys.map((key) => `${encodeURIComponent(key)}=1`).join('&');
          return `/api/${provider}/${segments.join('/')}${query ? `?${query}` : ''}`;
        }),
      ),
  );

const TEMPLATE_WORDS = [
  ...new Set(PROVIDER_IDS.flatMap((p) => ROUTES[p].flatMap((r) => r.template.split('/')))),
  ...PROVIDER_IDS,
];

const CHARS = [
  ...'abcdefxyzAZ09-_.~/%\\@:;#?&=+ '.split(''),
  '%2f',
  '%2e',
  '%25',
  '%5c',
  '%00',
  '%0a',
  '%c0',
  '%ae',
  '\u2024',
  '\uff0e',
  '\u0000',
  '\r',
  '\n',
  '\t',
];

const segment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TEMPLATE_WORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...PATH_FRAGMENTS) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...TEMPLATE_WORDS), fc.constantFrom(...PATH_FRAGMENTS))
      .map(([word, fragment]) => `${word}${fragment}`),
  },
);

const query = fc.oneof(
  fc.constant(''),
  fc
    .array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom(...new Set(PROVIDER_IDS.flatMap((p) => ROUTES[p].flatMap((r) => r.query)))),
          fc.constantFrom('url', 'host', 'redirect', 'LIMIT', 'limit%00', '__proto__', 'region%0d%0a'),
          fc.constantFrom(...PATH_FRAGMENTS),
        ),
        fc.oneof(fc.constantFrom(...PATH_FRAGMENTS), fc.string({ maxLength: 6 })),
      ),
      { maxLength: 4 },
    )
    .map((pairs) => `?${pairs.map(([key, value]) => `${key}=${value}`).join('&')}`),
);

/** Assembled from a prefix, a provider-ish word, segments and separators, a query and maybe a fragment. */
const assembledTarget = fc
  .tuple(
    fc.constantFrom(...PREFIXES),
    fc.oneof(fc.constantFrom(...PROVIDER_IDS), segment),
    fc.array(fc.tuple(fc.constantFrom(...SEPARATORS), segment), { maxLength: 7 }),
    query,
    fc.option(fc.constantFrom(...PATH_FRAGMENTS), { nil: undefined }),
  )
  .map(
    ([prefix, provider, rest, search, fragment]) =>
      `${prefix}${provider}${rest.map(([sep, seg]) => `${sep}${seg}`).join('')}${search}${fragment ? `#${fragment}` : ''}`,
  );

/** A valid target with one dangerous piece spliced in somewhere, or one character's case flipped. */
const mutatedTarget = fc
  .tuple(validTarget, fc.constantFrom(...PATH_FRAGMENTS, ...SEPARATORS), fc.nat(), fc.boolean())
  .map(([target, piece, at, flipCase]) => {
    const i = at % (target.length + 1);
    if (flipCase) {
      const char = target.charAt(i);
      const flipped = char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase();
      return target.slice(0, i) + flipped + target.slice(i + 1);
    }
    return target.slice(0, i) + piece + target.slice(i);
  });

/** A valid log stream route whose name is built from slash, dot and percent pieces. */
const logStreamTarget = fc
  .array(
    fc.constantFrom('a', '.', '..', '%2F', '%2f', '%252F', '%2e', '-', '_', '3.1', ':', '%40', '%3A', ''),
    {
      minLength: 1,
      maxLength: 8,
    },
  )
  .map((pieces) => `/api/parallelcluster/v3/images/custom/img-1/logstreams/${pieces.join('')}`);

const anyTarget = fc.oneof(
  { weight: 2, arbitrary: validTarget },
  { weight: 5, arbitrary: assembledTarget },
  { weight: 5, arbitrary: mutatedTarget },
  { weight: 2, arbitrary: logStreamTarget },
  { weight: 1, arbitrary: fc.constantFrom(...ADVISORY_TARGETS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map((s) => `/api/${s}`) },
);

const method = fc.oneof(
  { weight: 8, arbitrary: fc.constant('GET') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('get', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT', 'GET '),
  },
);

const optional = (values: readonly string[]) => fc.option(fc.constantFrom(...values), { nil: undefined });

const headerSet = fc.record({
  host: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOST_VALUES) },
    {
      weight: 1,
      arbitrary: fc.string({ unit: fc.constantFrom(...'lochst127.0:41[]@evil'.split('')), maxLength: 20 }),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
  ),
  origin: optional(ORIGIN_VALUES),
  secFetchSite: optional(SEC_FETCH_SITE_VALUES),
  routing: fc.array(
    fc.tuple(
      fc.constantFrom(...ROUTING_HEADER_NAMES),
      fc.constantFrom(
        'evil.com',
        'http://169.254.169.254',
        '/api/openai/organization/users',
        'DELETE',
        'https',
        '10.0.0.1',
      ),
    ),
    { maxLength: 3 },
  ),
});

// ---- tests ------------------------------------------------------------------------------------------

describe('proxy fuzz: nothing reaches an upstream outside the route table', () => {
  afterAll(() => {
    console.log(
      `proxy fuzz: ${counts.targets} request targets and ${counts.headerSets} header sets sent through ` +
        `createApiHandler (FUZZ_RUNS=${FUZZ_RUNS}); of all requests in this file ${counts.forwarded} went upstream, all inside the ` +
        `route table; ${counts.refused} refused with a 4xx auditLensProxy body`,
    );
  });

  it('freezes the route table the oracle judges against', () => {
    expect(
      Object.fromEntries(PROVIDER_IDS.map((p) => [p, ROUTES[p].map((route) => route.template)])),
    ).toEqual({
      contabo: ['v1/compute/images/audits'],
      agilicus: ['v1/audits', 'v1/auth_audits'],
      cloudfoundry: ['v3/audit_events'],
      openai: ['organization/audit_logs'],
      parallelcluster: [
        'v3/images/custom/{imageId}/stackevents',
        'v3/images/custom/{imageId}/logstreams',
        'v3/images/custom/{imageId}/logstreams/{logStreamName}',
      ],
    });
  });

  it.each(ADVISORY_TARGETS)('refuses the advisory case %j before anything goes upstream', async (target) => {
    const outcome = await send(request(target));
    expect(outcome.sent).toEqual([]);
    await expectSafe(outcome, target, false);
  });

  it('keeps a "#" after the query a query value, on the provider\'s own origin', async () => {
    const outcome = await send(request('/api/openai/organization/audit_logs?limit=1#@evil.com'));
    expect(outcome.sent.map((item) => item.href)).toEqual([
      'https://api.openai.example/v1/organization/audit_logs?limit=1%23%40evil.com',
    ]);
  });

  it('forwards every valid target to its own provider, exactly (the fuzz is not vacuous)', async () => {
    await fc.assert(
      fc.asyncProperty(validTarget, async (target) => {
        const outcome = await send(request(target));
        expect(outcome.sent, target).toHaveLength(1);
        expect(outcome.sent[0]?.provider, target).toBe(target.split('/')[2]);
        await expectSafe(outcome, target, false);
      }),
      { numRuns: 200 },
    );
  });

  it(`sends ${FUZZ_RUNS} generated request targets: only table routes go upstream, only to their origin, no redirect followed`, async () => {
    await fc.assert(
      fc.asyncProperty(anyTarget, method, fc.boolean(), async (target, verb, redirecting) => {
        counts.targets++;
        const outcome = await send(request(target, verb), redirecting);
        if (verb !== 'GET') expect(outcome.sent, target).toEqual([]);
        await expectSafe(outcome, target, redirecting);
      }),
      { numRuns: FUZZ_RUNS, examples: ADVISORY_TARGETS.map((target) => [target, 'GET', false]) },
    );
    expect(counts.forwarded).toBeGreaterThan(0);
  }, 600_000);

  it(`sends ${FUZZ_RUNS} generated header sets: a foreign Host or a cross-site request never goes upstream`, async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(validTarget, headerSet, async (target, set) => {
        counts.headerSets++;
        const entries: [string, string][] = [];
        if (set.host !== undefined) entries.push(['host', set.host]);
        if (set.origin !== undefined) entries.push(['origin', set.origin]);
        if (set.secFetchSite !== undefined) entries.push(['sec-fetch-site', set.secFetchSite]);
        entries.push(...set.routing);
        const headers = headersOf(entries);
        const outcome = await send(request(target, 'GET', headers));
        const label = `${target} ${JSON.stringify(entries)}`;
        await expectSafe(outcome, label, false);
        if (outcome.sent.length === 0) {
          expect(outcome.response.status, label).toBe(403);
          return;
        }
        accepted++;
        // Accepted only from this server's own names and port, same-origin, whatever else was claimed.
        const host = (headers.get('host') ?? '').toLowerCase();
        expect(['127.0.0.1:4173', 'localhost:4173', '[::1]:4173'], label).toContain(host);
        // An empty value is what a non-browser client sends when it sends none: it is not a browser's cross-site mark.
        expect([null, '', 'same-origin', 'none'], label).toContain(headers.get('sec-fetch-site'));
        const origin = headers.get('origin');
        if (origin !== null) expect(new URL(origin).host, label).toBe(host);
        expect(outcome.sent[0]?.href, label).toBe(expectedHref(target));
      }),
      { numRuns: FUZZ_RUNS },
    );
    expect(accepted).toBeGreaterThan(0);
  }, 600_000);
});

/** Where a valid target must go, whatever headers came with it. */
function expectedHref(target: string): string {
  const [, , provider = '', ...rest] = target.split('?')[0]?.split('/') ?? [];
  const search = target.includes('?') ? `?${target.slice(target.indexOf('?') + 1)}` : '';
  const base = BASE_URLS[provider as ProviderId].replace(/\/+$/, '');
  return new URL(`${base}/${rest.join('/')}${search}`).href;
}
