import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createClock } from '../../simulator-kit/clock.ts';
import { INTRUDER_IP } from '../../simulator-kit/cast.ts';
import { COMPROMISED_ACCOUNT } from '../../simulator-kit/stories.ts';
import { SIMULATED_ALICE, SIMULATED_ORGS } from './data.ts';
import { AGILICUS_DEMO_TOKEN, agilicusSimulatorHandlers } from './handlers.ts';

const BASE = 'https://api.agilicus.com';
const NOW = '2026-11-20T12:00:00.000Z';
const NOW_MS = Date.parse(NOW);
const DAY = 86_400_000;
const handlers = agilicusSimulatorHandlers({
  baseUrl: BASE,
  clock: createClock(NOW),
  scale: 1,
  rateLimit: false,
});

type Row = Record<string, string | null | undefined> & { time: string };
interface Body {
  limit?: number;
  audits?: Row[];
  auth_audits?: Row[];
  error_code?: string;
  error_message?: string;
}

async function call(path: string, query = '', token: string | null = AGILICUS_DEMO_TOKEN, using = handlers) {
  const headers = new Headers();
  if (token) headers.set('authorization', `Bearer ${token}`);
  const response = await getResponse(using, new Request(`${BASE}/v1/${path}${query}`, { headers }));
  if (!response) throw new Error('no handler answered');
  const body = (await response.json()) as Body;
  return {
    status: response.status,
    headers: response.headers,
    body,
    rows: body.audits ?? body.auth_audits ?? [],
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
/** Microseconds of a wire time (the simulator writes +00:00 or Z, with or without a fraction). */
function micros(time: string): number {
  const match = /^(.{19})(?:\.(\d{6}))?(Z|\+00:00)$/.exec(time);
  if (!match) throw new Error(`unexpected time ${time}`);
  return Date.parse(`${match[1] ?? ''}Z`) * 1000 + Number(match[2] ?? '0');
}

describe('Agilicus simulator', () => {
  it('serves about 15,000 records over 30 days across both endpoints', async () => {
    const range = `?dt_from=${iso(NOW_MS - 30 * DAY)}&dt_to=${iso(NOW_MS + 1)}&limit=100000`;
    const audits = await call('audits', range);
    const auth = await call('auth_audits', range);
    const total = audits.rows.length + auth.rows.length;
    expect(total).toBeGreaterThan(13_000);
    expect(total).toBeLessThan(18_000);
    expect(audits.rows.length).toBeGreaterThan(5000);
    expect(auth.rows.length).toBeGreaterThan(5000);
    for (const row of [...audits.rows, ...auth.rows]) {
      const at = micros(row.time) / 1000;
      expect(at).toBeGreaterThanOrEqual(NOW_MS - 30 * DAY);
      expect(at).toBeLessThanOrEqual(NOW_MS);
    }
  });

  it('writes Python isoformat times: microseconds (omitted when zero), +00:00 for audits, Z for auth', async () => {
    const audits = await call('audits', '?dt_from=-7d&limit=100000');
    const auth = await call('auth_audits', '?dt_from=-1d&limit=5');
    expect(audits.rows.some((row) => /\.\d{6}\+00:00$/.test(row.time))).toBe(true);
    expect(audits.rows.some((row) => /:\d{2}\+00:00$/.test(row.time))).toBe(true);
    expect(auth.rows.every((row) => /\.\d{6}Z$|:\d{2}Z$/.test(row.time))).toBe(true);
  });

  it('defaults limit to 500, echoes it, and rejects a limit that is not a positive integer', async () => {
    const all = await call('audits', '?dt_from=-30d');
    expect(all.body.limit).toBe(500);
    expect(all.rows).toHaveLength(500);
    const some = await call('auth_audits', '?dt_from=-30d&limit=7');
    expect(some.body.limit).toBe(7);
    expect(some.rows).toHaveLength(7);
    for (const limit of ['0', '-1', 'abc', '2.5']) {
      const bad = await call('audits', `?limit=${limit}`);
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ error_code: 'BAD_REQUEST' });
      expect(bad.body.error_message).toContain('limit');
    }
  });

  it('answers in an order that is not time-sorted and truncates in that order', async () => {
    const window = `?dt_from=${iso(NOW_MS - DAY)}&dt_to=${iso(NOW_MS)}`;
    const whole = await call('audits', `${window}&limit=100000`);
    const times = whole.rows.map((row) => micros(row.time));
    const ascending = [...times].sort((a, b) => a - b);
    expect(times).not.toEqual(ascending);
    expect(times).not.toEqual([...ascending].reverse());
    const first = await call('audits', `${window}&limit=20`);
    expect(first.rows).toEqual(whole.rows.slice(0, 20));
    // Truncation keeps neither the newest nor the oldest rows alone.
    const newest = [...times].sort((a, b) => b - a).slice(0, 20);
    expect(first.rows.map((row) => micros(row.time)).sort((a, b) => b - a)).not.toEqual(newest);
  });

  it('takes dt_from inclusive and dt_to exclusive at microsecond precision', async () => {
    const whole = await call('audits', `?dt_from=${iso(NOW_MS - DAY)}&limit=100000`);
    const row = whole.rows.find((candidate) => /\.\d{5}[1-9]\+00:00$/.test(candidate.time));
    if (!row) throw new Error('no record with microseconds');
    const at = micros(row.time);
    const bound = (us: number) =>
      encodeURIComponent(
        `${iso(Math.floor(us / 1000)).slice(0, 19)}.${String(us % 1_000_000).padStart(6, '0')}+00:00`,
      );
    const exact = await call('audits', `?dt_from=${bound(at)}&dt_to=${bound(at + 1)}&limit=100000`);
    expect(exact.rows.length).toBeGreaterThan(0);
    expect(exact.rows.every((candidate) => candidate.time === row.time)).toBe(true);
    const before = await call('audits', `?dt_from=${bound(at - 5_000_000)}&dt_to=${bound(at)}&limit=100000`);
    expect(before.rows.every((candidate) => micros(candidate.time) < at)).toBe(true);
    const after = await call(
      'audits',
      `?dt_from=${bound(at + 1)}&dt_to=${bound(at + 5_000_000)}&limit=100000`,
    );
    expect(after.rows.every((candidate) => micros(candidate.time) > at)).toBe(true);
  });

  it('reads every documented date form: RFC 3339 with microseconds and offsets, now, today, now-1day, -15d', async () => {
    const count = async (query: string) => {
      const answer = await call('auth_audits', `${query}&limit=100000`);
      expect(answer.status).toBe(200);
      return answer.rows.length;
    };
    const day = await count(`?dt_from=${iso(NOW_MS - DAY)}`);
    expect(await count('?dt_from=now-1day')).toBe(day);
    expect(await count('?dt_from=-1d')).toBe(day);
    expect(await count('?dt_from=-24h&dt_to=now')).toBe(day);
    expect(await count(`?dt_from=${encodeURIComponent('2026-11-19T12:00:00.000000+00:00')}`)).toBe(day);
    expect(await count(`?dt_from=${encodeURIComponent('2026-11-19T14:00:00+02:00')}`)).toBe(day);
    expect(await count('?dt_from=-15d')).toBe(await count(`?dt_from=${iso(NOW_MS - 15 * DAY)}`));
    expect(await count('?dt_from=today')).toBe(await count('?dt_from=2026-11-20'));
    expect(await count('?dt_from=now')).toBe(0);
    expect(await count('?dt_to=-29d')).toBe(await count(`?dt_to=${iso(NOW_MS - 29 * DAY)}`));
  });

  it('answers 400 with an ErrorMessage for a date it cannot read (an unencoded + becomes a space)', async () => {
    for (const value of [
      'yesterday-ish',
      '2026-13-01',
      '2026-11-20T12:00:00.000000 00:00',
      'now-3fortnights',
    ]) {
      const bad = await call('audits', `?dt_from=${encodeURIComponent(value)}`);
      expect(bad.status).toBe(400);
      expect(bad.body.error_message).toContain('dt_from');
    }
    expect((await call('auth_audits', '?dt_to=soon')).body.error_message).toContain('dt_to');
  });

  it('filters /v1/audits on every documented parameter', async () => {
    const all = (await call('audits', '?dt_from=-30d&limit=100000')).rows;
    const sample = all.find((row) => row.target_resource_type === 'user_role') ?? all[0]!;
    for (const name of [
      'user_id',
      'action',
      'target_id',
      'token_id',
      'api_name',
      'target_resource_type',
      'org_id',
    ]) {
      const value = sample[name];
      if (typeof value !== 'string') throw new Error(`sample lacks ${name}`);
      const { rows } = await call(
        'audits',
        `?dt_from=-30d&limit=100000&${name}=${encodeURIComponent(value)}`,
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row[name] === value)).toBe(true);
      expect(rows.length).toBe(all.filter((row) => row[name] === value).length);
    }
    const apps = await call('audits', '?dt_from=-30d&limit=100000&attribute_type=application');
    expect(apps.rows.length).toBeGreaterThan(0);
    expect(
      apps.rows.every((row) =>
        ['application', 'application_permission'].includes(row.target_resource_type ?? ''),
      ),
    ).toBe(true);
    const byId = await call('audits', `?dt_from=-30d&limit=100000&attribute_id=${SIMULATED_ALICE.userId}`);
    expect(byId.rows.length).toBeGreaterThan(0);
    const org = await call(
      'audits',
      `?dt_from=-30d&limit=100000&attribute_type=user&attribute_org_id=${SIMULATED_ORGS[1].id}`,
    );
    expect(org.rows.every((row) => row.org_id === SIMULATED_ORGS[1].id)).toBe(true);
    const connector = await call(
      'audits',
      '?dt_from=-30d&limit=100000&resources_behind_connector_id=Cn5Rb8Mz2Wq7Ex4',
    );
    expect(connector.rows.length).toBeGreaterThan(0);
    expect(new Set(connector.rows.map((row) => row.api_name))).toEqual(new Set(['connectors', 'resources']));
    const list = await call(
      'audits',
      '?dt_from=-30d&limit=100000&attribute_type_list=issuer&attribute_type_list=connector',
    );
    expect(new Set(list.rows.map((row) => row.api_name))).toEqual(
      new Set(['issuers', 'connectors', 'resources']),
    );
    const ids = await call(
      'audits',
      '?dt_from=-30d&limit=100000&attribute_id_list=Cn5Rb8Mz2Wq7Ex4&attribute_id_list=Is4Fg7Hj2Kl9Qw3',
    );
    expect(ids.rows.length).toBeGreaterThan(0);
    expect(ids.rows.length).toBeLessThan(connector.rows.length + list.rows.length);
  });

  it('filters /v1/auth_audits on every documented parameter', async () => {
    const all = (await call('auth_audits', '?dt_from=-30d&limit=100000')).rows;
    const sample =
      all.find((row) => row.event_name === 'Authentication Request' && row.result === 'Failure') ?? all[0]!;
    const columns: Record<string, string> = {
      user_id: 'user_id',
      org_id: 'org_id',
      session_id: 'session',
      trace_id: 'trace_id',
      upstream_user_id: 'upstream_user_id',
      upstream_idp: 'upstream_idp',
      login_org_id: 'login_org_id',
      source_ip: 'source_ip',
      client_id: 'client_id',
      event: 'event',
      stage: 'stage',
      request_id: 'request_id',
      result: 'result',
      event_name: 'event_name',
    };
    for (const [param, column] of Object.entries(columns)) {
      const value = sample[column];
      if (typeof value !== 'string') throw new Error(`sample lacks ${column}`);
      const { rows } = await call(
        'auth_audits',
        `?dt_from=-30d&limit=100000&${param}=${encodeURIComponent(value)}`,
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.length).toBe(all.filter((row) => row[column] === value).length);
    }
  });

  it("tells Alice's side of the compromised-account story with the story's trace id", async () => {
    const story = COMPROMISED_ACCOUNT;
    const { rows } = await call('auth_audits', `?dt_from=-1d&limit=100000&source_ip=${INTRUDER_IP}`);
    expect(
      rows.every((row) => row.trace_id === story.traceId && row.user_id === SIMULATED_ALICE.userId),
    ).toBe(true);
    const failures = rows.filter(
      (row) => row.event_name === 'Authentication Request' && row.result === 'Failure',
    );
    expect(failures).toHaveLength(3);
    const at = story.failedLoginsAt(NOW_MS);
    for (const row of failures) {
      expect(micros(row.time) / 1000).toBeGreaterThanOrEqual(at);
      expect(micros(row.time) / 1000).toBeLessThan(at + 30_000);
    }
    expect(
      rows.filter((row) => row.result === 'Success' && row.event_name === 'Authentication Request'),
    ).toHaveLength(1);
    expect(
      rows.find((row) => row.result === 'Success' && row.event_name === 'Authentication Request')?.request_id,
    ).toBe(story.requestId);
    expect(rows.every((row) => row.upstream_user_id === 'alice.nguyen@example.com')).toBe(true);
    const audits = await call('audits', `?dt_from=-1d&limit=100000&user_id=${SIMULATED_ALICE.userId}`);
    const intruder = audits.rows.filter((row) => row.source_ip === INTRUDER_IP);
    expect(intruder.map((row) => `${row.action ?? ''} ${row.api_name ?? ''}`).sort()).toEqual([
      'CREATE tokens',
      'UPDATE applications',
    ]);
  });

  it('holds identical records in one instant and runs of records sharing one instant', async () => {
    const auth = (await call('auth_audits', '?dt_from=-30d&limit=100000')).rows;
    const seen = new Set<string>();
    let identical = 0;
    for (const row of auth) {
      const text = JSON.stringify(row);
      if (seen.has(text)) identical++;
      seen.add(text);
    }
    expect(identical).toBeGreaterThan(0);
    const audits = (await call('audits', '?dt_from=-30d&limit=100000')).rows;
    const perInstant = new Map<string, number>();
    for (const row of audits) perInstant.set(row.time, (perInstant.get(row.time) ?? 0) + 1);
    expect(Math.max(...perInstant.values())).toBeGreaterThanOrEqual(5);
  });

  it('answers 401 ErrorMessages for a missing, invalid or expired token without echoing it', async () => {
    const missing = await call('audits', '', null);
    expect(missing.status).toBe(401);
    expect(missing.body.error_message).toMatch(/no bearer token/);
    const wrong = await call('auth_audits', '', 'not-the-token');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error_code: 'TOKEN_INVALID', error_message: 'the bearer token is invalid' });
    const claims = (exp: number) => Buffer.from(JSON.stringify({ sub: 'x', exp })).toString('base64url');
    const expired = await call('audits', '', `eyJhbGciOiJSUzI1NiJ9.${claims(NOW_MS / 1000 - 60)}.c2ln`);
    expect(expired.status).toBe(401);
    expect(expired.body.error_code).toBe('TOKEN_EXPIRED');
    expect(expired.body.error_message).toMatch(/expired/);
    const unknown = await call('audits', '', `eyJhbGciOiJSUzI1NiJ9.${claims(NOW_MS / 1000 + 600)}.c2ln`);
    expect(unknown.body.error_code).toBe('TOKEN_INVALID');
  });

  it('answers 429 with Retry-After once its rate limit is spent', async () => {
    const limited = agilicusSimulatorHandlers({
      baseUrl: BASE,
      clock: createClock(NOW),
      scale: 1,
      rateLimit: { burst: 2, perSecond: 0.5 },
    });
    const statuses: number[] = [];
    let last = await call('audits', '?dt_from=now-1h', AGILICUS_DEMO_TOKEN, limited);
    statuses.push(last.status);
    for (let i = 0; i < 2; i++) {
      last = await call('auth_audits', '?dt_from=now-1h', AGILICUS_DEMO_TOKEN, limited);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(last.body.error_message).toMatch(/too busy/);
  });

  it('is deterministic for a pinned clock and grows with scale', async () => {
    const again = agilicusSimulatorHandlers({
      baseUrl: BASE,
      clock: createClock(NOW),
      scale: 1,
      rateLimit: false,
    });
    const query = '?dt_from=-2d&limit=300';
    expect((await call('audits', query, AGILICUS_DEMO_TOKEN, again)).body).toEqual(
      (await call('audits', query)).body,
    );
    const bigger = agilicusSimulatorHandlers({
      baseUrl: BASE,
      clock: createClock(NOW),
      scale: 3,
      rateLimit: false,
    });
    const small = await call('auth_audits', '?dt_from=-2d&limit=100000');
    const large = await call('auth_audits', '?dt_from=-2d&limit=100000', AGILICUS_DEMO_TOKEN, bigger);
    expect(large.rows.length).toBeGreaterThan(small.rows.length * 2);
  });
});
