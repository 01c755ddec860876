import {
  AGILICUS_DEMO_TOKEN,
  agilicusSimulatorHandlers,
} from '../../providers/agilicus/simulator/handlers.ts';
import { option } from '../config.ts';
import { bearerAuthorizer } from '../credentials/bearer.ts';
import { sendLive, simulatorSender } from '../upstream.ts';
import type { UpstreamFactory } from './upstream-context.ts';

/** Agilicus: bearer AGILICUS_TOKEN (an OIDC access token) live; the simulator with its demo token otherwise. */
export const agilicusUpstream: UpstreamFactory = ({ status, env, clock, scale, wrapDemo }) => {
  const baseUrl = option(env, 'agilicus', 'AGILICUS_BASE_URL') ?? 'https://api.agilicus.com';
  if (status.mode === 'live') {
    // A token pasted into .env.local often carries a trailing newline or spaces.
    return { baseUrl, authorize: bearerAuthorizer((env.AGILICUS_TOKEN ?? '').trim()), send: sendLive };
  }
  if (status.mode === 'demo') {
    const handlers = agilicusSimulatorHandlers({ baseUrl, clock, scale });
    return {
      baseUrl,
      authorize: bearerAuthorizer(AGILICUS_DEMO_TOKEN),
      send: wrapDemo(simulatorSender(handlers)),
    };
  }
  return undefined;
};
