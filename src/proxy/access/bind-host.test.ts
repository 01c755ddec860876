import { describe, expect, it } from 'vitest';
import { bindHost } from '../server-env.ts';

const TOKEN = 'a-long-random-access-token';

describe('bindHost', () => {
  it('listens on loopback by default and on any loopback spelling', () => {
    expect(bindHost({})).toBe('127.0.0.1');
    expect(bindHost({ AUDIT_LENS_HOST: '  ' })).toBe('127.0.0.1');
    for (const host of ['localhost', '::1', '[::1]', '127.0.0.1'])
      expect(bindHost({ AUDIT_LENS_HOST: host })).toBe(host);
  });

  it('refuses any other address without an access token or a trusted proxy, and says why', () => {
    for (const host of ['0.0.0.0', '192.168.1.20', '::', 'audit.example.com']) {
      expect(() => bindHost({ AUDIT_LENS_HOST: host })).toThrow(
        /refuses to listen on .*AUDIT_LENS_ACCESS_TOKEN.*AUDIT_LENS_TRUSTED_PROXY=1/,
      );
    }
    expect(() => bindHost({ AUDIT_LENS_HOST: '0.0.0.0', AUDIT_LENS_TRUSTED_PROXY: 'true' })).toThrow();
  });

  it('allows another address with a long enough access token or behind a trusted proxy', () => {
    expect(bindHost({ AUDIT_LENS_HOST: '0.0.0.0', AUDIT_LENS_ACCESS_TOKEN: TOKEN })).toBe('0.0.0.0');
    expect(bindHost({ AUDIT_LENS_HOST: '10.0.0.5', AUDIT_LENS_TRUSTED_PROXY: '1' })).toBe('10.0.0.5');
  });

  it('refuses a short access token wherever it listens, without printing it', () => {
    const short = 'tooShort-123';
    for (const env of [
      { AUDIT_LENS_HOST: '0.0.0.0', AUDIT_LENS_ACCESS_TOKEN: short },
      { AUDIT_LENS_ACCESS_TOKEN: short },
      { AUDIT_LENS_HOST: '0.0.0.0', AUDIT_LENS_ACCESS_TOKEN: short, AUDIT_LENS_TRUSTED_PROXY: '1' },
    ]) {
      let message = '';
      try {
        bindHost(env);
      } catch (error) {
        message = error instanceof Error ? error.message : '';
      }
      expect(message).toMatch(/AUDIT_LENS_ACCESS_TOKEN is 12 characters long; use at least 16/);
      expect(message).not.toContain(short);
    }
  });
});
