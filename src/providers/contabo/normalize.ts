import { eventKey, type AuditEvent } from '../../timeline/audit-event.ts';
import { contaboCategory, contaboOutcome } from './mapping.ts';
import { contaboTimeMs, type ContaboAudit } from './schema.ts';

const VERBS: Record<string, string> = { CREATED: 'created', UPDATED: 'updated', DELETED: 'deleted' };
const SHOWN_VALUE_LENGTH = 40;
const SHOWN_CHANGES = 3;

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function objectAt(changes: ContaboAudit['changes'], key: 'prev' | 'new'): Record<string, unknown> {
  const value = changes?.[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function shown(value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return undefined;
  return value.length <= SHOWN_VALUE_LENGTH ? `"${value}"` : undefined;
}

/** `name "a" → "b", description changed`: what an update changed, short enough for one line. */
function describeChanges(prev: Record<string, unknown>, next: Record<string, unknown>): string {
  const keys = [...new Set([...Object.keys(prev), ...Object.keys(next)])].filter(
    (key) => JSON.stringify(prev[key]) !== JSON.stringify(next[key]),
  );
  const parts = keys.slice(0, SHOWN_CHANGES).map((key) => {
    const before = shown(prev[key]);
    const after = shown(next[key]);
    if (!(key in prev)) return after ? `${key} set to ${after}` : `${key} set`;
    if (!(key in next)) return `${key} removed`;
    return before && after ? `${key} ${before} → ${after}` : `${key} changed`;
  });
  const more = keys.length - parts.length;
  return more > 0 ? `${parts.join(', ')} and ${more} more` : parts.join(', ');
}

/** One Contabo image audit entry as an `AuditEvent`; the wire record is kept whole in `raw`. */
export function normalizeContaboAudit(record: ContaboAudit, demo: boolean): AuditEvent {
  const prev = objectAt(record.changes, 'prev');
  const next = objectAt(record.changes, 'new');
  const imageName = str(next.name) ?? str(prev.name);
  const username = str(record.username);
  const who = username ?? record.changedBy;
  const verb = VERBS[record.action] ?? record.action.toLowerCase();
  // The spec puts no minimum length on imageId (it does on tenantId, customerId, changedBy).
  const imageId = str(record.imageId);
  const image = imageName ? `image "${imageName}"` : imageId ? `image ${imageId}` : 'an image';
  const changed = record.action === 'UPDATED' ? describeChanges(prev, next) : '';
  return {
    key: eventKey('contabo.images', String(record.id)),
    provider: 'contabo',
    source: 'contabo.images',
    // The schema has already refused a timestamp this cannot read.
    time: contaboTimeMs(record.timestamp) ?? Number.NaN,
    action: record.action,
    category: contaboCategory(record.action),
    outcome: contaboOutcome(record.action),
    actor: {
      id: record.changedBy,
      name: username,
      email: username?.includes('@') ? username : undefined,
      type: 'user',
    },
    target: { id: imageId, name: imageName, type: 'image' },
    scope: { org: record.customerId, image: imageId },
    requestId: str(record.requestId),
    traceId: str(record.traceId),
    summary: `${who} ${verb} ${image}${changed ? `: ${changed}` : ''}`,
    demo,
    raw: record,
  };
}
