import { CAST, INTRUDER_AGENT, type Person } from '../../simulator-kit/cast.ts';
import { HOUR_MS } from '../../simulator-kit/clock.ts';
import { createHourlyHistory, eventsThisHour } from '../../simulator-kit/hourly-events.ts';
import {
  hashSeed,
  pick,
  pickWeighted,
  randomAlnum,
  randomHex,
  randomUuid,
  seededRandom,
  type Random,
} from '../../simulator-kit/random.ts';
import { COMPROMISED_ACCOUNT } from '../../simulator-kit/stories.ts';

/** What `/v1/audits` can filter on across attributes; not part of the wire record (unconfirmed there). */
export interface AuditAttribute {
  attribute_type: string;
  attribute_id: string;
  attribute_org_id: string | null;
}

/** A simulated record in Agilicus' wire format, with what the simulator indexes and orders it by. */
export interface SimulatedRecord {
  /** Milliseconds, for the hourly history window. */
  time: number;
  /** The record's exact instant: the API compares `dt_from`/`dt_to` at this precision. */
  micros: number;
  /** Insertion order: the (undocumented) order the server answers in, oldest hour first, shuffled inside. */
  seq: number;
  record: Record<string, unknown> & { time: string };
  attributes: readonly AuditAttribute[];
  connectorId?: string;
}

export const SIMULATED_ORGS = [
  { id: 'Gk2Lm8Zq1RtY4vB9', name: 'example' },
  { id: 'Hq7Ns3Wd5KpX2mC8', name: 'example-engineering' },
  { id: 'Pz4Tc9Lb6JwE1sA3', name: 'example-partners' },
] as const;
type Org = (typeof SIMULATED_ORGS)[number];

const APPLICATIONS = [
  { id: 'Ap7Vd2Hs9QxK3mL1', clientId: 'admin-portal', name: 'admin' },
  { id: 'Ap2Rt6Yu8IoP4aS5', clientId: 'profile', name: 'profile' },
  { id: 'Ap9Df3Gh1JkL7zX2', clientId: 'payroll-web', name: 'payroll' },
  { id: 'Ap4Cv8Bn6Mq2Wd9', clientId: 'wiki-web', name: 'wiki' },
  { id: 'Ap5Ex1Rf7Tg3Yh8', clientId: 'grafana-app', name: 'grafana' },
  { id: 'Ap3Uj9Ik5Ol1Pm6', clientId: 'agilicus-cli', name: 'agilicus-cli' },
] as const;
type Application = (typeof APPLICATIONS)[number];

const CONNECTORS = ['Cn5Rb8Mz2Wq7Ex4', 'Cn9Ty3Kd6Lp1Vb8'] as const;
const ISSUER = { id: 'Is4Fg7Hj2Kl9Qw3', url: 'https://auth.example.com' } as const;
const POLICY_ID = 'Po6Zx2Cv9Bn4Ma1';
const IDPS = ['google', 'azure', 'okta'] as const;

interface Identity {
  person: Person;
  userId: string;
  org: Org;
  idp: (typeof IDPS)[number];
  upstreamUserId: string;
}

function identityOf(person: Person, index: number): Identity {
  const random = seededRandom(hashSeed('agilicus-user', person.uuid));
  const org = SIMULATED_ORGS[index % 10 < 7 ? 0 : index % 10 < 9 ? 1 : 2];
  const idp = index === 0 ? 'okta' : pick(random, IDPS);
  const upstreamUserId =
    idp === 'google'
      ? String(100_000_000_000 + Math.floor(random() * 899_999_999_999)) + String(Math.floor(random() * 1e9))
      : idp === 'azure'
        ? randomUuid(random)
        : person.email;
  return { person, userId: randomAlnum(random, 22), org, idp, upstreamUserId };
}

/** Every cast member's Agilicus user: an opaque id, their org and the upstream IdP they sign in with. */
export const AGILICUS_IDENTITIES: readonly Identity[] = CAST.map(identityOf);
const ALICE = AGILICUS_IDENTITIES[0] as Identity;

