import type { AuditEvent } from '../../timeline/audit-event.ts';

/** Test events for the export tests: a demo OpenAI login failure by default, every field overridable. */
export function sampleEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    key: 'openai.audit_logs:audit_log-1',
    provider: 'openai',
    source: 'openai.audit_logs',
    time: Date.UTC(2026, 10, 24, 21, 30, 0),
    action: 'login.failed',
    category: 'authentication',
    outcome: 'failure',
    actor: { id: 'user-1', name: 'Ann', email: 'ann@example.com', type: 'user' },
    target: { id: 'org-1', name: 'Acme', type: 'organization' },
    scope: { org: 'org-1', region: 'eu-central-1' },
    ip: '203.0.113.7',
    userAgent: 'Mozilla/5.0',
    requestId: 'req-1',
    summary: 'Ann failed to log in',
    demo: true,
    raw: { id: 'audit_log-1', type: 'login.failed', effective_at: 1795037400, extra: { nested: [1, 'two'] } },
    ...overrides,
  };
}

export const realEvent = sampleEvent({
  key: 'cloudfoundry.audit_events:guid-1',
  provider: 'cloudfoundry',
  source: 'cloudfoundry.audit_events',
  time: Date.UTC(2026, 10, 24, 20, 0, 0),
  action: 'audit.app.update',
  category: 'configuration',
  outcome: 'success',
  actor: { id: 'uaa-1', name: 'bob', type: 'user' },
  target: { id: 'app-1', name: 'web', type: 'app' },
  scope: { org: 'o', space: 's' },
  ip: undefined,
  userAgent: undefined,
  requestId: undefined,
  summary: 'bob updated app web',
  demo: false,
  raw: { guid: 'guid-1', type: 'audit.app.update' },
});
