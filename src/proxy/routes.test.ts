import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS, type ProviderId } from '../timeline/audit-event.ts';
import { matchRoute } from './routes.ts';

const known = (id: string): id is ProviderId => (PROVIDER_IDS as readonly string[]).includes(id);
const match = (target: string) => matchRoute(target, known);

describe('matchRoute', () => {
  it('maps every known endpoint to the path relative to the provider base URL', () => {
    expect(match('/api/openai/organization/audit_logs?limit=5')).toMatchObject({
      ok: true,
      provider: 'openai',
      path: 'organization/audit_logs',
      search: 'limit=5',
    });
    expect(match('/api/cloudfoundry/v3/audit_events')).toMatchObject({ ok: true, path: 'v3/audit_events' });
    expect(match('/api/contabo/v1/compute/images/audits')).toMatchObject({ ok: true });
    expect(match('/api/agilicus/v1/auth_audits')).toMatchObject({ ok: true });
    expect(match('/api/parallelcluster/v3/images/custom/img-1/stackevents')).toMatchObject({
      ok: true,
      params: { imageId: 'img-1' },
    });
  });

  it('accepts an encoded slash only inside the ParallelCluster log stream name, re-encoded as one segment', () => {
    const result = match(
      '/api/parallelcluster/v3/images/custom/img-1/logstreams/3.1.2%2F1?nextToken=f%2F123',
    );
    expect(result).toMatchObject({
      ok: true,
      path: 'v3/images/custom/img-1/logstreams/3.1.2%2F1',
      params: { logStreamName: '3.1.2/1' },
    });
    expect(match('/api/parallelcluster/v3/images/custom/img%2F1/stackevents')).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(match('/api/openai/organization%2Faudit_logs')).toMatchObject({ ok: false });
  });

  it.each([
    '/api/openai/organization/../audit_logs',
    '/api/openai/organization/./audit_logs',
    '/api/openai//organization/audit_logs',
    '/api/openai/organization/audit_logs/',
    '/api/openai/organization\\audit_logs',
    '/api/openai/organization/%2e%2e/audit_logs',
    '/api/openai/organization/%2E/audit_logs',
    '/api/openai/organization/%5caudit_logs',
    '/api/openai/organization/%252e%252e',
    '/api/openai/organization/audit_logs%00',
    '/api/parallelcluster/v3/images/custom/img-1/logstreams/..%2F..%2Fetc',
    '/api/parallelcluster/v3/images/custom/img-1/logstreams/%2e%2e',
  ])('refuses traversal and encoding tricks: %s', (target) => {
    expect(match(target).ok).toBe(false);
  });

  it('refuses unknown providers, endpoints and query parameters with 4xx', () => {
    expect(match('/api/github/repos')).toMatchObject({ ok: false, status: 404 });
    expect(match('/api/openai/organization/users')).toMatchObject({ ok: false, status: 404 });
    expect(match('/api/openai/ORGANIZATION/audit_logs')).toMatchObject({ ok: false, status: 404 });
    expect(match('/api/openai/organization/audit_logs?url=http://evil.example')).toMatchObject({
      ok: false,
      status: 400,
      code: 'unknown_parameter',
    });
  });
});
