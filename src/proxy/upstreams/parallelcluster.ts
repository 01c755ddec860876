import type { UpstreamFactory } from './upstream-context.ts';

/** Placeholder until the parallelcluster upstream lands. */
export const parallelClusterUpstream: UpstreamFactory = () => undefined;
