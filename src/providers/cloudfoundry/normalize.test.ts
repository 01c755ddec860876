import { describe, expect, it } from 'vitest';
import { cloudFoundryClassification } from './mapping.ts';
import { normalizeCloudFoundryEvent } from './normalize.ts';
import { cfAuditEventListSchema } from './schema.ts';

/** The composed example of the provider reference (`GET /v3/audit_events?order_by=-created_at&per_page=2…`). */
const PUBLISHED_EXAMPLE = {
  pagination: {
    total_results: 3,
    total_pages: 2,
    first: {
      href: 'https://api.example.org/v3/audit_events?created_ats%5Bgte%5D=2024-05-14T00%3A00%3A00Z&order_by=-created_at&page=1&per_page=2',
    },
    last: {
      href: 'https://api.example.org/v3/audit_events?created_ats%5Bgte%5D=2024-05-14T00%3A00%3A00Z&order_by=-created_at&page=2&per_page=2',
    },
    next: {
      href: 'https://api.example.org/v3/audit_events?created_ats%5Bgte%5D=2024-05-14T00%3A00%3A00Z&order_by=-created_at&page=2&per_page=2',
    },
    previous: null,
  },
  resources: [
    {
      guid: '5c0a7c2e-2f0e-4d55-9a8b-6a1f7d1e2b01',
      created_at: '2024-05-14T09:12:44Z',
      updated_at: '2024-05-14T09:12:44Z',
      type: 'audit.app.process.crash',
      actor: { guid: '0f7a…', type: 'process', name: 'web' },
      target: { guid: '2e3151ba-9a63-4345-9c5b-6d8c238f4e55', type: 'app', name: 'my-app' },
      data: {
        index: 0,
        reason: 'CRASHED',
        exit_description: 'APP/PROC/WEB: Exited with status 137',
        instance: 'c1f0…',
        cell_id: '7b8e…',
      },
      space: { guid: 'cb97dd25-d4f7-4185-9e6f-ad6e585c207c' },
      organization: { guid: 'd9be96f5-ea8f-4549-923f-bec882e32e3c' },
      links: {
        self: { href: 'https://api.example.org/v3/audit_events/5c0a7c2e-2f0e-4d55-9a8b-6a1f7d1e2b01' },
      },
    },
    {
      guid: 'a595fe2f-01ff-4965-a50c-290258ab8582',
      created_at: '2024-05-14T09:12:44Z',
      updated_at: '2024-05-14T09:12:44Z',
      type: 'audit.user.space_developer_add',
      actor: { guid: 'd144abe3-3d7b-40d4-b63f-2584798d3ee5', type: 'user', name: 'admin@example.com' },
      target: { guid: '9d1f…', type: 'user', name: 'dev@example.com' },
      data: {},
      space: { guid: 'cb97dd25-d4f7-4185-9e6f-ad6e585c207c' },
      organization: null,
      links: {
        self: { href: 'https://api.example.org/v3/audit_events/a595fe2f-01ff-4965-a50c-290258ab8582' },
      },
    },
  ],
};

function one(resource: Record<string, unknown>) {
  return cfAuditEventListSchema.parse({
    pagination: { total_results: 1, total_pages: 1 },
    resources: [resource],
  }).resources[0]!;
}

const BASE_EVENT = {
  guid: 'e1',
  created_at: '2026-11-20T07:14:03Z',
  updated_at: '2026-11-20T07:14:03Z',
  type: 'audit.app.update',
  actor: { guid: 'u1', type: 'user', name: 'alice.nguyen@example.com' },
  target: { guid: 'a1', type: 'app', name: 'payments-api' },
  data: { request: { environment_variables: '[PRIVATE DATA HIDDEN]' } },
  space: { guid: 's1' },
  organization: { guid: 'o1' },
};

