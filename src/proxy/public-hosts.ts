import type { ServerEnv } from './config.ts';

export const PUBLIC_HOST_VARIABLE = 'AUDIT_LENS_PUBLIC_HOST';

/** A DNS name (or dotted IPv4 address) of letters, digits and inner hyphens: no scheme, port, path or wildcard. */
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

export class PublicHostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PublicHostError';
  }
}

/**
 * The extra host names the server answers to, from a comma-separated list; blanks are skipped, names are
 * lower-cased. Anything but a bare name is refused with an error naming the variable.
 *
 * @example parsePublicHosts('audit.example.com, Audit.Internal') // ['audit.example.com', 'audit.internal']
 * @example parsePublicHosts('https://audit.example.com') // throws PublicHostError
 */
export function parsePublicHosts(value: string | undefined): string[] {
  const names = new Set<string>();
  for (const item of (value ?? '').split(',')) {
    const name = item.trim().toLowerCase();
    if (!name) continue;
    if (!HOST_NAME.test(name)) {
      throw new PublicHostError(
        `Audit Lens refuses to start: ${PUBLIC_HOST_VARIABLE} holds ${JSON.stringify(item.trim().slice(0, 100))}, ` +
          'which is not a bare host name. List names such as audit.example.com, separated by commas: ' +
          'no scheme (https://), no port (:443), no path and no wildcard (*.example.com or .example.com).',
      );
    }
    names.add(name);
  }
  return [...names];
}

/**
 * The public names from the environment. A name means people reach the server through something other than
 * this machine's loopback, so, as for a non-loopback AUDIT_LENS_HOST, it needs AUDIT_LENS_ACCESS_TOKEN or
 * AUDIT_LENS_TRUSTED_PROXY=1.
 *
 * @example publicHosts({ AUDIT_LENS_PUBLIC_HOST: 'audit.example.com', AUDIT_LENS_TRUSTED_PROXY: '1' }) // ['audit.example.com']
 */
export function publicHosts(env: ServerEnv): string[] {
  const names = parsePublicHosts(env[PUBLIC_HOST_VARIABLE]);
  const guarded = Boolean(env.AUDIT_LENS_ACCESS_TOKEN?.trim()) || env.AUDIT_LENS_TRUSTED_PROXY === '1';
  if (names.length > 0 && !guarded) {
    throw new PublicHostError(
      `Audit Lens refuses to start: ${PUBLIC_HOST_VARIABLE} makes it answer to ${names.join(', ')}, ` +
        'but nobody would need to sign in. Set AUDIT_LENS_ACCESS_TOKEN, or AUDIT_LENS_TRUSTED_PROXY=1 when an ' +
        'authenticating reverse proxy is in front.',
    );
  }
  return names;
}
