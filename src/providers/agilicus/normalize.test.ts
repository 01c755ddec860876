import { describe, expect, it } from 'vitest';
import { auditEventSchema } from '../../timeline/audit-event.ts';
import { normalizeAgilicusAudit, normalizeAgilicusAuth } from './normalize.ts';
import { recordIds } from './record-id.ts';
import { agilicusAuditListSchema, agilicusAuthAuditListSchema, hasReadableTime } from './schema.ts';
import { formatAgilicusBound, parseAgilicusMicros, parseAgilicusTime } from './time.ts';

/** The two examples of the provider doc, verbatim. */
const AUDITS_EXAMPLE = {
  limit: 500,
  audits: [
    {
      user_id: 'Xk3Rr9tq2P4aBz7',
      org_id: 'Gk2Lm8Zq1',
      time: '2024-05-14T09:12:44.512000+00:00',
      action: 'UPDATE',
      api_name: 'applications',
      target_resource_type: 'application',
      target_id: 'Ap7Vd2Hs9',
      source_ip: '203.0.113.7',
      token_id: 'jti-8c1f',
      trace_id: 'a1b2c3d4e5',
      session: 'S9d8f7',
      parent_id: null,
      grandparent_id: null,
    },
  ],
};

const AUTH_EXAMPLE = {
  limit: 100,
  auth_audits: [
    {
      user_id: 'Xk3Rr9tq2P4aBz7',
      upstream_user_id: '10923847561',
      org_id: 'Gk2Lm8Zq1',
      org_name: 'example',
      time: '2024-05-14T09:10:02Z',
      event: 'Success',
      event_name: 'Authentication Request',
      result: 'Success',
      stage: 'Login',
      source_ip: '203.0.113.7',
      token_id: 'jti-8c1f',
      trace_id: 't-77',
      session: 'S9d8f7',
      issuer: 'https://auth.example.com',
      client_id: 'admin-portal',
      application_name: 'admin',
      login_org_id: 'Gk2Lm8Zq1',
      login_org_name: 'example',
      upstream_idp: 'google',
      user_agent: 'Mozilla/5.0',
      request_id: 'r-3f2e',
    },
  ],
};

describe('Agilicus times', () => {
  it('keeps microseconds and +00:00 exact: floors to the millisecond, never rounds up', () => {
    expect(parseAgilicusMicros('2024-05-14T09:12:44.512999+00:00')).toBe(1_715_677_964_512_999);
    expect(parseAgilicusTime('2024-05-14T09:12:44.512999+00:00')).toBe(Date.UTC(2024, 4, 14, 9, 12, 44, 512));
    expect(parseAgilicusTime('2024-05-14T09:12:44.512000+00:00')).toBe(Date.UTC(2024, 4, 14, 9, 12, 44, 512));
    expect(parseAgilicusTime('2024-05-14T09:12:44.999999+00:00')).toBe(Date.UTC(2024, 4, 14, 9, 12, 44, 999));
    expect(parseAgilicusTime('2024-05-14T09:12:44+00:00')).toBe(Date.UTC(2024, 4, 14, 9, 12, 44));
    expect(parseAgilicusTime('2024-05-14T09:10:02Z')).toBe(Date.UTC(2024, 4, 14, 9, 10, 2));
    expect(parseAgilicusTime('2024-05-14T09:10:02.5Z')).toBe(Date.UTC(2024, 4, 14, 9, 10, 2, 500));
    expect(parseAgilicusTime('2024-05-14T11:10:02.000001+02:00')).toBe(Date.UTC(2024, 4, 14, 9, 10, 2));
    expect(parseAgilicusTime('2024-05-14T04:10:02-0500')).toBe(Date.UTC(2024, 4, 14, 9, 10, 2));
    expect(parseAgilicusTime('2024-05-14 09:10:02.123456789')).toBe(Date.UTC(2024, 4, 14, 9, 10, 2, 123));
  });

  it('refuses what is not a date-time between 2000 and 2100', () => {
    for (const text of [
      '',
      'yesterday',
      '2024-05-14',
      '2024-02-30T00:00:00Z',
      '2024-05-14T24:00:00Z',
      '1999-12-31T23:59:59Z',
      '2024-05-14T09:10:02 00:00',
    ])
      expect(parseAgilicusTime(text)).toBeUndefined();
  });

  it('writes window bounds as RFC 3339 UTC with milliseconds', () => {
    expect(formatAgilicusBound(Date.UTC(2026, 10, 20, 12, 0, 0, 5))).toBe('2026-11-20T12:00:00.005Z');
  });
});

