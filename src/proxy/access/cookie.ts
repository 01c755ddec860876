export const SESSION_COOKIE = 'al_session';

/**
 * Every value a Cookie header holds for one name (a sibling site may have tossed in another).
 *
 * @example cookieValues('a=1; al_session=xyz', 'al_session') // ['xyz']
 */
export function cookieValues(header: string | null, name: string): string[] {
  if (!header) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== name) continue;
    values.push(part.slice(at + 1).trim());
  }
  return values;
}

/**
 * The session cookie: never readable by script, never sent cross-site, Secure when served over HTTPS.
 *
 * @example sessionCookie('id', { secure: false, maxAgeSeconds: 60 })
 * // 'al_session=id; Path=/; Max-Age=60; HttpOnly; SameSite=Strict'
 */
export function sessionCookie(id: string, options: { secure: boolean; maxAgeSeconds: number }): string {
  const attributes = [
    `${SESSION_COOKIE}=${id}`,
    'Path=/',
    `Max-Age=${options.maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Strict',
  ];
  if (options.secure) attributes.push('Secure');
  return attributes.join('; ');
}