/** Python's `isoformat()`: microseconds only when non-zero; audits say `+00:00`, auth audits `Z`. */
export function formatMicros(micros: number, zone: '+00:00' | 'Z'): string {
  const seconds = new Date(Math.floor(micros / 1000)).toISOString().slice(0, 19);
  const fraction = micros % 1_000_000;
  return `${seconds}${fraction === 0 ? '' : `.${String(fraction).padStart(6, '0')}`}${zone}`;
}

function sessionOf(identity: Identity, micros: number): string {
  const day = Math.floor(micros / 86_400_000_000);
  return randomAlnum(seededRandom(hashSeed('agilicus-session', identity.userId, day)), 22);
}

function tokenOf(identity: Identity, micros: number): string {
  const hour = Math.floor(micros / (HOUR_MS * 1000));
  return randomAlnum(seededRandom(hashSeed('agilicus-token', identity.userId, hour)), 22);
}

interface AuditTarget {
  targetId: string;
  parentId?: string;
  secondaryId?: string;
  attributes: AuditAttribute[];
  connectorId?: string;
}

interface AuditKind {
  api: string;
  type: string;
  actions: readonly (readonly [string, number])[];
  target: (random: Random, actor: Identity) => AuditTarget;
}

const attribute = (type: string, id: string, org: string | null): AuditAttribute => ({
  attribute_type: type,
  attribute_id: id,
  attribute_org_id: org,
});

function appTarget(random: Random, actor: Identity): AuditTarget {
  const app: Application = pick(random, APPLICATIONS);
  return { targetId: app.id, attributes: [attribute('application', app.id, actor.org.id)] };
}

function userTarget(random: Random, actor: Identity): AuditTarget {
  const other = pick(random, AGILICUS_IDENTITIES);
  return { targetId: other.userId, attributes: [attribute('user', other.userId, actor.org.id)] };
}

