import { describe, expect, it } from 'vitest';
import { parsePublicHosts, PublicHostError, publicHosts } from './public-hosts.ts';
import { createAuditLensServer } from './server.ts';

describe('parsePublicHosts', () => {
  it('reads a comma-separated list of names, lower-cased, blanks and repeats dropped', () => {
    expect(parsePublicHosts(undefined)).toEqual([]);
    expect(parsePublicHosts(' , ')).toEqual([]);
    expect(parsePublicHosts('audit.example.com')).toEqual(['audit.example.com']);
    expect(parsePublicHosts(' Audit.Example.com ,audit-lens.internal,,audit.example.com')).toEqual([
      'audit.example.com',
      'audit-lens.internal',
    ]);
    expect(parsePublicHosts('auditbox,10.0.0.5')).toEqual(['auditbox', '10.0.0.5']);
  });

  it('refuses wildcards, ports, schemes, paths and other non-names, naming the variable', () => {
    for (const bad of [
      '*.example.com',
      '.example.com',
      'audit.example.com:443',
      'https://audit.example.com',
      'audit.example.com/lens',
      'audit.example.com.',
      '-audit.example.com',
      'audit..example.com',
      'audit example.com',
      '[::1]',
      'user@audit.example.com',
      `${'a'.repeat(64)}.example.com`,
    ]) {
      expect(() => parsePublicHosts(`ok.example.com,${bad}`), bad).toThrow(PublicHostError);
      expect(() => parsePublicHosts(bad), bad).toThrow(/AUDIT_LENS_PUBLIC_HOST .*not a bare host name/);
    }
  });
});

describe('publicHosts', () => {
  it('needs an access token or a trusted proxy once a name is listed', () => {
    expect(publicHosts({})).toEqual([]);
    expect(() => publicHosts({ AUDIT_LENS_PUBLIC_HOST: 'audit.example.com' })).toThrow(
      /AUDIT_LENS_PUBLIC_HOST .*AUDIT_LENS_ACCESS_TOKEN.*AUDIT_LENS_TRUSTED_PROXY=1/,
    );
    expect(
      publicHosts({ AUDIT_LENS_PUBLIC_HOST: 'audit.example.com', AUDIT_LENS_TRUSTED_PROXY: '1' }),
    ).toEqual(['audit.example.com']);
    expect(
      publicHosts({
        AUDIT_LENS_PUBLIC_HOST: 'audit.example.com',
        AUDIT_LENS_ACCESS_TOKEN: 'a-long-random-access-token',
      }),
    ).toEqual(['audit.example.com']);
  });
});

describe('the proxy behind a public name', () => {
  const status = (server: ReturnType<typeof createAuditLensServer>, host: string) =>
    server.handle({
      method: 'GET',
      rawTarget: '/api/_status',
      headers: new Headers({ host }),
      localPort: 4173,
    });

  it('answers /api under the listed names on any port, and still refuses other names', async () => {
    const server = createAuditLensServer({
      AUDIT_LENS_PUBLIC_HOST: 'audit.example.com',
      AUDIT_LENS_TRUSTED_PROXY: '1',
    });
    expect((await status(server, 'audit.example.com')).status).toBe(200);
    expect((await status(server, 'AUDIT.example.com:8443')).status).toBe(200);
    expect((await status(server, '127.0.0.1:4173')).status).toBe(200);
    expect((await status(server, 'evil.example.com')).status).toBe(403);
    expect((await status(server, 'audit.example.com.evil.example')).status).toBe(403);
  });

  it('answers no public name unless one is listed', async () => {
    const server = createAuditLensServer({});
    expect((await status(server, 'audit.example.com')).status).toBe(403);
  });

  it('refuses to start with a malformed name', () => {
    expect(() =>
      createAuditLensServer({
        AUDIT_LENS_PUBLIC_HOST: 'https://audit.example.com',
        AUDIT_LENS_TRUSTED_PROXY: '1',
      }),
    ).toThrow(/AUDIT_LENS_PUBLIC_HOST/);
  });
});
