import { describe, expect, it } from 'vitest';
import { jwtScopes, scopeList } from './jwt-scopes.ts';

const jwt = (claims: unknown) =>
  `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2lnbmF0dXJl`;

describe('jwtScopes', () => {
  it("reads UAA's scope claim, an array", () => {
    expect(jwtScopes(jwt({ scope: ['cloud_controller.read', 'openid'], sub: 'x' }))).toEqual([
      'cloud_controller.read',
      'openid',
    ]);
  });

  it('reads a space-separated scope claim too', () => {
    expect(jwtScopes(jwt({ scope: 'cloud_controller.global_auditor openid' }))).toEqual([
      'cloud_controller.global_auditor',
      'openid',
    ]);
  });

  it.each([
    ['an opaque token', 'static-token'],
    ['a payload that is not JSON', 'a.bm90IGpzb24.c'],
    ['no scope claim', jwt({ sub: 'x' })],
    ['a scope of numbers', jwt({ scope: [1, 2] })],
    ['a JSON null payload', jwt(null)],
  ])('knows nothing of %s', (_name, token) => {
    expect(jwtScopes(token)).toBeUndefined();
  });
});

describe('scopeList', () => {
  it('drops the blanks of a space-separated scope', () => {
    expect(scopeList(' a  b ')).toEqual(['a', 'b']);
    expect(scopeList(undefined)).toBeUndefined();
  });
});
