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
import { sendLive, simulatorSender, type ProviderUpstream } from '../upstream.ts';
import type { UpstreamFactory } from './upstream-context.ts';

/** A bearer token from the password grant, and the x-request-id (UUID v4) Contabo requires on every call. */
function contaboAuthorizer(oauth: PasswordGrant) {
  return async (_url: URL, headers: Headers): Promise<void> => {
    headers.set('authorization', `Bearer ${await oauth.token()}`);
    headers.set('x-request-id', randomUUID());
  };
}

/** A 401 means the cached token is no longer accepted: the next request logs in again. */
function forgettingRejectedTokens(
  oauth: PasswordGrant,
  send: ProviderUpstream['send'],
): ProviderUpstream['send'] {
  return async (url, headers, signal) => {
    const response = await send(url, headers, signal);
    if (response.status === 401) oauth.invalidate();
    return response;
  };
}

/**
 * Contabo: OAuth2 password grant at CONTABO_AUTH_URL with the four CONTABO_* credentials live; in demo the
 * same login against the simulator's fake Keycloak, with the demo credentials.
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
    return { baseUrl, authorize: contaboAuthorizer(oauth), send: forgettingRejectedTokens(oauth, sendLive) };
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
    return {
      baseUrl,
      authorize: contaboAuthorizer(oauth),
      send: forgettingRejectedTokens(oauth, wrapDemo(simulatorSender(handlers))),
    };
  }
  return undefined;
};