describe('Agilicus schema and normalizer', () => {
  it('validates the published /v1/audits example and normalizes it sensibly', () => {
    const list = agilicusAuditListSchema.parse(AUDITS_EXAMPLE);
    const record = list.audits?.[0];
    if (!record || !hasReadableTime(record)) throw new Error('no record');
    const [id = ''] = recordIds([record]);
    const event = normalizeAgilicusAudit(record, id, false);
    expect(auditEventSchema.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      key: `agilicus.audits:${id}`,
      provider: 'agilicus',
      source: 'agilicus.audits',
      time: Date.UTC(2024, 4, 14, 9, 12, 44, 512),
      action: 'UPDATE',
      category: 'configuration',
      outcome: 'success',
      actor: { id: 'Xk3Rr9tq2P4aBz7', type: 'user' },
      target: { id: 'Ap7Vd2Hs9', type: 'application' },
      scope: { org: 'Gk2Lm8Zq1' },
      ip: '203.0.113.7',
      traceId: 'a1b2c3d4e5',
      sessionId: 'S9d8f7',
      demo: false,
    });
    expect(event.summary).toBe(
      'User Xk3Rr9tq2P4aBz7 updated application Ap7Vd2Hs9 (applications API) from 203.0.113.7',
    );
    expect(event.raw).toBe(record);
    expect((event.raw as { time: string }).time).toBe('2024-05-14T09:12:44.512000+00:00');
  });

  it('validates the published /v1/auth_audits example and normalizes it sensibly', () => {
    const list = agilicusAuthAuditListSchema.parse(AUTH_EXAMPLE);
    const record = list.auth_audits?.[0];
    if (!record || !hasReadableTime(record)) throw new Error('no record');
    const [id = ''] = recordIds([record]);
    const event = normalizeAgilicusAuth(record, id, true);
    expect(auditEventSchema.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      key: `agilicus.auth:${id}`,
      source: 'agilicus.auth',
      time: Date.UTC(2024, 4, 14, 9, 10, 2),
      action: 'Authentication Request',
      category: 'authentication',
      outcome: 'success',
      actor: { id: 'Xk3Rr9tq2P4aBz7', type: 'user' },
      target: { id: 'admin-portal', name: 'admin', type: 'application' },
      scope: { org: 'Gk2Lm8Zq1' },
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0',
      requestId: 'r-3f2e',
      traceId: 't-77',
      sessionId: 'S9d8f7',
      demo: true,
    });
    expect(event.summary).toBe(
      'Authentication Request: Success for user Xk3Rr9tq2P4aBz7 from 203.0.113.7 via google to admin',
    );
  });

  it('keeps unknown fields, accepts a missing list, and names an upstream email as the actor', () => {
    const list = agilicusAuthAuditListSchema.parse({
      limit: 10,
      auth_audits: [
        {
          time: '2026-11-20T10:00:00.000001Z',
          upstream_user_id: 'alice@example.com',
          result: 'Failure',
          extra: { a: 1 },
        },
      ],
    });
    const record = list.auth_audits?.[0];
    if (!record || !hasReadableTime(record)) throw new Error('no record');
    expect(record).toHaveProperty('extra', { a: 1 });
    const event = normalizeAgilicusAuth(record, 'x', false);
    expect(event.actor).toMatchObject({ email: 'alice@example.com', name: 'alice@example.com' });
    expect(event.outcome).toBe('failure');
    expect(event.summary).toBe('Authentication: Failure for alice@example.com');
    expect(agilicusAuditListSchema.parse({ limit: 5 }).audits).toBeUndefined();
    expect(agilicusAuditListSchema.parse({ limit: 5, audits: [], attributes_total: 0 })).toHaveProperty(
      'attributes_total',
      0,
    );
  });

  it('accepts a record without a readable time (every field is optional), and tells it apart', () => {
    const list = agilicusAuthAuditListSchema.parse({
      limit: 3,
      auth_audits: [{ time: '14/05/2024 09:10' }, {}, { time: '2024-05-14T09:10:00Z' }],
    });
    expect(list.auth_audits?.map(hasReadableTime)).toEqual([false, false, true]);
    expect(agilicusAuditListSchema.safeParse({ audits: [{ time: 5 }] }).success).toBe(false);
  });
});