describe('normalizeCloudFoundryEvent', () => {
  it('validates the published example and normalizes each event', () => {
    const list = cfAuditEventListSchema.parse(PUBLISHED_EXAMPLE);
    expect(list.pagination.total_results).toBe(3);
    const [crash, role] = list.resources.map((event) => normalizeCloudFoundryEvent(event, false));
    expect(crash).toMatchObject({
      key: 'cloudfoundry.audit_events:5c0a7c2e-2f0e-4d55-9a8b-6a1f7d1e2b01',
      provider: 'cloudfoundry',
      source: 'cloudfoundry.audit_events',
      time: Date.parse('2024-05-14T09:12:44Z'),
      action: 'audit.app.process.crash',
      category: 'other',
      outcome: 'failure',
      actor: { id: '0f7a…', name: 'web', type: 'process' },
      target: { id: '2e3151ba-9a63-4345-9c5b-6d8c238f4e55', name: 'my-app', type: 'app' },
      scope: { space: 'cb97dd25-d4f7-4185-9e6f-ad6e585c207c', org: 'd9be96f5-ea8f-4549-923f-bec882e32e3c' },
      demo: false,
    });
    expect(crash?.actor.email).toBeUndefined();
    expect(crash?.summary).toBe('Process web of app my-app crashed: APP/PROC/WEB: Exited with status 137');
    expect(role).toMatchObject({
      category: 'authorization',
      outcome: 'success',
      actor: { id: 'd144abe3-3d7b-40d4-b63f-2584798d3ee5', email: 'admin@example.com', type: 'user' },
      target: { name: 'dev@example.com', type: 'user' },
      scope: { space: 'cb97dd25-d4f7-4185-9e6f-ad6e585c207c', org: undefined },
    });
    expect(role?.summary).toBe('admin@example.com made dev@example.com space developer');
    expect(role?.raw).toEqual(PUBLISHED_EXAMPLE.resources[1]);
  });

  it('survives null actor, target, space and organization (trap)', () => {
    const event = normalizeCloudFoundryEvent(
      one({
        ...BASE_EVENT,
        type: 'blob.remove_orphan',
        actor: null,
        target: null,
        space: null,
        organization: null,
        data: { blobstore_key: 'ab/cd/ef' },
      }),
      true,
    );
    expect(event).toMatchObject({ actor: {}, target: {}, scope: {}, category: 'other', demo: true });
    expect(event.summary).toBe('The platform removed an orphaned blob');
    const unknown = normalizeCloudFoundryEvent(one({ ...BASE_EVENT, actor: null, target: null }), false);
    expect(unknown.summary).toBe('The platform updated an app (environment_variables)');
    const missing = normalizeCloudFoundryEvent(
      one({ guid: 'e2', created_at: '2026-11-20T07:14:03Z', type: 'audit.space.create' }),
      false,
    );
    expect(missing).toMatchObject({
      actor: {},
      target: {},
      scope: {},
      summary: 'The platform created space',
    });
  });

  it('writes useful summaries and picks up a request id carried in data', () => {
    const update = normalizeCloudFoundryEvent(
      one({ ...BASE_EVENT, data: { ...BASE_EVENT.data, request_id: '7d6b1f9e' } }),
      false,
    );
    expect(update).toMatchObject({ category: 'configuration', outcome: 'success', requestId: '7d6b1f9e' });
    expect(update.summary).toBe('alice.nguyen@example.com updated app payments-api (environment_variables)');
    const nested = normalizeCloudFoundryEvent(
      one({ ...BASE_EVENT, data: { request: { request_id: 'r-2' } } }),
      false,
    );
    expect(nested.requestId).toBe('r-2');
    const summary = (type: string, extra: Record<string, unknown> = {}) =>
      normalizeCloudFoundryEvent(one({ ...BASE_EVENT, type, ...extra }), false).summary;
    expect(summary('audit.app.ssh-authorized')).toBe(
      'alice.nguyen@example.com opened an SSH session to app payments-api',
    );
    expect(summary('audit.app.ssh-unauthorized')).toBe(
      'SSH to app payments-api refused for alice.nguyen@example.com',
    );
    expect(summary('audit.app.restage')).toBe('alice.nguyen@example.com restaged app payments-api');
    expect(summary('audit.app.delete-request')).toBe(
      'alice.nguyen@example.com requested deletion of app payments-api',
    );
    expect(summary('audit.app.package.upload')).toBe(
      'alice.nguyen@example.com uploaded package of app payments-api',
    );
    expect(summary('audit.app.map-route')).toBe(
      'alice.nguyen@example.com mapped a route to app payments-api',
    );
    expect(
      summary('audit.user.organization_manager_remove', {
        target: { guid: 'u9', type: 'user', name: 'bob@example.com' },
      }),
    ).toBe('alice.nguyen@example.com removed bob@example.com as organization manager');
    expect(
      summary('app.crash', {
        actor: { guid: 'a1', type: 'app', name: 'payments-api' },
        data: { reason: 'CRASHED' },
      }),
    ).toBe('App payments-api crashed: CRASHED');
    // A UAA client acting for itself has an empty name: the guid (its client id) names it.
    expect(
      summary('audit.app.restage', { actor: { guid: 'concourse-deployer', type: 'user', name: '' } }),
    ).toBe('concourse-deployer restaged app payments-api');
  });

  it('classifies with the one mapping table', () => {
    const cases: [string, string, string][] = [
      ['audit.app.ssh-authorized', 'access', 'success'],
      ['audit.app.ssh-unauthorized', 'access', 'failure'],
      ['audit.app.update', 'configuration', 'success'],
      ['audit.app.create', 'lifecycle', 'success'],
      ['audit.app.restage', 'lifecycle', 'success'],
      ['audit.space.create', 'lifecycle', 'success'],
      ['audit.route.delete-request', 'lifecycle', 'success'],
      ['audit.service_instance.create', 'lifecycle', 'success'],
      ['audit.service_instance.update', 'configuration', 'success'],
      ['audit.service_instance.share', 'authorization', 'success'],
      ['audit.user.space_developer_add', 'authorization', 'success'],
      ['audit.user.organization_auditor_remove', 'authorization', 'success'],
      ['audit.app.environment_variables.show', 'access', 'success'],
      ['audit.service_key.create', 'access', 'success'],
      ['audit.app.build.failed', 'build', 'failure'],
      ['audit.app.droplet.create', 'build', 'success'],
      ['audit.space_quota.apply', 'configuration', 'success'],
      ['audit.service_plan_visibility.create', 'authorization', 'success'],
      ['app.crash', 'other', 'failure'],
      ['audit.app.process.crash', 'other', 'failure'],
      ['blob.remove_orphan', 'other', 'success'],
      ['something.new', 'other', 'unknown'],
    ];
    for (const [type, category, outcome] of cases)
      expect({ type, ...cloudFoundryClassification(type) }).toEqual({ type, category, outcome });
  });

  it('keeps unknown fields and rejects records without the required fields or with bad timestamps', () => {
    const kept = one({ ...BASE_EVENT, future_field: { a: 1 }, data: null });
    expect(normalizeCloudFoundryEvent(kept, false).raw).toMatchObject({ future_field: { a: 1 } });
    const parse = (resource: Record<string, unknown>) =>
      cfAuditEventListSchema.safeParse({
        pagination: { total_results: 1, total_pages: 1 },
        resources: [resource],
      }).success;
    expect(parse({ ...BASE_EVENT, guid: undefined })).toBe(false);
    expect(parse({ ...BASE_EVENT, type: undefined })).toBe(false);
    expect(parse({ ...BASE_EVENT, created_at: '2026-11-20 07:14:03' })).toBe(false);
    expect(parse({ ...BASE_EVENT, created_at: 1763622843 })).toBe(false);
    expect(parse({ ...BASE_EVENT, created_at: '1970-01-01T00:00:00Z' })).toBe(false);
  });
});
