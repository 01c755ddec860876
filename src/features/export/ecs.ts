import type { AuditEvent, Category } from '../../timeline/audit-event.ts';
import { rawJsonText } from '../../timeline/packed-events.ts';
import { ndjsonParts } from './ndjson.ts';

/** The ECS version the documents follow (every field and allowed value used here exists in it). */
export const ECS_VERSION = '8.11.0';

/** Our category → ECS `event.category` (allowed values only). */
export const ECS_CATEGORIES: Record<Category, readonly string[]> = {
  authentication: ['authentication'],
  authorization: ['iam'],
  access: ['iam'],
  configuration: ['configuration'],
  lifecycle: ['configuration'],
  build: ['package'],
  other: ['api'],
};

export interface EcsDocument {
  '@timestamp': string;
  ecs: { version: string };
  message: string;
  tags: string[];
  labels?: { demo: true };
  event: {
    kind: 'event';
    category: string[];
    type: ['info'];
    action: string;
    outcome: AuditEvent['outcome'];
    provider: AuditEvent['provider'];
    dataset: AuditEvent['source'];
    id: string;
    original?: string;
  };
  user?: { id?: string; name?: string; email?: string };
  source?: { ip: string };
  user_agent?: { original: string };
  http?: { request: { id: string } };
  trace?: { id: string };
  cloud?: { region: string };
  audit_lens: {
    key: string;
    category: Category;
    demo: boolean;
    ip?: string;
    actor_type?: string;
    target?: AuditEvent['target'];
    scope?: AuditEvent['scope'];
    session_id?: string;
  };
}

/** The markdown table of the mapping, for the README. */
export const ECS_MAPPING_DOC = `| ECS field | from the Audit Lens event |
|---|---|
| \`@timestamp\` | \`time\` as ISO 8601 UTC |
| \`ecs.version\` | \`${ECS_VERSION}\` |
| \`message\` | \`summary\` |
| \`event.kind\` | always \`event\` |
| \`event.category\` | \`category\`: authentication → \`authentication\`; authorization, access → \`iam\`; configuration, lifecycle → \`configuration\`; build → \`package\`; other → \`api\` |
| \`event.type\` | always \`info\` (valid for every category above) |
| \`event.action\` | \`action\`, the provider's own name |
| \`event.outcome\` | \`outcome\` (\`success\`, \`failure\`, \`unknown\`) |
| \`event.provider\` | \`provider\` (\`openai\`, \`cloudfoundry\`, …) |
| \`event.dataset\` | \`source\` (\`openai.audit_logs\`, …) |
| \`event.id\` | the provider's id (the event key without its \`source:\` prefix) |
| \`event.original\` | \`raw\`, the provider's record, as a JSON string |
| \`user.id\`, \`user.name\`, \`user.email\` | \`actor.id\`, \`actor.name\`, \`actor.email\` |
| \`source.ip\` | \`ip\` when it is an IPv4 or IPv6 address; otherwise kept in \`audit_lens.ip\` so the document still indexes |
| \`user_agent.original\` | \`userAgent\` |
| \`http.request.id\`, \`trace.id\` | \`requestId\`, \`traceId\` |
| \`cloud.region\` | \`scope.region\` |
| \`tags\` | \`audit-lens\`, plus \`demo\` for simulator events |
| \`labels.demo\` | \`true\` for simulator events (absent otherwise) |
| \`audit_lens.*\` | \`key\`, \`category\`, \`demo\`, \`actor_type\`, \`target\`, \`scope\`, \`session_id\`: what ECS has no field for |
`;

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** An ECS `ip` field rejects anything else (the whole document with it): `isIpAddress('::1')` → true. */
export function isIpAddress(text: string): boolean {
  if (IPV4.test(text)) return true;
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(':')) return false;
  return URL.canParse(`http://[${text}]/`);
}

function nonEmpty<T extends object>(value: T): T | undefined {
  return Object.values(value).some((entry) => entry !== undefined) ? value : undefined;
}

/** The provider's own id: `eventId({ key: 'openai.audit_logs:a:1', source: 'openai.audit_logs' })` → `a:1`. */
export function eventId(event: Pick<AuditEvent, 'key' | 'source'>): string {
  const prefix = `${event.source}:`;
  return event.key.startsWith(prefix) ? event.key.slice(prefix.length) : event.key;
}

/**
 * One event as an ECS document, through the mapping in `ECS_MAPPING_DOC`.
 *
 * @example toEcsDocument(event)['event'].category // ['authentication'] for a login event
 */
export function toEcsDocument(event: AuditEvent): EcsDocument {
  const ip = event.ip !== undefined && isIpAddress(event.ip) ? event.ip : undefined;
  return {
    '@timestamp': new Date(event.time).toISOString(),
    ecs: { version: ECS_VERSION },
    message: event.summary,
    tags: event.demo ? ['audit-lens', 'demo'] : ['audit-lens'],
    ...(event.demo ? { labels: { demo: true as const } } : {}),
    event: {
      kind: 'event',
      category: [...ECS_CATEGORIES[event.category]],
      type: ['info'],
      action: event.action,
      outcome: event.outcome,
      provider: event.provider,
      dataset: event.source,
      id: eventId(event),
      original: rawJsonText(event) || undefined,
    },
    user: nonEmpty({ id: event.actor.id, name: event.actor.name, email: event.actor.email }),
    source: ip === undefined ? undefined : { ip },
    user_agent: event.userAgent === undefined ? undefined : { original: event.userAgent },
    http: event.requestId === undefined ? undefined : { request: { id: event.requestId } },
    trace: event.traceId === undefined ? undefined : { id: event.traceId },
    cloud: event.scope.region === undefined ? undefined : { region: event.scope.region },
    audit_lens: {
      key: event.key,
      category: event.category,
      demo: event.demo,
      ip: ip === undefined ? event.ip : undefined,
      actor_type: event.actor.type,
      target: nonEmpty(event.target),
      scope: nonEmpty(event.scope),
      session_id: event.sessionId,
    },
  };
}

/**
 * The events as NDJSON parts of ECS documents (one line each), ready for an Elasticsearch/OpenSearch bulk
 * or file ingest. Each document is built only as its line is written.
 *
 * @example ecsNdjsonParts([event]) // ['{"@timestamp":"2026-11-24T21:30:00.000Z",…}\n']
 */
export function ecsNdjsonParts(events: readonly AuditEvent[]): string[] {
  return ndjsonParts(
    (function* () {
      for (const event of events) yield toEcsDocument(event);
    })(),
  );
}
