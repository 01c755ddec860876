import type { SimulatorClock } from './clock.ts';
import type { RateLimit } from './rate-limit.ts';

/** What every simulator is built from: where it answers, its clock and its volume. */
export interface SimulatorOptions {
  /** The provider's base URL the handlers answer under, e.g. `https://api.openai.com/v1`. */
  baseUrl: string;
  clock: SimulatorClock;
  /** Multiplies the default volume (AUDIT_LENS_DEMO_SCALE). */
  scale: number;
  /** The API's rate limit; DEFAULT_RATE_LIMIT when absent, none when false. */
  rateLimit?: RateLimit | false;
}
