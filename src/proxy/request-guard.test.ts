import { describe, expect, it } from 'vitest';
import { checkRequestOrigin, defaultHostnames } from './request-guard.ts';

const base = {
  localPort: 4173,
  hostnames: defaultHostnames('127.0.0.1'),
  origin: undefined,
  secFetchSite: undefined,
};

describe('checkRequestOrigin', () => {
  it('accepts same-origin requests to the bound host and port', () => {
    expect(
      checkRequestOrigin({
        ...base,
        host: '127.0.0.1:4173',
        secFetchSite: 'same-origin',
        origin: 'http://127.0.0.1:4173',
      }).ok,
    ).toBe(true);
    expect(checkRequestOrigin({ ...base, host: 'localhost:4173' }).ok).toBe(true);
  });

  it('refuses a foreign Host (DNS rebinding) and a wrong port', () => {
    expect(checkRequestOrigin({ ...base, host: 'attacker.example:4173' })).toMatchObject({
      ok: false,
      code: 'foreign_host',
    });
    expect(checkRequestOrigin({ ...base, host: '127.0.0.1:9999' })).toMatchObject({
      ok: false,
      code: 'foreign_host',
    });
    expect(checkRequestOrigin({ ...base, host: undefined })).toMatchObject({ ok: false });
    expect(checkRequestOrigin({ ...base, host: '127.0.0.1:4173@evil.example' })).toMatchObject({ ok: false });
  });

  it('refuses cross-site requests by Sec-Fetch-Site or Origin', () => {
    expect(checkRequestOrigin({ ...base, host: '127.0.0.1:4173', secFetchSite: 'cross-site' })).toMatchObject(
      { ok: false, code: 'cross_site' },
    );
    expect(checkRequestOrigin({ ...base, host: '127.0.0.1:4173', secFetchSite: 'same-site' })).toMatchObject({
      ok: false,
    });
    expect(
      checkRequestOrigin({ ...base, host: '127.0.0.1:4173', origin: 'https://evil.example' }),
    ).toMatchObject({ ok: false, code: 'cross_site' });
    expect(checkRequestOrigin({ ...base, host: '127.0.0.1:4173', origin: 'null' })).toMatchObject({
      ok: false,
    });
  });

  it('answers public names on any port, and only the names listed', () => {
    const withPublic = { ...base, publicHostnames: new Set(['audit.example.com']) };
    for (const host of ['audit.example.com', 'audit.example.com:443', 'Audit.Example.Com:8443'])
      expect(checkRequestOrigin({ ...withPublic, host }).ok, host).toBe(true);
    expect(
      checkRequestOrigin({ ...withPublic, host: 'audit.example.com', origin: 'https://audit.example.com' })
        .ok,
    ).toBe(true);
    for (const host of ['other.example.com', 'audit.example.com.evil.example', 'example.com'])
      expect(checkRequestOrigin({ ...withPublic, host }), host).toMatchObject({
        ok: false,
        code: 'foreign_host',
      });
    expect(checkRequestOrigin({ ...base, host: 'audit.example.com' })).toMatchObject({ ok: false });
    expect(
      checkRequestOrigin({ ...withPublic, host: 'audit.example.com', secFetchSite: 'cross-site' }),
    ).toMatchObject({ ok: false, code: 'cross_site' });
  });
});
