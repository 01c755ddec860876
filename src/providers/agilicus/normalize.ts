import { eventKey, type AuditEvent } from '../../timeline/audit-event.ts';
import { agilicusAuditCategory, agilicusAuditOutcome, agilicusAuthOutcome } from './mapping.ts';
import type { AgilicusAudit, AgilicusAuthAudit, Timed } from './schema.ts';
import { parseAgilicusTime } from './time.ts';

const PAST_TENSE: Record<string, string> = {
  CREATE: 'created',
  UPDATE: 'updated',
  DELETE: 'deleted',
  REPLACE: 'replaced',
  GRANT: 'granted',
  REVOKE: 'revoked',
};

function str(value: string | null | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Validated records always have a readable time; this only guards a record that skipped the schema. */
function timeOf(record: { time: string }): number {
  const time = parseAgilicusTime(record.time);
  if (time === undefined) throw new Error(`Agilicus: unreadable time ${JSON.stringify(record.time)}`);
  return time;
}

/** One `/v1/audits` record as an `AuditEvent`; `id` comes from `recordIds` (the records have none). */
export function normalizeAgilicusAudit(record: Timed<AgilicusAudit>, id: string, demo: boolean): AuditEvent {
  const action = str(record.action) ?? 'unknown';
  const userId = str(record.user_id);
  const targetId = str(record.target_id);
  const targetType = str(record.target_resource_type);
  const ip = str(record.source_ip);
  const api = str(record.api_name);
  const verb = PAST_TENSE[action.toUpperCase()] ?? action.toLowerCase().replace(/_/g, ' ');
  const what = targetType?.replace(/_/g, ' ') ?? 'a resource';
  const summary = `${userId ? `User ${userId}` : 'Someone'} ${verb} ${what}${targetId ? ` ${targetId}` : ''}${api ? ` (${api} API)` : ''}${ip ? ` from ${ip}` : ''}`;
  return {
    key: eventKey('agilicus.audits', id),
    provider: 'agilicus',
    source: 'agilicus.audits',
    time: timeOf(record),
    action,
    category: agilicusAuditCategory(record),
    outcome: agilicusAuditOutcome(record),
    actor: userId ? { id: userId, type: 'user' } : {},
    target: targetId || targetType ? { id: targetId, type: targetType } : {},
    scope: { org: str(record.org_id) },
    ip,
    traceId: str(record.trace_id),
    sessionId: str(record.session),
    summary,
    demo,
    raw: record,
  };
}

/** One `/v1/auth_audits` record as an `AuditEvent`: a step of a sign-in, always `authentication`. */
export function normalizeAgilicusAuth(
  record: Timed<AgilicusAuthAudit>,
  id: string,
  demo: boolean,
): AuditEvent {
  const userId = str(record.user_id);
  const upstream = str(record.upstream_user_id);
  // Agilicus ids are opaque; an upstream IdP that names users by email gives the only readable name.
  const email = upstream?.includes('@') ? upstream : undefined;
  const step = str(record.event_name) ?? str(record.stage) ?? 'Authentication';
  const result = str(record.result) ?? str(record.event);
  const ip = str(record.source_ip);
  const idp = str(record.upstream_idp);
  const clientId = str(record.client_id);
  const application = str(record.application_name) ?? clientId;
  const who =
    email ?? (userId ? `user ${userId}` : upstream ? `upstream user ${upstream}` : 'an unknown user');
  const summary = `${step}: ${result ?? 'no result'} for ${who}${ip ? ` from ${ip}` : ''}${idp ? ` via ${idp}` : ''}${application ? ` to ${application}` : ''}`;
  return {
    key: eventKey('agilicus.auth', id),
    provider: 'agilicus',
    source: 'agilicus.auth',
    time: timeOf(record),
    action: step,
    category: 'authentication',
    outcome: agilicusAuthOutcome(record.result, record.event),
    actor: userId || email ? { id: userId, email, name: email, type: 'user' } : {},
    target: clientId || application ? { id: clientId, name: application, type: 'application' } : {},
    scope: { org: str(record.org_id) },
    ip,
    userAgent: str(record.user_agent),
    requestId: str(record.request_id),
    traceId: str(record.trace_id),
    sessionId: str(record.session),
    summary,
    demo,
    raw: record,
  };
}
