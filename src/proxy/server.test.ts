import { describe, expect, it } from 'vitest';
import { createAuditLensServer, testControlAllowed } from './server.ts';

const demo = [{ mode: 'demo' }];

describe('testControlAllowed', () => {
  it('switches the fault control on for a loopback demo server only, and says why not otherwise', () => {
    const lines: string[] = [];
    const allowed = (env: Record<string, string>, statuses = demo) =>
      testControlAllowed({ AUDIT_LENS_TEST_CONTROL: '1', ...env }, statuses, (line) => lines.push(line));
    expect(allowed({})).toBe(true);
    expect(allowed({ AUDIT_LENS_HOST: '127.0.0.1' })).toBe(true);
    expect(lines.at(-1)).toMatch(/fault switch \/api\/_test\/\* is on/);
    expect(allowed({ AUDIT_LENS_HOST: '0.0.0.0' })).toBe(false);
    expect(lines.at(-1)).toBe(
      'AUDIT_LENS_TEST_CONTROL=1 refused: the server binds 0.0.0.0, not loopback; the test-only fault switch stays off',
    );
    expect(allowed({ AUDIT_LENS_ACCESS_TOKEN: 'x'.repeat(32) })).toBe(false);
    expect(allowed({ AUDIT_LENS_TRUSTED_PROXY: '1' })).toBe(false);
    expect(allowed({}, [{ mode: 'live' }, { mode: 'not configured' }])).toBe(false);
    expect(lines.at(-1)).toMatch(/a provider is configured/);
    expect(testControlAllowed({}, demo, (line) => lines.push(line))).toBe(false);
  });

  it('answers no /api/_test/* route on a server with a live provider', async () => {
    const server = createAuditLensServer({ AUDIT_LENS_TEST_CONTROL: '1', OPENAI_ADMIN_KEY: 'sk-admin-x' });
    expect(server.testControl).toBeUndefined();
    const response = await server.handle({
      method: 'POST',
      rawTarget: '/api/_test/reset',
      headers: new Headers({ host: '127.0.0.1:4173', origin: 'http://127.0.0.1:4173' }),
      localPort: 4173,
      body: () => Promise.resolve('{}'),
    });
    expect(response.status).not.toBe(200);
  });
});
