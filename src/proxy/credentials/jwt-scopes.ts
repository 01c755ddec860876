/**
 * The `scope` claim of a JWT access token (UAA writes an array; a space-separated string is read too),
 * read without verifying the signature: it only words a notice, it grants nothing. `undefined` for a
 * token that is not a JWT or has no readable claim.
 *
 * @example jwtScopes(`h.${btoa('{"scope":["cloud_controller.read"]}')}.s`) // ['cloud_controller.read']
 */
export function jwtScopes(token: string): string[] | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1] || parts[1].length > 16_384) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof claims !== 'object' || claims === null || !('scope' in claims)) return undefined;
  return scopeList(claims.scope);
}

/** OAuth's `scope`: a space-separated string (a token response) or an array of strings (a JWT claim). */
export function scopeList(scope: unknown): string[] | undefined {
  if (typeof scope === 'string') return scope.split(' ').filter(Boolean);
  if (Array.isArray(scope) && scope.every((item) => typeof item === 'string')) return scope;
  return undefined;
}