/** What the simulated organisation changes through the API, and how often. */
const AUDIT_KINDS: readonly (readonly [AuditKind, number])[] = [
  [
    {
      api: 'tokens',
      type: 'token',
      actions: [
        ['CREATE', 8],
        ['DELETE', 1.5],
      ],
      target: (random, actor) => ({
        targetId: randomAlnum(random, 22),
        attributes: [attribute('user', actor.userId, actor.org.id)],
      }),
    },
    22,
  ],
  [
    {
      api: 'applications',
      type: 'application',
      actions: [
        ['UPDATE', 5],
        ['CREATE', 0.6],
        ['DELETE', 0.2],
      ],
      target: appTarget,
    },
    6,
  ],
  [
    {
      api: 'users',
      type: 'user',
      actions: [
        ['UPDATE', 4],
        ['CREATE', 1.2],
        ['DELETE', 0.3],
      ],
      target: userTarget,
    },
    6,
  ],
  [
    {
      api: 'users',
      type: 'user_role',
      actions: [
        ['UPDATE', 2],
        ['CREATE', 1],
        ['DELETE', 0.5],
      ],
      target: (random, actor) => ({ ...userTarget(random, actor), secondaryId: actor.org.id }),
    },
    4,
  ],
  [
    {
      api: 'permissions',
      type: 'application_permission',
      actions: [
        ['CREATE', 1],
        ['DELETE', 0.4],
      ],
      target: (random, actor) => ({ ...appTarget(random, actor), secondaryId: pick(random, CAST).uuid }),
    },
    2,
  ],
  [
    {
      api: 'issuers',
      type: 'issuer_client',
      actions: [
        ['UPDATE', 1],
        ['CREATE', 0.3],
      ],
      target: (random, actor) => ({
        targetId: randomAlnum(random, 16),
        parentId: ISSUER.id,
        attributes: [attribute('issuer', ISSUER.id, actor.org.id)],
      }),
    },
    1.5,
  ],
  [
    {
      api: 'connectors',
      type: 'agent_connector',
      actions: [
        ['UPDATE', 2],
        ['CREATE', 0.2],
      ],
      target: (random, actor) => {
        const connector = pick(random, CONNECTORS);
        return {
          targetId: connector,
          connectorId: connector,
          attributes: [attribute('connector', connector, actor.org.id)],
        };
      },
    },
    2,
  ],
  [
    {
      api: 'resources',
      type: 'resource_permission',
      actions: [
        ['CREATE', 1],
        ['DELETE', 0.5],
      ],
      target: (random, actor) => {
        const connector = pick(random, CONNECTORS);
        const resource = `Rs${randomAlnum(random, 14)}`;
        return {
          targetId: resource,
          connectorId: connector,
          attributes: [
            attribute('resource', resource, actor.org.id),
            attribute('connector', connector, null),
          ],
        };
      },
    },
    2,
  ],
  [
    {
      api: 'files',
      type: 'file',
      actions: [
        ['CREATE', 2],
        ['DELETE', 0.5],
      ],
      target: (random) => ({ targetId: randomAlnum(random, 16), attributes: [] }),
    },
    2,
  ],
  [
    {
      api: 'challenges',
      type: 'challenge',
      actions: [['CREATE', 1]],
      target: (random, actor) => ({
        targetId: randomAlnum(random, 16),
        attributes: [attribute('user', actor.userId, actor.org.id)],
      }),
    },
    3,
  ],
  [
    {
      api: 'policies',
      type: 'policy_rule',
      actions: [
        ['UPDATE', 1],
        ['CREATE', 0.4],
        ['DELETE', 0.2],
      ],
      target: (random) => ({ targetId: randomAlnum(random, 16), parentId: POLICY_ID, attributes: [] }),
    },
    1.5,
  ],
  [
    {
      api: 'orgs',
      type: 'org',
      actions: [['UPDATE', 1]],
      target: (_random, actor) => ({
        targetId: actor.org.id,
        attributes: [attribute('org', actor.org.id, actor.org.id)],
      }),
    },
    0.6,
  ],
  [
    {
      api: 'certificates',
      type: 'certificate',
      actions: [['CREATE', 1]],
      target: (random) => ({ targetId: randomAlnum(random, 16), attributes: [] }),
    },
    0.3,
  ],
];

const ROLE_KIND = AUDIT_KINDS[3]?.[0] as AuditKind;

function auditRecord(
  random: Random,
  micros: number,
  actor: Identity,
  kind: AuditKind,
  action: string,
  target: AuditTarget,
  overrides: Record<string, unknown> = {},
): Omit<SimulatedRecord, 'seq'> {
  return {
    time: Math.floor(micros / 1000),
    micros,
    attributes: target.attributes,
    connectorId: target.connectorId,
    record: {
      user_id: actor.userId,
      target_resource_type: kind.type,
      api_name: kind.api,
      org_id: actor.org.id,
      time: formatMicros(micros, '+00:00'),
      action,
      source_ip: pick(random, actor.person.ips),
      target_id: target.targetId,
      token_id: tokenOf(actor, micros),
      trace_id: randomHex(random, 32),
      session: sessionOf(actor, micros),
      secondary_id: target.secondaryId ?? null,
      tertiary_id: null,
      parent_id: target.parentId ?? null,
      grandparent_id: null,
      ...overrides,
    },
  };
}

