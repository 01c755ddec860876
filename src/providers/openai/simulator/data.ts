import { CAST, INTRUDER_AGENT, type Person } from '../../simulator-kit/cast.ts';
import { createHourlyHistory, eventsThisHour } from '../../simulator-kit/hourly-events.ts';
import { pick, pickWeighted, randomAlnum, randomHex, type Random } from '../../simulator-kit/random.ts';
import { COMPROMISED_ACCOUNT } from '../../simulator-kit/stories.ts';

/** A simulated audit log in OpenAI's wire format, plus its time in ms for the simulator's own indexing. */
export interface SimulatedAuditLog {
  time: number;
  record: Record<string, unknown> & { id: string; type: string; effective_at: number };
}

const PROJECTS = [
  { id: 'proj_Default0000000000000', name: 'Default project' },
  { id: 'proj_Pay7mK2xQ9Lr4tVb8nWc', name: 'Payments (prod)' },
  { id: 'proj_Sup3aH6yJ1Ne5uXo2pZd', name: 'Support assistant' },
  { id: 'proj_Res9cT4wF7Gi2kYm6sLq', name: 'Research sandbox' },
  { id: 'proj_Dat5bP8vR3Mh1jUe7xKo', name: 'Data pipeline' },
] as const;

const SERVICE_ACCOUNTS = ['svc_acct_ci_deploy', 'svc_acct_support_bot', 'svc_acct_batch_jobs'] as const;

/** Event types of the simulated organisation and how often each happens. */
const TYPE_WEIGHTS: readonly (readonly [string, number])[] = [
  ['login.succeeded', 30],
  ['logout.succeeded', 12],
  ['login.failed', 4],
  ['api_key.created', 5],
  ['api_key.updated', 2],
  ['api_key.deleted', 3],
  ['project.updated', 3],
  ['project.created', 1],
  ['project.archived', 0.3],
  ['invite.sent', 2],
  ['invite.accepted', 1.5],
  ['invite.deleted', 0.3],
  ['user.added', 1.5],
  ['user.updated', 1],
  ['user.deleted', 0.3],
  ['service_account.created', 0.5],
  ['service_account.updated', 0.3],
  ['service_account.deleted', 0.2],
  ['rate_limit.updated', 0.8],
  ['organization.updated', 0.3],
  ['certificate.created', 0.2],
  ['ip_allowlist.updated', 0.2],
  ['role.assignment.created', 0.6],
  ['role.assignment.deleted', 0.3],
  ['group.updated', 0.3],
  ['checkpoint.permission.created', 0.2],
  ['tenant.user.looked_up', 0.5],
  ['resource.deleted', 0.2],
];

const SCOPES = [
  'api.model.request',
  'api.model.read',
  'api.files.write',
  'api.fine_tuning.jobs.write',
] as const;

function dayStamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replace(/-/g, '');
}

function sessionActor(
  random: Random,
  person: Person,
  ip = pick(random, person.ips),
  agent = person.userAgent,
) {
  return {
    type: 'session',
    session: {
      user: { id: person.userId, email: person.email },
      ip_address: ip,
      user_agent: agent,
      ja3: randomHex(random, 32),
      ja4: `t13d1516h2_${randomHex(random, 12)}_${randomHex(random, 12)}`,
      ip_address_details: {
        country: person.country,
        city: person.city,
        region: person.city,
        region_code: person.country,
        asn: String(10_000 + Math.floor(random() * 50_000)),
        latitude: (random() * 120 - 60).toFixed(4),
        longitude: (random() * 340 - 170).toFixed(4),
      },
    },
  };
}

function apiKeyActor(random: Random, person: Person) {
  if (random() < 0.35) {
    return {
      type: 'api_key',
      api_key: {
        id: `key_${randomAlnum(random, 16)}`,
        type: 'service_account',
        service_account: { id: pick(random, SERVICE_ACCOUNTS) },
      },
    };
  }
  return {
    type: 'api_key',
    api_key: {
      id: `key_${randomAlnum(random, 16)}`,
      type: 'user',
      user: { id: person.userId, email: person.email },
    },
  };
}

