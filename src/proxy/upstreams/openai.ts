import { OPENAI_DEMO_ADMIN_KEY, openAiSimulatorHandlers } from '../../providers/openai/simulator/handlers.ts';
import { option } from '../config.ts';
import { bearerAuthorizer } from '../credentials/bearer.ts';
import { sendLive, simulatorSender } from '../upstream.ts';
import type { UpstreamFactory } from './upstream-context.ts';

/** OpenAI: bearer OPENAI_ADMIN_KEY live; the simulator with its own demo key otherwise. */
export const openAiUpstream: UpstreamFactory = ({ status, env, clock, scale, wrapDemo }) => {
  const baseUrl = option(env, 'openai', 'OPENAI_BASE_URL') ?? 'https://api.openai.com/v1';
  if (status.mode === 'live') {
    return { baseUrl, authorize: bearerAuthorizer(env.OPENAI_ADMIN_KEY ?? ''), send: sendLive };
  }
  if (status.mode === 'demo') {
    const handlers = openAiSimulatorHandlers({ baseUrl, clock, scale });
    return {
      baseUrl,
      authorize: bearerAuthorizer(OPENAI_DEMO_ADMIN_KEY),
      send: wrapDemo(simulatorSender(handlers)),
    };
  }
  return undefined;
};
