import { describe, expect, it } from 'vitest';
import { normalizeOpenAiLog } from './normalize.ts';
import { openAiListSchema } from './schema.ts';

/** The example composed from the real field names in the provider reference (and OpenAI's published example). */
const PUBLISHED_EXAMPLE = {
  object: 'list',
  data: [
    {
      id: 'audit_log-7Qx2bN_20240514',
      type: 'project.updated',
      effective_at: 1715677964,
      project: { id: 'proj_abc', name: 'Default project' },
      actor: {
        type: 'session',
        session: {
          user: { id: 'user-abc', email: 'alice@example.com' },
          ip_address: '203.0.113.7',
          user_agent: 'Mozilla/5.0',
        },
      },
      'project.updated': { id: 'proj_abc', changes_requested: { title: 'Payments (prod)' } },
    },
    {
      id: 'audit_log-7Qx2aa_20240514',
      type: 'api_key.created',
      effective_at: 1715677801,
      actor: {
        type: 'api_key',
        api_key: { id: 'key_tracking_1', type: 'service_account', service_account: { id: 'svc_acct_9' } },
      },
      'api_key.created': { id: 'key_xyz', data: { scopes: ['api.model.request'] } },
    },
  ],
  first_id: 'audit_log-7Qx2bN_20240514',
  last_id: 'audit_log-7Qx2aa_20240514',
  has_more: false,
};

describe('normalizeOpenAiLog', () => {
  it('validates the published example and normalizes each event', () => {
    const list = openAiListSchema.parse(PUBLISHED_EXAMPLE);
    const [updated, created] = list.data.map((log) => normalizeOpenAiLog(log, false));
    expect(updated).toMatchObject({
      key: 'openai.audit_logs:audit_log-7Qx2bN_20240514',
      provider: 'openai',
      source: 'openai.audit_logs',
      time: 1715677964000,
      action: 'project.updated',
      category: 'configuration',
      outcome: 'success',
      actor: { id: 'user-abc', email: 'alice@example.com', type: 'user' },
      target: { id: 'proj_abc', type: 'project' },
      scope: { project: 'Default project' },
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0',
      demo: false,
    });
    expect(updated?.summary).toBe('alice@example.com updated project proj_abc');
    expect(created).toMatchObject({
      category: 'access',
      actor: { id: 'svc_acct_9', type: 'service_account' },
      target: { id: 'key_xyz', type: 'api_key' },
    });
    expect(created?.raw).toEqual(PUBLISHED_EXAMPLE.data[1]);
  });

  it('keeps session fields the schema lacks and unknown event types', () => {
    const log = openAiListSchema.parse({
      object: 'list',
      has_more: false,
      data: [
        {
          id: 'a',
          type: 'tenant.policy.attached',
          effective_at: 1715677964,
          // user_agent is not in the spec: null (or anything) must not reject the page.
          actor: {
            type: 'session',
            session: { ja3: 'abc', ip_address_details: { country: 'DE' }, user_agent: null },
          },
          'tenant.policy.attached': { anything: [1, 2] },
          future_field: true,
        },
      ],
    }).data[0]!;
    const event = normalizeOpenAiLog(log, true);
    expect(event.category).toBe('configuration');
    expect(event.userAgent).toBeUndefined();
    expect(event.raw).toMatchObject({ future_field: true, actor: { session: { ja3: 'abc' } } });
  });

  it('maps failures and the category table', () => {
    const failed = openAiListSchema.parse({
      object: 'list',
      has_more: false,
      data: [
        {
          id: 'f',
          type: 'login.failed',
          effective_at: 1715677964,
          'login.failed': { error_code: 'invalid_credentials' },
        },
      ],
    }).data[0]!;
    expect(normalizeOpenAiLog(failed, false)).toMatchObject({
      category: 'authentication',
      outcome: 'failure',
    });
  });

  it('rejects records without the required fields or with absurd times', () => {
    expect(
      openAiListSchema.safeParse({
        object: 'list',
        has_more: false,
        data: [{ type: 'x', effective_at: 1715677964 }],
      }).success,
    ).toBe(false);
    expect(
      openAiListSchema.safeParse({
        object: 'list',
        has_more: false,
        data: [{ id: 'x', type: 'x', effective_at: 1715677964000 }],
      }).success,
    ).toBe(false);
  });
});
