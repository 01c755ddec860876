import type { AuditEvent } from './audit-event.ts';

/**
 * A complete event for tests: neutral defaults, overridden field by field.
 *
 * @example testEvent({ key: 'openai.audit_logs:1', time: 0, outcome: 'failure' })
 */
export function testEvent(event: Partial<AuditEvent> & Pick<AuditEvent, 'key' | 'time'>): AuditEvent {
  return {
    provider: 'openai',
    source: 'openai.audit_logs',
    action: 'x',
    category: 'other',
    outcome: 'unknown',
    actor: {},
    target: {},
    scope: {},
    summary: '',
    demo: true,
    raw: {},
    ...event,
  };
}
