import { randomUUID } from 'node:crypto';
import { getResponse } from 'msw';
import {
  CONTABO_DEFAULT_AUTH_URL,
  CONTABO_DEMO_API_PASSWORD,
  CONTABO_DEMO_API_USER,
  CONTABO_DEMO_CLIENT_ID,
  CONTABO_DEMO_CLIENT_SECRET,
  contaboSimulatorHandlers,
} from '../../providers/contabo/simulator/handlers.ts';
import { option } from '../config.ts';
import { passwordGrant, type PasswordGrant } from '../credentials/oauth-password-grant.ts';
import { forgetRejectedToken, retryRejectedToken } from '../credentials/token-retry.ts';
import { sendLive, simulatorSender } from '../upstream.ts';
import type { UpstreamFactory } from './upstream-context.ts';

/** A bearer token from the password grant, and the x-request-id (UUID v4) Contabo requires on every call. */
function contaboAuthorizer(oauth: PasswordGrant) {
  return async (_url: URL, headers: Headers): Promise<void> => {
    headers.set('authorization', `Bearer ${await oauth.token()}`);
    headers.set('x-request-id', randomUUID());
  };
}

/**
 * Contabo: OAuth2 password grant at CONTABO_AUTH_URL with the four CONTABO_* credentials live; in demo the
 * same login against the simulator's fake Keycloak, with the demo credentials. A 401 renews the token and
 * retries once.
 */
export const contaboUpstream: UpstreamFactory = ({ status, env, clock, scale, wrapDemo }) => {
  const baseUrl = option(env, 'contabo', 'CONTABO_BASE_URL') ?? 'https://api.contabo.com';
  const tokenUrl = option(env, 'contabo', 'CONTABO_AUTH_URL') ?? CONTABO_DEFAULT_AUTH_URL;
  if (status.mode === 'live') {
    const oauth = passwordGrant({
      tokenUrl,
      clientId: env.CONTABO_CLIENT_ID ?? '',
      clientSecret: env.CONTABO_CLIENT_SECRET ?? '',
      username: env.CONTABO_API_USER ?? '',
      password: env.CONTABO_API_PASSWORD ?? '',
    });
    const authorize = contaboAuthorizer(oauth);
    return { baseUrl, authorize, send: retryRejectedToken(oauth, authorize, sendLive) };
  }
  if (status.mode === 'demo') {
    const handlers = contaboSimulatorHandlers({ baseUrl, authUrl: tokenUrl, clock, scale });
    const oauth = passwordGrant({
      tokenUrl,
      clientId: CONTABO_DEMO_CLIENT_ID,
      clientSecret: CONTABO_DEMO_CLIENT_SECRET,
      username: CONTABO_DEMO_API_USER,
      password: CONTABO_DEMO_API_PASSWORD,
      fetch: async (request) =>
        (await getResponse(handlers, request)) ?? Response.json({ error: 'not_found' }, { status: 404 }),
    });
    const authorize = contaboAuthorizer(oauth);
    // The retry sits below the test fault switch: an injected 401 reaches the browser as armed (and still
    // forgets the token), while the simulator's own 401 for an expired token is retried as live.
    return {
      baseUrl,
      authorize,
      send: forgetRejectedToken(
        oauth,
        wrapDemo(retryRejectedToken(oauth, authorize, simulatorSender(handlers))),
      ),
    };
  }
  return undefined;
};