/** One step of a sign-in: [event_name, deprecated stage, result, deprecated event]. */
type Step = readonly [eventName: string, stage: string, result: string, event: string];
const REQUEST: Step = ['Authentication Request', 'Login', 'InProgress', 'Success'];
const IDP_AUTH: Step = ['Identity Provider Authentication', 'Upstream', 'Authenticate', 'Success'];
const CALLBACK_OK: Step = ['Identity Provider Callback', 'Callback', 'Success', 'Success'];
const CALLBACK_FAILED: Step = ['Identity Provider Callback', 'Callback', 'Failure', 'Failure'];
const MFA_CHALLENGE: Step = ['MFA Challenge', 'Mfa', 'DoMfa', 'Success'];
const MFA_OK: Step = ['MFA Challenge', 'Mfa', 'Success', 'Success'];
const MFA_FAILED: Step = ['MFA Challenge', 'Mfa', 'Failure', 'Failure'];
const POLICY_OK: Step = ['Policy Evaluation', 'Policy', 'Success', 'Success'];
const POLICY_DENIED: Step = ['Policy Evaluation', 'Policy', 'Denied', 'Failure'];
const CODE: Step = ['Token', 'Token', 'CodeIssued', 'Success'];
const REFRESH: Step = ['Token', 'Token', 'Success', 'Success'];
const SIGNED_IN: Step = ['Authentication Request', 'Login', 'Success', 'Success'];
const SIGN_IN_FAILED: Step = ['Authentication Request', 'Login', 'Failure', 'Failure'];
const SIGN_IN_DENIED: Step = ['Authentication Request', 'Login', 'Denied', 'Failure'];
const TIMED_OUT: Step = ['Authentication Request', 'Login', 'Timeout', 'Failure'];
const EXPIRED: Step = ['Authentication Request', 'Login', 'SessionExpired', 'Failure'];

/** Kinds of sign-in and how often each happens. */
const FLOWS: readonly (readonly [(random: Random) => readonly Step[], number])[] = [
  [
    (random) =>
      random() < 0.3
        ? [REQUEST, IDP_AUTH, CALLBACK_OK, MFA_CHALLENGE, MFA_OK, POLICY_OK, CODE, SIGNED_IN]
        : [REQUEST, IDP_AUTH, CALLBACK_OK, POLICY_OK, CODE, SIGNED_IN],
    40,
  ],
  [() => [REFRESH], 35],
  [() => [REQUEST, IDP_AUTH, CALLBACK_FAILED, SIGN_IN_FAILED], 8],
  [() => [REQUEST, IDP_AUTH, CALLBACK_OK, POLICY_DENIED, SIGN_IN_DENIED], 3],
  [() => [REQUEST, IDP_AUTH, CALLBACK_OK, MFA_CHALLENGE, MFA_FAILED, SIGN_IN_FAILED], 2],
  [() => [REQUEST, IDP_AUTH, TIMED_OUT], 3],
  [() => [EXPIRED], 4],
];

interface FlowContext {
  identity: Identity;
  app: Application;
  ip: string;
  userAgent: string;
  traceId: string;
  requestId: string;
  session: string;
}

function authRecord(micros: number, step: Step, flow: FlowContext, tokenId: string | null) {
  const [eventName, stage, result, event] = step;
  const { identity, app } = flow;
  return {
    time: Math.floor(micros / 1000),
    micros,
    attributes: [],
    record: {
      user_id: identity.userId,
      upstream_user_id: identity.upstreamUserId,
      org_id: identity.org.id,
      org_name: identity.org.name,
      time: formatMicros(micros, 'Z'),
      event,
      event_name: eventName,
      source_ip: flow.ip,
      token_id: tokenId,
      trace_id: flow.traceId,
      session: flow.session,
      issuer: ISSUER.url,
      client_id: app.clientId,
      application_name: app.name,
      login_org_id: identity.org.id,
      login_org_name: identity.org.name,
      upstream_idp: identity.idp,
      stage,
      result,
      user_agent: flow.userAgent,
      request_id: flow.requestId,
    },
  };
}

function flowRecords(random: Random, startMicros: number, steps: readonly Step[], flow: FlowContext) {
  let at = startMicros;
  return steps.map((step) => {
    const issued = step === CODE || step === REFRESH || step === SIGNED_IN;
    const record = authRecord(at, step, flow, issued ? randomAlnum(random, 22) : null);
    at += 150_000 + Math.floor(random() * 3_000_000);
    return record;
  });
}

