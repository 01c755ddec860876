import { loadEnv } from 'vite';
import { MIN_ACCESS_TOKEN_LENGTH } from './access/token.ts';
import type { ServerEnv } from './config.ts';
import { isLoopbackHost } from './loopback.ts';

/**
 * The server's configuration: the process environment over a git-ignored `.env.local`. Read in Node only;
 * nothing here is VITE_-prefixed, so none of it can reach the bundle. `AUDIT_LENS_ENV_FILE=none` skips the
 * file (the e2e tests do, so a developer's real credentials never reach a test run).
 */
export function readServerEnv(mode: string, cwd: string, processEnv: ServerEnv = process.env): ServerEnv {
  if (processEnv.AUDIT_LENS_ENV_FILE === 'none') return { ...processEnv };
  return { ...loadEnv(mode, cwd, ''), ...processEnv };
}

/**
 * Where the server may listen. Loopback by default; any other address only with an access token (at least
 * MIN_ACCESS_TOKEN_LENGTH characters) or an authenticating reverse proxy in front, otherwise it refuses to
 * start and says why. A token that is set but too short is refused wherever the server listens.
 *
 * @example bindHost({}) // '127.0.0.1'
 * @example bindHost({ AUDIT_LENS_HOST: '0.0.0.0', AUDIT_LENS_ACCESS_TOKEN: 'a-long-random-token-123' }) // '0.0.0.0'
 */
export function bindHost(env: ServerEnv): string {
  const host = env.AUDIT_LENS_HOST?.trim() || '127.0.0.1';
  const token = env.AUDIT_LENS_ACCESS_TOKEN?.trim() ?? '';
  if (token && token.length < MIN_ACCESS_TOKEN_LENGTH) {
    throw new Error(
      `Audit Lens refuses to start: AUDIT_LENS_ACCESS_TOKEN is ${token.length} characters long; ` +
        `use at least ${MIN_ACCESS_TOKEN_LENGTH} random characters (for example: openssl rand -base64 32).`,
    );
  }
  if (isLoopbackHost(host)) return host;
  if (token || env.AUDIT_LENS_TRUSTED_PROXY === '1') return host;
  throw new Error(
    `Audit Lens refuses to listen on ${host}: the proxy holds provider credentials and nobody would need to sign in. ` +
      'Keep AUDIT_LENS_HOST on 127.0.0.1, set AUDIT_LENS_ACCESS_TOKEN (at least ' +
      `${MIN_ACCESS_TOKEN_LENGTH} characters; people then sign in once with it), ` +
      'or set AUDIT_LENS_TRUSTED_PROXY=1 when an authenticating reverse proxy is in front.',
  );
}

export function listenPort(env: ServerEnv, fallback: number): number {
  const port = Number(env.PORT);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : fallback;
}
