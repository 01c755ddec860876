import type { SimulatorClock } from '../../providers/simulator-kit/clock.ts';
import type { ProviderStatus } from '../../providers/status-schema.ts';
import type { ServerEnv } from '../config.ts';
import type { ProviderUpstream } from '../upstream.ts';

/** What a provider's upstream factory is given: its status, the server's environment and the demo plumbing. */
export interface UpstreamContext {
  status: ProviderStatus;
  env: ServerEnv;
  clock: SimulatorClock;
  scale: number;
  /** Wraps a simulator's sender with the test-only fault switch when it is enabled. */
  wrapDemo: (send: ProviderUpstream['send']) => ProviderUpstream['send'];
  log: (line: string) => void;
}

/** Builds a provider's upstream for its mode, or undefined when it is neither live nor demo. */
export type UpstreamFactory = (context: UpstreamContext) => ProviderUpstream | undefined;