function randomFlow(random: Random, identity: Identity): FlowContext {
  return {
    identity,
    app: pick(random, APPLICATIONS),
    ip: pick(random, identity.person.ips),
    userAgent: identity.person.userAgent,
    traceId: randomHex(random, 32),
    requestId: randomUuid(random),
    session: randomAlnum(random, 22),
  };
}

/** About 10.5 audit records an hour (×scale), plus bulk role changes that share one instant. */
function generateAuditHour(scale: number) {
  return (random: Random, hourStart: number): SimulatedRecord[] => {
    const out: Omit<SimulatedRecord, 'seq'>[] = [];
    const count = eventsThisHour(random, hourStart, 10.5, scale);
    for (let i = 0; i < count; i++) {
      let micros = hourStart * 1000 + Math.floor(random() * HOUR_MS * 1000);
      // Some records carry whole seconds: isoformat() then omits the fraction altogether.
      if (random() < 0.03) micros = Math.floor(micros / 1_000_000) * 1_000_000;
      const kind = pickWeighted(random, AUDIT_KINDS);
      const actor = pick(random, AGILICUS_IDENTITIES);
      out.push(
        auditRecord(
          random,
          micros,
          actor,
          kind,
          pickWeighted(random, kind.actions),
          kind.target(random, actor),
        ),
      );
    }
    // Now and then an admin grants a role to a whole team in one call: many records, one instant.
    if (random() < 0.03 * Math.min(scale, 10)) {
      const micros = hourStart * 1000 + Math.floor(random() * HOUR_MS * 1000);
      const admin = pick(random, AGILICUS_IDENTITIES);
      const traceId = randomHex(random, 32);
      const burst = 5 + Math.floor(random() * 36);
      for (let i = 0; i < burst; i++)
        out.push(
          auditRecord(random, micros, admin, ROLE_KIND, 'CREATE', ROLE_KIND.target(random, admin), {
            trace_id: traceId,
          }),
        );
    }
    return ordered(out, hourStart);
  };
}

/** About three sign-ins an hour (×scale), each several records; now and then one record is logged twice. */
function generateAuthHour(scale: number) {
  return (random: Random, hourStart: number): SimulatedRecord[] => {
    const out: Omit<SimulatedRecord, 'seq'>[] = [];
    const count = eventsThisHour(random, hourStart, 3, scale);
    for (let i = 0; i < count; i++) {
      const start = hourStart * 1000 + Math.floor(random() * (HOUR_MS - 60_000) * 1000);
      const identity = pick(random, AGILICUS_IDENTITIES);
      const steps = pickWeighted(random, FLOWS)(random);
      out.push(...flowRecords(random, start, steps, randomFlow(random, identity)));
    }
    // A token refresh logged twice, field for field: identical records in one instant are real.
    if (random() < 0.05 * Math.min(scale, 10)) {
      const start = hourStart * 1000 + Math.floor(random() * (HOUR_MS - 60_000) * 1000);
      const [record] = flowRecords(
        random,
        start,
        [REFRESH],
        randomFlow(random, pick(random, AGILICUS_IDENTITIES)),
      );
      if (record) out.push(record, { ...record, record: { ...record.record } });
    }
    return ordered(out, hourStart);
  };
}

/** Numbers the hour's records in insertion order, then sorts them by instant for the simulator's index. */
function ordered(records: Omit<SimulatedRecord, 'seq'>[], hourStart: number): SimulatedRecord[] {
  const base = Math.floor(hourStart / HOUR_MS) * 1_000_000;
  return records
    .map((record, index) => ({ ...record, seq: base + index }))
    .sort((a, b) => a.micros - b.micros || a.seq - b.seq);
}

const STORY_SEQ = Number.MAX_SAFE_INTEGER - 1000;

