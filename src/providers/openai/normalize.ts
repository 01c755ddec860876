import { eventKey, type AuditEvent } from '../../timeline/audit-event.ts';
import { openAiCategory, openAiOutcome } from './mapping.ts';
import type { OpenAiAuditLog } from './schema.ts';

const PROVIDER_LABEL_BY_TARGET: Record<string, string> = {
  api_key: 'API key',
  service_account: 'service account',
  project: 'project',
  user: 'user',
  invite: 'invite',
  rate_limit: 'rate limit',
  organization: 'organization',
  role: 'role',
  group: 'group',
};

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function payloadOf(log: OpenAiAuditLog): Record<string, unknown> {
  const payload = (log as Record<string, unknown>)[log.type];
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
    ? (payload as Record<string, unknown>)
    : {};
}

function actorOf(log: OpenAiAuditLog): AuditEvent['actor'] {
  const actor = log.actor;
  if (!actor) return {};
  if (actor.session) {
    const user = actor.session.user;
    return { id: user?.id, email: user?.email, name: user?.email, type: 'user' };
  }
  if (actor.api_key) {
    const key = actor.api_key;
    if (key.service_account)
      return { id: key.service_account.id, name: key.service_account.id, type: 'service_account' };
    return {
      id: key.user?.id ?? key.id,
      email: key.user?.email,
      name: key.user?.email ?? key.id,
      type: 'api_key',
    };
  }
  return { type: actor.type };
}

function targetOf(log: OpenAiAuditLog, payload: Record<string, unknown>): AuditEvent['target'] {
  const kind = log.type.split('.')[0] ?? log.type;
  const data =
    typeof payload.data === 'object' && payload.data !== null
      ? (payload.data as Record<string, unknown>)
      : {};
  const id = str(payload.id);
  const name = str(payload.name) ?? str(data.name) ?? str(data.email);
  if (!id && !name) return kind === 'login' || kind === 'logout' ? {} : { type: kind };
  return { id, name, type: kind };
}

function summaryOf(
  log: OpenAiAuditLog,
  actor: AuditEvent['actor'],
  target: AuditEvent['target'],
  payload: Record<string, unknown>,
  ip?: string,
): string {
  const who = actor.email ?? actor.name ?? actor.id ?? 'someone';
  if (log.type === 'login.failed' || log.type === 'logout.failed') {
    const code = str(payload.error_code);
    return `${log.type === 'login.failed' ? 'Login' : 'Logout'} failed for ${who}${ip ? ` from ${ip}` : ''}${code ? ` (${code})` : ''}`;
  }
  if (log.type === 'login.succeeded') return `${who} signed in${ip ? ` from ${ip}` : ''}`;
  if (log.type === 'logout.succeeded') return `${who} signed out`;
  const [kind = log.type, ...rest] = log.type.split('.');
  const verb = rest.join(' ') || 'changed';
  const what = PROVIDER_LABEL_BY_TARGET[kind] ?? kind.replace(/_/g, ' ');
  const which = target.name ?? target.id;
  return `${who} ${verb} ${what}${which ? ` ${which}` : ''}`;
}

/** One OpenAI audit log as an `AuditEvent`; the wire record is kept whole in `raw`. */
export function normalizeOpenAiLog(log: OpenAiAuditLog, demo: boolean): AuditEvent {
  const payload = payloadOf(log);
  const actor = actorOf(log);
  const target = targetOf(log, payload);
  const session = log.actor?.session;
  const ip = session?.ip_address;
  return {
    key: eventKey('openai.audit_logs', log.id),
    provider: 'openai',
    source: 'openai.audit_logs',
    time: log.effective_at * 1000,
    action: log.type,
    category: openAiCategory(log.type),
    outcome: openAiOutcome(log.type),
    actor,
    target,
    scope: { project: log.project?.name ?? log.project?.id },
    ip,
    userAgent: str(session?.user_agent),
    summary: summaryOf(log, actor, target, payload, ip),
    demo,
    raw: log,
  };
}