function payloadFor(
  type: string,
  random: Random,
  project: (typeof PROJECTS)[number],
  other: Person,
): Record<string, unknown> {
  switch (type) {
    case 'login.failed':
      return {
        error_code: pick(random, ['invalid_credentials', 'mfa_failed', 'sso_error']),
        error_message: 'Login failed',
      };
    case 'login.succeeded':
    case 'logout.succeeded':
      return {};
    case 'api_key.created':
      return { id: `key_${randomAlnum(random, 16)}`, data: { scopes: [pick(random, SCOPES)] } };
    case 'api_key.updated':
      return { id: `key_${randomAlnum(random, 16)}`, changes_requested: { scopes: [pick(random, SCOPES)] } };
    case 'project.created':
      return { id: project.id, data: { name: project.name, title: project.name } };
    case 'project.updated':
      return {
        id: project.id,
        changes_requested: { title: `${project.name} ${pick(random, ['v2', '(new)', 'archive'])}` },
      };
    case 'invite.sent':
      return {
        id: `invite-${randomAlnum(random, 20)}`,
        data: { email: other.email, role: pick(random, ['owner', 'member']) },
      };
    case 'user.added':
    case 'service_account.created':
      return { id: other.userId, data: { role: pick(random, ['owner', 'member', 'reader']) } };
    case 'user.updated':
    case 'service_account.updated':
      return { id: other.userId, changes_requested: { role: pick(random, ['owner', 'member', 'reader']) } };
    case 'rate_limit.updated':
      return {
        id: `rl-${randomAlnum(random, 10)}`,
        changes_requested: { max_requests_per_1_minute: 500 + Math.floor(random() * 5000) },
      };
    case 'organization.updated':
      return {
        id: 'org-demo',
        changes_requested: {
          api_call_logging: pick(random, ['disabled', 'enabled_per_call', 'enabled_for_all_projects']),
        },
      };
    case 'certificate.created':
      return { id: `cert_${randomAlnum(random, 12)}`, name: 'internal-mtls' };
    case 'ip_allowlist.updated':
      return { id: `ipal_${randomAlnum(random, 10)}`, allowed_ips: ['192.0.2.0/24', '203.0.113.0/24'] };
    case 'role.bound_to_resource':
    case 'role.unbound_from_resource':
      return {
        id: `role_${randomAlnum(random, 12)}`,
        resource_id: project.id,
        resource_type: 'project',
        role_name: pick(random, ['Project Owner', 'Project Member', 'Project Viewer']),
      };
    case 'role.assignment.created':
    case 'role.assignment.deleted':
      return {
        id: `ra_${randomAlnum(random, 12)}`,
        principal_id: other.userId,
        principal_type: 'user',
        resource_id: project.id,
        resource_type: 'project',
      };
    case 'group.updated':
      return {
        id: `group_${randomAlnum(random, 10)}`,
        changes_requested: { group_name: pick(random, ['platform', 'security', 'support']) },
      };
    case 'checkpoint.permission.created':
      return {
        id: `cp_${randomAlnum(random, 12)}`,
        data: { project_id: project.id, fine_tuned_model_checkpoint: `ftckpt_${randomAlnum(random, 10)}` },
      };
    default:
      // Types with no documented payload carry a bare id, or nothing at all.
      return random() < 0.7 ? { id: `${type.split('.')[0] ?? 'obj'}_${randomAlnum(random, 12)}` } : {};
  }
}

function makeLog(
  random: Random,
  timeMs: number,
  type: string,
  actor: unknown,
  projectIndex?: number,
  other?: Person,
) {
  const project = PROJECTS[projectIndex ?? Math.floor(random() * PROJECTS.length)] ?? PROJECTS[0];
  const record: SimulatedAuditLog['record'] = {
    id: `audit_log-${randomAlnum(random, 20)}_${dayStamp(timeMs)}`,
    type,
    effective_at: Math.floor(timeMs / 1000),
    actor,
    [type]: payloadFor(type, random, project, other ?? pick(random, CAST)),
  };
  // Project-scoped actions carry the project; organisation-wide ones do not.
  if (!/^(login|logout|organization|invite|user|tenant|scim)\./.test(type))
    record.project = { id: project.id, name: project.name };
  return { time: Math.floor(timeMs / 1000) * 1000, record };
}

