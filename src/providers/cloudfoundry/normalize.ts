import { eventKey, type AuditEvent } from '../../timeline/audit-event.ts';
import { cloudFoundryClassification } from './mapping.ts';
import type { CfAuditEvent } from './schema.ts';

const VERBS: Record<string, string> = {
  create: 'created',
  update: 'updated',
  delete: 'deleted',
  'delete-request': 'requested deletion of',
  start: 'started',
  stop: 'stopped',
  restart: 'restarted',
  restage: 'restaged',
  upload: 'uploaded',
  download: 'downloaded',
  scale: 'scaled',
  share: 'shared',
  unshare: 'unshared',
  apply: 'applied',
  remove: 'removed',
  cancel: 'cancelled',
  continue: 'continued',
  purge: 'purged',
  show: 'viewed',
  staged: 'staged',
  failed: 'failed',
  mapped: 'mapped',
  rescheduling: 'rescheduled',
  ready: 'reported ready',
  'not-ready': 'reported not ready',
  terminate_instance: 'terminated an instance of',
  'map-route': 'mapped a route to',
  'unmap-route': 'unmapped a route from',
  apply_manifest: 'applied a manifest to',
  'copy-bits': 'copied bits to',
  'upload-bits': 'uploaded bits to',
  start_create: 'started creating',
  start_update: 'started updating',
  start_delete: 'started deleting',
  bind_route: 'bound a route to',
  unbind_route: 'unbound a route from',
  'transfer-owner': 'transferred ownership of',
};

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function actorOf(event: CfAuditEvent): AuditEvent['actor'] {
  const actor = event.actor;
  if (!actor) return {};
  const name = str(actor.name);
  // A user's name is their email; a UAA client acting for itself has an empty name.
  const email = actor.type === 'user' && name?.includes('@') ? name : undefined;
  return { id: str(actor.guid), name, email, type: str(actor.type) };
}

function targetOf(event: CfAuditEvent): AuditEvent['target'] {
  const target = event.target;
  if (!target) return {};
  return { id: str(target.guid), name: str(target.name), type: str(target.type) };
}

/** CF events carry no request id of their own; the simulator's story (and some foundations) put one in data. */
function requestIdOf(data: Record<string, unknown>): string | undefined {
  return str(data.request_id) ?? str(record(data.request).request_id);
}

function words(text: string): string {
  return text.replace(/[_-]/g, ' ');
}

function summaryOf(
  event: CfAuditEvent,
  actor: AuditEvent['actor'],
  target: AuditEvent['target'],
  data: Record<string, unknown>,
): string {
  const who = actor.name ?? actor.id ?? 'The platform';
  const which = target.name ?? target.id;
  const app = which ? `app ${which}` : 'an app';
  const why = str(data.exit_description) ?? str(data.reason);
  switch (event.type) {
    case 'app.crash':
      return `App ${which ?? actor.name ?? 'unknown'} crashed${why ? `: ${why}` : ''}`;
    case 'audit.app.process.crash':
      return `Process ${actor.name ?? 'web'} of ${app} crashed${why ? `: ${why}` : ''}`;
    case 'audit.app.ssh-authorized':
      return `${who} opened an SSH session to ${app}`;
    case 'audit.app.ssh-unauthorized':
      return `SSH to ${app} refused for ${who}`;
    case 'audit.app.environment_variables.show':
    case 'audit.app.environment.show':
      return `${who} viewed the environment variables of ${app}`;
    case 'audit.app.update': {
      const changed = Object.keys(record(data.request));
      return `${who} updated ${app}${changed.length ? ` (${changed.slice(0, 4).join(', ')})` : ''}`;
    }
    case 'blob.remove_orphan':
      return `${who} removed an orphaned blob`;
  }
  const role = /^audit\.user\.(.+)_(add|remove)$/.exec(event.type);
  if (role) {
    const whom = which ?? 'a user';
    return role[2] === 'add'
      ? `${who} made ${whom} ${words(role[1] ?? 'member')}`
      : `${who} removed ${whom} as ${words(role[1] ?? 'member')}`;
  }
  const parts = event.type.replace(/^audit\./, '').split('.');
  const verb = parts.length > 1 ? (parts.pop() ?? '') : '';
  const [kind = event.type, ...sub] = parts;
  const object = sub.length ? `${words(sub.join(' '))} of ${words(kind)}` : words(kind);
  const phrase = VERBS[verb] ?? (verb ? words(verb) : 'recorded');
  return `${who} ${phrase} ${object}${which ? ` ${which}` : ''}`;
}

/** One Cloud Foundry audit event as an `AuditEvent`; the wire record is kept whole in `raw`. */
export function normalizeCloudFoundryEvent(event: CfAuditEvent, demo: boolean): AuditEvent {
  const actor = actorOf(event);
  const target = targetOf(event);
  const data = record(event.data);
  const { category, outcome } = cloudFoundryClassification(event.type);
  return {
    key: eventKey('cloudfoundry.audit_events', event.guid),
    provider: 'cloudfoundry',
    source: 'cloudfoundry.audit_events',
    time: Date.parse(event.created_at),
    action: event.type,
    category,
    outcome,
    actor,
    target,
    scope: { org: str(event.organization?.guid), space: str(event.space?.guid) },
    requestId: requestIdOf(data),
    summary: summaryOf(event, actor, target, data),
    demo,
    raw: event,
  };
}
