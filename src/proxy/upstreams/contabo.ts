import type { UpstreamFactory } from './upstream-context.ts';

/** Placeholder until the contabo upstream lands. */
export const contaboUpstream: UpstreamFactory = () => undefined;