function generateHour(scale: number) {
  return (random: Random, hourStart: number): SimulatedAuditLog[] => {
    const logs: SimulatedAuditLog[] = [];
    const count = eventsThisHour(random, hourStart, 8, scale);
    for (let i = 0; i < count; i++) {
      const at = hourStart + Math.floor(random() * 3_600_000);
      const type = pickWeighted(random, TYPE_WEIGHTS);
      const person = pick(random, CAST);
      const actor =
        /^(login|logout)\./.test(type) || random() < 0.6
          ? sessionActor(random, person)
          : apiKeyActor(random, person);
      logs.push(makeLog(random, at, type, actor));
    }
    // Now and then a SCIM sync adds many users in the same second: runs of equal timestamps are real.
    if (random() < 0.04) {
      const at = hourStart + Math.floor(random() * 3_600_000);
      const admin = pick(random, CAST);
      const burst = 5 + Math.floor(random() * 30);
      for (let i = 0; i < burst; i++)
        logs.push(makeLog(random, at, 'user.added', apiKeyActor(random, admin), 0));
    }
    // Last, so the hour's other events stay as they were: a role bound to (or unbound from) a resource,
    // which the API serves only to `tenant_only=true`.
    if (random() < 0.06) {
      const at = hourStart + Math.floor(random() * 3_600_000);
      const type = random() < 0.75 ? 'role.bound_to_resource' : 'role.unbound_from_resource';
      logs.push(makeLog(random, at, type, sessionActor(random, pick(random, CAST))));
    }
    return logs;
  };
}

function storyLogs(anchor: number): SimulatedAuditLog[] {
  const story = COMPROMISED_ACCOUNT;
  const random = () => 0.5;
  const intruder = sessionActor(random, story.actor, story.ip, INTRUDER_AGENT);
  const failed = [0, 7, 19].map((offset, i) => {
    const log = makeLog(random, story.failedLoginsAt(anchor) + offset * 1000, 'login.failed', intruder);
    log.record.id = `audit_log-story0failedlogin${i}_${dayStamp(log.time)}`;
    return log;
  });
  const login = makeLog(random, story.failedLoginsAt(anchor) + 60_000, 'login.succeeded', intruder);
  login.record.id = `audit_log-story0login00000_${dayStamp(login.time)}`;
  const key = makeLog(random, story.apiKeyCreatedAt(anchor), 'api_key.created', intruder, 1);
  key.record.id = `audit_log-story0apikey00000_${dayStamp(key.time)}`;
  key.record['api_key.created'] = {
    id: 'key_story0exfil0001',
    data: { scopes: ['api.model.request', 'api.files.write'] },
  };
  return [...failed, login, key];
}

/**
 * The simulated organisation's audit log: about 7 events an hour (×scale) over 30 days, newest first;
 * the story's events placed from `storyAnchor` (the clock's start).
 */
export function createOpenAiHistory(scale: number, storyAnchor: number) {
  const history = createHourlyHistory('openai', generateHour(scale));
  const story = storyLogs(storyAnchor);
  let memo: { second: number; logs: SimulatedAuditLog[] } | undefined;
  return {
    window(now: number): SimulatedAuditLog[] {
      const second = Math.floor(now / 1000);
      if (memo?.second !== second) {
        const logs = [...history.window(now), ...story.filter((log) => log.time <= now)];
        memo = { second, logs: logs.sort(newestFirst) };
      }
      return memo.logs;
    },
  };
}

export function newestFirst(a: SimulatedAuditLog, b: SimulatedAuditLog): number {
  if (a.record.effective_at !== b.record.effective_at) return b.record.effective_at - a.record.effective_at;
  return a.record.id < b.record.id ? 1 : a.record.id > b.record.id ? -1 : 0;
}

export const SIMULATED_PROJECTS = PROJECTS;
