import { getResponse, type RequestHandler } from 'msw';
import {
  CF_DEMO_API_URL,
  CF_DEMO_CLIENT_ID,
  CF_DEMO_CLIENT_SECRET,
  CF_DEMO_UAA_URL,
  cloudFoundrySimulatorHandlers,
} from '../../providers/cloudfoundry/simulator/handlers.ts';
import { CF_REACH_HEADER, cfReachOfScopes } from '../../providers/cloudfoundry/reach.ts';
import type { ServerEnv } from '../config.ts';
import { bearerAuthorizer } from '../credentials/bearer.ts';
import { jwtScopes } from '../credentials/jwt-scopes.ts';
import { forgetRejectedToken, retryRejectedToken, sentToken } from '../credentials/token-retry.ts';
import {
  createUaaTokenSource,
  uaaBearerAuthorizer,
  type TokenFetch,
} from '../credentials/uaa-client-credentials.ts';
import { sendLive, simulatorSender } from '../upstream.ts';
import type { UpstreamFactory } from './upstream-context.ts';

function value(env: ServerEnv, name: string): string | undefined {
  const text = env[name]?.trim();
  return text ? text : undefined;
}

/** A fetch answered in-process by the simulator's handlers (the fake UAA), never by the network. */
export function simulatorFetch(handlers: readonly RequestHandler[]): TokenFetch {
  return async (input, init) => {
    const response = await getResponse([...handlers], new Request(input, init));
    return response ?? Response.json({ error: 'not_found' }, { status: 404 });
  };
}

/** Says whether the token a request carried reads the whole foundation (see reach.ts); nothing when unknown. */
function reachHeader(scopesOf: (token: string | undefined) => readonly string[] | undefined) {
  return (sent: Headers): Record<string, string> => {
    const reach = cfReachOfScopes(scopesOf(sentToken(sent)));
    return reach ? { [CF_REACH_HEADER]: reach } : {};
  };
}

/**
 * Cloud Foundry: CF_API_URL with UAA client credentials (refreshed before expiry; a 401 renews the token
 * and retries once) or a static CF_TOKEN, whose 401 comes through so the UI can say the token expired.
 * Demo: the simulator, with tokens from its fake UAA obtained through the same client-credentials module.
 */
export const cloudFoundryUpstream: UpstreamFactory = ({ status, env, clock, scale, wrapDemo }) => {
  if (status.mode === 'live') {
    const baseUrl = (value(env, 'CF_API_URL') ?? '').replace(/\/+$/, '');
    const uaaUrl = value(env, 'CF_UAA_URL');
    const clientId = value(env, 'CF_CLIENT_ID');
    const clientSecret = value(env, 'CF_CLIENT_SECRET');
    if (uaaUrl && clientId && clientSecret) {
      const tokens = createUaaTokenSource({ uaaUrl, clientId, clientSecret });
      const authorize = uaaBearerAuthorizer(tokens);
      return {
        baseUrl,
        authorize,
        send: retryRejectedToken(tokens, authorize, sendLive),
        annotate: reachHeader(tokens.scopes),
      };
    }
    return {
      baseUrl,
      authorize: bearerAuthorizer(value(env, 'CF_TOKEN') ?? ''),
      send: sendLive,
      // The static token's own claim, read from the header as sent.
      annotate: reachHeader((token) => (token === undefined ? undefined : jwtScopes(token))),
    };
  }
  if (status.mode === 'demo') {
    const handlers = cloudFoundrySimulatorHandlers({
      baseUrl: CF_DEMO_API_URL,
      uaaUrl: CF_DEMO_UAA_URL,
      clock,
      scale,
    });
    const tokens = createUaaTokenSource({
      uaaUrl: CF_DEMO_UAA_URL,
      clientId: CF_DEMO_CLIENT_ID,
      clientSecret: CF_DEMO_CLIENT_SECRET,
      fetch: simulatorFetch(handlers),
      now: () => clock.now(),
    });
    const authorize = uaaBearerAuthorizer(tokens);
    // As for Contabo: an injected 401 goes back as armed, the simulator's own 401 is retried.
    return {
      baseUrl: CF_DEMO_API_URL,
      authorize,
      send: forgetRejectedToken(
        tokens,
        wrapDemo(retryRejectedToken(tokens, authorize, simulatorSender(handlers))),
      ),
      annotate: reachHeader(tokens.scopes),
    };
  }
  return undefined;
};