/** Alice's side of the story at Agilicus: failed sign-ins from the intruder's address, then one that works. */
function storyAuth(anchor: number): SimulatedRecord[] {
  const story = COMPROMISED_ACCOUNT;
  const random = seededRandom(hashSeed('agilicus-story'));
  const flow: FlowContext = {
    identity: ALICE,
    app: APPLICATIONS[0],
    ip: story.ip,
    userAgent: INTRUDER_AGENT,
    traceId: story.traceId,
    requestId: randomUuid(random),
    session: 'StoryIntruderSess0001A',
  };
  const start = story.failedLoginsAt(anchor) * 1000;
  const failed = [0, 7, 19].flatMap((seconds, attempt) =>
    flowRecords(random, start + seconds * 1_000_000 + 123_456, [CALLBACK_FAILED, SIGN_IN_FAILED], {
      ...flow,
      requestId: `${flow.requestId.slice(0, -1)}${String(attempt)}`,
    }),
  );
  const success = flowRecords(
    random,
    start + 60_000_000 + 654_321,
    [REQUEST, IDP_AUTH, CALLBACK_OK, POLICY_OK, CODE, SIGNED_IN],
    { ...flow, requestId: story.requestId },
  );
  return [...failed, ...success].map((record, index) => ({ ...record, seq: STORY_SEQ + index }));
}

/** …and what the intruder did with the session: a token created, an application changed. */
function storyAudits(anchor: number): SimulatedRecord[] {
  const story = COMPROMISED_ACCOUNT;
  const random = seededRandom(hashSeed('agilicus-story-audits'));
  const tokens = AUDIT_KINDS[0]?.[0] as AuditKind;
  const applications = AUDIT_KINDS[1]?.[0] as AuditKind;
  const common = { source_ip: story.ip, trace_id: story.traceId, session: 'StoryIntruderSess0001A' };
  const payroll = APPLICATIONS[2];
  return [
    auditRecord(
      random,
      story.failedLoginsAt(anchor) * 1000 + 75_000_000 + 250_000,
      ALICE,
      tokens,
      'CREATE',
      { targetId: 'StoryExfilToken000001', attributes: [attribute('user', ALICE.userId, ALICE.org.id)] },
      common,
    ),
    auditRecord(
      random,
      story.appChangedAt(anchor) * 1000 + 500_000,
      ALICE,
      applications,
      'UPDATE',
      { targetId: payroll.id, attributes: [attribute('application', payroll.id, ALICE.org.id)] },
      common,
    ),
  ].map((record, index) => ({ ...record, seq: STORY_SEQ + 100 + index }));
}

function insertSorted(sorted: SimulatedRecord[], extra: readonly SimulatedRecord[], now: number) {
  const out = [...sorted];
  for (const record of extra) {
    if (record.time > now) continue;
    let low = 0;
    let high = out.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((out[middle]?.micros ?? 0) <= record.micros) low = middle + 1;
      else high = middle;
    }
    out.splice(low, 0, record);
  }
  return out;
}

/** Both Agilicus logs over 30 days before `now`, each sorted by instant (oldest first). */
export function createAgilicusHistory(scale: number, storyAnchor: number) {
  const audits = createHourlyHistory('agilicus.audits', generateAuditHour(scale));
  const auth = createHourlyHistory('agilicus.auth', generateAuthHour(scale));
  const story = { audits: storyAudits(storyAnchor), auth: storyAuth(storyAnchor) };
  let memo: { second: number; audits: SimulatedRecord[]; auth: SimulatedRecord[] } | undefined;
  const at = (now: number) => {
    const second = Math.floor(now / 1000);
    if (memo?.second !== second) {
      memo = {
        second,
        audits: insertSorted(audits.window(now), story.audits, now),
        auth: insertSorted(auth.window(now), story.auth, now),
      };
    }
    return memo;
  };
  return {
    audits: (now: number): readonly SimulatedRecord[] => at(now).audits,
    auth: (now: number): readonly SimulatedRecord[] => at(now).auth,
  };
}

export const SIMULATED_ALICE = ALICE;
export const SIMULATED_APPLICATIONS = APPLICATIONS;
