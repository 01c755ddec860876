import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../timeline/audit-event.ts';
import {
  ECS_CATEGORIES,
  ECS_MAPPING_DOC,
  eventId,
  isIpAddress,
  toEcsDocument,
  ecsNdjsonParts,
} from './ecs.ts';
import { realEvent, sampleEvent } from './sample-events.ts';

const toEcsNdjson = (...args: Parameters<typeof ecsNdjsonParts>) => ecsNdjsonParts(...args).join('');

// https://www.elastic.co/docs/reference/ecs/ecs-allowed-values-event-category
const ECS_ALLOWED_CATEGORIES = [
  'api',
  'authentication',
  'configuration',
  'database',
  'driver',
  'email',
  'file',
  'host',
  'iam',
  'intrusion_detection',
  'library',
  'malware',
  'network',
  'package',
  'process',
  'registry',
  'session',
  'threat',
  'vulnerability',
  'web',
];

describe('toEcsDocument', () => {
  it('maps a demo event through the documented mapping', () => {
    expect(toEcsDocument(sampleEvent())).toEqual({
      '@timestamp': '2026-11-24T21:30:00.000Z',
      ecs: { version: '8.11.0' },
      message: 'Ann failed to log in',
      tags: ['audit-lens', 'demo'],
      labels: { demo: true },
      event: {
        kind: 'event',
        category: ['authentication'],
        type: ['info'],
        action: 'login.failed',
        outcome: 'failure',
        provider: 'openai',
        dataset: 'openai.audit_logs',
        id: 'audit_log-1',
        original: JSON.stringify(sampleEvent().raw),
      },
      user: { id: 'user-1', name: 'Ann', email: 'ann@example.com' },
      source: { ip: '203.0.113.7' },
      user_agent: { original: 'Mozilla/5.0' },
      http: { request: { id: 'req-1' } },
      trace: undefined,
      cloud: { region: 'eu-central-1' },
      audit_lens: {
        key: 'openai.audit_logs:audit_log-1',
        category: 'authentication',
        demo: true,
        ip: undefined,
        actor_type: 'user',
        target: { id: 'org-1', name: 'Acme', type: 'organization' },
        scope: { org: 'org-1', region: 'eu-central-1' },
        session_id: undefined,
      },
    });
  });

  it('does not mark real events as demo and leaves out what is absent', () => {
    const document = JSON.parse(JSON.stringify(toEcsDocument(realEvent))) as Record<string, unknown>;
    expect(document.tags).toEqual(['audit-lens']);
    expect(document).not.toHaveProperty('labels');
    expect(document).not.toHaveProperty('source');
    expect(document).not.toHaveProperty('user_agent');
    expect(document).toMatchObject({ user: { id: 'uaa-1', name: 'bob' }, audit_lens: { demo: false } });
    expect(toEcsDocument(sampleEvent({ actor: {} })).user).toBeUndefined();
  });

  it('maps every category to allowed ECS values only', () => {
    for (const category of CATEGORIES) {
      expect(ECS_CATEGORIES[category].length).toBeGreaterThan(0);
      for (const value of ECS_CATEGORIES[category]) expect(ECS_ALLOWED_CATEGORIES).toContain(value);
      expect(toEcsDocument(sampleEvent({ category })).event.category).toEqual(ECS_CATEGORIES[category]);
    }
  });

  it('puts only real IP addresses in source.ip, so the document still indexes', () => {
    expect(isIpAddress('10.0.0.1')).toBe(true);
    expect(isIpAddress('2001:db8::1')).toBe(true);
    expect(isIpAddress('::ffff:192.0.2.1')).toBe(true);
    expect(isIpAddress('256.1.1.1')).toBe(false);
    expect(isIpAddress('1.2.3.4, 5.6.7.8')).toBe(false);
    expect(isIpAddress('unknown')).toBe(false);
    expect(isIpAddress('[::1]')).toBe(false);
    const document = toEcsDocument(sampleEvent({ ip: '1.2.3.4, 5.6.7.8' }));
    expect(document.source).toBeUndefined();
    expect(document.audit_lens.ip).toBe('1.2.3.4, 5.6.7.8');
  });

  it('takes the provider id from the key, which may itself contain colons', () => {
    expect(eventId({ key: 'agilicus.audits:0123456789abcdef#2', source: 'agilicus.audits' })).toBe(
      '0123456789abcdef#2',
    );
    expect(eventId({ key: 'parallelcluster.stack:img:1', source: 'parallelcluster.stack' })).toBe('img:1');
  });
});

describe('toEcsNdjson', () => {
  it('writes one ECS document per line, demo events marked', () => {
    const hostile = '=cmd|\u2028\n"';
    const lines = toEcsNdjson([sampleEvent({ summary: hostile }), realEvent]).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    const [demo, real] = lines
      .slice(0, 2)
      .map((line) => JSON.parse(line) as { tags: string[]; message: string });
    expect(demo).toMatchObject({ tags: ['audit-lens', 'demo'], labels: { demo: true }, message: hostile });
    expect(real?.tags).toEqual(['audit-lens']);
  });

  it('documents every top-level field it writes', () => {
    for (const field of Object.keys(JSON.parse(JSON.stringify(toEcsDocument(sampleEvent()))) as object))
      expect(ECS_MAPPING_DOC).toContain(`\`${field}`);
  });
});
