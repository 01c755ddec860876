import type { UpstreamFactory } from './upstream-context.ts';

/** Placeholder until the agilicus upstream lands. */
export const agilicusUpstream: UpstreamFactory = () => undefined;
